"""City names in the reader's language, CLDR plural forms and collation, on the strictly built site."""
from __future__ import annotations

import csv
import io
import json
import unicodedata
from pathlib import Path

import lxml.html
import pytest
import yaml
from babel import Locale
from pypinyin import Style, lazy_pinyin

from tests.conftest import LANGUAGES, ROOT
from portal.i18n.languages import url_prefix as prefix

pytestmark = pytest.mark.build

PROFILES = {
    p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
    for p in sorted((ROOT / "cities").glob("*.yml")) if not p.name.startswith("_")
}
TOTAL = len(PROFILES)
UNPLACED = sum(1 for p in PROFILES.values() if not p.get("coordinates"))
WITH_NAMES = {slug: p["names"] for slug, p in PROFILES.items() if p.get("names")}


def name_in(slug: str, lang: str) -> str:
    return (PROFILES[slug].get("names") or {}).get(lang, PROFILES[slug]["name"])


def bare(word: str) -> str:
    """A Latin word without accents and case, as collation compares it first ('Évry' -> 'evry')."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).casefold()



def html(site: Path, path: str):
    return lxml.html.fromstring((site / path).read_bytes())


def text(el) -> str:
    return " ".join(el.text_content().split())


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    return built_site.site


def plural(lang: str, n: int, forms: dict[str, str], **fmt: str) -> str:
    """The form CLDR (through Babel, not the site's code) picks for `n`."""
    return forms[Locale.parse(lang).plural_form(n)].format(**fmt)


def test_the_profiles_have_imported_names():
    assert WITH_NAMES, "no profile has names: (run portal import-names, see cities/README.md)"
    assert PROFILES["beijing"]["names"]["zh"] == "北京"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_city_page_is_titled_in_the_readers_language_with_the_latin_name_below(site: Path, lang: str):
    doc = html(site, f"{prefix(lang)}cities/beijing/index.html")
    local = name_in("beijing", lang)
    assert doc.findtext(".//title").startswith(f"{local} - ")
    assert text(doc.find(".//h1")) == local
    latin = doc.find_class("lcp-latin-name")
    if local == "Beijing":
        assert not latin
    else:
        assert [text(e) for e in latin] == ["Beijing"]
    # Both names are in the page's text, so that any search engine finds the page by either.
    body = text(doc.find(".//article"))
    assert local in body and "Beijing" in body


def test_the_chinese_beijing_page_is_titled_beijing_in_chinese(site: Path):
    doc = html(site, "zh/cities/beijing/index.html")
    assert doc.findtext(".//title").startswith("北京")
    assert text(doc.find(".//h1")) == "北京"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_directory_map_and_lists_use_the_readers_names(site: Path, lang: str):
    doc = html(site, f"{prefix(lang)}members/index.html")
    for slug, names in WITH_NAMES.items():
        item = doc.xpath(f"//div[@class='lcp-region']//li[@data-city='{slug}']")[0]
        assert text(item.find("a")) == name_in(slug, lang)
        if names.get(lang, PROFILES[slug]["name"]) != PROFILES[slug]["name"]:
            assert item.get("data-alt") == PROFILES[slug]["name"]  # the filter matches the Latin name too
        marker = doc.xpath(f"//*[contains(@class, 'lcp-map')]//a[@data-city='{slug}']")
        if marker:
            assert marker[0].get("aria-label").startswith(name_in(slug, lang) + ", ")


def test_the_chinese_directory_is_in_pinyin_order(site: Path):
    doc = html(site, "zh/members/index.html")
    for region in doc.xpath("//div[@class='lcp-region']"):
        countries = [h.text.strip() for h in region.xpath(".//section/h3")]
        syllables = [lazy_pinyin(c, style=Style.NORMAL) for c in countries]
        assert syllables == sorted(syllables), countries
        for section in region.xpath(".//section"):
            cities = [text(a) for a in section.xpath(".//li/a[1]")]
            keys = [[bare(s) for s in lazy_pinyin(c, style=Style.NORMAL)] for c in cities]
            assert keys == sorted(keys), cities
    africa = [h.text.strip() for h in doc.xpath("//div[@data-region='africa']//section/h3")]
    assert africa.index("几内亚") < africa.index("津巴布韦")  # ji-nei-ya before jin-ba-bu-wei, syllable by syllable


def test_french_countries_sort_with_their_accented_letters(site: Path):
    doc = html(site, "fr/members/index.html")
    arab = [h.text.strip() for h in doc.xpath("//div[@data-region='arab-states']//section/h3")]
    assert arab.index("Égypte") < arab.index("Irak") if "Irak" in arab else arab.index("Égypte") < arab.index("Jordanie")
    assert arab[0] != "Égypte" or "Arabie saoudite" not in arab


@pytest.mark.parametrize("lang", LANGUAGES)
def test_directory_counts_take_the_languages_plural_forms(site: Path, lang: str):
    from portal.i18n.languages import strings
    doc = html(site, f"{prefix(lang)}members/index.html")
    status = doc.find_class("lcp-filter-status")[0]
    forms = json.loads(status.get("data-forms"))
    assert set(forms) == set(Locale.parse(lang).plural_form.tags) | {"other"}
    assert TOTAL < 1000  # no group separator in the numbers below
    assert text(status) == " ".join(plural(lang, TOTAL, forms, count=str(TOTAL), total=str(TOTAL)).split())
    unplaced = doc.xpath("//div[@class='lcp-map-unplaced']/p[@data-forms]")[0]
    assert text(unplaced) == " ".join(plural(lang, UNPLACED, strings()["members.unplaced_intro"][lang], count=str(UNPLACED)).split())


def test_plural_forms_for_one_few_and_many(site: Path):
    from portal.i18n.languages import tn
    assert tn("members.status", "fr", 1, total="199") == "1 ville affichée sur 199"
    assert tn("members.status", "fr", 2, total="199") == "2 villes affichées sur 199"
    assert tn("members.status", "ru", 1, total="199") == "Показан 1 город из 199"
    assert tn("members.status", "ru", 3, total="199") == "Показано 3 города из 199"
    assert tn("members.status", "ru", 11, total="199") == "Показано 11 городов из 199"
    assert tn("members.status", "ar", 2, total="199") == "مدينتان معروضتان من أصل 199"
    assert tn("members.status", "ar", 3, total="199") == "3 مدن معروضة من أصل 199"
    assert tn("members.status", "ar", 11, total="199") == "11 مدينة معروضة من أصل 199"
    # An award gallery: the count of winners agrees with its noun.
    doc = html(site, "ru/awards/2015/index.html")
    intro = text(doc.find_class("lcp-intro")[0])
    assert intro.startswith("12 городов получили премию")


@pytest.mark.parametrize("lang", ["fr", "es", "ar", "zh", "ru"])
def test_award_intros_name_the_host_city_in_the_readers_language(site: Path, lang: str):
    doc = html(site, f"{prefix(lang)}awards/2017/index.html")  # ICLC 3, Cork
    assert name_in("cork", lang) in text(doc.find_class("lcp-intro")[0])


def test_open_data_carries_the_names_per_language(site: Path):
    data = json.loads((site / "open-data" / "members.json").read_text(encoding="utf-8"))
    beijing = next(m for m in data["members"] if m["id"] == "beijing")
    assert beijing["names"] == {k: v for k, v in PROFILES["beijing"]["names"].items()}
    rows = list(csv.DictReader(io.StringIO((site / "open-data" / "members.csv").read_text(encoding="utf-8"))))
    assert next(r for r in rows if r["id"] == "beijing")["name_zh"] == "北京"
    geo = json.loads((site / "open-data" / "members.geojson").read_text(encoding="utf-8"))
    assert next(f for f in geo["features"] if f["properties"]["id"] == "beijing")["properties"]["names"]["ru"] == "Пекин"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_geonames_is_credited_where_its_names_are_used(site: Path, lang: str):
    for path in ("open-data/index.html", "translation-status/index.html"):
        doc = html(site, f"{prefix(lang)}{path}")
        hrefs = [a.get("href") for a in doc.iter("a")]
        assert "https://www.geonames.org/" in hrefs and "https://creativecommons.org/licenses/by/4.0/" in hrefs, path
    doc = html(site, f"{prefix(lang)}cities/beijing/index.html")
    credited = bool(doc.find_class("lcp-name-credit"))
    assert credited == (PROFILES["beijing"].get("names_source", {}).get(lang) == "geonames")


@pytest.mark.parametrize("lang", ["fr", "es", "ar", "zh", "ru"])
def test_translation_status_counts_names_from_the_real_data(site: Path, lang: str):
    doc = html(site, f"{prefix(lang)}translation-status/index.html")
    missing = sorted(s for s, p in PROFILES.items() if lang not in (p.get("names") or {}))
    after = doc.xpath(f"//*[@id='{lang}-names']/following-sibling::*[self::details or self::h3 or self::h2][1]")
    section = after[0] if after and after[0].tag == "details" else None  # none missing: no list
    listed = sorted(a.get("href").split("/")[-2] for a in section.iter("a")) if section is not None else []
    assert listed == missing
    imported = sum(1 for p in PROFILES.values() if (p.get("names_source") or {}).get(lang) == "geonames")
    assert imported and str(imported) in text(doc.xpath(f"//*[@id='{lang}-names']/following-sibling::p[2]")[0])


@pytest.mark.parametrize("lang", ["fr", "ar", "zh"])
def test_feeds_name_the_cities_of_a_case_study_in_the_readers_language(site: Path, lang: str):
    feed = (site / f"feeds/case-studies{'' if lang == 'en' else '.' + lang}.xml")
    if not feed.exists():
        feed = site / prefix(lang) / "feeds" / "case-studies.xml"
    body = feed.read_text(encoding="utf-8")
    if 'term="city-beijing"' in body:
        assert f'label="{name_in("beijing", lang)}"' in body
    assert 'term="city-' in body


SCRIPTS = {"ar": "ARABIC", "zh": "CJK", "ru": "CYRILLIC"}


def in_script(text: str, script: str) -> bool:
    """True if most letters of `text` belong to `script` (Unicode character names)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(script in unicodedata.name(c, "") for c in letters) > len(letters) / 2


@pytest.mark.parametrize("lang", SCRIPTS)
def test_city_headings_are_in_the_readers_script(site: Path, lang: str):
    """At least 95 % of city pages in ar, zh and ru carry a heading in the page's script."""
    headings = {slug: text(html(site, f"{lang}/cities/{slug}/index.html").xpath("//h1")[0]) for slug in PROFILES}
    latin = sorted(slug for slug, h in headings.items() if not in_script(h, SCRIPTS[lang]))
    assert len(latin) <= 0.05 * len(headings), (len(latin), latin[:20])


def test_no_english_descriptor_stays_in_other_languages(site: Path):
    for lang in ("fr", "es", "ar", "zh", "ru"):
        for slug in ("hashtgerd-new-town", "jubail-industrial-city"):
            heading = text(html(site, f"{lang}/cities/{slug}/index.html").xpath("//h1")[0])
            assert not any(word in heading for word in ("New Town", "Industrial City")), (lang, heading)


def test_russian_names_corrected(site: Path):
    for slug, name in {"thrissur": "Триссур", "sonderborg": "Сённерборг", "gulu": "Гулу"}.items():
        assert text(html(site, f"ru/cities/{slug}/index.html").xpath("//h1")[0]) == name


@pytest.mark.parametrize("lang", LANGUAGES)
def test_countries_are_named_as_the_un_names_them(site: Path, lang: str):
    """City pages, the directory and the open data name countries by the UN's short names."""
    un = {row["iso2"]: row for row in csv.DictReader(io.StringIO((ROOT / "src/portal/i18n/countries/un-names.csv").read_text(encoding="utf-8")))}
    for slug in ("cork", "suwon" if "suwon" in PROFILES else "osan", "hanoi", "kazan"):
        page = html(site, f"{prefix(lang)}cities/{slug}/index.html")
        lede = text(page.xpath("//p[contains(@class,'lcp-lede')]")[0])
        assert un[PROFILES[slug]["country"]][lang] in lede, (lang, slug, lede)
    # The directory's country filter: every country of the data, by its UN name.
    options = {o.get("value"): text(o) for o in html(site, f"{prefix(lang)}members/index.html").xpath("//option[@value]") if len(o.get("value")) == 2}
    countries = {p["country"] for p in PROFILES.values()}
    assert countries <= set(options), sorted(countries - set(options))
    assert {code: options[code] for code in countries} == {code: un[code][lang] for code in countries}
    if lang == "en":
        assert not {"South Korea", "Vietnam", "Cape Verde", "Russia"} & set(options.values())
