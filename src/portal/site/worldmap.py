"""The world map, drawn at build time: Natural Earth outlines (data/world/) and city positions.

One projection for every map on the site (equirectangular, Antarctica left out), so the shared
outline file `/members/world.svg` and the markers placed over it always agree:
x = (lon + 180) * SCALE, y = (LAT_TOP - lat) * SCALE, in a WIDTH x HEIGHT view box.
"""
from __future__ import annotations

import json
import hashlib
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from portal.files import reading

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


@cache  # every map and locator projects the same few hundred cities again
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
    topology = json.loads(reading.read_text(data_dir / WORLD_FILE))
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


# --- Views: the whole map, a region's closer view, a city's locator -------------------------------
#
# Sizes on a map are given in CSS pixels at the desktop width of the map (DESKTOP_PX) and written
# as em: each view sets font-size to `px` (map units per CSS pixel) on its outer group, so that
# "12.5em" is 12.5 CSS px whatever the view's zoom. Below 45em the stylesheet multiplies the
# markers' font-size by NARROW: a phone's map (358 px wide on a 390 px screen) is about half as
# wide, and its markers keep the same size in CSS pixels.

DESKTOP_PX = 688  # the map's width on a 1280 px screen (Material's content column)
NARROW = 2.0  # portal.css: `.lcp-map__markers { font-size: 2em }` below 45em
HIT_PX = 12.5  # a marker's target radius: 25 CSS px across, on a phone too (WCAG 2.5.8: 24)
DOT_PX = 4.5  # a city's dot
GAP_PX = 2 * HIT_PX + 1  # the least distance between two markers' centres
REGION_SPLIT_DEG = 35.0  # a gap in longitude this wide splits a region's view in two panels
MIN_FRAME = 100.0  # a region view is at least 36 degrees of longitude wide
LOCATOR_PX = 400  # the locator's width on a desktop (24rem)
LOCATOR_DEG = 56.0  # the locator's width in degrees of longitude
LOCATOR_NEIGHBOURS = 12


@dataclass(frozen=True)
class Marker:
    """One link on a map: a city, or a cluster of cities too close to tell apart at this zoom."""

    cities: tuple  # City objects (anything with slug, lat, lon, region)
    x: float
    y: float
    r: float  # visible radius, CSS px (em in the SVG)
    at: Point | None = None  # the true position, when the marker was moved aside (a leader line)
    end: bool = False  # the label goes to the marker's left (markers in the east of the view)

    @property
    def cluster(self) -> bool:
        return len(self.cities) > 1

    @property
    def region(self) -> str:
        return self.cities[0].region


@dataclass(frozen=True)
class View:
    """A crop of the shared outlines (viewBox x y w h, in map units) and its markers.

    `markers`: drawn at every width; `narrow`: when given, drawn instead below 45em (the whole map
    clusters more on phones, where a marker needs more room)."""

    id: str
    x: float
    y: float
    w: float
    h: float
    markers: tuple[Marker, ...]
    narrow: tuple[Marker, ...] | None = None
    width_px: int = DESKTOP_PX  # the view's width in CSS px on a desktop

    @property
    def px(self) -> float:
        """Map units per CSS pixel at the desktop width."""
        return round(self.w / self.width_px, 4)

    @property
    def view_box(self) -> str:
        return f"{self.x:g} {self.y:g} {self.w:g} {self.h:g}"

    @property
    def cities(self) -> list:
        return [c for m in self.markers for c in m.cities]

    @property
    def minor(self) -> bool:
        """A panel of one or two cities (Edmonton, apart from the rest of its region): drawn small,
        and not on phones, where the page's list of the region's cities names them."""
        return len(self.cities) < 3


def _placed(cities) -> list[tuple[object, Point]]:
    return [(c, project(c.lat, c.lon)) for c in cities if c.lat is not None and c.lon is not None]


def cluster_radius(count: int) -> float:
    """The visible radius (CSS px) of a marker standing for `count` cities."""
    return DOT_PX if count == 1 else round(10 + 1.5 * count ** 0.5, 1)


# Layouts already computed, by their arguments (spread_key): portal.site.build keeps the ones a run
# used in .cache/, so that a run after an edit does not lay out the unchanged regions again.
layouts: dict[str, list] = {}
layouts_used: set[str] = set()


def spread_key(points, need, bounds, rounds) -> str:
    """The arguments of a layout, exactly (repr of a float gives it back as it is)."""
    return hashlib.sha1(repr((list(points), list(need), tuple(bounds), rounds)).encode()).hexdigest()


def spread(points: list[tuple[float, float]], need: list[float], bounds: tuple[float, float, float, float],
           rounds: int = 400) -> list[tuple[float, float]]:
    """_spread, or the same layout computed before (a pure function of its arguments)."""
    key = spread_key(points, need, bounds, rounds)
    layouts_used.add(key)
    if key not in layouts:
        layouts[key] = _spread(points, need, bounds, rounds)
    return [(x, y) for x, y in layouts[key]]


def _spread(points: list[tuple[float, float]], need: list[float], bounds: tuple[float, float, float, float],
            rounds: int = 400) -> list[tuple[float, float]]:
    """Markers moved apart until no two are closer than need[i] + need[j] (map units), each move
    as small as the overlap; kept inside bounds (x0, y0, x1, y1). Deterministic: markers at the
    same spot are parted along fixed directions."""
    p = [list(xy) for xy in points]
    n = len(p)
    x0, y0, x1, y1 = bounds
    for _ in range(rounds):
        moved = False
        for i in range(n):
            pi, ni = p[i], need[i]
            for j in range(i + 1, n):
                pj = p[j]
                least = ni + need[j]
                dx, dy = pj[0] - pi[0], pj[1] - pi[1]
                if abs(dx) >= least or abs(dy) >= least:
                    continue
                d2 = dx * dx + dy * dy
                if d2 >= least * least:
                    continue
                if d2 < 1e-9:
                    angle = 2.39996 * (i * 7 + j)  # golden angle: distinct directions
                    dx, dy, dist = math.cos(angle), math.sin(angle), 1.0
                else:
                    dist = math.sqrt(d2)
                    dx, dy = dx / dist, dy / dist
                    dist = 1.0
                push = (least - math.sqrt(d2)) / 2 + 1e-3
                pi[0] -= dx * push
                pi[1] -= dy * push
                pj[0] += dx * push
                pj[1] += dy * push
                moved = True
        for q, r in zip(p, need):
            q[0] = min(max(q[0], x0 + r), x1 - r)
            q[1] = min(max(q[1], y0 + r), y1 - r)
        if not moved:
            break
    return [(round(x, 1), round(y, 1)) for x, y in p]


def _clusters(placed: list[tuple[object, Point]], gap: float) -> list[tuple[tuple, Point]]:
    """Cities of one region grouped when within `gap` map units of a group's first city; the
    groups start from the cities with the most neighbours. (cities by slug, mean position)."""
    def near(a: Point, b: Point) -> bool:
        return (a.x - b.x) ** 2 + (a.y - b.y) ** 2 < gap * gap

    neighbours = {c.slug: sum(near(p, q) for _, q in placed) for c, p in placed}
    todo = sorted(placed, key=lambda cp: (-neighbours[cp[0].slug], cp[0].slug))
    taken: set[str] = set()
    groups = []
    for city, point in todo:
        if city.slug in taken:
            continue
        members = [(c, p) for c, p in todo if c.slug not in taken and c.region == city.region and near(point, p)]
        taken.update(c.slug for c, _ in members)
        x = sum(p.x for _, p in members) / len(members)
        y = sum(p.y for _, p in members) / len(members)
        groups.append((tuple(sorted((c for c, _ in members), key=lambda c: c.slug)), Point(round(x, 1), round(y, 1))))
    return groups


def _layout(groups: list[tuple[tuple, Point]], px: float, scale: float,
            bounds: tuple[float, float, float, float]) -> tuple[Marker, ...]:
    """Markers for groups of cities, moved apart so that no two targets overlap at `scale`
    (1 on desktop, NARROW on phones); a leader line where a marker moved more than its dot."""
    radii = [cluster_radius(len(cities)) for cities, _ in groups]
    need = [max(GAP_PX / 2, r + 1.5) * px * scale for r in radii]
    moved = spread([(p.x, p.y) for _, p in groups], need, bounds)
    moved = uncross([(p.x, p.y) for _, p in groups], moved, need)
    mid = (bounds[0] + bounds[2]) / 2
    markers = []
    for (cities, true), (x, y), r in zip(groups, moved, radii):
        far = math.hypot(x - true.x, y - true.y) > r * px * scale
        markers.append(Marker(cities, x, y, r, true if far else None, end=x > mid))
    return tuple(sorted(markers, key=lambda m: (m.y, m.x)))


def _crosses(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float], d: tuple[float, float]) -> bool:
    """True if the segments ab and cd cross (touching ends do not count)."""
    def side(p, q, r):
        v = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
        return 0 if abs(v) < 1e-9 else (1 if v > 0 else -1)
    return side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0


def uncross(true: list[tuple[float, float]], placed: list[tuple[float, float]], need: list[float],
            rounds: int = 2000) -> list[tuple[float, float]]:
    """Moved markers whose leader lines (true position to marker) cross swap places: the two lines
    are then shorter together, so the swaps end. Markers of one size swap freely (the set of places
    stays the same); of different sizes, only where neither comes nearer another than targets allow."""
    at = list(placed)
    n = len(at)

    def fits(i: int, spot: tuple[float, float], skip: int) -> bool:
        return all(math.dist(spot, at[k]) >= need[i] + need[k] - 1e-6 for k in range(n) if k not in (i, skip))

    for _ in range(rounds):
        swapped = False
        for i in range(n):
            for j in range(i + 1, n):
                if at[i] == true[i] or at[j] == true[j] or not _crosses(true[i], at[i], true[j], at[j]):
                    continue
                if need[i] == need[j] or (fits(i, at[j], j) and fits(j, at[i], i)):
                    at[i], at[j] = at[j], at[i]
                    swapped = True
        if not swapped:
            break
    return at


def crossings(markers: tuple[Marker, ...]) -> list[tuple[str, str]]:
    """Pairs of markers whose leader lines cross (by their first city's slug)."""
    lines = [(m, (m.at.x, m.at.y), (m.x, m.y)) for m in markers if m.at is not None]
    return [(a.cities[0].slug, b.cities[0].slug) for i, (a, a0, a1) in enumerate(lines) for b, b0, b1 in lines[i + 1:]
            if _crosses(a0, a1, b0, b1)]


def _by_region(placed: list[tuple[object, Point]]) -> dict[str, list[tuple[object, Point]]]:
    out: dict[str, list] = {}
    for c, p in placed:
        out.setdefault(c.region, []).append((c, p))
    return out


def world_view(cities) -> View:
    """The whole network: nearby cities of a region clustered (fewer, larger groups on phones)."""
    placed = _placed(cities)
    px = WIDTH / DESKTOP_PX
    bounds = (0.0, 0.0, float(WIDTH), float(HEIGHT))
    levels = []
    for scale in (1.0, NARROW):
        groups = [g for part in _by_region(placed).values() for g in _clusters(part, GAP_PX * px * scale)]
        levels.append(_layout(groups, px, scale, bounds))
    return View("world", 0, 0, WIDTH, HEIGHT, levels[0], levels[1])


def _frame(points: list[Point], margin: float, aspect: tuple[float, float] = (1.0, 2.2)) -> tuple[float, float, float, float]:
    """A viewBox (x, y, w, h) around points, with a margin, its width/height ratio within aspect."""
    x0, x1 = min(p.x for p in points) - margin, max(p.x for p in points) + margin
    y0, y1 = min(p.y for p in points) - margin, max(p.y for p in points) + margin
    w, h = x1 - x0, y1 - y0
    if w < MIN_FRAME:  # one city, or a few close together: a frame of MIN_FRAME units at least
        x0, w = x0 - (MIN_FRAME - w) / 2, MIN_FRAME
    if h < MIN_FRAME / aspect[1]:
        y0, h = y0 - (MIN_FRAME / aspect[1] - h) / 2, MIN_FRAME / aspect[1]
    if w / h > aspect[1]:
        grow = w / aspect[1] - h
        y0, h = y0 - grow / 2, h + grow
    elif w / h < aspect[0]:
        grow = h * aspect[0] - w
        x0, w = x0 - grow / 2, w + grow
    return round(x0, 1), round(y0, 1), round(w, 1), round(h, 1)


def region_views(cities, region: str) -> list[View]:
    """A closer view of one region's cities: on desktops every city its own marker (crowded ones
    moved aside with a leader line to where they are, no two lines crossing); on phones, where a
    marker needs twice the room in map units, cities too close to tell apart grouped in one
    numbered marker (the page lists every city). One panel per part of the region set apart by a
    wide gap in longitude (Europe and North America: two panels), the part with most cities first."""
    placed = sorted(((c, p) for c, p in _placed(cities) if c.region == region), key=lambda cp: cp[1].x)
    parts: list[list] = []
    for c, p in placed:
        if parts and p.x - parts[-1][-1][1].x <= REGION_SPLIT_DEG * SCALE:
            parts[-1].append((c, p))
        else:
            parts.append([(c, p)])
    views = []
    for n, part in enumerate(parts, 1):
        points = [p for _, p in part]
        # First guess of the frame, then the margin a marker needs at that zoom on a phone.
        x, y, w, h = _frame(points, 8.0)
        margin = (GAP_PX / 2 + 2) * (max(w, 40.0) / DESKTOP_PX) * NARROW
        x, y, w, h = _frame(points, margin)
        px = w / DESKTOP_PX
        bounds = (x, y, x + w, y + h)
        wide = _layout([((c,), p) for c, p in part], px, 1.0, bounds)
        narrow = _layout(_clusters(part, GAP_PX * px * NARROW), px, NARROW, bounds)
        views.append(View(f"{region}-{n}" if len(parts) > 1 else region, x, y, w, h, wide, narrow))
    return sorted(views, key=lambda v: -len(v.markers))


def locator_view(city, cities) -> View | None:
    """The region around a city (LOCATOR_DEG of longitude wide), the city marked, the nearest other
    members in the frame (LOCATOR_NEIGHBOURS at most: a city page stays small) as dots, not links."""
    if city.lat is None or city.lon is None:
        return None
    at = project(city.lat, city.lon)
    w = LOCATOR_DEG * SCALE
    h = round(w / 1.6, 1)
    x = round(at.x - w / 2, 1)
    y = round(min(max(at.y - h / 2, 0.0), HEIGHT - h), 1)
    around = [(math.hypot(p.x - at.x, p.y - at.y), c.slug, c, p) for c, p in _placed(cities)
              if c.slug != city.slug and x <= p.x <= x + w and y <= p.y <= y + h]
    near: list[Marker] = []
    seen = {(round(at.x), round(at.y))}
    for _, _, c, p in sorted(around):  # whole map units: neighbours at the same spot drawn once
        spot = (round(p.x), round(p.y))
        if spot not in seen and len(near) < LOCATOR_NEIGHBOURS:
            seen.add(spot)
            near.append(Marker((c,), spot[0], spot[1], 2.5))
    here = Marker((city,), at.x, at.y, 7.0, end=at.x > x + w * 0.6)
    return View(city.slug, x, y, round(w, 1), h, (here, *near), width_px=LOCATOR_PX)


def names(cities, lang: str, limit: int | None = None) -> str:
    """The names of a marker's cities in `lang`, in alphabetical order; after `limit`, '…'."""
    listed = sorted((c.name_in(lang) for c in cities), key=str.casefold)
    sep = {"zh": "、", "ar": "، "}.get(lang, ", ")
    if limit is not None and len(listed) > limit:
        return sep.join(listed[:limit]) + sep + "…"
    return sep.join(listed)


@cache
def country_rings(data_dir: Path) -> dict[str, tuple[tuple[tuple[float, float], ...], ...]]:
    """{ISO 3166-1 numeric id: its outline rings in map units (the projection above)}, for drawing
    the maps as pictures (portal.site.sharecards): the outer rings of `outline`'s polygons, not rounded."""
    topology = json.loads(reading.read_text(data_dir / WORLD_FILE))
    arcs = _arcs(topology)
    found: dict[str, list] = {}
    for n, geometry in enumerate(topology["objects"]["countries"]["geometries"]):
        if geometry.get("id") in LEFT_OUT:
            continue
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = found.setdefault(str(geometry.get("id") or f"unnamed-{n}"), [])
        for polygon in polygons:
            for part in (p for ring in polygon[:1] for p in _unwrap(_ring(ring, arcs))):
                rings.append(tuple(((lon + 180) * SCALE, (LAT_TOP - min(max(lat, LAT_BOTTOM), LAT_TOP)) * SCALE) for lon, lat in part))
    return {key: tuple(rings) for key, rings in found.items()}


def land_rings(data_dir: Path) -> tuple[tuple[tuple[float, float], ...], ...]:
    """Every country's outline rings (country_rings), in one tuple."""
    return tuple(ring for rings in country_rings(data_dir).values() for ring in rings)
