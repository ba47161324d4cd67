"""The map projection and outlines, the growth figures and the open data exports, without MkDocs."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from portal.model import figures
from portal.model.loader import load
from portal.site import worldmap
from portal.site.pages.members import by_region
from portal.site.pages.opendata import FIELDS, as_csv, as_geojson, as_json, record

from tests.conftest import ROOT, register_cited, restrict_awards, without_coordinates


def test_projection_corners_and_clamping():
    assert worldmap.project(0, 0) == worldmap.Point(500.0, round(85 * 1000 / 360, 1))
    assert worldmap.project(85, -180) == worldmap.Point(0.0, 0.0)
    assert worldmap.project(-59, 180) == worldmap.Point(1000.0, 400.0)
    assert worldmap.project(-80, 0).y == 400.0  # below the frame: clamped to its edge
    assert worldmap.project(6.245, -75.57151) == worldmap.Point(290.1, 218.8)  # Medellín


def test_outline_is_compact_and_has_no_antimeridian_streaks():
    path = worldmap.outline(ROOT / "data")
    assert 20_000 < len(path) < 60_000
    for sub in path.split("M")[1:]:
        moves = [tuple(map(int, m)) for m in re.findall(r"(-?\d+) ?(-?\d+)", sub.split("l", 1)[1])]
        assert all(abs(dx) < 300 for dx, _ in moves), "a ring jumps across the map (antimeridian)"


def test_growth_keeps_the_caveats():
    rows = figures.growth(ROOT / "data")
    by_year = {r.day.year: r for r in rows}
    assert by_year[2018].lower_bound and by_year[2018].members == 200 and not by_year[2018].total
    assert by_year[2019].active_only and not by_year[2019].total
    assert by_year[2025].total and by_year[2025].members == 425
    chart = figures.growth_chart(rows)
    assert len(chart.members_line.split()) == len(rows) - 2  # the two caveated rows are not joined
    assert figures.format_day(date(2022, 9, 2), "fr") == "sept. 2022"


@pytest.fixture
def network(tmp_path: Path):
    (tmp_path / "cities").mkdir()
    shutil.copytree(ROOT / "data", tmp_path / "data")
    for slug in ("cork", "medellin", "seodaemun-gu", "bogota"):
        shutil.copy2(ROOT / "cities" / f"{slug}.yml", tmp_path / "cities")
    without_coordinates(tmp_path / "cities" / "seodaemun-gu.yml")
    restrict_awards(tmp_path)
    return load(tmp_path)


def test_directory_groups_by_region_then_country(network):
    regions = by_region(network.cities, "es")
    assert [r.id for r in regions] == ["asia-pacific", "europe-north-america", "latin-america-caribbean"]
    latin = regions[-1]
    assert [c.name for c in latin.countries] == ["Colombia"] and [c.slug for c in latin.countries[0].cities] == ["bogota", "medellin"]


def test_exports_have_the_documented_fields_and_every_city(network):
    records = [record(c) for c in network.cities]
    assert [list(r) for r in records] == [[f for f, _ in FIELDS]] * len(records)
    data = json.loads(as_json(records))
    assert data["count"] == 4 and [m["id"] for m in data["members"]] == ["bogota", "cork", "medellin", "seodaemun-gu"]
    geo = json.loads(as_geojson(records))
    seodaemun = next(f for f in geo["features"] if f["id"] == "seodaemun-gu")
    assert seodaemun["geometry"] is None and seodaemun["properties"]["country"] == "KR"
    medellin = next(f for f in geo["features"] if f["id"] == "medellin")
    assert medellin["geometry"] == {"type": "Point", "coordinates": [-75.57151, 6.245]}
    rows = list(csv.DictReader(io.StringIO(as_csv(records))))
    assert [r["id"] for r in rows] == ["bogota", "cork", "medellin", "seodaemun-gu"]
    assert rows[2]["awards"] == "2019" and rows[3]["latitude"] == "" and "name_zh" in rows[0]


def test_values_in_exports_are_data_not_markup(network, tmp_path):
    (network.root / "cities" / "lyon.yml").write_text(
        "name: Lyon\ncountry: FR\nregion: Europe and North America\nsources: ['https://example.org/?a=1&b=\"x\"']\n", encoding="utf-8"
    )
    register_cited(network.root)
    records = [record(c) for c in load(network.root).cities]
    lyon = next(r for r in json.loads(as_json(records))["members"] if r["id"] == "lyon")
    assert lyon["sources"] == ['https://example.org/?a=1&b="x"']  # JSON-escaped, not HTML-escaped
