"""Contributor pages on the built site: the guide, the field reference and the translation status
page in six languages, the guide linked from every city page's edit button, and a city scaffolded
with `portal new city` that validates and builds."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from lxml import html

from portal.model.loader import load
from portal.site.coverage import coverage, hand_written_pages
from portal.i18n.languages import t
from portal.i18n.localize import number
from portal.site.pages import families
from portal.site.pages.translation_status import page_title
from portal.validate.profile import FIELDS, REGIONS

from tests.conftest import LANGUAGES, ROOT, Build, copy_repo, run_build
from portal.i18n.languages import url_prefix as prefix

pytestmark = pytest.mark.build



def doc(site: Path, url: str) -> html.HtmlElement:
    path = site / url / "index.html" if not url.endswith(".html") else site / url
    assert path.is_file(), f"missing page {url}"
    return html.fromstring(path.read_bytes())


def resolves(site: Path, page_url: str, href: str) -> Path:
    """The file a relative link from page_url leads to (directory URLs)."""
    target = urljoin("https://x/" + page_url, href).removeprefix("https://x/").split("#")[0]
    path = site / target / "index.html" if target.endswith("/") or not target else site / target
    assert path.is_file(), f"{page_url}: link {href} leads nowhere"
    return path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_field_reference_documents_every_field_in_each_language(built_site: Build, lang: str):
    url = f"{prefix(lang)}field-reference/"
    page = doc(built_site.site, url)
    assert page.get("lang") == lang
    ids = [h.get("id") for h in page.xpath("//article//h2")]
    assert ids == [key.replace("_", "-") for key in FIELDS]
    text = page.text_content()
    for key, (_, required, _) in FIELDS.items():
        assert t(f"field.{key}", lang) in text, key
    required_marks = page.xpath("//strong[@class='lcp-required']")
    assert len(required_marks) == sum(1 for _, req, _ in FIELDS.values() if req)
    # Allowed values are written in English (as in the files), their meaning in the reader's language.
    codes = [c.text for c in page.xpath("//section|//article")[0].xpath(".//ul[@class='lcp-allowed']/li/code")]
    assert set(REGIONS) <= set(codes) and {"2015", "2024"} <= set(codes)
    examples = [p.text_content() for p in page.xpath("//figure[@class='lcp-example']/pre")]
    assert "name: Lyon" in examples and "country: FR" in examples
    # The edit button leads to the file the descriptions are written in, not to the generated page.
    assert page.xpath("//a[contains(@class,'lcp-footer__edit')]/@href")[0].endswith("/edit/main/src/portal/i18n/strings/contribute.yml")
    guide = page.xpath("//p[@class='lcp-guide-link']/a/@href")[0]
    assert resolves(built_site.site, url, guide) == built_site.site / prefix(lang) / "contribute" / "index.html"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_guide_exists_in_each_language_and_links_stay_in_it(built_site: Build, lang: str):
    url = f"{prefix(lang)}contribute/"
    page = doc(built_site.site, url)
    assert page.get("lang") == lang
    # Written in the reader's language: no "not yet translated" notice on the guide.
    assert not page.xpath("//*[contains(@class, 'lcp-notice--untranslated')]")
    targets = {resolves(built_site.site, url, a.get("href")) for a in page.xpath("//article//a[@href]")
               if not a.get("href").startswith(("http", "#"))}
    for folder in ("field-reference", "translation-status", "members"):
        assert built_site.site / prefix(lang) / folder / "index.html" in targets, folder


def test_guide_has_the_same_sections_in_every_language(built_site: Build):
    """Translations of the guide keep its structure: the same sections (anchors), steps and example."""
    shapes = set()
    for lang in LANGUAGES:
        page = doc(built_site.site, f"{prefix(lang)}contribute/")
        shapes.add((tuple(h.get("id") for h in page.xpath("//article//h2")), len(page.xpath("//article//ol/li")),
                    tuple(p.text_content() for p in page.xpath("//article//pre"))))
    assert len(shapes) == 1, shapes


def test_every_city_page_links_its_edit_button_to_the_guide(built_site: Build):
    cities = load(ROOT).cities
    for city in cities:
        for lang in LANGUAGES:
            url = f"{prefix(lang)}cities/{city.slug}/"
            page = doc(built_site.site, url)
            # On the edit link's own line (one quiet line at the end of the page).
            link = page.xpath("//p[@class='lcp-edit']/span[@class='lcp-edit-guide']/a")
            assert len(link) == 1, url
            assert link[0].text_content() == t("city.edit_how", lang)
            assert resolves(built_site.site, url, link[0].get("href")) == built_site.site / prefix(lang) / "contribute" / "index.html"


def test_contribute_section_is_in_the_navigation_of_each_language(built_site: Build):
    for lang in LANGUAGES:
        page = doc(built_site.site, f"{prefix(lang)}")
        labels = [a.text_content().strip() for a in page.xpath("//nav[contains(@class,'md-nav--primary')]//a")]
        assert t("fields.title", lang) in labels and t("translations.title", lang) in labels, lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translation_status_page_shows_the_coverage_data(built_site: Build, lang: str):
    report = coverage(load(ROOT), skip_folders=set(families()))
    pages = {p.path: p for p in hand_written_pages(ROOT / "content", set(families()))}
    url = f"{prefix(lang)}translation-status/"
    page = doc(built_site.site, url)
    rows = page.xpath("//div[@class='lcp-status']/table/tbody/tr")
    assert len(rows) == len(report) == 5
    for cov, row in zip(report, rows):
        assert row.xpath("th/a/@href") == [f"#{cov.lang}"]
        cells = [td.text_content() for td in row.xpath("td")]
        for cell, status in zip(cells, (cov.pages, cov.summary, cov.names)):
            expected = (t("translations.count", lang).format(done=number(len(status.translated), lang), total=number(status.total, lang))
                        if status.total else t("translations.nothing", lang))
            assert cell == expected
        section = page.xpath(f"//h3[@id='{cov.lang}-pages']/following-sibling::ul[1]")
        # Readers see the pages' titles; the files to create are folded into a <details> after them.
        listed = [a.text_content() for a in section[0].xpath("li/a")] if cov.pages.fallback else []
        assert listed == [page_title(ROOT / "content", pages[path], lang)[0] for path in cov.pages.fallback]
        nxt = page.xpath(f"//h3[@id='{cov.lang}-pages']/following-sibling::*[self::details or self::h3][1]")
        files = nxt[0].xpath(".//code") if nxt and nxt[0].tag == "details" else []  # none missing: no folded list
        assert [c.text_content() for c in files] == [f"content/{pages[path].file(cov.lang)}" for path in cov.pages.fallback]
        for a in (section[0].xpath("li/a") if cov.pages.fallback else []):
            resolves(built_site.site, url, a.get("href"))
    # The guide is translated into every language: it never appears as a fallback.
    assert all("contribute.md" not in c.pages.fallback for c in report)


def test_scaffolded_city_validates_and_builds(tmp_path: Path):
    # One city per UNESCO region: the home page links to every region of the member list.
    # (award winners last, so that each region keeps one where it has one: the navigation links the award pages)
    per_region = {c.region: c.slug for c in sorted(load(ROOT).cities, key=lambda c: (bool(c.awards), c.slug))}
    repo = copy_repo(tmp_path / "repo", cities=sorted(per_region.values()))
    proc = subprocess.run([sys.executable, "-m", "portal", "new", "city", "tromso", "--name", "Tromsø", "--country", "NO",
                           "--region", "Europe and North America", "--source", "https://www.uil.unesco.org/en/learning-cities"],
                          cwd=repo, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    check = subprocess.run([sys.executable, "-m", "portal", "check"], cwd=repo, capture_output=True, text=True)
    assert (check.returncode, check.stdout) == (0, f"{len(per_region) + 1} city profiles OK.\n"), check.stderr
    build = run_build(repo, tmp_path / "site")
    assert build.returncode == 0, build.output[-3000:]
    for lang in LANGUAGES:
        page = doc(build.site, f"{prefix(lang)}cities/tromso/")
        assert page.xpath("//h1/bdi")[0].text == "Tromsø"
