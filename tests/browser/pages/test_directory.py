"""A reader in Chromium filters the member directory: by typing, by region, by keyboard alone, in Arabic."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.conftest import ROOT

pytestmark = pytest.mark.browser

PROFILES = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "cities").glob("*.yml")) if not p.name.startswith("_")}
TOTAL = len(PROFILES)
COLOMBIA = sorted(s for s, p in PROFILES.items() if p["country"] == "CO")
ARAB_STATES = sorted(s for s, p in PROFILES.items() if p["region"] == "Arab States")

VISIBLE_ITEMS = "Array.from(document.querySelectorAll('.lcp-region li[data-city]')).filter(e => e.offsetParent !== null).map(e => e.dataset.city).sort()"
# The markers of the desktop map's layer: a city's own, or a numbered group of nearby cities
# ("slug slug ...", its count updated by the filter).
VISIBLE_MARKERS = "Array.from(document.querySelectorAll('.lcp-map__wide a')).filter(e => getComputedStyle(e).display !== 'none').map(e => [e.dataset.city || e.dataset.cities, e.dataset.cities ? e.nextElementSibling.textContent : '1'])"


def visible(page) -> list[str]:
    return page.evaluate(VISIBLE_ITEMS)


def test_typing_part_of_a_name_filters_the_list_and_the_map(page, site_url):
    page.goto(f"{site_url}/members/")
    status = page.locator(".lcp-filter-status")
    assert status.inner_text() == f"{TOTAL} of {TOTAL} cities shown"
    assert len(visible(page)) == TOTAL
    page.get_by_label("City or country").fill("medell")  # matches without the accent too
    assert visible(page) == ["medellin"]
    assert status.inner_text() == f"1 of {TOTAL} cities shown"
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    [(marker, count)] = page.evaluate(VISIBLE_MARKERS)  # one marker left on the map: Medellín's, or its group's
    assert "medellin" in marker.split() and count == "1"
    page.get_by_label("City or country").fill("bikok")  # not on the map: its entry beside the map is filtered too
    assert page.locator(".lcp-map-unplaced li[data-city]:visible").all_inner_texts() == ["Bikok · Cameroon"]
    page.get_by_label("City or country").fill("medell")
    assert page.locator("h2#europe-north-america").is_hidden()  # empty regions disappear
    assert page.locator("h2#latin-america-caribbean").is_visible()
    page.get_by_label("City or country").fill("colombia")  # the country name matches its cities
    assert visible(page) == COLOMBIA


def test_choosing_a_region_filters(page, site_url):
    page.goto(f"{site_url}/members/")
    page.get_by_label("UNESCO region").select_option("arab-states")
    assert visible(page) == ARAB_STATES
    assert page.locator(".lcp-filter-status").inner_text() == f"{len(ARAB_STATES)} of {TOTAL} cities shown"
    page.get_by_label("Learning City Award").select_option("any")
    awarded = sorted(s for s in ARAB_STATES if PROFILES[s].get("awards"))
    assert awarded and visible(page) == awarded


def test_everything_by_keyboard_alone(page, site_url):
    page.goto(f"{site_url}/members/")
    # Tab from the top of the page to the filter's text field.
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "lcp-q":
            break
    else:
        pytest.fail("the filter was never reached by Tab")
    page.keyboard.type("bog")
    assert visible(page) == ["bogota"]
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "lcp-region"
    page.keyboard.press("Shift+Tab")  # back to the text: clear it, then pick a region with the arrow keys
    page.keyboard.press("Control+a")
    page.keyboard.press("Backspace")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # first region: Africa
    africa = sorted(s for s, p in PROFILES.items() if p["region"] == "Africa")
    assert page.evaluate("document.activeElement.value") == "africa"
    assert visible(page) == africa
    # Tab on to the reset button and press it: the full list comes back.
    for _ in range(4):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "reset"
    page.keyboard.press("Enter")
    from playwright.sync_api import expect

    # The reset runs the filter on the next task: wait for the status line without a string
    # predicate (page.wait_for_function polls by eval, which the Content-Security-Policy refuses).
    expect(page.locator(".lcp-filter-status")).to_have_text(re.compile(rf"^{TOTAL} "))
    assert len(visible(page)) == TOTAL
    # Next comes the link that skips the map's many links; following it lands after the map.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('lcp-skip')")
    assert page.locator(".lcp-skip").is_visible()  # visible while focused
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    after_map = (
        "(() => { const m = document.querySelector('.lcp-map-wrap'), a = document.activeElement;"
        " return !m.contains(a) && !!(m.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING); })()"
    )
    assert page.evaluate(after_map)
    # A city page by keyboard: Tab to the first city of the list and follow it.
    page.locator(".lcp-region li[data-city] a").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_url}/cities/**")


def test_arabic_directory_is_right_to_left_and_filters(page, site_url):
    page.goto(f"{site_url}/ar/members/")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('.lcp-city-list')).direction") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('.lcp-map')).direction") == "ltr"  # geography
    page.get_by_label("المدينة أو البلد").fill("كولومبيا")  # Colombia, in Arabic
    assert visible(page) == COLOMBIA
    # CLDR plural forms: Arabic uses "few" for 3 to 10 (مدن), "many" for 11 to 99 (مدينة).
    form = "مدن" if 3 <= len(COLOMBIA) <= 10 else "مدينة"
    assert page.locator(".lcp-filter-status").inner_text() == f"{len(COLOMBIA)} {form} معروضة من أصل {TOTAL}"
    # The form's first field sits on the right in a right-to-left page.
    q = page.locator("#lcp-q").bounding_box()
    region = page.locator("#lcp-region").bounding_box()
    assert q["x"] > region["x"]


def test_the_list_loads_unfiltered_and_a_restored_filter_is_applied(page, site_url):
    """The script does no work on load (the status line comes filled in), except for a form the
    browser restored when the reader came back to the page."""
    page.goto(f"{site_url}/members/")
    assert page.locator("form.lcp-filter").is_visible()
    assert page.locator(".lcp-filter-status").inner_text() == f"{TOTAL} of {TOTAL} cities shown"
    assert len(visible(page)) == TOTAL
    page.get_by_label("UNESCO region").select_option("arab-states")
    assert visible(page) == ARAB_STATES
    page.locator(f".lcp-region li[data-city='{ARAB_STATES[0]}'] a").click()
    page.wait_for_url(f"{site_url}/cities/**")
    page.go_back()
    page.wait_for_url(f"{site_url}/members/?region=arab-states")  # the filter is in the address
    assert page.locator("#lcp-region").input_value() == "arab-states"
    assert visible(page) == ARAB_STATES
    assert page.locator(".lcp-filter-status").inner_text() == f"{len(ARAB_STATES)} of {TOTAL} cities shown"


def test_without_javascript_the_full_grouped_list(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(f"{site_url}/fr/members/")
    assert pg.locator("form.lcp-filter").is_hidden()
    assert pg.locator(".lcp-region li[data-city]").count() == TOTAL
    assert pg.locator("h2#africa").is_visible() and pg.locator("section#country-co h3").is_visible()
    context.close()
