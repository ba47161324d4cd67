"""The home page and the reader chrome on the strict build of the real site: figures, map and
cards in every language, links that resolve, the footer, breadcrumbs, the 404 page's title and
list, no developer chrome in front of readers."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest

from portal.model import casestudies
from portal.model.loader import load
from portal.i18n.languages import t
from portal.i18n.localize import number
from portal.site.pages import home

from tests.conftest import parse_page as parse, LANGUAGES, ROOT, Build
from portal.i18n.languages import url_prefix as prefix

NETWORK = load(ROOT)
LIBRARY = NETWORK.case_studies




def target(site: Path, page_url: str, href: str) -> tuple[Path, str]:
    """(file, fragment) a relative link on the page at `page_url` leads to."""
    parts = urlsplit(urljoin(f"http://site/{page_url}", href))
    path = site / parts.path.lstrip("/")
    if parts.path.endswith("/"):
        path = path / "index.html"
    return path, parts.fragment


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_shows_the_network(built_site: Build, lang: str):
    site = built_site.site
    doc = parse(site, prefix(lang))
    s = home.summary(NETWORK, LIBRARY, lang)
    assert doc.get("lang") == lang
    values = [v.text_content() for v in doc.cssselect(".lcp-stat__value")]
    assert values[:2] == [number(425, lang), number(91, lang)]
    assert doc.cssselect("article figure.lcp-map svg")
    assert len(doc.cssselect(".lcp-home-cards > li")) == len(s.winners)
    assert len(doc.cssselect(".lcp-home-study")) == len(s.studies)
    # The hand-written intro comes first, in the page's language, and nothing is doubled.
    assert len(doc.cssselect("article h1")) == 1
    # No sidebars on wide screens: navigation and table of contents are hidden.
    for sidebar in doc.cssselect(".md-sidebar"):
        assert sidebar.get("hidden") is not None
    # Every link of the generated sections resolves, anchors included.
    for a in doc.cssselect(".lcp-home a[href]"):
        href = a.get("href")
        if href.startswith(("http://", "https://")) or href.startswith("#"):
            continue
        path, fragment = target(site, prefix(lang), href)
        assert path.is_file(), href
        if fragment and path.suffix == ".html":
            assert lxml.html.fromstring(path.read_bytes()).get_element_by_id(fragment) is not None, href


@pytest.mark.parametrize("lang", LANGUAGES)
def test_footer_in_the_readers_language(built_site: Build, lang: str):
    for url in (prefix(lang), f"{prefix(lang)}cities/cork/", f"{prefix(lang)}awards/2017/"):
        doc = parse(built_site.site, url)
        footer = doc.cssselect("footer .lcp-footer")[0]
        text = footer.text_content()
        assert "Made with" not in doc.cssselect("footer")[0].text_content()
        assert t("chrome.sources", lang) in text and t("chrome.report", lang) in text
        hrefs = [a.get("href") for a in footer.cssselect("a")]
        assert "https://www.naturalearthdata.com/" in hrefs and "https://www.geonames.org/" in hrefs
        assert "https://creativecommons.org/licenses/by/4.0/" in hrefs
        assert any(h.endswith("/issues/new/choose") for h in hrefs)
        assert footer.cssselect(".lcp-footer__date")  # the data's date (last commit)
        # The repository link is in the footer, not in the header; no edit pencil over the text.
        assert not doc.cssselect("header .md-source, header .md-header__source")
        assert any(h.rstrip("/").endswith("learning-cities-portal") for h in hrefs)
        assert not doc.cssselect("a.md-content__button")
        # Material's own toggle text, in the reader's language.
        labels = [i.get("aria-label") for i in doc.cssselect("form[data-md-component=palette] input")]
        assert labels == [t("chrome.to_dark", lang), t("chrome.to_light", lang)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_breadcrumbs_on_pages_outside_the_navigation(built_site: Build, lang: str):
    site = built_site.site
    for url in ("cities/cork/", "case-studies/medellin-iclc4-2019/", "awards/2017/", "sdg/4-1/", "sdg/11/", "themes/literacy/"):
        page_url = prefix(lang) + url
        doc = parse(site, page_url)
        trail = doc.cssselect("nav.lcp-breadcrumbs li")
        assert len(trail) >= 3, page_url
        assert trail[0].text_content().strip() == t("chrome.home", lang)
        assert trail[-1].get("aria-current") == "page"
        assert trail[-1].text_content().strip() == doc.cssselect("article h1")[0].text_content().removesuffix("¶").strip()
        for a in doc.cssselect("nav.lcp-breadcrumbs a"):
            assert target(site, page_url, a.get("href"))[0].is_file(), (page_url, a.get("href"))
    assert not parse(site, prefix(lang) + "about/").cssselect("nav.lcp-breadcrumbs")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_404_page_title_and_other_languages(built_site: Build, lang: str):
    doc = parse(built_site.site, f"{prefix(lang)}404.html")
    assert doc.find(".//title").text_content().startswith(t("notfound.title", lang) + " - ")
    for li in doc.cssselect(".lcp-notfound-languages li"):
        # The item keeps the page's direction; its text is marked with its own.
        assert li.get("dir") is None and li.get("lang") is None
        span = li.cssselect("span[lang]")[0]
        assert span.get("dir") == ("rtl" if span.get("lang") == "ar" else "ltr")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_city_edit_link_is_quiet_and_status_page_shows_titles(built_site: Build, lang: str):
    doc = parse(built_site.site, f"{prefix(lang)}cities/cork/")
    link = doc.cssselect(".lcp-edit a")[0]
    assert "md-button" not in (link.get("class") or "")
    status = parse(built_site.site, f"{prefix(lang)}translation-status/")
    for a in status.cssselect("ul.lcp-status-list a"):
        assert not a.text_content().endswith(".md"), a.text_content()
    for code in status.cssselect("code"):
        assert code.xpath("ancestor::details"), code.text_content()
