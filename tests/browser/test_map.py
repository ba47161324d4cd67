"""A reader uses the maps in Chromium: every marker named in the page's language and reached with
Tab, its name shown on focus; a region's closer view shows that region's cities only; targets of
24 CSS px at least on a phone; the city page's locator is a crop of the region; chart labels of
the network figures at 12 CSS px at least (phone and desktop), the tables kept."""

from __future__ import annotations

import math

import pytest

from portal.i18n.languages import url_prefix as prefix
from portal.i18n.localize import country_name
from portal.model.loader import load
from portal.validate.profile import REGIONS
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

NETWORK = load(ROOT)
CITIES = {c.slug: c for c in NETWORK.cities}
PLACED = {c.slug for c in NETWORK.cities if c.lat is not None and c.lon is not None}

# The markers a reader sees (the layer for the window's width, in a panel shown at that width), with their names and centres.
VISIBLE_MARKERS = """(sel) => Array.from(document.querySelectorAll(sel + ' a')).filter(a => getComputedStyle(a).display !== 'none'
  && a.closest('g.lcp-map__markers') && getComputedStyle(a.closest('g.lcp-map__markers')).display !== 'none'
  && getComputedStyle(a.closest('figure, .lcp-map')).display !== 'none').map(a => {
    const c = a.querySelector('circle').getBoundingClientRect();
    return {city: a.dataset.city || null, cities: (a.dataset.cities || '').split(' ').filter(Boolean),
            name: a.getAttribute('aria-label'), x: c.x + c.width / 2 + scrollX, y: c.y + c.height / 2 + scrollY};
  })"""


def markers(page, selector: str = ".lcp-map") -> list[dict]:
    return page.evaluate(VISIBLE_MARKERS, selector)


def assert_named(found: list[dict], lang: str) -> None:
    for m in found:
        if m["city"]:
            city = CITIES[m["city"]]
            assert m["name"] == f"{city.name_in(lang)}, {country_name(city.country, lang)}"
        else:
            assert len(m["cities"]) > 1
            for slug in m["cities"]:  # a group names every city in it
                assert CITIES[slug].name_in(lang) in m["name"]


def tab_through(page, count: int) -> set[str]:
    """Tab from the first marker on, `count` times: the markers that got the focus, their label shown."""
    reached = set()
    for _ in range(count):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => { const a = document.activeElement;
            if (!a.closest || !a.closest('.lcp-map__markers')) return null;
            const label = a.querySelector('.lcp-map__label');
            return [a.dataset.city || a.dataset.cities, getComputedStyle(label).visibility, label.textContent]; }""")
        if info is None:
            continue
        key, visibility, text = info
        assert visibility == "visible" and text.strip(), key  # the name shows on keyboard focus
        reached.add(key)
    return reached


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_every_marker_of_the_member_map_is_named_and_reached_by_tab(page, site_url, lang):
    page.goto(f"{site_url}/{prefix(lang)}members/")
    found = markers(page)
    assert len(found) > 10
    assert_named(found, lang)
    shown = {s for m in found for s in ([m["city"]] if m["city"] else m["cities"])}
    assert shown == PLACED  # every city with coordinates is in exactly one visible marker
    assert sum(1 if m["city"] else len(m["cities"]) for m in found) == len(PLACED)
    # Tab from the link just before the map through every marker.
    page.locator(".lcp-region-maps a").last.focus()
    reached = tab_through(page, len(found) + 2)
    assert reached == {m["city"] or " ".join(m["cities"]) for m in found}
    # A group opens the closer view of its region.
    group = page.locator(".lcp-map__wide a[data-cities]").first
    region = CITIES[group.get_attribute("data-cities").split()[0]].region
    group.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_url}/{prefix(lang)}members/map/{region}/")


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_a_region_view_shows_only_that_regions_cities_each_named(page, site_url, lang):
    for region in REGIONS.values():
        expected = {s for s in PLACED if CITIES[s].region == region}
        if not expected:
            continue
        page.goto(f"{site_url}/{prefix(lang)}members/map/{region}/")
        assert page.locator("html").get_attribute("lang") == lang
        found = markers(page)
        assert all(m["city"] for m in found)  # every city its own marker in a closer view
        assert {m["city"] for m in found} == expected and len(found) == len(expected)
        assert_named(found, lang)
        page.locator(".lcp-dir-links a").last.focus()
        assert tab_through(page, len(found) + 1) == expected


def test_the_directory_links_each_region_to_its_closer_view(page, site_url):
    page.goto(f"{site_url}/members/")
    page.locator(".lcp-region[data-region='africa'] .lcp-region-link a").click()
    page.wait_for_url(f"{site_url}/members/map/africa/")
    assert page.locator("h1").inner_text().startswith("Africa")


def no_window_overlap(found: list[dict], least: float) -> list[str]:
    return [
        f"{a['city'] or a['cities']} and {b['city'] or b['cities']}: {math.dist((a['x'], a['y']), (b['x'], b['y'])):.1f} px"
        for i, a in enumerate(found)
        for b in found[i + 1 :]
        if math.dist((a["x"], a["y"]), (b["x"], b["y"])) < least
    ]


@pytest.mark.parametrize("path", ["members/", "members/map/asia-pacific/", "members/map/europe-north-america/"])
def test_marker_targets_are_24_px_on_a_phone(browser, site_url, path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{site_url}/{path}")
    found = markers(page)
    assert found
    # No two targets' 24 px circles overlap (WCAG 2.5.8) ...
    assert not no_window_overlap(found, 24.0)
    # ... and each target answers a tap 12 px from its centre in every direction.
    missed = []
    for m in found:
        page.evaluate("([x, y]) => window.scrollTo(0, y - 400)", [m["x"], m["y"]])
        for k in range(8):
            angle = k * math.pi / 4
            x, y = m["x"] + 11.5 * math.cos(angle), m["y"] + 11.5 * math.sin(angle)
            hit = page.evaluate(
                """([x, y]) => { const e = document.elementFromPoint(x - scrollX, y - scrollY);
                const a = e && e.closest('a'); return a ? (a.dataset.city || a.dataset.cities) : null; }""",
                [x, y],
            )
            if hit != (m["city"] or " ".join(m["cities"])):
                missed.append(f"{m['city'] or m['cities']} at {k * 45} degrees: {hit}")
    assert not missed, missed[:10]
    context.close()


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_the_city_locator_is_a_crop_of_the_region(page, site_url, lang):
    page.goto(f"{site_url}/{prefix(lang)}cities/cork/")
    svg = page.locator(".lcp-locator svg")
    x, y, w, h = (float(v) for v in svg.get_attribute("viewBox").split())
    assert w < 1000 / 4 and h < 400 / 2  # a region, not the world
    dot = page.locator(".lcp-locator__dot")
    cx, cy = float(dot.get_attribute("cx")), float(dot.get_attribute("cy"))
    assert x < cx < x + w and y < cy < y + h
    assert page.locator(".lcp-locator__name").text_content() == CITIES["cork"].name_in(lang)
    assert page.locator(".lcp-locator__others circle").count() >= 3  # Limerick, Dublin ... around it
    box, dot_box = svg.bounding_box(), dot.bounding_box()
    assert box["x"] < dot_box["x"] < box["x"] + box["width"] - dot_box["width"]
    assert CITIES["cork"].name_in(lang) in svg.get_attribute("aria-label")


CHART_LABEL_PX = """() => Array.from(document.querySelectorAll('svg.lcp-chart')).flatMap(svg => {
  const k = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return Array.from(svg.querySelectorAll('text')).map(t => [t.textContent, parseFloat(getComputedStyle(t).fontSize) * k,
                                                           t.getBoundingClientRect().height]);
})"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_chart_labels_are_at_least_12_px_and_the_tables_stay(browser, site_url, width, lang):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{site_url}/{prefix(lang)}members/figures/")
    labels = page.evaluate(CHART_LABEL_PX)
    assert len(labels) > 20
    small = [(text, round(px, 1)) for text, px, height in labels if px < 12 or height < 12]
    assert not small, small
    assert page.locator("article table caption").count() == 3  # each chart keeps its table
    context.close()
