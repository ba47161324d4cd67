"""Pictures and emblems for the award galleries, at /media/ (one copy for all languages).

For every picture a profile names (`images:`), its derivatives (see portal.site.images; made once and
cached by content hash); for every award a city received, an SVG emblem (its name and the award
year in the award's colours, from src/portal/site/templates/emblem.svg) used where the city has no picture.

Emblems carry the city's name in the reader's script, so they are per language: a language whose
emblem is the same as the default language's (same name, same digits) shares its file.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from babel.numbers import format_decimal

from portal.site import images
from portal.model.cities import City, Picture
from portal.model.loader import Model
from portal.i18n.languages import DEFAULT, LANGUAGES
from portal.i18n.localize import locale
from portal.site.render import render
from portal.site.pages import GeneratedFile, Site

FOLDER = "media"
EMBLEM_SIZE = (320, 120)
EMBLEM_FONTS = "DejaVu Sans, Noto Sans, Arial, Noto Sans CJK SC, Noto Naskh Arabic, sans-serif"
NAME_WIDTH = 284  # of the emblem's 320 units: the name's line stays inside the frame
NAME_SIZES = (30, 14)  # largest and smallest font size of the name; smaller than that, two lines
CARD_SIZES = "(max-width: 40em) 100vw, 20rem"  # picture cards are about 20rem wide on wider screens


def media_url(lang: str, depth: int) -> str:
    """Relative URL of media/ from a page `depth` folders below its language's root (e.g. 2 for
    awards/2015/): media/ exists once, at the site root, for all languages."""
    return "../" * (depth + (lang != DEFAULT)) + f"{FOLDER}/"


def pictures_of(network: Model, city: City) -> list[tuple[Picture, images.Derived]]:
    """A city's pictures with their derivatives (cached: see portal.site.images)."""
    return [(p, images.derive(network.root, p.file)) for p in city.images]


def emblem_path(city: City, year: int, lang: str = DEFAULT) -> str:
    """The emblem's path under media/: one per language whose emblem differs from the default one."""
    if lang == DEFAULT or emblem(city, year, lang) == emblem(city, year, DEFAULT):
        return f"emblems/{city.slug}-{year}.svg"
    return f"emblems/{city.slug}-{year}-{lang}.svg"  # not .<lang>.svg: the i18n plugin would move it into <lang>/


def year_text(year: int, lang: str) -> str:
    """The year in the digits the site writes numbers with (portal.i18n.localize.number), ungrouped."""
    return format_decimal(year, format="#", locale=locale(lang), numbering_system="latn")


def text_width(text: str, size: float) -> float:
    """The width of `text` in bold at `size`, estimated: wide (CJK) characters 1 em, others 0.62 em."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.62 for ch in text) * size


def name_lines(name: str) -> tuple[list[str], int]:
    """The name's lines and font size: one line as large as fits, or two, split at the space
    nearest the middle, when one line would be smaller than NAME_SIZES[1]."""
    largest, smallest = NAME_SIZES
    fits = lambda lines, size: all(text_width(line, size) <= NAME_WIDTH for line in lines)
    for size in range(largest, smallest - 1, -1):
        if fits([name], size):
            return [name], size
    spaces = [i for i, ch in enumerate(name) if ch == " "]
    if spaces:
        cut = min(spaces, key=lambda i: abs(i - len(name) / 2))
        lines = [name[:cut], name[cut + 1:]]
        for size in range(largest - 6, 9, -1):
            if fits(lines, size):
                return lines, size
    return [name], 10


def emblem(city: City, year: int, lang: str) -> str:
    """The emblem's SVG text in `lang`."""
    name = city.name_in(lang)
    lines, size = name_lines(name)
    width, height = EMBLEM_SIZE
    year_y = 100
    if len(lines) == 1:
        line_y = [round(52 + size * 0.35)]
    else:
        line_y = [round(44 - size * 0.2), round(44 + size * 0.95)]
    rtl = any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in name)
    return render("emblem.svg", lang, lines=lines, font_size=size, line_y=line_y, year=year_text(year, lang), year_y=year_y,
                  name_lang=lang if name != city.name else "und-Latn", name_dir="rtl" if rtl else "ltr",
                  fonts=EMBLEM_FONTS, width=width, height=height)


def pages(network: Model, site: Site) -> Iterator[GeneratedFile]:
    used: set[str] = set()
    for city in network.cities:
        for picture in city.images:
            derived = images.derive(network.root, picture.file)
            used.add(derived.key)
            for variant in derived.files():
                yield GeneratedFile(f"{FOLDER}/{variant.name}", images.variant_bytes(network.root, derived, variant))
        for year in city.awards:
            written = set()
            for lang in LANGUAGES:
                path = emblem_path(city, year, lang)
                if path not in written:
                    written.add(path)
                    yield GeneratedFile(f"{FOLDER}/{path}", emblem(city, year, lang))
    images.prune(network.root, used)
    images.log.info("%s", images.STATS)
