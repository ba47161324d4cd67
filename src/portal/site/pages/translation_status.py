"""The translation status page for maintainers, in each language, at /translation-status/.

From the same coverage data as `portal coverage` (portal.site.coverage): per language, the hand-written
pages, city names and city summaries that fall back to the default language.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from portal.model.loader import Model
from portal.i18n.collation import sort_key
from portal.site.coverage import Page, coverage, names_to_review, site_pages
from portal.i18n.languages import DEFAULT, LANGUAGES
from portal.site.render import render
from portal.site.pages import GeneratedFile, Site, families, localized_path

FOLDER = "translation-status"
FRONT_MATTER_TITLE = re.compile(r"\A---\n(?:.*\n)*?title:[ \t]*(.+)\n(?:.*\n)*?---\n")
FIRST_HEADING = re.compile(r"^# (.+?)(?: \{#[^}]*\})?$", re.MULTILINE)


def page_title(root: Path, page: Page, lang: str) -> tuple[str, str]:
    """(title, language of the title) of a hand-written page: its front matter `title`, else its
    first heading, in `lang` where the page exists in it, else in the default language; the
    file's path when it has neither."""
    shown = lang if lang in page.languages else DEFAULT
    text = (root / page.source(shown)).read_text(encoding="utf-8")
    match = FRONT_MATTER_TITLE.search(text) or FIRST_HEADING.search(text)
    return (match.group(1).strip().strip("\"'"), shown) if match else (page.path, DEFAULT)


def pages(network: Model, site: Site) -> Iterator[GeneratedFile]:
    generated = set(families())  # other families' folders are not hand-written pages
    report = coverage(network, skip_folders=generated)
    names = {c.slug: c for c in network.cities}
    by_path = {p.path: p for p in site_pages(Path(network.root), generated)}
    review = names_to_review(network)
    for lang in LANGUAGES:
        for cov in report:  # cities without a name, in the order of the page's language
            cov.names.fallback.sort(key=lambda slug: sort_key(names[slug].name, lang))
        text = render(
            "translation-status.md",
            lang,
            report=report,
            cities=names,
            pages=by_path,
            transcribed={code: [r for r in review if r.lang == code and r.why == "transcribed"] for code in LANGUAGES},
            unused={code: [r for r in review if r.lang == code and r.why != "transcribed"] for code in LANGUAGES},
            imported={code: sum(c.name_from_geonames(code) for c in network.cities) for code in LANGUAGES},
            city_url=lambda slug: f"../cities/{slug}/",
            page_url=lambda path: "../" + by_path[path].url,
            title_of=lambda path: page_title(Path(network.root), by_path[path], lang),
        )
        yield GeneratedFile(localized_path(f"{FOLDER}/index", lang), text)
