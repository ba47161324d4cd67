"""A reader in Chromium: SDG badges readable on their official colours, in light and dark schemes;
from a case study to its target, back to the case study and on to its city, in one language."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

CONTRAST = """(el) => {
  const rgb = (s) => s.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
  const lum = (c) => { const v = c.map((x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
                       return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const s = getComputedStyle(el);
  const [a, b] = [lum(rgb(s.color)), lum(rgb(s.backgroundColor))].sort((x, y) => y - x);
  return {ratio: (a + 0.05) / (b + 0.05), background: s.backgroundColor};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_sdg_badges_keep_their_colours_and_contrast(page, site_url, scheme: str):
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site_url}/sdg/")
    for goal, background in (("4", "rgb(197, 25, 45)"), ("11", "rgb(253, 157, 36)")):
        badges = page.locator(f"article a.lcp-sdg-badge--{goal}")
        assert badges.count() >= 10
        for i in (0, badges.count() - 1):
            result = badges.nth(i).evaluate(CONTRAST)
            assert result["background"] == background
            assert result["ratio"] >= 4.5, (goal, result)
        badges.first.hover()  # Material recolours hovered links: the badge must not change
        assert badges.first.evaluate(CONTRAST)["ratio"] >= 4.5


def test_from_case_study_to_target_and_city_in_spanish(page, site_url):
    page.goto(f"{site_url}/es/case-studies/medellin-iclc4-2019/")
    assert page.locator("article h1").inner_text().startswith("Medellín acoge la cuarta Conferencia")
    page.locator("article a.lcp-sdg-badge", has_text="Meta 4.5").click()
    page.wait_for_url(f"{site_url}/es/sdg/4-5/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert "traducción no oficial" in page.locator("article").inner_text()
    page.get_by_role("link", name="Medellín acoge la cuarta Conferencia Internacional sobre Ciudades del Aprendizaje").click()
    page.wait_for_url(f"{site_url}/es/case-studies/medellin-iclc4-2019/")
    page.locator("a.lcp-city-card").first.click()
    page.wait_for_url(f"{site_url}/es/cities/medellin/")
    assert page.locator("h2#case-studies").is_visible()


def test_arabic_target_page_reads_right_to_left_with_the_target_number_intact(page, site_url):
    page.goto(f"{site_url}/ar/sdg/11-a/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    badge = page.locator("article .lcp-sdg-badge--current")
    # Displayed left to right as "11.a" (not flipped to "a.11" by the Arabic around it).
    positions = badge.evaluate("""(el) => {
      const node = el.firstChild, i = node.data.indexOf("11.a");
      const x = (k) => { const r = document.createRange(); r.setStart(node, k); r.setEnd(node, k + 1); return r.getBoundingClientRect().x; };
      return [x(i), x(i + 3)];
    }""")
    assert positions[0] < positions[1], positions
