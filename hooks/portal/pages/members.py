"""The member list: every city, grouped by UNESCO region, in each language, at /members/."""
from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from itertools import groupby

from ..cities import City, Network
from ..languages import LANGUAGES
from ..render import render
from ..rules import REGIONS
from . import GeneratedFile, Site, localized_path

FOLDER = "members"


def sort_key(name: str) -> str:
    """Alphabetical order that ignores accents and case ('Évry' sorts with 'E')."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold() or name


def by_region(cities: list[City], lang: str) -> list[tuple[str, list[City]]]:
    order = list(REGIONS.values())
    ranked = sorted(cities, key=lambda c: (order.index(c.region), sort_key(c.name_in(lang))))
    return [(region, list(group)) for region, group in groupby(ranked, key=lambda c: c.region)]


def pages(network: Network, site: Site) -> Iterator[GeneratedFile]:
    countries = len({c.country for c in network.cities})
    for lang in LANGUAGES:
        text = render(
            "members.md",
            lang,
            regions=by_region(network.cities, lang),
            total=len(network.cities),
            countries=countries,
            city_url=lambda city: f"../cities/{city.slug}/",
        )
        yield GeneratedFile(localized_path("members/index", lang), text)
