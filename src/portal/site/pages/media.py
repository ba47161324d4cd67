"""Pictures and emblems for the award galleries, at /media/ (one copy for all languages).

For every picture a profile names (`images:`), its derivatives (see portal.site.images; made once and
cached by content hash); for every award a city received, an SVG emblem (its initials and the award
year in the award's colours, from src/portal/site/templates/emblem.svg) used where the city has no picture.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from portal.site import images
from portal.model.cities import City, Picture
from portal.model.loader import Model
from portal.i18n.languages import DEFAULT
from portal.site.render import render
from portal.site.pages import GeneratedFile, Site

FOLDER = "media"
EMBLEM_SIZE = (320, 240)
CARD_SIZES = "(max-width: 40em) 100vw, 20rem"  # picture cards are about 20rem wide on wider screens


def media_url(lang: str, depth: int) -> str:
    """Relative URL of media/ from a page `depth` folders below its language's root (e.g. 2 for
    awards/2015/): media/ exists once, at the site root, for all languages."""
    return "../" * (depth + (lang != DEFAULT)) + f"{FOLDER}/"


def pictures_of(network: Model, city: City) -> list[tuple[Picture, images.Derived]]:
    """A city's pictures with their derivatives (cached: see portal.site.images)."""
    return [(p, images.derive(network.root, p.file)) for p in city.images]


def initials(name: str) -> str:
    """'Câmara de Lobos' -> 'CL', "N'Zérékoré" -> 'NZ', 'Seodaemun-gu' -> 'S': capitalised words, at most two."""
    words = re.findall(r"[^\W\d_]+", name)
    capital = [w for w in words if w[0].isupper()] or words
    return "".join(w[0] for w in capital[:2]).upper()


def emblem_path(city: City, year: int) -> str:
    """The emblem's path under media/."""
    return f"emblems/{city.slug}-{year}.svg"


def pages(network: Model, site: Site) -> Iterator[GeneratedFile]:
    used: set[str] = set()
    for city in network.cities:
        for picture in city.images:
            derived = images.derive(network.root, picture.file)
            used.add(derived.key)
            for variant in derived.files():
                yield GeneratedFile(f"{FOLDER}/{variant.name}", images.variant_bytes(network.root, derived, variant))
        for year in city.awards:
            svg = render("emblem.svg", DEFAULT, initials=initials(city.name), year=year, width=EMBLEM_SIZE[0], height=EMBLEM_SIZE[1])
            yield GeneratedFile(f"{FOLDER}/{emblem_path(city, year)}", svg)
    images.prune(network.root, used)
    images.log.info("%s", images.STATS)
