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


@dataclass(frozen=True)
class NameReview:
    """A city's name in one language, to be checked by a reader of that language."""

    file: str  # the profile, e.g. cities/cork.yml
    lang: str
    name: str
    why: str  # "transcribed", or where the language's texts about the city write it otherwise


def _stem(name: str, lang: str) -> str:
    """The part of a name every grammatical form keeps: Russian declines names (Казань, Казани)."""
    name = name.casefold().replace("-", " ")
    return name[:-1] if lang == "ru" and len(name) > 4 else name


def _mentions(text: str, name: str, lang: str) -> bool:
    return _stem(name, lang) in text.casefold().replace("-", " ")


def names_to_review(network: Model) -> list[NameReview]:
    """Names to check, per language but the default: those written by transcription rules, and
    those that the same language's texts about the city (its summary, its award reasons, the
    case studies about it) never use, which usually means two spellings of one city."""
    out: list[NameReview] = []
    by_city: dict[str, list[tuple[str, dict[str, str]]]] = {}
    for (year, slug), reason in network.reasons.items():
        by_city.setdefault(slug, []).append((f"data/award-reasons/{year}.yml", reason.text))
    for study in network.case_studies.studies:
        for slug in study.cities if len(study.cities) == 1 else ():  # a study of several cities need not name each in its title
            texts = {lang: f"{tr.title} {tr.summary}" for lang, tr in study.translations.items()}
            by_city.setdefault(slug, []).append((study.file, texts))
    for city in network.cities:
        for lang in LANGUAGES:
            if lang == DEFAULT or lang not in city.names:
                continue
            name = city.names[lang]
            if city.names_source.get(lang) == "transcribed":
                out.append(NameReview(city.file, lang, name, "transcribed"))
            texts = [(city.file, city.summary.get(lang, ""))] + [(f, t.get(lang, "")) for f, t in by_city.get(city.slug, [])]
            missing = [f for f, text in texts if text and not _mentions(text, name, lang)]
            if missing:
                out.append(NameReview(city.file, lang, name, "not in " + ", ".join(dict.fromkeys(missing))))
    return out
