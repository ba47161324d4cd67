"""The world map, drawn at build time: Natural Earth outlines (data/world/) and city positions.

One projection for every map on the site (equirectangular, Antarctica left out), so the shared
outline file `/members/world.svg` and the markers placed over it always agree:
x = (lon + 180) * SCALE, y = (LAT_TOP - lat) * SCALE, in a WIDTH x HEIGHT view box.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

WORLD_FILE = Path("world") / "countries-110m.json"  # under data/: see data/world/README.md
WIDTH = 1000
SCALE = WIDTH / 360  # map units per degree
LAT_TOP = 85.0
LAT_BOTTOM = -59.0
HEIGHT = round((LAT_TOP - LAT_BOTTOM) * SCALE)  # 400
LEFT_OUT = {"010"}  # ISO 3166-1 numeric: Antarctica (below LAT_BOTTOM, and huge in this projection)


@dataclass(frozen=True)
class Point:
    """A projected position in map units (x from the west edge, y from the top)."""

    x: float
    y: float


def project(lat: float, lon: float) -> Point:
    """Longitude/latitude in degrees to map units (one decimal), clamped to the map's frame."""
    lat = min(max(lat, LAT_BOTTOM), LAT_TOP)
    return Point(round((lon + 180) * SCALE, 1), round((LAT_TOP - lat) * SCALE, 1))


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Decode TopoJSON's quantized, delta-encoded arcs into (lon, lat) lists."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """A polygon ring from arc indexes (a negative index ~i is arc i reversed)."""
    ring: list[tuple[float, float]] = []
    for i in indexes:
        points = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(points[1:] if ring else points)
    return ring


def _unwrap(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring that crosses the antimeridian (Fiji, Chukotka) made continuous, and drawn twice:
    once past the map's eastern edge and once shifted by 360 degrees past its western edge."""
    out: list[tuple[float, float]] = []
    for lon, lat in ring:
        if out:
            while lon - out[-1][0] > 180:
                lon -= 360
            while lon - out[-1][0] < -180:
                lon += 360
        out.append((lon, lat))
    lons = [lon for lon, _ in out]
    if max(lons) > 180:
        return [out, [(lon - 360, lat) for lon, lat in out]]
    if min(lons) < -180:
        return [out, [(lon + 360, lat) for lon, lat in out]]
    return [out]


def _path(ring: list[tuple[float, float]]) -> str:
    """An SVG subpath in whole map units, relative moves, repeated points dropped."""
    cells: list[tuple[int, int]] = []
    for lon, lat in ring:
        p = Point((lon + 180) * SCALE, (LAT_TOP - min(max(lat, LAT_BOTTOM), LAT_TOP)) * SCALE)
        cell = (round(p.x), round(p.y))
        if not cells or cell != cells[-1]:
            cells.append(cell)
    if len(cells) < 3:
        return ""
    (x0, y0), parts = cells[0], []
    prev = cells[0]
    for x, y in cells[1:]:
        parts.append(f"{x - prev[0]} {y - prev[1]}")
        prev = (x, y)
    return f"M{x0} {y0}l" + " ".join(parts).replace(" -", "-") + "z"


@cache
def outline(data_dir: Path) -> str:
    """The SVG path data of every country outline (one path: filled land, borders as strokes)."""
    topology = json.loads((data_dir / WORLD_FILE).read_text(encoding="utf-8"))
    arcs = _arcs(topology)
    subpaths = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") in LEFT_OUT:
            continue
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            for ring in polygon:
                subpaths.extend(_path(part) for part in _unwrap(_ring(ring, arcs)))
    return "".join(s for s in subpaths if s)
