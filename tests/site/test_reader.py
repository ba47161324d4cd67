"""The portal reads as a public site (issue #20) on the strict build of the real site: the header's
menu of main sections in every language, city pages and case studies as articles (no documentation
rails, one quiet edit line), emblems in the reader's script that exist, the heading links' title in
the page's language, ordinal conference wording, one final period after a Russian date, a region
page's list of its cities, and source lines that read in order on right-to-left pages."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
import pytest
from lxml import etree

from portal.model.loader import load as load_network
from portal.i18n.languages import t
from portal.validate.profile import REGIONS

from tests.conftest import parse_page as parse, LANGUAGES, ROOT, Build
from portal.i18n.languages import url_prefix as prefix

NETWORK = load_network(ROOT)
CITIES = {c.slug: c for c in NETWORK.cities}
YEARS = (2015, 2017, 2019, 2021, 2024)
MENU = {
    "chrome.menu_members": "members/index.html",
    "chrome.menu_case_studies": "case-studies/index.html",
    "chrome.menu_awards": "awards/index.html",
    "chrome.menu_sdgs": "sdg/index.html",
    "chrome.menu_figures": "members/figures/index.html",
    "chrome.menu_open_data": "open-data/index.html",
}




def target(site: Path, page_url: str, href: str) -> Path:
    """The file a relative link of the page at `page_url` (a folder URL) leads to."""
    path = unquote(urlsplit(urljoin("http://x/" + page_url, href)).path).lstrip("/")
    found = site / path
    return found / "index.html" if path.endswith("/") or found.is_dir() else found


def text(doc) -> str:
    return " ".join(doc.text_content().split())


def a_case_study() -> str:
    return sorted(p.stem for p in (ROOT / "case-studies").glob("*.md") if p.stem.count(".") == 0 and p.stem not in ("README", "index"))[0]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_header_menu_links_the_main_sections_in_the_readers_language(built_site: Build, lang: str):
    for url in ("", "cities/wuhan/", "members/figures/"):
        page = f"{prefix(lang)}{url}"
        doc = parse(built_site.site, page)
        menu = doc.cssselect("header .lcp-menu")
        assert len(menu) == 1, page
        links = menu[0].cssselect("a.lcp-menu__link")
        assert [a.text_content().strip() for a in links] == [t(key, lang) for key in MENU], page
        for a, file in zip(links, MENU.values()):
            assert target(built_site.site, page, a.get("href")) == built_site.site / prefix(lang) / file, (page, a.get("href"))
        current = [a.text_content().strip() for a in links if a.get("aria-current")]
        expected = {"": [], "cities/wuhan/": [t("chrome.menu_members", lang)], "members/figures/": [t("chrome.menu_figures", lang)]}[url]
        assert current == expected, page


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_city_pages_and_case_studies_read_as_articles(built_site: Build, lang: str):
    for url in (f"{prefix(lang)}cities/wuhan/", f"{prefix(lang)}case-studies/{a_case_study()}/"):
        doc = parse(built_site.site, url)
        for rail in ("primary", "secondary"):
            sidebar = doc.cssselect(f".md-sidebar--{rail}")
            assert sidebar and sidebar[0].get("hidden") is not None, (url, rail)
        assert doc.cssselect("article .lcp-article"), url
    # Pages that are not articles keep their navigation.
    assert parse(built_site.site, f"{prefix(lang)}members/").cssselect(".md-sidebar--primary")[0].get("hidden") is None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_edit_block_of_a_city_page_is_one_quiet_line(built_site: Build, lang: str):
    url = f"{prefix(lang)}cities/wuhan/"
    doc = parse(built_site.site, url)
    edit = doc.cssselect("article p.lcp-edit")
    assert len(edit) == 1
    links = edit[0].cssselect("a")
    assert [a.text_content() for a in links] == [t("city.edit", lang), t("city.edit_how", lang)]
    assert target(built_site.site, url, links[1].get("href")) == built_site.site / prefix(lang) / "contribute" / "index.html"
    assert "YAML" not in text(doc.cssselect("article")[0])  # no file format in front of readers
    assert edit[0].getparent().index(edit[0]) >= len(edit[0].getparent()) - 3  # at the end of the page


def test_every_emblem_shown_exists_and_names_the_city_in_the_readers_script(built_site: Build):
    site = built_site.site
    for lang in LANGUAGES:
        for page in [f"{prefix(lang)}awards/{year}/" for year in YEARS] + [prefix(lang)]:
            for img in parse(site, page).cssselect("img.lcp-card__emblem"):
                file = target(site, page, img.get("src"))
                assert file.is_file(), (page, img.get("src"))
                slug = re.match(r"(.+)-\d{4}(-[a-z]{2})?\.svg$", file.name).group(1)
                svg = etree.fromstring(file.read_bytes())  # XML: UTF-8 without a declaration
                assert CITIES[slug].name_in(lang) in " ".join("".join(svg.itertext()).split()), (page, file.name)
    zh = parse(site, "zh/awards/2024/")
    wuhan = [img for img in zh.cssselect("img.lcp-card__emblem") if "wuhan" in img.get("src")]
    assert wuhan and "武汉" in target(site, "zh/awards/2024/", wuhan[0].get("src")).read_text(encoding="utf-8")
    ar = parse(site, "ar/awards/2024/")
    yanbu = [img for img in ar.cssselect("img.lcp-card__emblem") if "yanbu" in img.get("src")]
    assert yanbu and "ينبع" in target(site, "ar/awards/2024/", yanbu[0].get("src")).read_text(encoding="utf-8")
    # A language without its own names shares the default emblem: few files, not six per award.
    assert len(list((site / "media" / "emblems").glob("*.svg"))) < 58 * len(LANGUAGES)
    assert not (site / "media" / "emblems" / "wuhan-2024-fr.svg").exists()  # "Wuhan" in French as in English


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heading_links_are_titled_in_the_pages_language(built_site: Build, lang: str):
    folder = built_site.site / prefix(lang) if lang != "en" else built_site.site
    others = {f"{code}/" for code in LANGUAGES if code != "en"}
    expected = t("chrome.permalink", lang)
    checked = 0
    for path in folder.rglob("index.html"):
        rel = path.relative_to(built_site.site).as_posix()
        if lang == "en" and any(rel.startswith(o) for o in others):
            continue
        html = path.read_text(encoding="utf-8")
        if 'class="headerlink"' not in html:
            continue
        titles = set(re.findall(r'class="headerlink" href="[^"]*" title="([^"]*)"', html))
        assert titles == {expected}, (rel, titles)
        checked += 1
    assert checked > 300


def test_russian_dates_end_a_sentence_with_one_period(built_site: Build):
    for page in ["ru/"] + [f"ru/awards/{year}/" for year in YEARS]:
        content = text(parse(built_site.site, page).cssselect("article")[0])
        assert "г.." not in content, page
    assert parse(built_site.site, "ru/awards/2024/").cssselect(".lcp-intro")[0].text_content().endswith("2024\u202fг.")


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "at the 2nd International Conference on Learning Cities (ICLC 2)"),
    ("fr", "lors de la 2e Conférence internationale sur les villes apprenantes (ICLC 2)"),
    ("es", "en la 2.ª Conferencia Internacional sobre Ciudades del Aprendizaje (ICLC 2)"),
    ("ar", "المؤتمر الدولي الثاني بشأن مدن التعلّم (ICLC 2)"),
    ("zh", "第二届国际学习型城市大会"),
    ("ru", "на 2-й Международной конференции по обучающимся городам (ICLC 2)"),
])
def test_galleries_name_the_conference_with_an_ordinal(built_site: Build, lang: str, expected: str):
    intro = text(parse(built_site.site, f"{prefix(lang)}awards/2015/").cssselect(".lcp-intro")[0])
    assert expected in intro
    for year in YEARS:
        intro = text(parse(built_site.site, f"{prefix(lang)}awards/{year}/").cssselect(".lcp-intro")[0])
        assert not re.search(r"number \d|n° \d|n\.º \d|№ \d|رقم \d", intro), (lang, year, intro)


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_a_region_page_lists_every_city_of_the_region(built_site: Build, lang: str):
    for region in REGIONS.values():
        members = {c.slug for c in NETWORK.cities if c.region == region}
        page = f"{prefix(lang)}members/map/{region}/"
        if not (built_site.site / page).is_dir():
            continue
        doc = parse(built_site.site, page)
        assert doc.get_element_by_id("cities") is not None
        links = doc.cssselect("ul.lcp-region-cities a")
        found = {target(built_site.site, page, a.get("href")).parent.name for a in links}
        assert found == members, region
        for a in links:
            slug = target(built_site.site, page, a.get("href")).parent.name
            assert a.text_content() == CITIES[slug].name_in(lang)
        # On the region's own map, a numbered circle leads to that list.
        for group in doc.cssselect(".lcp-map__markers a[data-cities]"):
            assert group.get("href") == "#cities"


def test_a_source_line_reads_in_order_on_right_to_left_pages(built_site: Build):
    """A cited page on an Arabic page: its title first (linked, in its own direction), then the
    publisher and date; no punctuation standing before the title."""
    seen = 0
    for path in sorted((built_site.site / "ar" / "case-studies").glob("*/index.html")):
        doc = lxml.html.fromstring(path.read_bytes())
        for li in doc.cssselect("ul.lcp-sources li"):
            assert not (li.text or "").strip(), path  # nothing before the citation
            first = li.text_content().strip()
            assert first and first[0] not in ":：،,", (path, first[:40])
            if li.cssselect("a[href][dir=auto], a[href] [dir=auto]"):
                seen += 1
    assert seen > 10


def test_the_stylesheet_never_breaks_words_anywhere(built_site: Build):
    css = (built_site.site / "assets" / "portal.css").read_text(encoding="utf-8")
    assert not re.search(r"word-break:\s*break-all", css)
