"""The home page's generated sections (portal.site.pages.home), its breadcrumbs and footer helpers,
from the real data: figures come from data/, never from hand-written numbers."""

from __future__ import annotations

import csv
from datetime import date

import lxml.html
import pytest

from portal.i18n.languages import LANGUAGES, t
from portal.i18n.localize import number
from portal.model.loader import load
from portal.site import breadcrumbs, siteoutput
from portal.site.pages import home

from tests.conftest import ROOT

NETWORK = load(ROOT)
LIBRARY = NETWORK.case_studies


def growth_rows() -> list[dict[str, str]]:
    with (ROOT / "data" / "network_growth.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def award_rows() -> list[dict[str, str]]:
    with (ROOT / "data" / "learning_city_awards.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_figures_come_from_the_data_files():
    s = home.summary(NETWORK, LIBRARY, "en")
    last_full = [r for r in growth_rows() if not r["members"].startswith(">") and r["date"] != "2019-10-01"][-1]
    assert s.network is not None
    assert (s.network.members, s.network.countries) == (int(last_full["members"]), int(last_full["countries"]))
    assert s.network.day == date.fromisoformat(last_full["date"]) and s.network.source == last_full["source"]
    assert (s.network.members, s.network.countries, s.network.day.year) == (425, 91, 2025)  # December 2025
    assert s.profiles == len(NETWORK.cities)
    assert s.profile_countries == len({c.country for c in NETWORK.cities})
    assert sum(n for _, n in s.regions) == s.profiles and len(s.regions) == 5
    rows = award_rows()
    assert s.award_count == len(rows)
    assert s.award_cities == len({(r["city"], r["iso2"]) for r in rows})
    latest = max(int(r["award_year"]) for r in rows)
    assert s.latest is not None and s.latest.year == latest
    assert len(s.winners) == sum(1 for r in rows if int(r["award_year"]) == latest)
    assert all(latest in c.awards for c in s.winners)


def test_newest_case_studies_come_first():
    studies = home.newest_studies(LIBRARY)
    assert 0 < len(studies) <= home.NEWEST_STUDIES
    assert [s.year for s in studies] == sorted([s.year for s in studies], reverse=True)
    assert studies[0].year == max(s.year for s in LIBRARY.studies)


def test_the_network_count_skips_lower_bounds_and_active_only_counts(tmp_path, monkeypatch):
    rows = [
        home.figures.Count(date(2024, 1, 1), 300, False, False, 70, "https://a.example/"),
        home.figures.Count(date(2025, 1, 1), 350, True, False, 80, "https://b.example/"),
        home.figures.Count(date(2025, 6, 1), 200, False, True, 60, "https://c.example/"),
    ]
    monkeypatch.setattr(home.figures, "growth", lambda data_dir: tuple(rows))
    count = home.network_count(NETWORK)
    assert (count.members, count.countries, count.source) == (300, 70, "https://a.example/")
    monkeypatch.setattr(home.figures, "growth", lambda data_dir: tuple(rows[1:]))
    assert home.network_count(NETWORK) is None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sections_in_every_language(lang):
    html = home.sections(NETWORK, LIBRARY, lang, ("https://example.org/intro-source",))
    doc = lxml.html.fragment_fromstring(html, create_parent="div")
    s = home.summary(NETWORK, LIBRARY, lang)
    values = [v.text_content() for v in doc.cssselect(".lcp-stat__value")]
    assert values == [number(x, lang) for x in (425, 91, 5, s.award_count, s.profiles)]
    # Every figure of the network carries its source and month.
    notes = doc.cssselect(".lcp-stat__note")
    assert [a.get("href") for a in notes[0].cssselect("a")] == [s.network.source]
    assert home.month(s.network.day, lang) in notes[0].text_content()
    # The directory's map (its partial, as the directory draws it), linking into the language's
    # city pages over the shared outlines.
    markers = doc.cssselect("figure.lcp-map svg a")  # a city, or a group opening its region's closer map
    assert markers and all(a.get("href").startswith(("cities/", "members/map/")) for a in markers)
    assert any(a.get("href").startswith("cities/") for a in markers)
    assert doc.cssselect("figure.lcp-map use")[0].get("href").startswith(("" if lang == "en" else "../") + "members/world.svg")
    # A way in per region, cards of the latest winners and of the newest case studies.
    assert [a.get("href") for a in doc.cssselect(".lcp-home-regions a")] == [f"members/#{r}" for r, _ in s.regions]
    assert [a.get("href") for a in doc.cssselect(".lcp-home-cards .lcp-card__name a")] == [f"cities/{c.slug}/" for c in s.winners]
    assert [a.text_content() for a in doc.cssselect(".lcp-home-cards .lcp-card__name a")] == [c.name_in(lang) for c in s.winners]
    assert [a.get("href") for a in doc.cssselect(".lcp-home-study__title a")] == [f"case-studies/{x.slug}/" for x in s.studies]
    # Headings in the reader's language, sources listed (the intro's too).
    assert doc.cssselect("#what-is-a-learning-city")[0].text_content() == t("home.what_title", lang)
    sources = [a.get("href") for a in doc.cssselect(".lcp-home-sources a")]
    assert s.network.source in sources and "https://example.org/intro-source" in sources
    assert all(u in sources for u in s.latest.sources)


def test_an_untranslated_case_study_card_is_marked_english():
    doc = lxml.html.fragment_fromstring(home.sections(NETWORK, LIBRARY, "zh"), create_parent="div")
    for study, card in zip(home.newest_studies(LIBRARY), doc.cssselect(".lcp-home-study")):
        link = card.cssselect(".lcp-home-study__title a")[0]
        assert link.get("lang") == (None if "zh" in study.translations else "en")


@pytest.mark.parametrize(
    "url, lang, expected",
    [
        ("cities/cork/", "en", [("Home", ""), ("Member cities", "members/")]),
        ("fr/cities/cork/", "fr", [("Accueil", "fr/"), ("Villes membres", "fr/members/")]),
        ("ar/case-studies/medellin-iclc4-2019/", "ar", [(t("chrome.home", "ar"), "ar/"), (t("cs.title", "ar"), "ar/case-studies/")]),
        ("awards/2017/", "en", [("Home", ""), ("UNESCO Learning City Award", "awards/")]),
        ("zh/sdg/4-1/", "zh", [("首页", "zh/"), (t("sdg.title", "zh"), "zh/sdg/"), ("目标4", "zh/sdg/4/")]),
        ("sdg/11/", "en", [("Home", ""), ("SDG 4 and SDG 11", "sdg/")]),
        ("themes/literacy/", "en", [("Home", ""), ("Case studies", "case-studies/"), ("Themes", "themes/")]),
        ("about/", "en", []),
        ("", "en", []),
        ("awards/", "en", []),
        ("members/", "ru", []),
    ],
)
def test_breadcrumbs(url, lang, expected):
    assert breadcrumbs.trail(url, lang) == expected


def test_data_date_is_the_pinned_commit_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")  # 2025-12-01T00:00:00Z
    assert siteoutput.data_date("en") == "December 1, 2025"
    assert siteoutput.data_date("fr") == "1 décembre 2025"
    assert siteoutput.data_date("zh") == "2025年12月1日"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert siteoutput.data_date("en") is None
