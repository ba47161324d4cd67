"""Breadcrumbs of the pages that are not in the navigation (city, case-study, award, SDG and theme
pages): the way back up to their section and the home page, in the reader's language.

A plain function of the page's address; overrides/partials/breadcrumbs.html draws the trail.
"""
from __future__ import annotations

import re

from portal.i18n.languages import t, url_prefix

# (address pattern relative to the language's root, the section pages above it: (string key, address)).
SECTIONS: list[tuple[re.Pattern[str], list[tuple[str, str]]]] = [
    (re.compile(r"cities/[^/]+/"), [("members.title", "members/")]),
    (re.compile(r"members/figures/"), [("members.title", "members/")]),
    (re.compile(r"case-studies/[^/]+/"), [("cs.title", "case-studies/")]),
    (re.compile(r"themes/"), [("cs.title", "case-studies/")]),
    (re.compile(r"themes/[^/]+/"), [("cs.title", "case-studies/"), ("theme.title", "themes/")]),
    (re.compile(r"awards/[^/]+/"), [("awards.title", "awards/")]),
    (re.compile(r"sdg/(4|11)/"), [("sdg.title", "sdg/")]),
    (re.compile(r"sdg/(4|11)-[^/]+/"), [("sdg.title", "sdg/"), ("sdg.goal_label", "sdg/{goal}/")]),
]


def trail(url: str, lang: str) -> list[tuple[str, str]]:
    """[(label, site-relative address), ...] from the home page down to (not including) the page at
    `url` (MkDocs' page.url, e.g. 'fr/cities/lyon/'); [] for a page with no trail."""
    prefix = url_prefix(lang)
    path = url[len(prefix):] if prefix and url.startswith(prefix) else url
    for pattern, steps in SECTIONS:
        match = pattern.fullmatch(path)
        if match:
            goal = match.group(1) if match.groups() else ""
            crumbs = [(t("chrome.home", lang), prefix)]
            for key, address in steps:
                crumbs.append((t(key, lang).format(number=goal), prefix + address.format(goal=goal)))
            return crumbs
    return []


