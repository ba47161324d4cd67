"""What the web's real clients read from the built site (issue #23): OpenGraph and Twitter cards,
schema.org JSON-LD (read with extruct, as crawlers and link previews do), absolute language
alternates with x-default in every head and in the sitemap, the share pictures (opened with
Pillow), the web manifest, the OpenSearch descriptions and the open data's Data Package
(validated with frictionless)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
import pytest
from PIL import Image

from tests.conftest import LANGUAGES
from portal.i18n.languages import url_prefix as prefix

pytestmark = pytest.mark.build

extruct = pytest.importorskip("extruct")
SITE_URL = "https://unesco-uil.github.io/learning-cities-portal/"  # mkdocs.yml's default site_url
LOCALES = {"en": "en_GB", "fr": "fr_FR", "es": "es_ES", "ar": "ar_AR", "zh": "zh_CN", "ru": "ru_RU"}
CITY = "beijing"  # a name in every script (北京, بكين, Пекин, Pékin)
STUDY = "al-wakra-sustainability-2021"



def html_of(site: Path, address: str) -> str:
    return (site / address / "index.html").read_text(encoding="utf-8")


def extract(site: Path, address: str) -> dict:
    return extruct.extract(html_of(site, address), base_url=SITE_URL + address, syntaxes=["json-ld", "opengraph"], uniform=False)


def og(data: dict) -> dict[str, list[str]]:
    """{property: [values]} of the page's OpenGraph and Twitter-readable tags."""
    found: dict[str, list[str]] = {}
    for block in data["opengraph"]:
        for key, value in block["properties"]:
            found.setdefault(key, []).append(value)
    return found


def of_type(data: dict, kind: str) -> list[dict]:
    items = []
    for block in data["json-ld"]:
        items.extend(block.get("@graph", [block]))
    return [i for i in items if i.get("@type") == kind]


def local_file(site: Path, url: str) -> Path:
    """The built file behind an absolute address of the site."""
    assert url.startswith(SITE_URL), f"not an absolute address of the site: {url}"
    rel = url[len(SITE_URL):]
    return site / (rel + "index.html" if rel.endswith("/") or not rel else rel)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_city_page_has_share_card_and_a_city_with_coordinates_and_names(built_site, lang):
    site = built_site.site
    address = f"{prefix(lang)}cities/{CITY}/"
    data = extract(site, address)
    tags = og(data)
    page = lxml.html.fromstring(html_of(site, address))
    name = page.find(".//article//h1").text_content().strip()
    assert tags["og:title"] == [name]
    assert tags["og:url"] == [SITE_URL + address]
    assert tags["og:type"] == ["website"]
    assert tags["og:locale"] == [LOCALES[lang]]
    assert sorted(tags["og:locale:alternate"]) == sorted(v for k, v in LOCALES.items() if k != lang)
    assert tags["og:description"][0].strip() and len(tags["og:description"][0]) <= 300
    assert page.get("lang") == lang
    image = tags["og:image"][0]
    assert image.startswith(SITE_URL + "share/") and image.endswith(".png")
    assert tags["og:image:width"] == ["1200"] and tags["og:image:height"] == ["630"]
    assert name in tags["og:image:alt"][0]
    with Image.open(local_file(site, image)) as im:
        assert im.size == (1200, 630)
    assert page.xpath('//meta[@name="twitter:card"]/@content') == ["summary_large_image"]
    [city] = of_type(data, "City")
    assert city["name"] == name
    assert {n["@language"] for n in city["alternateName"]} == set(LANGUAGES)
    assert -90 <= city["geo"]["latitude"] <= 90 and -180 <= city["geo"]["longitude"] <= 180
    assert city["containedInPlace"]["@type"] == "Country" and city["containedInPlace"]["identifier"] == "CN"
    assert city["sameAs"][0].startswith("https://www.geonames.org/")


def test_every_city_page_names_its_own_picture_in_its_language(built_site):
    """One card per city per language: the Arabic and the Chinese pages of a city name different
    pictures, and every named picture exists."""
    site = built_site.site
    seen: dict[str, set[str]] = {}
    for lang in LANGUAGES:
        for path in sorted((site / prefix(lang) / "cities").glob("*/index.html")):
            tree = lxml.html.parse(str(path))
            [image] = tree.xpath('//meta[@property="og:image"]/@content')
            assert local_file(site, image).is_file(), f"{path}: {image} is missing"
            seen.setdefault(path.parent.name, set()).add(image)
    assert len(seen) > 100
    assert all(len(images) >= 3 for images in seen.values()), [s for s, i in seen.items() if len(i) < 3][:5]


def test_share_pictures_are_small_palette_pngs(built_site):
    pictures = sorted((built_site.site / "share").glob("*.png"))
    assert len(pictures) > 300 * 3
    sizes = [p.stat().st_size for p in pictures]
    assert max(sizes) < 80_000, max(sizes)
    for path in pictures[:: max(1, len(pictures) // 12)]:
        with Image.open(path) as im:
            assert im.format == "PNG" and im.size == (1200, 630) and im.mode == "P"


def test_case_study_is_an_article_with_dates_cities_and_sources(built_site):
    for lang in ("en", "fr", "ar"):
        data = extract(built_site.site, f"{prefix(lang)}case-studies/{STUDY}/")
        assert og(data)["og:type"] == ["article"]
        [article] = of_type(data, "Article")
        assert article["headline"]
        assert len(article["datePublished"]) == 10 and article["dateModified"] >= article["datePublished"]
        assert [c["@type"] for c in article["about"]] == ["City"]
        assert article["about"][0]["@id"] == f"{SITE_URL}{prefix(lang)}cities/al-wakra/#city"
        assert article["citation"] and all(c["name"] for c in article["citation"])


def test_home_page_is_a_website_published_by_the_institute(built_site):
    for lang in LANGUAGES:
        data = extract(built_site.site, prefix(lang))
        [site] = of_type(data, "WebSite")
        [org] = of_type(data, "Organization")
        assert site["url"] == SITE_URL + prefix(lang) and site["inLanguage"] == lang
        assert site["publisher"]["@id"] == org["@id"]
        assert site["potentialAction"]["target"]["urlTemplate"] == SITE_URL + prefix(lang) + "?q={search_term_string}"
        assert og(data)["og:title"][0] == site["name"]


def test_open_data_page_is_a_dataset_with_its_downloads(built_site):
    for lang in LANGUAGES:
        data = extract(built_site.site, f"{prefix(lang)}open-data/")
        [dataset] = of_type(data, "Dataset")
        downloads = {d["encodingFormat"]: d["contentUrl"] for d in dataset["distribution"]}
        assert set(downloads) == {"text/csv", "application/json", "application/geo+json"}
        for url in downloads.values():
            assert local_file(built_site.site, url).is_file(), url
        assert dataset["license"].startswith("https://creativecommons.org/")
        assert dataset["creator"]["name"] and len(dataset["dateModified"]) == 10
        page = lxml.html.fromstring(html_of(built_site.site, f"{prefix(lang)}open-data/"))
        [href] = [h for h in page.xpath("//article//a/@href") if h.endswith("datapackage.json")]
        target = (built_site.site / prefix(lang) / "open-data" / href).resolve()
        assert target == (built_site.site / "open-data" / "datapackage.json").resolve() and target.is_file()


def test_every_page_has_absolute_alternates_with_x_default(built_site):
    site = built_site.site
    pages = [p for p in site.rglob("index.html") if not p.relative_to(site).as_posix().startswith("pagefind/")]
    assert len(pages) > 2000
    for path in pages:
        head = lxml.html.parse(str(path)).find(".//head")
        alternates = {link.get("hreflang"): link.get("href") for link in head.iterfind("link[@rel='alternate'][@hreflang]")}
        assert set(alternates) == {*LANGUAGES, "x-default"}, path
        assert all(href.startswith(SITE_URL) for href in alternates.values()), (path, alternates)
        assert alternates["x-default"] == alternates["en"]
        rel = path.parent.relative_to(site).as_posix()
        assert SITE_URL + ("" if rel == "." else rel + "/") in alternates.values(), (path, alternates)
        assert head.find("meta[@name='theme-color']") is not None
        assert head.find("link[@rel='manifest']") is not None and head.find("link[@rel='search']") is not None


def test_sitemap_alternates_are_absolute_with_x_default(built_site):
    tree = lxml.etree.parse(str(built_site.site / "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = tree.findall("s:url", ns)
    assert len(urls) > 2000
    for url in urls:
        links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        assert set(links) == {*LANGUAGES, "x-default"}, url.findtext("s:loc", namespaces=ns)
        assert links["x-default"] == links["en"] and all(h.startswith(SITE_URL) for h in links.values())


def test_manifest_and_opensearch_in_every_language(built_site):
    site = built_site.site
    for lang in LANGUAGES:
        page = lxml.html.parse(str(site / prefix(lang) / "index.html"))
        [manifest_href] = page.xpath("//link[@rel='manifest']/@href")
        manifest_file = (site / prefix(lang) / manifest_href).resolve()
        manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
        assert manifest["lang"] == lang and manifest["name"] and manifest["short_name"] and manifest["theme_color"].startswith("#")
        assert (manifest_file.parent / manifest["start_url"]).resolve() == (site / prefix(lang)).resolve()
        sizes = set()
        for icon in manifest["icons"]:
            with Image.open(manifest_file.parent / icon["src"]) as im:
                assert f"{im.width}x{im.height}" == icon["sizes"]
                sizes.add(im.width)
        assert {192, 512} <= sizes
        [search_href] = page.xpath("//link[@rel='search'][@type='application/opensearchdescription+xml']/@href")
        description = lxml.etree.parse(str((site / prefix(lang) / search_href).resolve()))
        ns = {"o": "http://a9.com/-/spec/opensearch/1.1/"}
        assert len(description.findtext("o:ShortName", namespaces=ns)) <= 16
        assert description.findtext("o:Language", namespaces=ns) == lang
        [template] = description.xpath("//o:Url[@type='text/html']/@template", namespaces=ns)
        assert template == SITE_URL + prefix(lang) + "?q={searchTerms}"


def test_data_package_is_valid_and_catches_a_bad_value(built_site, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    folder = built_site.site / "open-data"
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])[:10]
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    [table] = [r for r in package["resources"] if r["path"] == "members.csv"]
    header = (folder / "members.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert [f["name"] for f in table["schema"]["fields"]] == header
    assert all(f.get("description") for f in table["schema"]["fields"])
    assert package["licenses"] and package["sources"] and package["created"]
    # The same package with a region no schema allows: frictionless must say so.
    copy = tmp_path / "open-data"
    shutil.copytree(folder, copy)
    text = (copy / "members.csv").read_text(encoding="utf-8")
    (copy / "members.csv").write_text(text.replace(",africa,", ",atlantis,", 1), encoding="utf-8")
    assert not frictionless.validate(str(copy / "datapackage.json")).valid

