"""The member directory, maps, figures and open data on the strictly built site (all six languages)."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import lxml.html
import pytest
import yaml

from tests.conftest import LANGUAGES, ROOT
from portal.i18n.languages import url_prefix as prefix

REGIONS = ("africa", "arab-states", "asia-pacific", "europe-north-america", "latin-america-caribbean")


def profiles() -> dict[str, dict]:
    out = {}
    for path in sorted((ROOT / "cities").glob("*.yml")):
        if not path.name.startswith("_"):
            out[path.stem] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return out


PROFILES = profiles()
PLACED = {slug for slug, p in PROFILES.items() if p.get("coordinates")}



def page(site: Path, path: str):
    return lxml.html.fromstring((site / path).read_bytes())


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    return built_site.site


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_city_exactly_once_in_the_directory(site: Path, lang: str):
    doc = page(site, f"{prefix(lang)}members/index.html")
    assert doc.get("lang") == lang
    items = doc.xpath('//div[@class="lcp-region"]//li[@data-city]')
    assert Counter(li.get("data-city") for li in items) == Counter(list(PROFILES))
    for li in items:  # each links to the city's page in the same language, and to its award rounds
        awards = sorted(PROFILES[li.get("data-city")].get("awards") or [])
        assert li.xpath("./a/@href") == [f"../cities/{li.get('data-city')}/"] + [f"../awards/{y}/" for y in awards]
        for y in awards:
            assert (site / f"{prefix(lang)}awards/{y}/index.html").is_file()
    assert (site / f"{prefix(lang)}cities/medellin/index.html").is_file()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_directory_is_grouped_by_region_and_country_with_stable_anchors(site: Path, lang: str):
    doc = page(site, f"{prefix(lang)}members/index.html")
    assert [h.get("id") for h in doc.xpath("//article//h2") if h.get("id") in REGIONS] == list(REGIONS)
    for slug, profile in PROFILES.items():
        li = doc.xpath(f'//div[@class="lcp-region"]//li[@data-city="{slug}"]')[0]
        section = li.xpath('ancestor::section[@class="lcp-country"]')[0]
        assert section.get("data-country") == profile["country"]
        assert section.get("id") == f"country-{profile['country'].lower()}"
    # The region count and the country counts add up.
    for block in doc.xpath('//div[@class="lcp-region"]'):
        n = len(block.xpath(".//li[@data-city]"))
        assert str(n) in block.xpath('./p[@class="lcp-count"]')[0].text_content()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_city_pages_link_to_their_region_and_country_sections(site: Path, lang: str):
    directory = page(site, f"{prefix(lang)}members/index.html")
    ids = set(directory.xpath("//@id"))
    for slug in ("medellin", "cork", "seodaemun-gu"):
        doc = page(site, f"{prefix(lang)}cities/{slug}/index.html")
        links = doc.xpath('//dl[@class="lcp-facts"]//a[starts-with(@href, "../../members/#")]/@href')
        assert len(links) == 2
        for href in links:
            assert href.split("#")[1] in ids


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_city_with_coordinates_once_on_the_map_the_others_beside_it(site: Path, lang: str):
    doc = page(site, f"{prefix(lang)}members/index.html")
    # Two layers (desktop, and phones' coarser grouping): in each, a city is its own marker or in
    # one numbered group, which opens the closer map of the group's region.
    for layer in ("lcp-map__wide", "lcp-map__narrow"):
        markers = doc.xpath(f'//figure[contains(@class, "lcp-map")]//*[contains(@class, "{layer}")]//*[local-name()="a"]')
        held = [s for a in markers for s in (a.get("data-cities") or a.get("data-city")).split()]
        assert Counter(held) == Counter(PLACED)
        for a in markers:
            assert a.get("aria-label", "").strip()  # an accessible name
            if a.get("data-city"):
                assert a.get("href") == f"../cities/{a.get('data-city')}/"
            else:
                regions = {PROFILES[s]["region"] for s in a.get("data-cities").split()}
                assert len(regions) == 1 and a.get("href").startswith("../members/map/")
    unplaced = doc.xpath('//div[@class="lcp-map-unplaced"]//a/@href')
    assert sorted(unplaced) == sorted(f"../cities/{s}/" for s in PROFILES if s not in PLACED)
    assert doc.xpath('//figure[@class="lcp-map"]/@dir') == ["ltr"]  # geography is not mirrored
    use = doc.xpath('//figure[@class="lcp-map"]//*[local-name()="use"]/@href')[0]
    target = (site / f"{prefix(lang)}members/" / use.split("#")[0]).resolve()
    assert target == (site / "members/world.svg").resolve() and target.is_file()


def test_the_map_outlines_are_one_shared_svg_file(site: Path):
    root = ET.parse(site / "members/world.svg").getroot()
    ns = {"svg": "http://www.w3.org/2000/svg"}
    assert root.find(".//svg:path[@id='land']", ns) is not None
    assert not (site / "fr/members/world.svg").exists()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_locator_map_on_city_pages(site: Path, lang: str):
    doc = page(site, f"{prefix(lang)}cities/medellin/index.html")
    svg = doc.xpath('//figure[@class="lcp-locator"]/*[local-name()="svg"]')[0]
    name = (PROFILES["medellin"].get("names") or {}).get(lang, PROFILES["medellin"]["name"])
    assert svg.get("role") == "img" and name in svg.get("aria-label")
    use = svg.xpath('.//*[local-name()="use"]/@href')[0]
    assert (site / f"{prefix(lang)}cities/medellin/" / use.split("#")[0]).resolve() == (site / "members/world.svg").resolve()
    dot = svg.xpath('.//*[local-name()="circle"][@class="lcp-locator__dot"]')[0]
    # Medellín (6.2 N, 75.6 W) in the equirectangular frame 1000 x 400 (85 N to 59 S).
    assert float(dot.get("cx")) == pytest.approx((180 - 75.57151) * 1000 / 360, abs=0.1)
    assert float(dot.get("cy")) == pytest.approx((85 - 6.245) * 1000 / 360, abs=0.1)
    assert not page(site, f"{prefix(lang)}cities/bikok/index.html").xpath('//figure[@class="lcp-locator"]')  # no coordinates


def test_sizes(site: Path):
    """Measured figures (printed with -s); the targets hold with room to spare at 425 cities."""
    directory = max((site / f"{prefix(l)}members/index.html").stat().st_size for l in LANGUAGES)
    outline = (site / "members/world.svg").stat().st_size
    markers = len(lxml.html.tostring(page(site, "members/index.html").xpath('//figure[@class="lcp-map"]')[0]))
    sizes = sorted(p.stat().st_size for p in site.glob("**/cities/*/index.html"))
    city, median = sizes[-1], sizes[len(sizes) // 2]
    locator = len(lxml.html.tostring(page(site, "ru/cities/medellin/index.html").xpath('//figure[@class="lcp-locator"]')[0]))
    print(f"\ndirectory page {directory} B (largest language), map outlines {outline} B, map markers {markers} B, "
          f"city pages: median {median} B, largest {city} B, locator map {locator} B")
    per_city = directory / len(PROFILES)
    assert directory + per_city * (425 - len(PROFILES)) < 250_000
    assert outline + markers * 425 / len(PLACED) < 150_000
    # The outlines are shared, not inlined in 1,200 pages; the locator draws its nearest neighbours.
    # (A city page's head now carries share tags and structured data, and its sources are titled:
    # about 32 KB at the median, far under the 500 KB page budget.)
    assert median < 40_000 and locator < 2_000


def read(site: Path, name: str) -> bytes:
    return (site / "open-data" / name).read_bytes()


def test_exports_hold_every_city_once(site: Path):
    data = json.loads(read(site, "members.json"))
    assert data["count"] == len(PROFILES)
    assert Counter(m["id"] for m in data["members"]) == Counter(list(PROFILES))
    rows = list(csv.DictReader(io.StringIO(read(site, "members.csv").decode("utf-8"))))
    assert Counter(r["id"] for r in rows) == Counter(list(PROFILES))
    geo = json.loads(read(site, "members.geojson"))
    assert geo["type"] == "FeatureCollection"
    assert Counter(f["id"] for f in geo["features"]) == Counter(list(PROFILES))
    assert {f["id"] for f in geo["features"] if f["geometry"]} == PLACED
    for name in ("members.json", "members.csv", "members.geojson"):
        for lang in LANGUAGES[1:]:  # published once, not copied into every language
            assert not (site / lang / "open-data" / name).exists()


def test_exports_agree_with_the_profiles(site: Path):
    members = {m["id"]: m for m in json.loads(read(site, "members.json"))["members"]}
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(read(site, "members.csv").decode("utf-8")))}
    features = {f["id"]: f for f in json.loads(read(site, "members.geojson"))["features"]}
    for slug, p in PROFILES.items():
        m = members[slug]
        assert (m["name"], m["country"], m["joined"], m["awards"]) == (p["name"], p["country"], p.get("joined"), sorted(p.get("awards") or []))
        assert m["page"] == f"cities/{slug}/" and (site / m["page"] / "index.html").is_file()
        assert rows[slug]["country"] == p["country"] and rows[slug]["awards"] == ";".join(map(str, m["awards"]))
        if p.get("coordinates"):
            assert features[slug]["geometry"]["coordinates"] == [p["coordinates"]["lon"], p["coordinates"]["lat"]]
            assert rows[slug]["latitude"] == str(m["latitude"])
        else:
            assert m["latitude"] is None and rows[slug]["latitude"] == "" and features[slug]["geometry"] is None
    assert list(next(iter(members.values()))) == [
        "id", "name", "names", "country", "country_name", "region", "region_name", "joined", "awards",
        "latitude", "longitude", "geonames_id", "website", "page", "profile", "sources",
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_open_data_page_in_every_language_links_the_files(site: Path, lang: str):
    doc = page(site, f"{prefix(lang)}open-data/index.html")
    hrefs = doc.xpath("//article//a/@href")
    for name in ("members.json", "members.csv", "members.geojson"):
        found = [h for h in hrefs if h.endswith(name)]
        assert found and (site / f"{prefix(lang)}open-data" / found[0]).resolve() == (site / "open-data" / name).resolve()
    assert "geonames_id" in doc.text_content()
    directory = page(site, f"{prefix(lang)}members/index.html")
    assert "../open-data/" in directory.xpath('//p[@class="lcp-dir-links"]/a/@href')


GROWTH_LABELS = {"en": "more than 200", "fr": "plus de 200", "es": "más de 200", "ar": "أكثر من 200", "zh": "200 多个", "ru": "более 200"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_figures_have_charts_and_equivalent_tables(site: Path, lang: str):
    doc = page(site, f"{prefix(lang)}members/figures/index.html")
    charts = doc.xpath('//*[local-name()="svg"][contains(@class, "lcp-chart")]')
    assert len(charts) == 3 and all(c.get("role") == "img" and c.get("aria-labelledby") for c in charts)
    tables = doc.xpath("//article//table")
    growth = [r.xpath("./td")[0].text_content() for r in tables[0].xpath(".//tbody/tr")]
    assert GROWTH_LABELS[lang] in growth  # 2018: a lower bound, never a plain number
    assert any("170" in g and g != "170" for g in growth)  # 2019: active members only, marked
    regions = tables[1].xpath(".//tbody/tr/td")
    assert [int(td.text_content().replace(",", "").replace("\u202f", "").replace("\xa0", "").replace(" ", "")) for td in regions][-1] == len(PROFILES)
