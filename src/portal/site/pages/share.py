"""Share pictures, at /share/<key>.png (one copy for all languages): a card per city per language
and one per language for the site (portal.site.sharecards draws them; cached by content hash).

City pages name their card in their front matter (`share_image`, pages/city.py); every other page
gets its language's site card from the theme's data (overrides/generated/web.html).
"""
from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Iterator
from dataclasses import replace
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from portal.i18n.languages import LANGUAGES, RTL, t
from portal.i18n.localize import country_name
from portal.model.loader import Model
from portal.site import sharecards, webmeta, worldmap
from portal.site.pages import GeneratedFile, Site

FOLDER = sharecards.FOLDER
PER_PROCESS = 50  # cards to draw per extra process (starting one costs about a second)
_memo: dict[tuple, dict] = {}  # (network id, site_url) -> cards, so the city pages and this family share them


def address(site_url: str) -> str:
    """'https://unesco-uil.github.io/learning-cities-portal/' -> 'unesco-uil.github.io/learning-cities-portal'."""
    parts = urlsplit(site_url)
    return (parts.netloc + parts.path).rstrip("/") if parts.netloc else ""


def city_cards(network: Model) -> dict[tuple[str, str], sharecards.Card]:
    """{(city slug, language): its card}."""
    key = ("cities", id(network))
    if key not in _memo:
        cities = {c.slug: c for c in network.cities}
        cards = {}
        for city in network.cities:
            locator = worldmap.locator_view(city, cities.values())
            for lang in LANGUAGES:
                card = sharecards.city_card(
                    locator, city.name_in(lang), country_name(city.country, lang), t("web.site_name", lang),
                    lang in RTL, "", network.data_dir, city.country)
                words = "web.city_card_alt" if card.here else "web.country_card_alt" if card.country else "web.name_card_alt"
                alt = t(words, lang).format(name=city.name_in(lang), country=country_name(city.country, lang))
                cards[(city.slug, lang)] = replace(card, alt=alt)
        _memo.clear() if len(_memo) > 8 else None
        _memo[key] = cards
    return _memo[key]


def site_cards(network: Model, site_url: str) -> dict[str, sharecards.Card]:
    """{language: the site's card}."""
    key = ("site", id(network), site_url)
    if key not in _memo:
        _memo[key] = {lang: sharecards.site_card(network.cities, t("web.site_name", lang), t("web.network", lang),
                                                 address(site_url) or t("web.site_name", lang), lang in RTL,
                                                 t("web.site_card_alt", lang), network.data_dir)
                      for lang in LANGUAGES}
    return _memo[key]


def _draw(card: sharecards.Card, data_dir: str) -> bytes:
    return sharecards.draw(card, Path(data_dir))


def pictures(network: Model, cards: list[sharecards.Card]) -> dict[str, bytes]:
    """{key: PNG} of every card: cached ones read, missing ones drawn (in two processes or more
    when there are many) and cached."""
    unique = {c.key: c for c in cards}
    folder = network.root / sharecards.CACHE_DIR
    made = {key: (folder / f"{key}.png").read_bytes() for key in unique if (folder / f"{key}.png").is_file()}
    missing = [c for key, c in unique.items() if key not in made]
    stats = sharecards.STATS
    stats.reused += len(made)
    if missing:
        sharecards.font_files()  # fails early, saying what to install, when the fonts are missing
        started = time.perf_counter()
        jobs = min(len(missing) // PER_PROCESS, os.cpu_count() or 1, int(os.environ.get("PORTAL_BUILD_JOBS", "8") or 8))
        if jobs > 1:
            # Spawned, not forked: `mkdocs serve` regenerates while its server threads run.
            with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
                drawn = list(pool.map(_draw, missing, [str(network.data_dir)] * len(missing), chunksize=len(LANGUAGES) * 3))
        else:
            drawn = [sharecards.draw(c, network.data_dir) for c in missing]
        stats.seconds += time.perf_counter() - started
        stats.drawn += len(missing)
        folder.mkdir(parents=True, exist_ok=True)
        for card, data in zip(missing, drawn):
            tmp = folder / f"{card.key}.tmp"
            tmp.write_bytes(data)
            os.replace(tmp, folder / f"{card.key}.png")
            made[card.key] = data
    stats.bytes += sum(len(d) for d in made.values())
    return made


def pages(network: Model, site: Site) -> Iterator[GeneratedFile]:
    cards = [*city_cards(network).values(), *site_cards(network, site.site_url).values()]
    made = pictures(network, cards)
    cache = network.root / sharecards.CACHE_DIR
    for key, data in made.items():
        yield GeneratedFile(f"{FOLDER}/{key}.png", data, source=cache / f"{key}.png")
    sharecards.prune(network.root, set(made))
    sharecards.log.info("%s", sharecards.STATS)
