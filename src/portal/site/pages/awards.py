"""The UNESCO Learning City Award: an overview at /awards/ and one gallery per round at /awards/<year>/.

Rounds and winners come from data/ (see portal.model.awards; checked against the profiles when the
network loads). A card per winner: the city's first picture (responsive derivatives, a link to the
full image that the lightbox script enlarges) or its generated emblem, its name, country and a link
to its page, and why it won where data/award-reasons/ has it (portal.model.reasons); nothing is invented.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby

from babel.dates import format_interval

from portal.model import awards, reasons
from portal.site import images
from portal.model.cities import City, Picture
from portal.model.loader import Model
from portal.i18n.languages import LANGUAGES, t
from portal.site.render import render
from portal.validate.profile import REGIONS
from portal.site.pages import GeneratedFile, Site, localized_path
from portal.site.pages.media import CARD_SIZES, EMBLEM_SIZE, emblem_path, media_url
from portal.i18n.collation import sort_key

FOLDER = "awards"

@dataclass(frozen=True)
class Card:
    city: City
    year: int
    picture: Picture | None
    derived: images.Derived | None
    reason: reasons.Reason | None = None  # why it won (data/award-reasons/<year>.yml)


def dates(conference: awards.Conference, lang: str) -> str:
    return format_interval(conference.start, conference.end, "yMMMd", locale=lang)


def ordinal(number: int, lang: str) -> str:
    """The conference's ordinal in `lang` ('2nd', '2e', 'الثاني'); past the list, its number."""
    words = t("awards.ordinals", lang).split("|")
    return words[number - 1] if 0 < number <= len(words) else str(number)


def winners(network: Model, rnd: awards.Round) -> list[City]:
    return network.winners.get(rnd.year, [])


def card(network: Model, city: City, year: int) -> Card:
    reason = network.reason(year, city.slug)
    if city.images:
        return Card(city, year, city.images[0], images.derive(network.root, city.images[0].file), reason)
    return Card(city, year, None, None, reason)


def host_name(network: Model, conference: awards.Conference, lang: str) -> str:
    """The host city's name in `lang` where its profile gives one."""
    for city in network.cities:
        if (city.name, city.country) == (conference.host_city, conference.host_iso2):
            return city.name_in(lang)
    return conference.host_city


def pages(network: Model, site: Site) -> Iterator[GeneratedFile]:
    rounds = network.rounds
    if not rounds:
        return
    cards = {r.year: [card(network, c, r.year) for c in winners(network, r)] for r in rounds}
    awarded = {c.slug: c for r in rounds for c in winners(network, r)}
    order = list(REGIONS.values())
    for lang in LANGUAGES:
        ranked = sorted(awarded.values(), key=lambda c: (order.index(c.region), sort_key(c.name_in(lang), lang)))
        by_region = [(region, list(group)) for region, group in groupby(ranked, key=lambda c: c.region)]
        common = dict(rounds=rounds, registry=network.sources, host_name=lambda conf: host_name(network, conf, lang), dates=lambda conf: dates(conf, lang),
                      ordinal=lambda conf: ordinal(conf.number, lang))
        yield GeneratedFile(localized_path(f"{FOLDER}/index", lang), render(
            "awards.md", lang, **common,
            by_region=by_region,
            award_count=sum(len(r.winners) for r in rounds),
            city_count=len(awarded),
            cities_url="../cities/",
        ))
        for rnd in rounds:
            yield GeneratedFile(localized_path(f"{FOLDER}/{rnd.year}", lang), render(
                "award-round.md", lang, **common,
                round=rnd,
                cards=cards[rnd.year],
                media=media_url(lang, 2),
                cities_url="../../cities/",
                sizes=CARD_SIZES,
                emblem_path=emblem_path,
                emblem_size=EMBLEM_SIZE,
            ))
