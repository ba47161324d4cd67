"""What browsers read besides pages, at /web/ (and /<lang>/web/ for each other language):

- `manifest.webmanifest`: the web app manifest (name, short name, language, direction, icons,
  colours, start address) in each language;
- `opensearch.xml`: the OpenSearch description of each language's site search, whose address
  opens the search with the query filled in (`?q=`, read by content/assets/search.js);
- `icon-192.png`, `icon-512.png`: the icons, drawn here with Pillow (one copy for all languages).

`theme_data` is what the theme's head (overrides/partials/webmeta.html) reads per language:
OpenGraph locale, the site's share card, the home page's JSON-LD and these files' addresses.
"""
from __future__ import annotations

import io
import json
from collections.abc import Iterator

from PIL import Image, ImageDraw

from portal.i18n.languages import DEFAULT, LANGUAGES, direction, suffix, t, url_prefix
from portal.model.loader import Model
from portal.site import sharecards, webmeta
from portal.site.pages import GeneratedFile, Site, share
from portal.site.render import render

FOLDER = "web"
THEME_COLOR = "#4051b5"  # Material's indigo (mkdocs.yml palette: primary indigo)
BACKGROUND = "#ffffff"
ICON_SIZES = (192, 512)
MANIFEST = "manifest.webmanifest"
OPENSEARCH = "opensearch.xml"


def icon(size: int) -> bytes:
    """A square icon: the site's colour, a white globe (a circle, the equator and a meridian), inside
    the central 80% so that it survives a round mask (purpose "maskable")."""
    scale = 4
    big = size * scale
    im = Image.new("RGB", (big, big), THEME_COLOR)
    d = ImageDraw.Draw(im)
    c, r, w = big / 2, big * 0.28, max(2, round(big * 0.035))
    d.ellipse((c - r, c - r, c + r, c + r), outline="white", width=w)
    d.ellipse((c - r * 0.45, c - r, c + r * 0.45, c + r), outline="white", width=w)
    d.line((c - r, c, c + r, c), fill="white", width=w)
    d.line((c, c - r, c, c + r), fill="white", width=w)
    dot = big * 0.05
    d.ellipse((c + r * 0.35 - dot, c - r * 0.5 - dot, c + r * 0.35 + dot, c - r * 0.5 + dot), fill=sharecards.HERE)
    out = io.BytesIO()
    im.resize((size, size), Image.Resampling.LANCZOS).quantize(32, method=Image.Quantize.FASTOCTREE).save(out, "PNG", optimize=True)
    return out.getvalue()


def manifest(lang: str) -> str:
    """The manifest of `lang`'s site; addresses relative to the manifest (/<lang>/web/)."""
    up = "../" * (1 + (lang != DEFAULT))  # to the site's root
    data = {
        "name": t("web.site_name", lang), "short_name": t("web.short_name", lang),
        "description": t("web.network", lang), "lang": lang, "dir": direction(lang),
        "start_url": "../", "scope": "../", "display": "minimal-ui",
        "theme_color": THEME_COLOR, "background_color": BACKGROUND,
        "icons": [{"src": f"{up}{FOLDER}/icon-{n}.png", "sizes": f"{n}x{n}", "type": "image/png", "purpose": "any"} for n in ICON_SIZES]
                 + [{"src": f"{up}{FOLDER}/icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable"}],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def theme_data(network: Model, site_url: str) -> dict:
    """{language: what the theme's head reads}: see overrides/partials/webmeta.html."""
    cards = share.site_cards(network, site_url)
    return {lang: {
        "locale": webmeta.OG_LOCALES[lang],
        "card": cards[lang].path, "card_alt": cards[lang].alt,
        "home_jsonld": webmeta.website(site_url, lang),
        "manifest": f"{url_prefix(lang)}{FOLDER}/{MANIFEST}", "opensearch": f"{url_prefix(lang)}{FOLDER}/{OPENSEARCH}",
        "search_name": t("web.search_name", lang), "theme_color": THEME_COLOR,
    } for lang in LANGUAGES}


def pages(network: Model, site: Site) -> Iterator[GeneratedFile]:
    for size in ICON_SIZES:
        yield GeneratedFile(f"{FOLDER}/icon-{size}.png", icon(size))
    for lang in LANGUAGES:
        yield GeneratedFile(f"{FOLDER}/manifest{suffix(lang)}.webmanifest", manifest(lang))
        home = webmeta.page_url(site.site_url, lang, "")
        yield GeneratedFile(f"{FOLDER}/opensearch{suffix(lang)}.xml", render(
            "opensearch.xml", lang, home=home, icon=webmeta.base(site.site_url) + f"{FOLDER}/icon-192.png"))
