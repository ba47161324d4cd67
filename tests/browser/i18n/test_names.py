"""A reader in Chromium finds a city in the directory by its name in their language or its Latin
name without accents, in each of the six languages; the filter lives in the address."""

from __future__ import annotations

import pytest
import yaml

from portal.i18n.languages import url_prefix as prefix
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

PROFILES = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "cities").glob("*.yml")) if not p.name.startswith("_")}
TOTAL = len(PROFILES)
VISIBLE_ITEMS = "Array.from(document.querySelectorAll('.lcp-region li[data-city]')).filter(e => e.offsetParent !== null).map(e => e.dataset.city).sort()"

# language -> (what a reader types: the local name, in its own case and accents, and the Latin
# name without accents), for Beijing and Bogotá.
QUERIES = {
    "en": ["Beijing", "beijing", "bogota"],
    "fr": ["Pékin", "pekin", "beijing", "bogota"],
    "es": ["Pekín", "pekin", "beijing", "bogota"],
    "ar": ["بكين", "beijing", "بوغوتا", "bogota"],
    "zh": ["北京", "beijing", "波哥大", "bogota"],
    "ru": ["Пекин", "пекин", "beijing", "Богота", "bogota"],
}
SLUG = {"beijing": "beijing", "pekin": "beijing", "bogota": "bogota"}


def slug_of(query: str, lang: str) -> str:
    for slug in ("beijing", "bogota"):
        names = {PROFILES[slug]["name"].casefold(), *(n.casefold() for n in (PROFILES[slug].get("names") or {}).values())}
        if query.casefold() in names:
            return slug
    return SLUG[query.casefold()]


@pytest.mark.parametrize("lang", list(QUERIES))
def test_the_directory_finds_a_city_by_its_local_and_its_latin_name(page, site_url, lang: str):
    page.goto(f"{site_url}/{prefix(lang)}members/")
    field = page.locator("#lcp-q")
    for query in QUERIES[lang]:
        field.fill(query)
        slug = slug_of(query, lang)
        assert page.evaluate(VISIBLE_ITEMS) == [slug], (lang, query)
        link = page.locator(f".lcp-region li[data-city='{slug}'] a").first
        assert link.inner_text() == (PROFILES[slug].get("names") or {}).get(lang, PROFILES[slug]["name"])
        # The city's page in the same language.
        assert page.evaluate("(a) => a.href", link.element_handle()) == f"{site_url}/{prefix(lang)}cities/{slug}/"


def test_arabic_matching_ignores_marks_and_tatweel(page, site_url):
    page.goto(f"{site_url}/ar/members/")
    amman = PROFILES["amman"]["names"]["ar"]  # عمّان, with a shadda
    assert "\u0651" in amman
    page.locator("#lcp-q").fill("عمان")  # also Oman (عُمان) in Arabic: its cities match by their country
    oman = [s for s, p in PROFILES.items() if p["country"] == "OM"]
    assert page.evaluate(VISIBLE_ITEMS) == sorted(["amman", *oman])
    page.locator("#lcp-q").fill("بكـين")  # with a tatweel
    assert page.evaluate(VISIBLE_ITEMS) == ["beijing"]


def test_the_filter_is_in_the_address_restored_on_load_and_on_back(page, site_url):
    page.goto(f"{site_url}/fr/members/?find=pekin")
    assert page.locator("#lcp-q").input_value() == "pekin"
    assert page.evaluate(VISIBLE_ITEMS) == ["beijing"]
    status = page.locator(".lcp-filter-status")
    assert status.inner_text() == f"1 ville affichée sur {TOTAL}"
    page.locator("#lcp-q").press("Control+a")
    page.locator("#lcp-q").press("Backspace")  # cleared as a reader does
    assert page.url == f"{site_url}/fr/members/"
    assert status.inner_text() == f"{TOTAL} villes affichées sur {TOTAL}"
    page.locator("#lcp-region").select_option("arab-states")
    assert page.url == f"{site_url}/fr/members/?region=arab-states"
    page.locator("#lcp-award").select_option("any")
    assert page.url == f"{site_url}/fr/members/?region=arab-states&award=any"
    awarded = sorted(s for s, p in PROFILES.items() if p["region"] == "Arab States" and p.get("awards"))
    assert page.evaluate(VISIBLE_ITEMS) == awarded
    page.go_back()  # one step back: the award choice is undone, the region kept
    assert page.url == f"{site_url}/fr/members/?region=arab-states"
    assert page.locator("#lcp-award").input_value() == ""
    assert page.evaluate(VISIBLE_ITEMS) == sorted(s for s, p in PROFILES.items() if p["region"] == "Arab States")
    page.go_forward()
    assert page.locator("#lcp-award").input_value() == "any"
    assert page.evaluate(VISIBLE_ITEMS) == awarded


def test_plural_forms_in_russian_and_arabic_as_the_count_changes(page, site_url):
    page.goto(f"{site_url}/ru/members/?find=пекин")
    assert page.locator(".lcp-filter-status").inner_text() == f"Показан 1 город из {TOTAL}"
    page.goto(f"{site_url}/ar/members/?find=zzzz")
    assert page.locator(".lcp-filter-status").inner_text() == f"لا توجد مدينة معروضة من أصل {TOTAL}"
    page.locator("#lcp-q").fill("بكين")
    assert page.locator(".lcp-filter-status").inner_text() == f"مدينة واحدة معروضة من أصل {TOTAL}"


def test_an_empty_not_on_the_map_box_is_hidden(page, site_url):
    page.goto(f"{site_url}/members/")
    box = page.locator(".lcp-map-unplaced")
    assert box.is_visible()
    page.locator("#lcp-q").fill("beijing")  # on the map: nothing left beside it
    assert box.is_hidden()
    page.locator("#lcp-q").fill("bikok")  # a member without coordinates
    assert box.is_visible()
    assert box.locator("p").inner_text().startswith("1 profile gives no coordinates")
    assert box.locator("h3").is_visible()
