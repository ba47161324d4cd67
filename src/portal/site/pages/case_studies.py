"""Case-study pages: each hand-written case study (case-studies/<slug>[.<lang>].md) and the list
page's intro (case-studies/index[.<lang>].md), copied to content/case-studies/ in every language
with what the generator adds: target badges, city cards, themes, related case studies and sources
(src/portal/site/templates/case-study-extras.md), and the list of case studies (case-study-list.md).

A language without a translation gets the English text, marked `text_lang: en` in its front
matter: overrides/main.html then shows the "not yet translated" notice, and the added sections are
in the reader's language. Other files next to the case studies (pictures) are copied as they are.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from portal.model import casestudies, sdg
from portal.model.casestudies import CASE_STUDIES_DIR, FOLDER, INDEX, NOT_CASE_STUDIES
from portal.model.loader import Model
from portal.files.frontmatter import add_fields
from portal.i18n.languages import DEFAULT, LANGUAGES, suffix
from portal.files import reading
from portal.site.render import render
from portal.site import webmeta
from portal.site.pages import GeneratedFile, Site, share


def source_files(root: Path, slug: str) -> dict[str, Path]:
    """{lang: file} of the hand-written files of `slug` (a case study or the index)."""
    folder = root / CASE_STUDIES_DIR
    return {lang: folder / f"{slug}{suffix(lang)}.md" for lang in LANGUAGES if (folder / f"{slug}{suffix(lang)}.md").is_file()}


ARTICLE = ["navigation", "toc"]  # a case study reads as an article: no documentation rails (Material's `hide`)


def page(source: Path, lang: str, extra: str, texts: dict[str, str] | None = None, article: bool = False) -> str:
    """The hand-written text of `source` shown in `lang`, with `extra` appended (the text the model
    read, where it read it: the case studies; the list page's intro is read here); an `article`
    hides the navigation and table of contents rails."""
    text = (texts or {}).get(f"{CASE_STUDIES_DIR}/{source.name}") or reading.read_bytes(source).decode("utf-8-sig")
    fields: dict[str, object] = {"edit_source": f"{CASE_STUDIES_DIR}/{source.name}"}
    if article:
        fields["hide"] = ARTICLE
    text_lang = source.name.split(".")[1] if source.name.count(".") == 2 else DEFAULT
    if text_lang != lang:
        fields["text_lang"] = text_lang
    text = add_fields(text, fields)
    return text.rstrip("\n") + "\n" + extra if extra else text


def web_meta(study: casestudies.CaseStudy, lang: str, site: Site, network: Model, cities: dict) -> dict:
    """What the web's clients read (portal.site.webmeta): an article, its summary, the Article
    object, and the share card of its first city."""
    meta: dict = {"og_type": "article", "share_text": webmeta.shorten(study.summary_in(lang)),
                  "jsonld": webmeta.script(webmeta.case_study(study, lang, site.site_url, cities))}
    card = share.city_cards(network).get((study.cities[0], lang)) if study.cities else None
    if card:
        meta.update(share_image=card.path, share_alt=card.alt)
    return meta


def pages(network: Model, site: Site) -> Iterator[GeneratedFile]:
    library = network.case_studies
    ref = network.sdg
    cities = {c.slug: c for c in network.cities}
    root = Path(network.root)
    for slug in [INDEX, *(s.slug for s in library.studies)]:
        sources = source_files(root, slug)
        if DEFAULT not in sources:
            continue  # no list intro: the list page is not made (the validator checks case studies)
        study = library.get(slug)
        for lang in LANGUAGES:
            source = sources.get(lang, sources[DEFAULT])
            common = dict(ref=ref, library=library, cities=cities, registry=network.sources, fallback=source is sources[DEFAULT] and lang != DEFAULT)
            if study is None:
                extra = render("case-study-list.md", lang, root="../", feed_url="../feeds/case-studies.xml", **common)
            else:
                extra = render(
                    "case-study-extras.md", lang, root="../../", study=study,
                    targets=[ref.target(t) for t in study.targets], themes=[ref.theme(t) for t in study.themes],
                    related=library.related(study), **common,
                )
            meta = {} if study is None else web_meta(study, lang, site, network, cities)
            yield GeneratedFile(f"{FOLDER}/{slug}{suffix(lang)}.md", page(source, lang, extra, library.texts, article=study is not None), meta)
    folder = root / CASE_STUDIES_DIR
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.is_file() and path.suffix != ".md" and not path.name.startswith(".") and path.name not in NOT_CASE_STUDIES:
            yield GeneratedFile(f"{FOLDER}/{path.name}", path.read_bytes())
