"""What the web's clients read in a page's head, written by the generator as page data (front
matter) that the theme turns into tags (overrides/partials/webmeta.html): the share card
(OpenGraph, Twitter), the page's summary, and schema.org structured data (JSON-LD) built here from
the model as plain dicts. No HTML here; the engine only carries the values.

Front matter fields (all optional; a page without them gets the site's card and no JSON-LD):
  share_image:  the share picture's site-relative path (share/<key>.png, portal.site.sharecards)
  share_alt:    its text alternative, in the page's language
  share_text:   the page's summary in its language (og:description), else `description` is used
  og_type:      "article" for case studies ("website" otherwise)
  jsonld:       a schema.org object ({"@context": ..., ...}) printed as application/ld+json; the
                generator writes it as the element's text already (`script`), one string for
                the engine to read instead of a YAML mapping of some fifty nodes on every page
"""
from __future__ import annotations

import os
from datetime import datetime, timezone

from jinja2.utils import htmlsafe_json_dumps

from portal.i18n.languages import LANGUAGES, t, url_prefix
from portal.i18n.localize import country_name

# OpenGraph locales (language_TERRITORY, as Facebook reads them) of the site's languages.
OG_LOCALES = {"en": "en_GB", "fr": "fr_FR", "es": "es_ES", "ar": "ar_AR", "zh": "zh_CN", "ru": "ru_RU"}
CONTEXT = "https://schema.org"
UIL_URL = "https://www.uil.unesco.org/"
UNESCO_URL = "https://www.unesco.org/"
GEONAMES = "https://www.geonames.org/{id}"
# The licence of the open data (members.*): GeoNames' coordinates and identifiers in it are
# CC BY 4.0, which asks reusers to credit the source; the rest is given under the same terms.
DATA_LICENSE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International",
                "path": "https://creativecommons.org/licenses/by/4.0/"}
SUMMARY_CHARS = 300  # og:description: clients show about 200-300 characters


def script(data: dict) -> str:
    """A JSON-LD object as the text of its <script type="application/ld+json">: what Jinja's
    `tojson` filter writes (keys sorted; <, >, & and ' as \\u escapes), so the page is the same
    whichever writes it."""
    return str(htmlsafe_json_dumps(data, sort_keys=True))


LOCAL_BASE = "http://127.0.0.1:8000/"  # without a deployment address: MkDocs' local server (as the feeds)


def base(site_url: str) -> str:
    """The site's address with one trailing slash (the local server's without one)."""
    return site_url.rstrip("/") + "/" if site_url else LOCAL_BASE


def page_url(site_url: str, lang: str, address: str) -> str:
    """Absolute address of a page: 'cities/lyon/' in 'fr' -> https://.../fr/cities/lyon/."""
    return base(site_url) + url_prefix(lang) + address


def data_day() -> str | None:
    """The date of the data (the last commit, pinned as SOURCE_DATE_EPOCH), ISO 8601."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date().isoformat() if epoch.isdigit() else None


def shorten(text: str, limit: int = SUMMARY_CHARS) -> str:
    """`text` on one line, cut at the last word boundary before `limit` characters, with '…'."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(",;:") + "…"


def organization(lang: str) -> dict:
    return {"@type": "Organization", "@id": UIL_URL + "#organization", "name": t("web.uil", lang), "url": UIL_URL,
            "parentOrganization": {"@type": "Organization", "name": "UNESCO", "url": UNESCO_URL}}


def website(site_url: str, lang: str) -> dict:
    """The home page's graph: the site (with its search) and the institute that publishes it."""
    home = page_url(site_url, lang, "")
    return {
        "@context": CONTEXT,
        "@graph": [
            {"@type": "WebSite", "@id": home + "#website", "url": home, "name": t("web.site_name", lang),
             "alternateName": t("web.short_name", lang), "description": t("web.network", lang), "inLanguage": lang,
             "publisher": {"@id": UIL_URL + "#organization"},
             "potentialAction": {"@type": "SearchAction", "target": {"@type": "EntryPoint", "urlTemplate": home + "?q={search_term_string}"},
                                 "query-input": "required name=search_term_string"}},
            organization(lang),
        ],
    }


def city(city, lang: str, site_url: str, description: str) -> dict:
    """A city page's Place: its names in every language, position, country and GeoNames entry."""
    url = page_url(site_url, lang, f"cities/{city.slug}/")
    names = [{"@value": city.name_in(other), "@language": other} for other in LANGUAGES]
    data: dict = {
        "@context": CONTEXT, "@type": "City", "@id": url + "#city", "url": url,
        "name": city.name_in(lang), "alternateName": names, "description": description,
        "containedInPlace": {"@type": "Country", "name": country_name(city.country, lang), "identifier": city.country},
    }
    if city.lat is not None and city.lon is not None:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": city.lat, "longitude": city.lon}
    if city.geonames_id:
        data["sameAs"] = [GEONAMES.format(id=city.geonames_id)]
    return data


def case_study(study, lang: str, site_url: str, cities: dict) -> dict:
    """A case study's Article: headline, dates (`updated:`), the cities it is about, its sources."""
    shown = study.shown_language(lang)
    url = page_url(site_url, lang, f"case-studies/{study.slug}/")
    about = [{"@type": "City", "@id": page_url(site_url, lang, f"cities/{slug}/") + "#city", "name": cities[slug].name_in(lang)}
             for slug in study.cities if slug in cities]
    citation = [{"@type": "CreativeWork", "name": s.title, **({"url": s.url} if s.url else {})} for s in study.sources]
    return {
        "@context": CONTEXT, "@type": "Article", "@id": url + "#article", "url": url, "mainEntityOfPage": url,
        "headline": study.title_in(lang), "description": study.summary_in(lang), "inLanguage": shown,
        # The model keeps one date per text, `updated:`: the English text's is its publication.
        "datePublished": study.updated.isoformat(), "dateModified": study.updated_in(lang).isoformat(),
        "about": about, "citation": citation,
        "isPartOf": {"@type": "WebSite", "@id": page_url(site_url, lang, "") + "#website", "name": t("web.site_name", lang)},
        "publisher": organization(lang),
    }


def dataset(lang: str, site_url: str, name: str, files: dict[str, str], title: str, description: str) -> dict:
    """The open-data page's Dataset: its downloads (`files`: {file name: media type}), licence,
    creator and the date of the data."""
    folder = base(site_url) + "open-data/"
    data: dict = {
        "@context": CONTEXT, "@type": "Dataset", "@id": page_url(site_url, lang, "open-data/") + "#dataset",
        "url": page_url(site_url, lang, "open-data/"), "name": title, "description": description, "inLanguage": lang,
        "license": DATA_LICENSE["path"], "isAccessibleForFree": True,
        "creator": organization(lang), "publisher": organization(lang),
        "spatialCoverage": {"@type": "Place", "name": t("web.network", lang)},
        "distribution": [{"@type": "DataDownload", "encodingFormat": kind, "contentUrl": folder + file, "name": file}
                         for file, kind in files.items()],
    }
    day = data_day()
    if day:
        data["dateModified"] = day
    return data

