"""The strict MkDocs build of the real content, checked from the HTML it writes."""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest

from portal.model import casestudies
from portal.model.loader import load

from tests.conftest import LANGUAGES, ROOT, Build, copy_repo, register_cited, run_build
from tests.sitecheck import language_of, site_path

CITIES = load(ROOT).cities
SLUGS = sorted(c.slug for c in CITIES)


def lang_dir(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


def parse(site: Path, url_path: str) -> lxml.html.HtmlElement:
    """The page at site URL path 'fr/cities/cork/'."""
    path = site / url_path / "index.html"
    assert path.is_file(), f"missing page {url_path}"
    return lxml.html.fromstring(path.read_bytes())


def resolve(page_url: str, href: str) -> str:
    """A relative href on page '/fr/cities/cork/' as a site path."""
    return urlsplit(urljoin(f"http://site/{page_url}", href)).path


def test_build_is_strict_and_clean(built_site: Build):
    warnings = [ln for ln in built_site.output.splitlines() if re.match(r"^(WARNING|ERROR)\b", ln)]
    assert warnings == []
    assert "Documentation built in" in built_site.output


def test_page_count(built_site: Build):
    pages = list(built_site.site.rglob("index.html"))
    # per language: home, about, member list, contributor guide, field reference, translation
    # status, and one page per city; the case-study list and one
    # page per case study, the SDG overview, 2 goal and 20 target pages, the theme list and 13 themes;
    # the award overview and 5 award galleries; the network figures and the open data page; the
    # closer map of each region that has a city with coordinates (members/map/<region>/)
    network = load(ROOT)
    studies = len(network.case_studies.studies)
    region_maps = len({c.region for c in network.cities if c.lat is not None and c.lon is not None})
    assert len(pages) == 6 * (3 + 3 + len(CITIES) + 1 + studies + 23 + 14 + 1 + 5 + 2 + region_maps)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_city_has_a_page_in_every_language(built_site: Build, lang: str):
    for city in CITIES:
        url = f"{lang_dir(lang)}cities/{city.slug}/"
        html = parse(built_site.site, url)
        assert html.get("lang") == lang, url
        assert html.find("body").get("dir") == ("rtl" if lang == "ar" else "ltr"), url
        assert html.xpath("string(//article//h1)").strip() == city.name_in(lang), url
        # hreflang alternates and the language switcher point at the same city in each language
        expected = {code: f"/{lang_dir(code)}cities/{city.slug}/" for code in LANGUAGES}
        # (the head's are absolute, under the site's path, with the English page as x-default)
        alternates = {a.get("hreflang"): resolve(url, a.get("href")) for a in html.xpath("//head/link[@rel='alternate'][@hreflang]")}
        switcher = {a.get("hreflang"): resolve(url, a.get("href")) for a in html.xpath("//a[contains(@class,'md-select__link')]")}
        assert alternates.pop("x-default") == alternates["en"], url
        assert alternates == {code: site_path().rstrip("/") + path for code, path in expected.items()}, url
        assert switcher == expected, url
        # the edit links (the quiet link under the sources and the footer's) open the YAML profile
        edit = f"/edit/main/cities/{city.slug}.yml"
        assert html.xpath("//p[@class='lcp-edit']/a/@href")[0].endswith(edit)
        assert html.xpath("//a[@rel='edit']/@href")[0].endswith(edit)


def test_city_page_content_in_arabic(built_site: Build):
    html = parse(built_site.site, "ar/cities/medellin/")
    facts = dict(zip([dt.text_content().strip() for dt in html.xpath("//dl[@class='lcp-facts']/dt")],
                     [dd.text_content().strip() for dd in html.xpath("//dl[@class='lcp-facts']/dd")]))
    assert facts == {
        "البلد": "كولومبيا",
        "منطقة اليونسكو": "أمريكا اللاتينية والبحر الكاريبي",
        "عضو منذ": "2017",  # from its profile (joined: 2017)
        "جائزة اليونسكو لمدن التعلّم": "2019",
        "الإحداثيات": "6.245, -75.57151",
    }
    country_link, region_link = html.xpath("//dl[@class='lcp-facts']//a/@href")[:2]
    assert resolve("ar/cities/medellin/", region_link) == "/ar/members/"
    assert region_link.endswith("#latin-america-caribbean")
    assert resolve("ar/cities/medellin/", country_link) == "/ar/members/"
    assert country_link.endswith("#country-co")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_member_list_links_every_city_once(built_site: Build, lang: str):
    url = f"{lang_dir(lang)}members/"
    html = parse(built_site.site, url)
    links = [resolve(url, h) for h in html.xpath("//ul[@class='lcp-city-list']/li/a[1]/@href")]  # then award links
    assert sorted(links) == sorted(f"/{lang_dir(lang)}cities/{s}/" for s in SLUGS)
    anchors = html.xpath("//h2/@id")
    assert anchors == ["map", "africa", "arab-states", "asia-pacific", "europe-north-america", "latin-america-caribbean"]


@pytest.mark.parametrize("page", ["", "about/"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_and_about_are_translated(built_site: Build, lang: str, page: str):
    html = parse(built_site.site, f"{lang_dir(lang)}{page}")
    assert html.get("lang") == lang
    assert not html.xpath("//*[contains(@class,'lcp-notice--untranslated')]"), "page falls back to English"
    assert html.xpath("//article//*[@id='sources']"), "page has no Sources section"
    titles = {parse(built_site.site, f"{lang_dir(code)}{page}").xpath("string(//article//h1)") for code in LANGUAGES}
    assert len(titles) == 6, "the six languages share a title: is a translation missing?"


def test_no_request_to_another_host(built_site: Build):
    """Scripts, styles, fonts, images and frames all come from the site itself."""
    foreign = []
    for path in built_site.site.rglob("*.html"):
        html = lxml.html.fromstring(path.read_bytes())
        for url in html.xpath("//script/@src | //link[not(@rel='alternate' or @rel='canonical')]/@href | //img/@src | //iframe/@src | //source/@srcset"):
            if urlsplit(url).netloc and not url.startswith("data:"):
                foreign.append((path.relative_to(built_site.site), url))
    for path in built_site.site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^)'\"]+)|@import\s+['\"]([^'\"]+)", path.read_text(encoding="utf-8", errors="replace")):
            if "//" in "".join(url) and not "".join(url).startswith("data:"):
                foreign.append((path.relative_to(built_site.site), url))
    assert foreign == []


def test_no_script_calls_another_host(built_site: Build):
    """Material's repository widget fetches api.github.com from every reader: it must be absent."""
    for path in built_site.site.rglob("*.html"):
        assert 'data-md-component="source"' not in path.read_text(encoding="utf-8"), path


def test_search_index_has_one_index_per_language(built_site: Build):
    """Pagefind's bundle (src/portal/site/search.py): an index per language, each with every page of
    that language but the 404 page; Material's one index for all languages is gone."""
    bundle = built_site.site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == sorted(LANGUAGES)  # sorted: reproducible builds
    for lang in LANGUAGES:
        pages = [p for p in (built_site.site / lang_dir(lang)).rglob("index.html")
                 if lang != "en" or language_of(p.relative_to(built_site.site).as_posix()) == "en"]
        assert entry["languages"][lang]["page_count"] == len(pages), lang
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-worker.js").is_file()
    assert not (bundle / "pagefind-ui.js").exists()  # Pagefind's own interface is not published
    assert not (built_site.site / "search" / "search_index.json").exists()


def test_generated_pages_are_git_ignored():
    for path in ("content/cities/cork.fr.md", "content/members/index.md"):
        assert subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT).returncode == 0, path


def test_broken_profiles_stop_the_build_with_every_message(tmp_path: Path):
    repo = copy_repo(tmp_path / "repo", cities=["cork", "medellin"])
    (repo / "cities" / "lyon.yml").write_text("name: Lyon\ncountry: France\nregion: Europe\nsources: [https://example.org]\n", encoding="utf-8")
    (repo / "cities" / "empty.yml").write_text("", encoding="utf-8")
    (repo / "cities" / "latin1.yml").write_bytes("name: Besançon\n".encode("latin-1"))
    register_cited(repo)  # lyon's source is described: the build stops for the profiles' own problems
    build = run_build(repo, tmp_path / "site")
    assert build.returncode == 1
    assert "Traceback" not in build.output
    for message in (
        "cities/empty.yml:1: file is empty; copy cities/_template.yml and fill it in",
        "cities/latin1.yml:1: file must be saved as UTF-8 text, got the byte 0xE7; save it again as UTF-8",
        "cities/lyon.yml:2: country must be an ISO 3166-1 alpha-2 code such as FR or KE, got 'France'; did you mean FR (France)?",
        "cities/lyon.yml:3: region must be one of Africa, Arab States, Asia and the Pacific, Europe and North America, Latin America and the Caribbean, got 'Europe'",
    ):
        assert message in build.output
    assert "4 problem(s) in city profiles" in build.output
    assert not (tmp_path / "site" / "index.html").exists()


@pytest.mark.parametrize("url", ["members/", "fr/members/figures/", "ar/open-data/"])
def test_generated_pages_without_a_source_file_have_no_edit_button(built_site: Build, url: str):
    """Their Markdown is generated and git-ignored: an edit link would lead to a missing file."""
    assert parse(built_site.site, url).xpath("//a[@rel='edit']") == []


def test_generated_pages_with_a_source_file_edit_that_file(built_site: Build):
    html = parse(built_site.site, "es/awards/")
    assert html.xpath("//a[@rel='edit']/@href")[0].endswith("/edit/main/data/learning_city_awards.csv")
