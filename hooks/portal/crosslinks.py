"""What the MkDocs hook appends to hand-written case-study pages: target badges, city cards,
themes, related case studies and sources (case-study-extras.md), and the list of case studies
on content/case-studies/index.md (case-study-list.md), in the reader's language."""
from __future__ import annotations

from pathlib import PurePosixPath

from . import sdg
from .build import SiteSources
from .casestudies import FOLDER, INDEX
from .languages import DEFAULT, LANGUAGES
from .render import render


def page_slug(src_uri: str) -> str | None:
    """'case-studies/nanjing-2024.fr.md' -> 'nanjing-2024'; None for pages outside case-studies/."""
    path = PurePosixPath(src_uri)
    if len(path.parts) != 2 or path.parts[0] != FOLDER or path.suffix != ".md":
        return None
    return path.name.split(".")[0]


def extra_markdown(sources: SiteSources, src_uri: str, lang: str, file_lang: str | None = None) -> str:
    """The Markdown to append to the page `src_uri` shown in `lang` ('' if it is not a case study)."""
    slug = page_slug(src_uri)
    library, network = sources.case_studies, sources.network
    if slug is None or library is None or network is None or lang not in LANGUAGES:
        return ""
    fallback = (file_lang or DEFAULT) != lang
    ref = sdg.load(network.data_dir)
    cities = {c.slug: c for c in network.cities}
    common = dict(ref=ref, library=library, cities=cities, fallback=fallback)
    if slug == INDEX:
        return render("case-study-list.md", lang, root="../", feed_url="../feeds/case-studies.xml", **common)
    study = library.get(slug)
    if study is None:
        return ""
    return render(
        "case-study-extras.md", lang, root="../../", study=study,
        targets=[ref.target(t) for t in study.targets], themes=[ref.theme(t) for t in study.themes],
        related=library.related(study), **common,
    )
