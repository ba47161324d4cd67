"""Share pictures (OpenGraph/Twitter cards): one 1200x630 PNG per city per language and one per
language for the site, drawn at build time with Pillow and the Noto fonts.

A city's card shows its name in the reader's language and script (the profile's `names:`, else
`name`), its country, its locator map (the crop of portal.site.worldmap.locator_view, other
members as dots) and the site's name; right-to-left languages mirror the layout. Text is laid out
by Pillow's Raqm engine (HarfBuzz shaping, FriBiDi ordering), which the Pillow wheel bundles:
Arabic letters join and read right to left with no other package. FriBiDi is loaded from the
system (Debian `libfribidi0`); without it, or without the fonts, the build stops and says what to
install.

Cards are cached by content hash in `.cache/share/` (what is drawn, the outlines file and DRAWING
below): an unchanged card is never drawn again. Identical cards (same texts, same map) are one file.
"""
from __future__ import annotations

import hashlib
import io
import json
import logging
import math
import os
import time
import unicodedata
import zlib
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, features

from portal.files import reading
from portal.site import worldmap

WIDTH, HEIGHT = 1200, 630  # the size OpenGraph and Twitter's large card expect (1.91:1)
CACHE_DIR = ".cache/share"
FOLDER = "share"  # content/share/<key>.png, published once at /share/
# Bump when the drawing below changes: the cache key includes it.
DRAWING = "v6 locator 540; name 92; site map 370; fixed palette; country; text direction by script; reduce; zlib 6 RLE; hyphen breaks"
# zlib's run-length strategy (Z_RLE) at level 6: measured on these cards (flat colours, long runs),
# 2.1 ms a card against 5.6 ms for zlib's default strategy, for 8 % more bytes (26 KB instead of 24 KB).
PNG_LEVEL = 6
PNG_STRATEGY = zlib.Z_RLE
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")
# (file name, face index in a collection or None): Noto Sans for Latin, Greek and Cyrillic, Noto
# Sans Arabic, Noto Sans CJK (the Simplified Chinese face of the collection).
FONT_FILES = {
    ("latin", "bold"): "NotoSans-Bold.ttf", ("latin", "regular"): "NotoSans-Regular.ttf",
    ("arabic", "bold"): "NotoSansArabic-Bold.ttf", ("arabic", "regular"): "NotoSansArabic-Regular.ttf",
    ("cjk", "bold"): "NotoSansCJK-Bold.ttc", ("cjk", "regular"): "NotoSansCJK-Regular.ttc",
}
CJK_FACE = "Noto Sans CJK SC"
INSTALL = ("install Debian's fonts-noto-core and fonts-noto-cjk (make browser-deps does, with "
           ".ci/install-browser), or set PORTAL_FONT_DIR to a folder that holds them")

# Colours: Material's indigo (the site's primary colour) on white.
INK = (33, 33, 33)
MUTED = (84, 84, 84)
PRIMARY = (64, 81, 181)  # #4051b5
SEA = (232, 234, 246)
LAND = (197, 202, 233)
BORDER = (159, 168, 218)
COUNTRY = (121, 134, 203)  # a city's country, when the city has no coordinates (indigo 300)
WHITE = (255, 255, 255)
HERE = (216, 27, 96)  # the city's dot: Material's pink 600, apart from the indigo of the others

# The palette: the colours above and the blends between those drawn next to each other (text
# edges on their background, coasts and borders after the 2:1 reduction, dots on land and sea).
# Mapping to a fixed palette is a fifth of the time of computing one per card (octree), and a card
# has no other colours.
BLENDS = ((INK, WHITE), (MUTED, WHITE), (WHITE, PRIMARY), (SEA, LAND), (LAND, BORDER), (SEA, BORDER),
          (COUNTRY, BORDER), (COUNTRY, LAND), (COUNTRY, SEA), (PRIMARY, LAND), (PRIMARY, SEA), (PRIMARY, BORDER),
          (HERE, WHITE), (WHITE, LAND), (WHITE, SEA))
BLEND_STEPS = 16  # at most, between two colours; fewer for close colours (BLEND_SPACING)
# Colours of the palette at least this far apart along a blend: Pillow maps a pixel through a cache
# of 4x4x4 boxes, so two entries closer than a box could swap white for a near-white.
BLEND_SPACING = 10

log = logging.getLogger("mkdocs.plugins.portal.sharecards")


class ShareCardError(RuntimeError):
    """The pictures cannot be drawn here (fonts or the text layout library missing)."""


@dataclass
class Stats:
    drawn: int = 0
    reused: int = 0
    seconds: float = 0.0
    bytes: int = 0

    def __str__(self) -> str:
        return (f"share pictures: {self.drawn} drawn ({self.seconds:.1f} s), {self.reused} reused from the cache, "
                f"{self.bytes / 1024:.0f} KB in all")


STATS = Stats()


@dataclass(frozen=True)
class Card:
    """What one share picture shows. `key` names its file; `alt` is its text alternative."""

    title: str  # the big line: a city's name, or the site's name
    subtitle: str  # the country, or the network's name
    footer: str  # the site's name (city cards) or its address (site card)
    rtl: bool
    view: tuple | None  # (x, y, w, h) of the map crop in map units, or None (no map)
    dots: tuple[tuple[float, float], ...]  # other members, map units
    here: tuple[float, float] | None  # the city, map units
    world: str = ""  # the outlines file's digest (outlines_digest)
    alt: str = ""
    country: str = ""  # ISO 3166-1 numeric id of a country drawn highlighted (a city without coordinates)
    site: bool = False  # the site's card (the whole map above the titles)

    @property
    def key(self) -> str:
        data = json.dumps([DRAWING, self.world, self.title, self.subtitle, self.footer, self.rtl, self.view, self.dots, self.here,
                           self.country, self.site])
        return hashlib.sha256(data.encode()).hexdigest()[:16]

    @property
    def path(self) -> str:
        """Site-relative address of the picture (one copy for every language)."""
        return f"{FOLDER}/{self.key}.png"


PANEL = 540  # the map's width on a card; the text takes the rest
BAR = 84  # the band at the bottom with the site's name


@cache
def outlines_digest(data_dir: Path) -> str:
    return hashlib.sha256(reading.read_bytes(data_dir / worldmap.WORLD_FILE)).hexdigest()[:12]


def _framed(rings, aspect: float, margin: float = 0.35) -> tuple[float, float, float, float]:
    """A view (x, y, w, h) around `rings` with a margin, w/h = aspect, at least 40 map units wide."""
    xs = [x for ring in rings for x, _ in ring]
    ys = [y for ring in rings for _, y in ring]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    w = max(x1 - x0, 40.0) * (1 + margin)
    h = max(y1 - y0, 40.0 / aspect) * (1 + margin)
    w, h = max(w, h * aspect), max(h, w / aspect)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return (round(cx - w / 2, 1), round(cy - h / 2, 1), round(w, 1), round(h, 1))


def city_card(locator: worldmap.View | None, title: str, subtitle: str, footer: str, rtl: bool, alt: str, data_dir: Path,
              country: str = "") -> Card:
    """A city's card: its locator's crop (portal.site.worldmap.locator_view) made as tall as the
    card, at the same zoom; a city without coordinates gets its country (ISO alpha-2 `country`)
    highlighted instead, where the outlines have it."""
    world = outlines_digest(data_dir)
    if locator is None:
        numeric = _numeric(country)
        rings = worldmap.country_rings(data_dir).get(numeric) if numeric else None
        if not rings:
            return Card(title, subtitle, footer, rtl, None, (), None, world, alt)
        return Card(title, subtitle, footer, rtl, _framed(rings, PANEL / (HEIGHT - BAR)), (), None, world, alt, numeric)
    here = locator.markers[0]
    h = locator.h
    w = round(h * PANEL / (HEIGHT - BAR), 1)
    x = round(here.x - w / 2, 1)
    view = (x, locator.y, w, h)
    dots = tuple((m.x, m.y) for m in locator.markers[1:] if x <= m.x <= x + w)
    return Card(title, subtitle, footer, rtl, view, dots, (here.x, here.y), world, alt)


def _numeric(alpha2: str) -> str:
    import pycountry

    found = pycountry.countries.get(alpha_2=alpha2) if alpha2 else None
    return str(int(found.numeric)) if found else ""


def site_card(cities, title: str, subtitle: str, footer: str, rtl: bool, alt: str, data_dir: Path) -> Card:
    """The site's card: the whole map with every member as a dot."""
    dots = tuple(sorted({(round(worldmap.project(c.lat, c.lon).x), round(worldmap.project(c.lat, c.lon).y))
                         for c in cities if c.lat is not None and c.lon is not None}))
    return Card(title, subtitle, footer, rtl, (0.0, 0.0, float(worldmap.WIDTH), float(worldmap.HEIGHT)), dots, None,
                outlines_digest(data_dir), alt, site=True)


# --- Fonts and text ------------------------------------------------------------------------------

def font_dirs() -> list[Path]:
    extra = os.environ.get("PORTAL_FONT_DIR")
    return [Path(d).expanduser() for d in ((extra,) if extra else ()) + FONT_DIRS]


@cache
def font_files() -> dict[tuple[str, str], Path]:
    """The Noto font files, found under the usual font folders; ShareCardError names what is missing."""
    wanted = set(FONT_FILES.values())
    found: dict[str, Path] = {}
    for folder in font_dirs():
        if folder.is_dir():
            for path in sorted(folder.rglob("Noto*")):
                if path.name in wanted and path.name not in found:
                    found[path.name] = path
    missing = sorted(wanted - set(found))
    if missing:
        raise ShareCardError(f"share pictures need the Noto fonts {', '.join(missing)}, not found under "
                             f"{', '.join(str(d) for d in font_dirs())}: {INSTALL}.")
    if not (features.check("raqm") and features.check("fribidi")):
        raise ShareCardError("share pictures need Pillow's text layout (Raqm) with FriBiDi, to join Arabic letters and "
                             "order them right to left: install Debian's libfribidi0 (Pillow's wheel loads it).")
    return {kind: found[name] for kind, name in FONT_FILES.items()}


def script(text: str) -> str:
    """'arabic', 'cjk' or 'latin' (Latin, Greek, Cyrillic): which Noto font draws `text`."""
    for ch in text:
        name = unicodedata.name(ch, "")
        if name.startswith(("ARABIC",)):
            return "arabic"
        if name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "IDEOGRAPHIC", "FULLWIDTH")):
            return "cjk"
    return "latin"


@cache
def font(kind: str, weight: str, size: int) -> ImageFont.FreeTypeFont:
    path = font_files()[(kind, weight)]
    index = 0
    if path.suffix == ".ttc":
        for i in range(10):
            if ImageFont.truetype(str(path), 10, index=i).getname()[0] == CJK_FACE:
                index = i
                break
    return ImageFont.truetype(str(path), size, index=index, layout_engine=ImageFont.Layout.RAQM)


def fitted(text: str, weight: str, size: int, width: int, least: int) -> ImageFont.FreeTypeFont:
    """The largest font from `size` down to `least` in which `text` fits `width` pixels."""
    kind = script(text)
    while size > least and font(kind, weight, size).getlength(text) > width:
        size -= 4
    return font(kind, weight, size)


def wrapped(text: str, weight: str, size: int, width: int, least: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """`text` in one line if it fits at `least` or more, else in two lines, broken at the space or
    after the hyphen that best halves it ('Консепсьон-дель-' / 'Уругвай'), each fitted; a text
    with no place to break is made smaller until it fits."""
    f = fitted(text, weight, size, width, least)
    if f.getlength(text) <= width:
        return f, [text]
    breaks = [(text[:i].rstrip(), text[i:].lstrip()) for i in range(1, len(text))
              if text[i] == " " or (text[i - 1] == "-" and text[i] != " ")]
    breaks = [(a, b) for a, b in breaks if a and b]
    if not breaks:
        return fitted(text, weight, size, width, SMALLEST), [text]
    lines = min(breaks, key=lambda pair: abs(len(pair[0]) - len(pair[1])))
    f = min((fitted(line, weight, size, width, SMALLEST) for line in lines), key=lambda ft: ft.size)
    return f, list(lines)


SMALLEST = 24  # the least text size on a card: a long name is made this small before it overflows


# --- Drawing --------------------------------------------------------------------------------------

@cache
def palette() -> Image.Image:
    """A palette image of the card's colours and their blends (BLENDS), for Image.quantize."""
    colours: list[tuple[int, int, int]] = []
    for a, b in BLENDS:
        steps = max(1, min(BLEND_STEPS, round(math.dist(a, b) / BLEND_SPACING)))
        for i in range(steps + 1):
            rgb = tuple(round(x + (y - x) * i / steps) for x, y in zip(a, b))
            if rgb not in colours:
                colours.append(rgb)
    assert len(colours) <= 256, len(colours)
    im = Image.new("P", (1, 1))
    im.putpalette([v for rgb in colours for v in rgb])
    return im


@cache
def _rings(data_dir: Path) -> tuple[tuple[str, tuple, tuple[float, float, float, float]], ...]:
    """(country, ring, (min x, max x, min y, max y)) of every outline ring: the boxes once, not per card."""
    return tuple((country, ring, (min(p[0] for p in ring), max(p[0] for p in ring), min(p[1] for p in ring),
                                  max(p[1] for p in ring)))
                 for country, rings in worldmap.country_rings(data_dir).items() for ring in rings)


@lru_cache(maxsize=4)
def _panel(view: tuple, dots: tuple, here: tuple | None, country: str, size: tuple[int, int], data_dir: Path) -> Image.Image:
    """The map panel, drawn at twice its size and scaled down (smooth coasts); kept for the next
    cards: a city's cards in six languages share it. Callers paste it and never change it."""
    w, h = size[0] * 2, size[1] * 2
    im = Image.new("RGB", (w, h), SEA)
    draw = ImageDraw.Draw(im)
    vx, vy, vw, vh = view
    s = max(w / vw, h / vh)
    ox, oy = (w - vw * s) / 2, (h - vh * s) / 2

    def at(x: float, y: float) -> tuple[float, float]:
        return (ox + (x - vx) * s, oy + (y - vy) * s)

    for code, ring, (x0, x1, y0, y1) in _rings(data_dir):
        if x1 < vx or x0 > vx + vw or y1 < vy or y0 > vy + vh:
            continue
        draw.polygon([at(*p) for p in ring], fill=COUNTRY if code == country else LAND, outline=BORDER, width=2)
    dot = 5 if here is None else 9
    for x, y in dots:
        cx, cy = at(x, y)
        draw.ellipse((cx - dot, cy - dot, cx + dot, cy + dot), fill=PRIMARY)
    if here:
        cx, cy = at(*here)
        draw.ellipse((cx - 30, cy - 30, cx + 30, cy + 30), fill=WHITE)
        draw.ellipse((cx - 22, cy - 22, cx + 22, cy + 22), fill=HERE)
    return im.reduce(2)  # a box filter: drawn at twice the size for smooth coasts, cheaply


@lru_cache(maxsize=4)
def _background(view: tuple | None, dots: tuple, here: tuple | None, country: str, site: bool, rtl: bool,
                data_dir: Path) -> Image.Image:
    """A card without its texts: white, the map where the layout puts it, the band at the bottom.
    Kept for the next cards (a city's cards differ only in their texts); callers copy it."""
    im = Image.new("RGB", (WIDTH, HEIGHT), WHITE)
    top = HEIGHT - BAR
    if view and not site:
        im.paste(_panel(view, dots, here, country, (PANEL, top), data_dir), (0 if rtl else WIDTH - PANEL, 0))
    elif view:
        im.paste(_panel(view, dots, here, country, (WIDTH, SITE_MAP), data_dir), (0, 0))
    ImageDraw.Draw(im).rectangle((0, top, WIDTH, HEIGHT), fill=PRIMARY)
    return im


SITE_MAP = 370  # the map's height on the site's card


def draw(card: Card, data_dir: Path) -> bytes:
    """The card as a palette PNG."""
    im = _background(card.view, card.dots, card.here, card.country, card.site, card.rtl, data_dir).copy()
    d = ImageDraw.Draw(im)
    top = HEIGHT - BAR

    def direction(text: str) -> str:
        """The text's own direction (a Latin name on an Arabic card stays left to right); its
        alignment follows the card's."""
        return "rtl" if script(text) == "arabic" else "ltr"

    if card.view and not card.site:
        # A city: the map on the far side of the reading direction, the text on the near side.
        text_left, text_right = (PANEL + 56, WIDTH - 56) if card.rtl else (56, WIDTH - PANEL - 56)
        title_top = 150
    elif card.view:
        # The site: the whole map above, the titles below it.
        text_left, text_right = 56, WIDTH - 56
        title_top = SITE_MAP + 28
    else:
        text_left, text_right = 56, WIDTH - 56
        title_top = 150
    width = text_right - text_left
    x, anchor = (text_right, "r") if card.rtl else (text_left, "l")
    big = 60 if card.site else 92
    title_font, lines = wrapped(card.title, "bold", big, width, 56)
    y = title_top
    for line in lines:
        d.text((x, y), line, font=title_font, fill=INK, anchor=anchor + "a", direction=direction(line))
        y += round(title_font.size * 1.25)
    if card.subtitle:
        sub_font, sub_lines = wrapped(card.subtitle, "regular", 32 if card.site else 44, width, 26)
        y += 12
        for line in sub_lines:
            d.text((x, y), line, font=sub_font, fill=MUTED, anchor=anchor + "a", direction=direction(line))
            y += round(sub_font.size * 1.3)
    foot = fitted(card.footer, "regular", 36, WIDTH - 112, 20)
    fx = WIDTH - 56 if card.rtl else 56
    d.text((fx, top + BAR / 2), card.footer, font=foot, fill=WHITE, anchor=anchor + "m", direction=direction(card.footer))
    out = io.BytesIO()
    im.quantize(palette=palette(), dither=Image.Dither.NONE).save(out, "PNG", compress_level=PNG_LEVEL, compress_type=PNG_STRATEGY)
    return out.getvalue()


def prune(root: Path, keep: set[str]) -> int:
    """Delete cached cards no page uses any more; the number deleted."""
    folder = root / CACHE_DIR
    removed = 0
    for path in sorted(folder.glob("*.png")) if folder.is_dir() else []:
        if path.stem not in keep:
            path.unlink()
            removed += 1
    return removed
