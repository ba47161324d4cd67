"""Translation coverage: per language, which texts exist and which fall back to the default language.

One source for `portal coverage` and the generated translation status page. Three kinds of text:

  pages    hand-written Markdown pages in content/ (about.md, about.fr.md, ...); a page without a
           translation is served in the default language with a notice.
  names    a city's name in a language (`names:` in its profile); without one, the `name:` is shown.
           For languages written in the Latin alphabet that is usually right.
  summary  a city's description (`summary:`); without one, the default language's text is shown
           with a "not yet translated" notice. Cities with no summary at all are not counted.
  reasons  why a city won the Learning City Award (data/award-reasons/<year>.yml), per award;
           without the language, the English text is shown with a notice. Awards for which no
           city-specific reason was published are not counted.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from portal.model.loader import Model
from portal.i18n.languages import DEFAULT, LANGUAGES

DOCS_DIR = "content"
KINDS = ("pages", "names", "summary", "reasons")


@dataclass
class Status:
    """One kind of text in one language: what is translated, what falls back."""

    kind: str
    translated: list[str] = field(default_factory=list)  # page paths or city slugs
    fallback: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.translated) + len(self.fallback)

    @property
    def percent(self) -> int | None:
        """Whole percent translated (rounded down, so 100 means complete); None if nothing to translate."""
        return None if not self.total else len(self.translated) * 100 // self.total

    def as_dict(self) -> dict:
        return {"translated": len(self.translated), "total": self.total, "percent": self.percent, "fallback": self.fallback}


@dataclass
class LanguageCoverage:
    lang: str
    pages: Status
    names: Status
    summary: Status
    reasons: Status = field(default_factory=lambda: Status("reasons"))  # items: '<slug>/<year>'

    def kinds(self) -> list[Status]:
        return [self.pages, self.names, self.summary, self.reasons]


@dataclass(frozen=True)
class Page:
    """A hand-written page: its default-language file and the languages it exists in."""

    path: str  # its place in the site, default language: "about.md", "case-studies/x.md"
    languages: frozenset[str]
    source_dir: str = f"{DOCS_DIR}/"  # where its files are in the repository ("" for case-studies/)

    @property
    def url(self) -> str:
        """Site-relative URL (directory URLs): 'about/', '' for index.md, 'case-studies/x/'."""
        stem = self.path.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            stem = stem.removesuffix("index")
            return stem
        return stem + "/"

    def file(self, lang: str) -> str:
        """The file a translation goes in: 'about.fr.md'."""
        stem = self.path.removesuffix(".md")
        return self.path if lang == DEFAULT else f"{stem}.{lang}.md"

    def source(self, lang: str) -> str:
        """The repository file of the page in `lang`: 'content/about.fr.md', 'case-studies/x.fr.md'."""
        return self.source_dir + self.file(lang)


def _generated(folder: Path) -> bool:
    """Generated content/ folders hold a '*' .gitignore (see portal.site.generate)."""
    marker = folder / ".gitignore"
    return marker.is_file() and "*" in marker.read_text(encoding="utf-8").splitlines()


def hand_written_pages(docs_dir: Path, skip_folders: set[str] = frozenset()) -> list[Page]:
    """Every hand-written page under docs_dir, with the languages it is written in."""
    found: dict[str, set[str]] = {}
    for path in sorted(docs_dir.rglob("*.md")) if docs_dir.is_dir() else []:
        rel = path.relative_to(docs_dir)
        if rel.name == "README.md":  # notes for contributors, excluded from the site (mkdocs.yml exclude_docs)
            continue
        if rel.parts[0] in skip_folders or any(_generated(docs_dir.joinpath(*rel.parts[:i])) for i in range(1, len(rel.parts))):
            continue
        stem, _, lang = rel.name.removesuffix(".md").rpartition(".")
        if stem and lang in LANGUAGES and lang != DEFAULT:
            base = rel.with_name(f"{stem}.md").as_posix()
        else:
            base, lang = rel.as_posix(), DEFAULT
        found.setdefault(base, set()).add(lang)
    # A translation whose default-language page is missing is not a page of the site.
    return [Page(p, frozenset(langs)) for p, langs in sorted(found.items()) if DEFAULT in langs]


def site_pages(root: Path, skip_folders: set[str] = frozenset()) -> list[Page]:
    """The hand-written pages of content/ and the case studies (case-studies/, which the generator
    copies into content/case-studies/ with their added sections)."""
    from portal.files.paths import CASE_STUDIES_DIR

    studies = [Page(f"{CASE_STUDIES_DIR}/{p.path}", p.languages, source_dir="")
               for p in hand_written_pages(root / CASE_STUDIES_DIR)]
    return sorted(hand_written_pages(root / DOCS_DIR, skip_folders) + studies, key=lambda p: p.path)


def coverage(network: Model, skip_folders: set[str] = frozenset()) -> list[LanguageCoverage]:
    """Coverage of every language but the default one, in site language order."""
    pages = site_pages(Path(network.root), skip_folders)
    out = []
    for lang in LANGUAGES:
        if lang == DEFAULT:
            continue
        cov = LanguageCoverage(lang, Status("pages"), Status("names"), Status("summary"))
        for page in pages:
            (cov.pages.translated if lang in page.languages else cov.pages.fallback).append(page.path)
        for city in network.cities:
            (cov.names.translated if lang in city.names else cov.names.fallback).append(city.slug)
            if lang in city.summary:
                cov.summary.translated.append(city.slug)
            elif DEFAULT in city.summary:
                cov.summary.fallback.append(city.slug)
        for (year, slug), reason in sorted(network.reasons.items(), key=lambda item: (item[0][1], item[0][0])):
            if reason.published:
                (cov.reasons.translated if lang in reason.text else cov.reasons.fallback).append(f"{slug}/{year}")
        out.append(cov)
    return out


def as_dict(report: list[LanguageCoverage]) -> dict:
    """The report as JSON-ready data: {lang: {kind: {translated, total, percent, fallback}}}."""
    return {"default_language": DEFAULT, "languages": {c.lang: {s.kind: s.as_dict() for s in c.kinds()} for c in report}}
