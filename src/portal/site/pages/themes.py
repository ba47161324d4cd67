"""Theme pages: the network's thematic clusters and the Key Features building blocks, each with
the case studies filed under it, in every language, at /themes/ and /themes/<id>/."""
from __future__ import annotations

from collections.abc import Iterator

from portal.model import casestudies, sdg
from portal.model.loader import Model
from portal.i18n.languages import LANGUAGES
from portal.site.render import render
from portal.site.pages import GeneratedFile, Site, localized_path

FOLDER = "themes"


def pages(network: Model, site: Site) -> Iterator[GeneratedFile]:
    ref = network.sdg
    library = network.case_studies
    cities = {c.slug: c for c in network.cities}
    kinds = ("clusters", "building_blocks")
    groups = [(kind, [t for t in ref.themes if t.kind == kind]) for kind in kinds]
    for lang in LANGUAGES:
        yield GeneratedFile(localized_path("themes/index", lang), render("themes-index.md", lang, root="../", groups=groups, library=library, ref=ref, cities=cities))
        for theme in ref.themes:
            studies = library.for_theme(theme.id)
            text = render("theme.md", lang, root="../../", theme=theme, studies=studies, city_slugs=library.cities_of(studies), ref=ref, cities=cities)
            yield GeneratedFile(localized_path(f"themes/{theme.id}", lang), text)
