"""The built site: SDG pages in every language, links between case studies, cities, targets,
themes and related case studies that resolve in the reader's language, and valid Atom feeds."""
from __future__ import annotations

import datetime as dt
import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest

from portal.model import casestudies, sdg
from portal.model.loader import load
from portal.i18n.languages import t

from tests.conftest import LANGUAGES, ROOT, copy_repo, run_build
from portal.i18n.languages import url_prefix as prefix

ATOM = "{http://www.w3.org/2005/Atom}"
LIBRARY = load(ROOT).case_studies
REF = sdg.load(ROOT / "data")
SDG_PAGES = ["", *(g.slug for g in REF.goals), *(t.slug for t in REF.targets)]



def html_file(site: Path, url_path: str) -> Path:
    """The file served for a site-relative URL path such as 'fr/sdg/4-1/'."""
    path = site / url_path.lstrip("/")
    return path / "index.html" if url_path.endswith("/") or path.is_dir() else path


def parse(site: Path, url_path: str):
    return lxml.html.fromstring(html_file(site, url_path).read_bytes())


def content_links(doc) -> list[str]:
    return [a.get("href") for a in doc.xpath("//article//a[@href]")]


def resolve(page_url: str, href: str) -> str | None:
    """Site-relative path of a relative link from `page_url`, or None for external/anchor links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("#") or not parts.path:
        return None
    return posixpath.normpath(posixpath.join(page_url, parts.path)).lstrip("/") + ("/" if parts.path.endswith("/") else "")


def language_of(url_path: str) -> str:
    first = url_path.split("/", 1)[0]
    return first if first in LANGUAGES else "en"


def test_there_are_22_sdg_pages_and_an_overview():
    assert len(SDG_PAGES) == 23


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_sdg_page_exists_in_every_language(built_site, lang: str):
    for slug in SDG_PAGES:
        url = f"{prefix(lang)}sdg/{slug + '/' if slug else ''}"
        path = html_file(built_site.site, url)
        assert path.is_file(), url
        assert parse(built_site.site, url).get("lang") == lang, url


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_target_without_case_studies_says_so(built_site, lang: str):
    empty = [tg for tg in REF.targets if not LIBRARY.for_target(tg.id)]
    assert empty, "every target has a case study: this test needs one without"
    for tg in empty:
        text = html_file(built_site.site, f"{prefix(lang)}sdg/{tg.slug}/").read_text(encoding="utf-8")
        assert t("sdg.no_case_studies", lang).replace("'", "&#39;") in text, (lang, tg.id)
    for tg in REF.targets:
        if LIBRARY.for_target(tg.id):
            text = html_file(built_site.site, f"{prefix(lang)}sdg/{tg.slug}/").read_text(encoding="utf-8")
            assert t("sdg.no_case_studies", lang).replace("'", "&#39;") not in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sdg_pages_mark_unofficial_translations(built_site, lang: str):
    text = html_file(built_site.site, f"{prefix(lang)}sdg/4/").read_text(encoding="utf-8")
    assert ("lcp-label--unofficial" in text) == (lang != "en")
    caveat = html_file(built_site.site, f"{prefix(lang)}sdg/11-b/").read_text(encoding="utf-8")
    assert t("sdg.unverified_here", lang).replace("'", "&#39;") in caveat


@pytest.mark.parametrize("lang", LANGUAGES)
def test_case_study_links_resolve_in_the_same_language(built_site, lang: str):
    site = built_site.site
    for study in LIBRARY.studies:
        url = f"{prefix(lang)}case-studies/{study.slug}/"
        doc = parse(site, url)
        assert doc.get("lang") == lang
        internal = {p for p in (resolve("/" + url, h) for h in content_links(doc)) if p}
        for target in internal:
            assert html_file(site, target).is_file(), (url, target)
            assert language_of(target) == lang, (url, target)
        expected = {f"{prefix(lang)}sdg/{REF.target(tid).slug}/" for tid in study.targets}
        expected |= {f"{prefix(lang)}cities/{c}/" for c in study.cities}
        expected |= {f"{prefix(lang)}themes/{th}/" for th in study.themes}
        expected |= {f"{prefix(lang)}case-studies/{r.slug}/" for r in LIBRARY.related(study)}
        assert expected <= internal, (url, expected - internal)
        badges = doc.xpath("//a[contains(@class, 'lcp-sdg-badge')]/@href")
        assert len(badges) == len(study.targets)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cities_targets_and_themes_link_back_to_their_case_studies(built_site, lang: str):
    site = built_site.site
    for study in LIBRARY.studies:
        study_url = f"{prefix(lang)}case-studies/{study.slug}/"
        pages = [f"{prefix(lang)}cities/{c}/" for c in study.cities]
        pages += [f"{prefix(lang)}sdg/{REF.target(tid).slug}/" for tid in study.targets]
        pages += [f"{prefix(lang)}themes/{th}/" for th in study.themes]
        pages += [f"{prefix(lang)}case-studies/"]
        for page_url in pages:
            links = {resolve("/" + page_url, h) for h in content_links(parse(site, page_url))}
            assert study_url in links, (page_url, study.slug)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_city_pages_list_the_targets_of_their_case_studies(built_site, lang: str):
    for slug in LIBRARY.cities_of(LIBRARY.studies):
        url = f"{prefix(lang)}cities/{slug}/"
        links = {resolve("/" + url, h) for h in content_links(parse(built_site.site, url))}
        for study in LIBRARY.for_city(slug):
            for tid in study.targets:
                assert f"{prefix(lang)}sdg/{REF.target(tid).slug}/" in links, (url, tid)


def test_translated_case_studies_are_shown_translated_and_others_marked(built_site):
    site = built_site.site
    for study in LIBRARY.studies:
        for lang in LANGUAGES[1:]:
            doc = parse(site, f"{lang}/case-studies/{study.slug}/")
            h1 = doc.xpath("//article//h1")[0].text_content().replace("¶", "").strip()
            notice = doc.xpath("//*[contains(@class, 'lcp-notice--untranslated')]")
            if lang in study.translations:
                assert h1 == study.translations[lang].title
                assert not notice
            else:
                assert h1 == study.title
                assert notice
                # the appended sections are in the reader's language and say so
                assert doc.xpath("//h2[@id='sdg-targets']")[0].get("lang") == lang


def atom_problems(root: ET.Element) -> list[str]:
    """RFC 4287 requirements checked: one id, title, updated per feed and entry; an author; links;
    absolute ids; RFC 3339 dates."""
    found = []
    date = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
    if root.tag != f"{ATOM}feed":
        return [f"root is {root.tag}"]
    for element, where in [(root, "feed"), *((e, "entry") for e in root.findall(f"{ATOM}entry"))]:
        for name in ("id", "title", "updated"):
            if len(element.findall(f"{ATOM}{name}")) != 1:
                found.append(f"{where} must have exactly one {name}")
        ident = element.findtext(f"{ATOM}id") or ""
        if not re.match(r"^[a-z][a-z0-9+.-]*:", ident):
            found.append(f"{where} id is not an absolute IRI: {ident!r}")
        if not date.match(element.findtext(f"{ATOM}updated") or ""):
            found.append(f"{where} updated is not an RFC 3339 date")
        if where == "entry" and not element.findall(f"{ATOM}link[@rel='alternate']") and element.find(f"{ATOM}content") is None:
            found.append("entry needs an alternate link or content")
    if root.find(f"{ATOM}author") is None and any(e.find(f"{ATOM}author") is None for e in root.findall(f"{ATOM}entry")):
        found.append("feed needs an author")
    if root.find(f"{ATOM}link[@rel='self']") is None:
        found.append("feed should have a self link")
    ids = [e.findtext(f"{ATOM}id") for e in root.findall(f"{ATOM}entry")]
    if len(ids) != len(set(ids)):
        found.append("entry ids must be unique")
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_feeds_are_valid_atom_and_list_every_case_study(built_site, lang: str):
    path = built_site.site / f"{prefix(lang)}feeds/case-studies.xml"
    root = ET.parse(path).getroot()
    assert atom_problems(root) == []
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    entries = root.findall(f"{ATOM}entry")
    site_url = "https://unesco-uil.github.io/learning-cities-portal/"
    by_link = {e.find(f"{ATOM}link[@rel='alternate']").get("href"): e for e in entries}
    assert sorted(by_link) == sorted(f"{site_url}{prefix(lang)}case-studies/{s.slug}/" for s in LIBRARY.studies)
    for study in LIBRARY.studies:
        entry = by_link[f"{site_url}{prefix(lang)}case-studies/{study.slug}/"]
        assert entry.findtext(f"{ATOM}title") == study.title_in(lang)
        assert entry.get("{http://www.w3.org/XML/1998/namespace}lang") == study.shown_language(lang)
        assert html_file(built_site.site, f"{prefix(lang)}case-studies/{study.slug}/").is_file()
    # dates come from the case studies (reproducible builds), not from the clock
    newest = max(s.updated_in(lang) for s in LIBRARY.studies)
    assert root.findtext(f"{ATOM}updated") == f"{newest.isoformat()}T00:00:00Z"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_link_the_feed_of_their_language(built_site, lang: str):
    for url in (prefix(lang), f"{prefix(lang)}members/", f"{prefix(lang)}sdg/4-1/", f"{prefix(lang)}case-studies/nanjing-suzhou-2024/"):
        hrefs = parse(built_site.site, url).xpath("//head/link[@rel='alternate'][@type='application/atom+xml']/@href")
        assert len(hrefs) == 1, url
        assert resolve("/" + url, hrefs[0]) == f"{prefix(lang)}feeds/case-studies.xml", (url, hrefs[0])


def test_navigation_has_case_studies_and_sdgs_in_every_language(built_site):
    for lang in LANGUAGES:
        doc = parse(built_site.site, prefix(lang))
        labels = {a.text_content().strip() for a in doc.xpath("//nav[contains(@class, 'md-nav--primary')]//a")}
        labels |= {s.text_content().strip() for s in doc.xpath("//nav[contains(@class, 'md-nav--primary')]//label")}
        expected = {"en": ("Case studies", "SDGs"), "fr": ("Études de cas", "ODD")}.get(lang)
        if expected:
            assert set(expected) <= labels, (lang, labels)


def test_a_case_study_without_a_translation_shows_the_english_text_with_a_notice(tmp_path: Path):
    """Every case study is translated today, so the fallback is shown on a copy with one
    translation removed: the English text, marked as English, under a notice in the reader's
    language; the added sections in the reader's language; the edit link to the English file."""
    repo = copy_repo(tmp_path / "repo")
    (repo / "case-studies" / "nanjing-suzhou-2024.ru.md").unlink()
    build = run_build(repo, tmp_path / "site")
    assert build.returncode == 0, build.output[-3000:]
    doc = parse(build.site, "ru/case-studies/nanjing-suzhou-2024/")
    assert doc.xpath("//article//h1")[0].text_content().replace("¶", "").strip() == LIBRARY.get("nanjing-suzhou-2024").title
    notice = doc.xpath("//*[contains(@class, 'lcp-notice--untranslated')]")
    assert notice and notice[0].text_content().strip() == t("page.not_translated", "ru")
    english = doc.xpath("//article//div[@lang='en']")
    assert english and english[0].get("dir") == "ltr" and english[0].xpath(".//h1")
    assert doc.xpath("//h2[@id='sdg-targets']")[0].get("lang") == "ru"
    assert doc.xpath("//a[@rel='edit']")[0].get("href").endswith("/edit/main/case-studies/nanjing-suzhou-2024.md")
    # The translated languages are unchanged: no notice.
    assert not parse(build.site, "fr/case-studies/nanjing-suzhou-2024/").xpath("//*[contains(@class, 'lcp-notice--untranslated')]")


def test_a_bad_case_study_stops_the_build_with_file_and_line(tmp_path: Path):
    repo = copy_repo(tmp_path / "repo")
    bad = repo / "case-studies" / "nanjing-suzhou-2024.md"
    bad.write_text(bad.read_text(encoding="utf-8").replace('sdg_targets: ["11.3"]', 'sdg_targets: ["11.3", "4.9"]'), encoding="utf-8")
    build = run_build(repo, tmp_path / "site")
    assert build.returncode != 0
    assert "case-studies/nanjing-suzhou-2024.md:6: sdg_targets must be SDG 4 or SDG 11 targets" in build.output
    assert "got '4.9'" in build.output
    assert "Traceback" not in build.output


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sdg_and_theme_page_links_resolve_in_the_same_language(built_site, lang: str):
    site = built_site.site
    pages = [f"{prefix(lang)}sdg/{slug + '/' if slug else ''}" for slug in SDG_PAGES]
    pages += [f"{prefix(lang)}themes/"] + [f"{prefix(lang)}themes/{th.id}/" for th in REF.themes]
    pages += [f"{prefix(lang)}case-studies/"]
    for url in pages:
        for href in content_links(parse(site, url)):
            target = resolve("/" + url, href)
            if target is None or "/edit/" in href:
                continue
            assert html_file(site, target).is_file(), (url, href)
            assert language_of(target) == lang, (url, href)
