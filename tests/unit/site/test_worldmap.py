"""The map layouts (portal.site.worldmap) on the real profiles: groups and moved markers never overlap
at the size they are drawn, every placed city is on each map once, region views keep to their
region, the locator frames its city. The browser tests (tests/browser/test_map.py) check the same
on the pages."""

from __future__ import annotations

import math

from portal.model.loader import load
from portal.site import worldmap
from portal.validate.profile import REGIONS

from tests.conftest import ROOT

NETWORK = load(ROOT)
PLACED = {c.slug for c in NETWORK.cities if c.lat is not None and c.lon is not None}


def overlaps(markers, px: float, scale: float) -> list[tuple[str, str]]:
    """Pairs of markers whose targets (GAP_PX apart at least, or their drawn circles) overlap."""

    def need(m):
        return max(worldmap.GAP_PX / 2, m.r + 1.5) * px * scale

    return [
        (a.cities[0].slug, b.cities[0].slug)
        for i, a in enumerate(markers)
        for b in markers[i + 1 :]
        if math.hypot(a.x - b.x, a.y - b.y) < need(a) + need(b) - 0.2
    ]


def test_the_world_map_has_every_placed_city_once_per_layer_and_no_overlap():
    view = worldmap.world_view(NETWORK.cities)
    for layer, scale in ((view.markers, 1.0), (view.narrow, worldmap.NARROW)):
        slugs = [c.slug for m in layer for c in m.cities]
        assert sorted(slugs) == sorted(PLACED)
        assert all(len({c.region for c in m.cities}) == 1 for m in layer)  # a group opens one region
        assert not overlaps(layer, view.px, scale)
    assert len(view.narrow) < len(view.markers)  # phones group more


def test_region_views_hold_their_region_only_each_city_its_own_marker():
    for region in REGIONS.values():
        views = worldmap.region_views(NETWORK.cities, region)
        expected = {s for s in PLACED if next(c for c in NETWORK.cities if c.slug == s).region == region}
        for view in views:
            assert all(not m.cluster for m in view.markers)  # desktops: every city its own marker
            assert sorted(c.slug for m in view.narrow for c in m.cities) == sorted(c.slug for c in view.cities)  # phones: each once
            for layer, scale in ((view.markers, 1.0), (view.narrow, worldmap.NARROW)):
                assert not overlaps(layer, view.px, scale)
                assert not worldmap.crossings(layer), (view.id, scale)  # no two leader lines cross
                for m in layer:  # inside the frame
                    assert view.x <= m.x <= view.x + view.w and view.y <= m.y <= view.y + view.h
        assert sorted(c.slug for v in views for c in v.cities) == sorted(expected)
    europe = worldmap.region_views(NETWORK.cities, "europe-north-america")
    assert len(europe) >= 2  # North America and Europe, apart (Edmonton and Lowell are far apart: a panel each)
    assert all(len(europe[0].cities) > len(v.cities) and v.minor for v in europe[1:])  # Europe first; the one-city panels small
    assert len(europe[0].narrow) <= 20  # a phone's view of Europe: numbered circles, not 69 dots


def test_uncross_swaps_crossing_leader_lines():
    true = [(0.0, 0.0), (10.0, 0.0)]
    placed = [(10.0, 10.0), (0.0, 10.0)]  # the two leader lines cross
    assert worldmap._crosses(true[0], placed[0], true[1], placed[1])
    assert worldmap.uncross(true, placed, [1.0, 1.0]) == [(0.0, 10.0), (10.0, 10.0)]


def test_spread_parts_markers_at_the_same_spot_deterministically():
    points = [(10.0, 10.0)] * 5
    first = worldmap.spread(points, [2.0] * 5, (0, 0, 100, 100))
    assert first == worldmap.spread(points, [2.0] * 5, (0, 0, 100, 100))
    assert all(math.dist(a, b) >= 3.9 for i, a in enumerate(first) for b in first[i + 1 :])


def test_the_locator_frames_the_city_and_its_neighbours():
    cork = next(c for c in NETWORK.cities if c.slug == "cork")
    view = worldmap.locator_view(cork, NETWORK.cities)
    here = view.markers[0]
    assert here.cities == (cork,)
    assert view.w < worldmap.WIDTH / 4
    assert view.x < here.x < view.x + view.w and view.y <= here.y <= view.y + view.h
    assert "limerick" in {m.cities[0].slug for m in view.markers[1:]}  # the nearest
    assert len(view.markers) <= 1 + worldmap.LOCATOR_NEIGHBOURS
    unplaced = next((c for c in NETWORK.cities if c.lat is None), None)
    if unplaced:
        assert worldmap.locator_view(unplaced, NETWORK.cities) is None


def test_names_of_a_group_in_the_readers_language():
    cities = [c for c in NETWORK.cities if c.slug in ("cork", "limerick", "swansea", "dublin")][:3]
    assert worldmap.names(cities, "en") == ", ".join(sorted(c.name_in("en") for c in cities))
    assert "、" in worldmap.names(cities, "zh")
    assert worldmap.names(cities, "en", 2).endswith(", …")
