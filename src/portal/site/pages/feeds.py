"""Atom feeds of case studies, one per language: /feeds/case-studies.xml, /fr/feeds/case-studies.xml ...

Every feed lists every case study; an entry not translated into the feed's language is given in
English and says so with xml:lang. Dates come from the case studies, not the clock.
"""
from __future__ import annotations

from collections.abc import Iterator

from portal.model import casestudies
from portal.model.loader import Model
from portal.i18n.languages import LANGUAGES, suffix, url_prefix
from portal.site.render import render
from portal.site.pages import GeneratedFile, Site

FOLDER = "feeds"
# Without a deployment address (e.g. `portal generate` without --site-url), MkDocs' local server.
DEFAULT_BASE = "http://127.0.0.1:8000/"


def feed_path(lang: str) -> str:
    return f"feeds/case-studies{suffix(lang)}.xml"


def pages(network: Model, site: Site) -> Iterator[GeneratedFile]:
    library = network.case_studies
    site_url = (site.site_url or DEFAULT_BASE).rstrip("/") + "/"
    cities = {c.slug: c for c in network.cities}
    for lang in LANGUAGES:
        studies = sorted(library.studies, key=lambda s: (s.updated_in(lang), s.year, s.slug), reverse=True)
        newest = max((s.updated_in(lang) for s in studies), default=None)
        updated = f"{newest.isoformat()}T00:00:00Z" if newest else "2013-10-21T00:00:00Z"  # the network's launch
        text = render("feed.xml", lang, base=site_url + url_prefix(lang), studies=studies, updated=updated, cities=cities)
        yield GeneratedFile(feed_path(lang), text)
