"""Citations on the built site: every Sources list names each page by its title (in the page's own
language), publisher and date (in the reader's language), never by its bare address; no address
on a pre-production server anywhere in the site."""
from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from portal.i18n.languages import t
from portal.model.loader import load

from tests.conftest import LANGUAGES, ROOT, Build
from portal.i18n.languages import url_prefix as prefix

pytestmark = pytest.mark.build

# Where pages cite: city pages (sources, summary sources, award reasons), case studies, the award
# overview and galleries, the home page.
CITING = ".lcp-sources a[rel~='external'], .lcp-summary__sources a[rel~='external'], .lcp-reason__source a[rel~='external']"
DATES = {"en": "January 22, 2016", "fr": "22 janvier 2016", "es": "22 de enero de 2016", "ar": "22 يناير 2016",
         "zh": "2016年1月22日", "ru": "22 января 2016\u202fг."}  # Cork's 2015 award page, UIL news of 2016-01-22 (CLDR: a narrow no-break space before г.)
UIL_2016 = "https://uil.unesco.org/lifelong-learning/project/cork-city-celebrates-receiving-unesco-learning-city-award-2015"



def html(site: Path, url: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / url / "index.html").read_text(encoding="utf-8"))


def sample() -> list[str]:
    """Pages of each family that cite: cities (winners, a city citing a press-release copy, one
    with described titles), case studies (one citing a source without an address), award pages, home."""
    model = load(ROOT)
    copies = sorted(c.slug for c in model.cities if any(model.sources[u].kind == "aggregator" for u in c.sources))
    blogs = sorted(c.slug for c in model.cities if any(model.sources[u].kind == "blog" for u in c.sources))
    studies = [s.slug for s in model.case_studies.studies]
    return (["cities/cork/", "cities/hangzhou/", "cities/bahir-dar/"] + [f"cities/{s}/" for s in copies[:2] + blogs[:1]]
            + ["case-studies/hangzhou-members-meeting-2016/"] + [f"case-studies/{s}/" for s in studies[:3]]
            + ["awards/", "awards/2015/", "awards/2024/", ""])


PAGES = sample()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_no_source_is_named_by_its_bare_address(built_site: Build, lang: str, page: str):
    doc = html(built_site.site, prefix(lang) + page)
    links = doc.cssselect(CITING + ", .lcp-home-sources a[rel~='external']")
    assert links, f"{prefix(lang)}{page}: no cited page found"
    for link in links:
        text = link.text_content().strip()
        assert text and not text.lower().startswith(("http", "www.")), (page, lang, text)
        assert link.get("href").startswith(("https://", "http://")), link.get("href")
        # The title keeps its own language and direction.
        (title,) = link.cssselect(".lcp-cite__title")
        assert title.get("lang") and title.get("dir") == "auto", (page, lang, text)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_citation_gives_title_publisher_and_date_in_the_readers_language(built_site: Build, lang: str):
    registry = load(ROOT).sources
    source = registry[UIL_2016]
    doc = html(built_site.site, f"{prefix(lang)}cities/cork/")
    (item,) = [li for li in doc.cssselect(".lcp-sources li.lcp-cite") if li.cssselect(f"a[href='{UIL_2016}']")]
    assert item.cssselect("cite")[0].text_content() == source.title and item.cssselect("cite")[0].get("lang") == "en"
    assert item.cssselect(".lcp-cite__publisher")[0].text_content() == source.publisher
    (time,) = item.cssselect("time")
    assert time.get("datetime") == "2016-01-22" and time.text_content() == DATES[lang]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_press_release_copies_and_blogs_are_labelled_in_the_readers_language(built_site: Build, lang: str):
    model = load(ROOT)
    for kind in ("aggregator", "blog"):
        city = next(c for c in model.cities if any(model.sources[u].kind == kind for u in c.sources))
        url = next(u for u in city.sources if model.sources[u].kind == kind)
        doc = html(built_site.site, f"{prefix(lang)}cities/{city.slug}/")
        (item,) = [li for li in doc.cssselect(".lcp-sources li.lcp-cite") if li.cssselect(f"a[href='{url}']")]
        assert item.cssselect(".lcp-cite__kind")[0].text_content() == t(f"cite.kind.{kind}", lang)
        # A described title (no copy of the page was read) loses its brackets.
        title = item.cssselect(".lcp-cite__title")[0].text_content()
        assert not title.startswith("[") and title in model.sources[url].title


def test_no_pre_production_address_anywhere_in_the_site(built_site: Build):
    found = []
    for path in built_site.site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".js", ".csv", ".geojson", ".txt", ".md"):
            if b"preprod." in path.read_bytes():
                found.append(str(path.relative_to(built_site.site)))
    assert not found, found
