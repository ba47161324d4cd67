"""A reader in Chromium: the home page (figures, map, cards) in English, Arabic and Chinese with
and without JavaScript, at desktop and phone widths; and the smaller defects of issue 14: the
award table's spacing, heading permalinks on phones, the 404 page's list of languages, the
language menu (every entry visible, the current one marked, the #section kept)."""

from __future__ import annotations

import pytest

from portal.i18n.languages import t
from portal.i18n.languages import url_prefix as prefix
from portal.i18n.localize import number
from portal.model.loader import load
from portal.site.pages import home
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

NETWORK = load(ROOT)
LIBRARY = NETWORK.case_studies


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("width", [1280, 390])
def test_home_shows_figures_map_and_cards(browser, site_url, lang, js, width):
    context = browser.new_context(java_script_enabled=js, viewport={"width": width, "height": 900})
    pg = context.new_page()
    pg.goto(f"{site_url}/{prefix(lang)}")
    s = home.summary(NETWORK, LIBRARY, lang)
    assert pg.evaluate("getComputedStyle(document.body).direction") == ("rtl" if lang == "ar" else "ltr")
    values = pg.locator(".lcp-stat__value")
    assert values.first.is_visible() and values.first.inner_text() == number(425, lang)
    assert pg.get_by_text(t("home.members", lang), exact=True).is_visible()
    # The map: drawn, wide, its outlines loaded from the shared file, its markers on top.
    svg = pg.locator("article figure.lcp-map svg")
    svg.scroll_into_view_if_needed()
    box = svg.bounding_box()
    assert box["width"] > 0.8 * min(width, 1220) - 40 and box["height"] > 100
    assert pg.locator("article figure.lcp-map svg a:visible").first.is_visible()  # the layer for this width
    # Cards: every winner of the latest round and the newest case studies, each with a link.
    cards = pg.locator(".lcp-home-cards > li")
    assert cards.count() == len(s.winners)
    cards.last.scroll_into_view_if_needed()
    assert cards.last.is_visible()
    # Its picture or emblem loads (lazily, once scrolled to).
    pg.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=cards.last.locator("img").element_handle(), timeout=15000)
    studies = pg.locator(".lcp-home-study")
    assert studies.count() == len(s.studies) and studies.last.is_visible()
    # Nothing wider than the screen (no sideways scrolling on a phone).
    assert pg.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_award_rounds_table_keeps_its_columns_apart(page, site_url):
    page.goto(f"{site_url}/awards/")
    row = page.locator("table.lcp-rounds tbody tr").nth(1)  # 2017: "Sep 18 – 20, 2017" then "16"
    gaps = row.evaluate("""tr => {
        const cells = [...tr.children];
        const text = (c) => { const r = document.createRange(); r.selectNodeContents(c); return r.getBoundingClientRect(); };
        return cells.slice(1).map((c, i) => text(c).left - text(cells[i]).right);
    }""")
    assert all(gap >= 12 for gap in gaps), gaps


@pytest.mark.parametrize("url", ["about/", "ar/case-studies/medellin-iclc4-2019/", "zh/sdg/4-1/"])
def test_hidden_permalinks_take_no_room_on_phones(browser, site_url, url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    pg = context.new_page()
    pg.goto(f"{site_url}/{url}")
    for heading in pg.locator("article :is(h1, h2)").all()[:4]:
        with_link = heading.bounding_box()["height"]
        heading.evaluate("h => h.querySelectorAll('.headerlink').forEach(a => a.remove())")
        assert heading.bounding_box()["height"] == with_link, heading.inner_text()
    h1 = pg.locator("article h1").first
    assert h1.bounding_box()["height"] < 2.2 * float(h1.evaluate("h => parseFloat(getComputedStyle(h).lineHeight)")) or url.startswith("ar/")
    context.close()


def test_404_lists_other_languages_on_the_pages_side(page, site_url):
    page.goto(f"{site_url}/404.html")
    assert page.title() == "Page not found - Learning Cities Portal"
    items = page.locator(".lcp-notfound-languages li")
    lefts = [li.evaluate("li => { const r = document.createRange(); r.selectNodeContents(li); return r.getBoundingClientRect().left; }") for li in items.all()]
    assert max(lefts) - min(lefts) < 2, lefts  # the Arabic line starts where the others do
    assert all(li.evaluate("li => getComputedStyle(li).direction") == "ltr" for li in items.all())
    page.goto(f"{site_url}/ar/404.html")
    assert page.title().startswith(t("notfound.title", "ar"))


@pytest.mark.parametrize("lang, width", [("fr", 1280), ("ar", 1280), ("zh", 390)])
def test_language_menu_shows_every_language_and_marks_the_current_one(page, site_url, lang, width):
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(f"{site_url}/{prefix(lang)}about/")
    page.locator(".md-header__option .md-select").hover()
    page.wait_for_timeout(400)  # Material's opening transition
    menu = page.locator(".md-select__inner").bounding_box()
    links = page.locator("a.md-select__link")
    assert links.count() == 6
    for link in links.all():
        box = link.bounding_box()
        assert box["y"] >= menu["y"] - 1 and box["y"] + box["height"] <= menu["y"] + menu["height"] + 1, link.inner_text()
    current = page.locator("a.md-select__link[aria-current]")
    assert current.count() == 1 and current.get_attribute("hreflang") == lang


def test_language_switch_keeps_the_section(page, site_url):
    page.goto(f"{site_url}/about/#growth")
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name="Français").click()
    page.wait_for_url(f"{site_url}/fr/about/#growth")
    # Also when the reader moved within the page after loading it.
    page.goto(f"{site_url}/ar/about/")
    page.evaluate("location.hash = '#award'")
    assert page.locator('a.md-select__link[hreflang="zh"]').get_attribute("href").endswith("/zh/about/#award")
