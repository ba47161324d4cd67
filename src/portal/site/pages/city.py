"""City pages: one page per city per language, at /cities/<slug>/ and /<lang>/cities/<slug>/."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from urllib.parse import urlsplit

from portal.model import casestudies, sdg
from portal.site import webmeta, worldmap
from portal.model.cities import City
from portal.model.loader import Model
from portal.i18n.languages import DEFAULT, LANGUAGES, t
from portal.i18n.localize import country_name
from portal.site.render import render
from portal.site.pages import GeneratedFile, Site, localized_path
from portal.site.pages import share
from portal.site.pages.media import CARD_SIZES, media_url, pictures_of

FOLDER = "cities"

MEMBERS_URL = "../../members/"  # from cities/<slug>/ to members/, in the same language


def summary_for(city: City, lang: str) -> tuple[str | None, list[str]]:
    """The summary in `lang`, else in the default language; (language shown, paragraphs)."""
    for candidate in (lang, DEFAULT):
        if candidate in city.summary:
            text = city.summary[candidate]
            return candidate, [p.strip() for p in text.split("\n\n") if p.strip()]
    return None, []


def page(city: City, lang: str, site: Site, library: casestudies.Library | None = None, ref: sdg.Reference | None = None, cities: dict[str, City] | None = None, pictures: list | None = None, reasons: list | None = None, locator: worldmap.View | None = None, registry: dict | None = None) -> GeneratedFile:
    """`pictures`: the city's (Picture, Derived) pairs (see pages/media.py); `reasons`: (year, Reason) pairs;
    `locator`: the city's regional map (worldmap.locator_view), computed here if not given;
    `registry`: the cited pages' titles, publishers and dates (Model.sources)."""
    summary_lang, summary = summary_for(city, lang)
    studies = library.for_city(city.slug) if library else []
    text = render(
        "city.md",
        lang,
        city=city,
        summary=summary,
        summary_lang=summary_lang,
        members_url=MEMBERS_URL,
        locator=locator or worldmap.locator_view(city, (cities or {city.slug: city}).values()),
        edit_url=f"{site.edit_root}{city.file}" if site.edit_root else "",
        website_label=urlsplit(city.website).netloc if city.website else "",
        # The case studies about this city and the SDG targets they advance (city-case-studies.md).
        case_studies=studies,
        case_study_targets=[t for t in ref.targets if any(t.id in s.targets for s in studies)] if ref else [],
        ref=ref,
        cities=cities or {city.slug: city},
        root="../../",
        pictures=pictures or [],
        media=media_url(lang, 2),
        sizes=CARD_SIZES,
        reasons=reasons or [],  # why it won each award, where data/award-reasons/ has it
        registry=registry or {},
    )
    return GeneratedFile(localized_path(f"cities/{city.slug}", lang), text)


def web_meta(city: City, lang: str, site: Site, card) -> dict:
    """What the web's clients read (portal.site.webmeta): the share card, the summary, the Place."""
    summary_lang, summary = summary_for(city, lang)
    description = t("city.description", lang).format(name=city.name_in(lang), country=country_name(city.country, lang))
    meta = {"share_image": card.path, "share_alt": card.alt, "jsonld": webmeta.script(webmeta.city(city, lang, site.site_url, description))}
    if summary and summary_lang == lang:
        meta["share_text"] = webmeta.shorten(summary[0])
    return meta


def pages(network: Model, site: Site) -> Iterator[GeneratedFile]:
    library = network.case_studies
    ref = network.sdg
    cities = {c.slug: c for c in network.cities}
    cards = share.city_cards(network)
    for city in network.cities:
        pictures = pictures_of(network, city)
        reasons = [(y, r) for y in city.awards if (r := network.reason(y, city.slug))]
        locator = worldmap.locator_view(city, cities.values())  # the same map in every language
        for lang in LANGUAGES:
            made = page(city, lang, site, library, ref, cities, pictures, reasons, locator, network.sources)
            yield replace(made, meta=web_meta(city, lang, site, cards[(city.slug, lang)]))
