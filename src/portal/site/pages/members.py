"""The member directory at /members/ (cities by region and country, filters, world map), the
shared map outlines at /members/world.svg, the closer map of each region at /members/map/<region>/,
and the network figures at /members/figures/."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby

from portal.model import figures
from portal.site import worldmap
from portal.model.cities import City
from portal.model.loader import Model
from portal.i18n.collation import sort_key
from portal.i18n.languages import DEFAULT, LANGUAGES
from portal.i18n.localize import country_name
from portal.site.render import render
from portal.validate.profile import REGIONS
from portal.site.pages import GeneratedFile, Site, localized_path

FOLDER = "members"
MAP_FILE = "world.svg"




def country_anchor(code: str) -> str:
    """The stable id of a country's section in the directory: 'FR' -> 'country-fr'."""
    return f"country-{code.lower()}"


def up(lang: str, depth: int = 1) -> str:
    """From a page `depth` folders below its language root to the site root ('../' per level)."""
    return "../" * (depth + (lang != DEFAULT))


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    cities: list[City]


@dataclass(frozen=True)
class Region:
    id: str
    countries: list[Country]

    @property
    def count(self) -> int:
        return sum(len(c.cities) for c in self.countries)


def by_region(cities: list[City], lang: str) -> list[Region]:
    """Regions in UNESCO's order, countries by name in `lang`, cities by name in `lang`."""
    order = list(REGIONS.values())
    regions = []
    ranked = sorted(cities, key=lambda c: order.index(c.region))
    for region, in_region in groupby(ranked, key=lambda c: c.region):
        in_region = list(in_region)
        countries = []
        for code in sorted({c.country for c in in_region}):
            members = sorted((c for c in in_region if c.country == code), key=lambda c: sort_key(c.name_in(lang), lang))
            countries.append(Country(code, country_name(code, lang), members))
        countries.sort(key=lambda c: sort_key(c.name, lang))
        regions.append(Region(region, countries))
    return regions


def map_cities(cities: list[City], lang: str) -> tuple[list[tuple[City, worldmap.Point]], list[City]]:
    """(cities with coordinates and their map positions, cities without coordinates), by name."""
    ranked = sorted(cities, key=lambda c: sort_key(c.name_in(lang), lang))
    placed = [(c, worldmap.project(c.lat, c.lon)) for c in ranked if c.lat is not None and c.lon is not None]
    return placed, [c for c in ranked if c.lat is None or c.lon is None]


_layouts: dict[tuple[int, str], tuple[list[City], object]] = {}


def _once(network: Model, key: str, make):
    """A layout of the network's cities computed once per network (pages of every language and the
    home page share it); the city list is kept with it, so that its id cannot be reused."""
    cities = network.cities
    found = _layouts.get((id(cities), key))
    if found is None or found[0] is not cities:
        found = _layouts[(id(cities), key)] = (cities, make(cities))
    return found[1]


def world_map(network: Model) -> worldmap.View:
    """The whole network's map (partials/world-map.html), laid out once per build."""
    return _once(network, "world", worldmap.world_view)


def region_pages(network: Model, lang: str) -> Iterator[GeneratedFile]:
    """One closer map per region that has cities with coordinates."""
    regions = [r for r in REGIONS.values() if any(c.region == r for c in network.cities)]
    views = {r: _once(network, r, lambda cities, r=r: worldmap.region_views(cities, r)) for r in regions}
    for region in regions:
        if not views[region]:
            continue
        yield GeneratedFile(localized_path(f"members/map/{region}", lang), render(
            "region-map.md",
            lang,
            region=region,
            views=views[region],
            regions=[r for r in regions if views[r]],
            cities=sorted((c for c in network.cities if c.region == region), key=lambda c: sort_key(c.name_in(lang), lang)),
            home_url="../../../",  # from members/map/<region>/ to the language's root
            root=up(lang, 3),
        ))


def pages(network: Model, site: Site) -> Iterator[GeneratedFile]:
    cities = network.cities
    countries = len({c.country for c in cities})
    years = sorted({c.joined for c in cities if c.joined})
    award_years = sorted({y for c in cities for y in c.awards})
    yield GeneratedFile(f"members/{MAP_FILE}", render(
        "world.svg", DEFAULT, path=worldmap.outline(network.data_dir), width=worldmap.WIDTH, height=worldmap.HEIGHT,
    ))
    growth = figures.growth(network.data_dir)
    joined = figures.joined_by_year(cities)
    for lang in LANGUAGES:
        regions = by_region(cities, lang)
        placed, unplaced = map_cities(cities, lang)
        yield GeneratedFile(localized_path("members/index", lang), render(
            "members.md",
            lang,
            regions=regions,
            total=len(cities),
            countries=countries,
            years=years,
            award_years=award_years,
            placed=placed,
            unplaced=unplaced,
            width=worldmap.WIDTH,
            height=worldmap.HEIGHT,
            world=world_map(network),
            home_url="../",
            root=up(lang),
            mapped_regions={c.region for c in cities if c.lat is not None and c.lon is not None},
            city_url=lambda city: f"../cities/{city.slug}/",
            country_anchor=country_anchor,
        ))
        by_region_count = Counter(c.region for c in cities)
        yield GeneratedFile(localized_path("members/figures", lang), render(
            "figures.md",
            lang,
            regions=[(r, by_region_count.get(r, 0)) for r in REGIONS.values()],
            total=len(cities),
            growth=growth,
            chart=figures.growth_chart(growth),
            bars=figures.bar_chart([by_region_count.get(r, 0) for r in REGIONS.values()]),
            joined=joined,
            joined_bars=figures.bar_chart([count for _, count in joined]),
            format_date=lambda d: figures.format_day(d, lang),
        ))
        yield from region_pages(network, lang)
