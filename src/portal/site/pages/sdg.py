"""SDG pages: an overview, one page per goal (4, 11) and per target (20), in every language, at
/sdg/, /sdg/4/, /sdg/4-1/ ...; each lists the case studies and cities that advance it."""
from __future__ import annotations

from collections.abc import Iterator

from portal.model import casestudies, sdg
from portal.model.loader import Model
from portal.i18n.languages import LANGUAGES
from portal.site.render import render
from portal.site.pages import GeneratedFile, Site, localized_path

FOLDER = "sdg"


def pages(network: Model, site: Site) -> Iterator[GeneratedFile]:
    ref = network.sdg
    library = network.case_studies
    cities = {c.slug: c for c in network.cities}
    common = dict(ref=ref, library=library, cities=cities)
    unverified = ", ".join(t.id for t in ref.targets if t.unverified)
    for lang in LANGUAGES:
        yield GeneratedFile(localized_path("sdg/index", lang), render("sdg-index.md", lang, root="../", unverified=unverified, **common))
        for goal in ref.goals:
            studies = library.for_goal(goal.number)
            text = render("sdg-goal.md", lang, root="../../", goal=goal, studies=studies, city_slugs=library.cities_of(studies), **common)
            yield GeneratedFile(localized_path(f"sdg/{goal.slug}", lang), text)
        for target in ref.targets:
            studies = library.for_target(target.id)
            goal = next(g for g in ref.goals if g.number == target.goal)
            text = render("sdg-target.md", lang, root="../../", target=target, goal=goal, studies=studies, city_slugs=library.cities_of(studies), **common)
            yield GeneratedFile(localized_path(f"sdg/{target.slug}", lang), text)
