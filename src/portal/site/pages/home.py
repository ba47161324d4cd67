"""The home page's generated sections: the network at a glance (figures with their sources), the
member map, the latest award round's winners and the newest case studies as cards, and a way in
per UNESCO region.

The home page itself is hand-written (content/index[.<lang>].md: front matter and a short intro,
`template: home.html`); overrides/home.html places the sections rendered here from
src/portal/site/templates/home-sections.html. Plain functions: `summary()` gives the data, `sections()` the HTML.
No FOLDER: this family writes no file under content/ (the hook hands the HTML to the template).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from babel.dates import format_skeleton

from portal.model import awards, casestudies, figures
from portal.model.cities import City
from portal.model.loader import Model
from portal.i18n.languages import DEFAULT
from portal.i18n.localize import locale
from portal.site.render import render
from portal.validate.profile import REGIONS
from portal.site.pages import awards as award_pages
from portal.site.pages.media import CARD_SIZES, EMBLEM_SIZE, emblem_path, media_url
from portal.i18n.collation import sort_key
from portal.site.pages.members import world_map

NEWEST_STUDIES = 3  # case-study cards on the home page
TEMPLATE = "home.html"  # the Material template of content/index[.<lang>].md (overrides/home.html)


@dataclass(frozen=True)
class NetworkCount:
    """The network's size as its latest source gives it (data/network_growth.csv)."""

    members: int
    countries: int
    day: date
    source: str


@dataclass(frozen=True)
class Summary:
    """Everything the home page shows, for one language."""

    network: NetworkCount | None  # None if no source gives a full count
    profiles: int  # members with a profile on the portal
    profile_countries: int
    regions: list[tuple[str, int]]  # (region id, profiles) in UNESCO's order
    award_count: int  # awards conferred
    award_cities: int  # different cities awarded
    rounds: list[awards.Round]
    latest: awards.Round | None
    winners: list[City]  # of the latest round, by name in the language
    studies: list[casestudies.CaseStudy]  # the newest first


def network_count(network: Model) -> NetworkCount | None:
    """The latest row of the growth table that counts every member (not a lower bound, not
    active members only)."""
    totals = [c for c in figures.growth(network.data_dir) if c.total]
    if not totals:
        return None
    last = totals[-1]
    return NetworkCount(last.members, last.countries, last.day, last.source)


def newest_studies(library: casestudies.Library, limit: int = NEWEST_STUDIES) -> list[casestudies.CaseStudy]:
    """The case studies of the most recent years first (then the latest updated, then by slug)."""
    ranked = sorted(library.studies, key=lambda s: (s.year, s.updated, s.slug), reverse=True)
    return ranked[:limit]


def summary(network: Model, library: casestudies.Library, lang: str) -> Summary:
    rounds = network.rounds
    latest = max(rounds, key=lambda r: r.year) if rounds else None
    winners = list(network.winners.get(latest.year, [])) if latest else []
    per_region = Counter(c.region for c in network.cities)
    return Summary(
        network=network_count(network),
        profiles=len(network.cities),
        profile_countries=len({c.country for c in network.cities}),
        regions=[(r, per_region.get(r, 0)) for r in REGIONS.values()],
        award_count=sum(len(r.winners) for r in rounds),
        award_cities=len({(w.city, w.iso2) for r in rounds for w in r.winners}),
        rounds=sorted(rounds, key=lambda r: r.year),
        latest=latest,
        winners=sorted(winners, key=lambda c: sort_key(c.name_in(lang), lang)),
        studies=newest_studies(library),
    )


def month(day: date, lang: str) -> str:
    """'December 2025' in the reader's language (CLDR skeleton yMMMM)."""
    return format_skeleton("yMMMM", day, locale=locale(lang))


def sections(network: Model, library: casestudies.Library, lang: str, sources: tuple[str, ...] = ()) -> str:
    """The generated part of the home page in `lang`, as HTML (links relative to the language's
    home page: /, /fr/, ...). `sources`: further sources of the hand-written intro."""
    data = summary(network, library, lang)
    root = "" if lang == DEFAULT else "../"
    return render(
        "home-sections.html",
        lang,
        home=data,
        month=lambda day: month(day, lang),
        cities={c.slug: c for c in network.cities},
        host_name=lambda conf: award_pages.host_name(network, conf, lang),
        extra_sources=sources,
        registry=network.sources,
        # The latest round's winners as the award gallery draws them (picture or emblem).
        winner_cards=[award_pages.card(network, c, data.latest.year) for c in data.winners] if data.latest else [],
        media=media_url(lang, 0),
        sizes=CARD_SIZES,
        emblem_path=emblem_path,
        emblem_size=EMBLEM_SIZE,
        # What the member map partial (partials/world-map.html) needs: the laid-out map, the
        # language's home (links are relative to it) and the site's root (the shared outlines).
        world=world_map(network),
        home_url="",
        root=root,
        total=len(network.cities),
    )

