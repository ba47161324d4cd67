"""Case studies: hand-written Markdown files in case-studies/ with YAML front matter.

`case-studies/<slug>.md` is the English case study; its front matter says which cities
it is about, the year, the SDG targets it advances, its themes and its sources. A translation,
`<slug>.<lang>.md`, holds only its own `title`, `summary` (and optionally `updated`): everything
else comes from the English file. `index.md` (and its translations) is the list page's intro.

The rules they must follow are in portal.validate.casestudy; this module reads them into the model.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from portal.files.frontmatter import read as read_front_matter
from portal.files.paths import CASE_STUDIES_DIR, GENERATED_DIR, INDEX, NOT_CASE_STUDIES  # noqa: F401 (re-exported)
from portal.files.yamlfile import Document, Problem
from portal.i18n.languages import DEFAULT, LANGUAGES
from portal.model import sdg
from portal.model.cities import ProfileErrors
from portal.validate.casestudy import CASE_STUDY_RULES, TRANSLATION_RULES, Context, check, target_id
from portal.validate.filenames import case_study_files, misplaced_case_studies
from portal.validate.html_policy import check_body

FOLDER = CASE_STUDIES_DIR


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None


@dataclass(frozen=True)
class Translation:
    lang: str
    file: str
    title: str
    summary: str
    updated: dt.date | None


@dataclass(frozen=True)
class CaseStudy:
    slug: str
    file: str
    title: str
    summary: str
    cities: tuple[str, ...]
    year: int
    targets: tuple[str, ...]
    themes: tuple[str, ...]
    sources: tuple[Source, ...]
    updated: dt.date
    translations: dict[str, Translation] = field(default_factory=dict)

    def languages(self) -> tuple[str, ...]:
        return tuple(lang for lang in LANGUAGES if lang == DEFAULT or lang in self.translations)

    def shown_language(self, lang: str) -> str:
        """The language the case study is shown in at `lang`'s address."""
        return lang if lang in self.translations else DEFAULT

    def title_in(self, lang: str) -> str:
        return self.translations[lang].title if lang in self.translations else self.title

    def summary_in(self, lang: str) -> str:
        return self.translations[lang].summary if lang in self.translations else self.summary

    def updated_in(self, lang: str) -> dt.date:
        tr = self.translations.get(lang)
        return max(self.updated, tr.updated) if tr and tr.updated else self.updated


@dataclass
class Library:
    """Every valid case study, newest first, and the text of every file read (by its path in the
    project, e.g. case-studies/x.fr.md), which the pages copy without reading the file again."""

    studies: list[CaseStudy]
    texts: dict[str, str] = field(default_factory=dict)

    def get(self, slug: str) -> CaseStudy | None:
        return next((s for s in self.studies if s.slug == slug), None)

    def for_target(self, target_id: str) -> list[CaseStudy]:
        return [s for s in self.studies if target_id in s.targets]

    def for_goal(self, goal: str) -> list[CaseStudy]:
        return [s for s in self.studies if any(t.split(".")[0] == goal for t in s.targets)]

    def for_city(self, slug: str) -> list[CaseStudy]:
        return [s for s in self.studies if slug in s.cities]

    def for_theme(self, theme_id: str) -> list[CaseStudy]:
        return [s for s in self.studies if theme_id in s.themes]

    @staticmethod
    def cities_of(studies: list[CaseStudy]) -> list[str]:
        return sorted({c for s in studies for c in s.cities})

    def related(self, study: CaseStudy, limit: int = 5) -> list[CaseStudy]:
        """Other case studies sharing a target or a theme, the most shared first."""

        def shared(other: CaseStudy) -> int:
            return len(set(study.targets) & set(other.targets)) + len(set(study.themes) & set(other.themes))

        others = [s for s in self.studies if s.slug != study.slug and shared(s)]
        return sorted(others, key=lambda s: (-shared(s), -s.year, s.slug))[:limit]


# --- loading ------------------------------------------------------------------------------------


def _sources(value: list) -> tuple[Source, ...]:
    return tuple(Source(s["title"].strip(), (s.get("url") or "").strip() or None) if isinstance(s, dict) else Source(s.strip(), s.strip()) for s in value)


def _study(slug: str, doc: Document) -> CaseStudy:
    d = doc.data
    cities = (d["city"],) if isinstance(d["city"], str) else tuple(d["city"])
    return CaseStudy(
        slug=slug,
        file=doc.file,
        title=d["title"].strip(),
        summary=d["summary"].strip(),
        cities=cities,
        year=d["year"],
        targets=tuple(target_id(t) for t in d["sdg_targets"]),
        themes=tuple(d["themes"]),
        sources=_sources(d["sources"]),
        updated=d["updated"],
    )


def load(root: Path, cities: frozenset[str], ref: sdg.Reference) -> Library:
    """Read and validate case-studies/ (about the profiles named `cities`); raise ProfileErrors
    listing every problem."""
    root = Path(root)
    ctx = Context(cities=cities, reference=ref)
    texts: dict[str, str] = {}
    found, problems = case_study_files(root)
    problems += misplaced_case_studies(root)
    studies: list[CaseStudy] = []
    for slug, by_lang in found.items():
        english = f"{CASE_STUDIES_DIR}/{slug}.md"
        study = None
        if DEFAULT in by_lang:
            doc, errs = read_front_matter(by_lang[DEFAULT], english, keep=texts)
            errs = errs or check(doc, ctx, CASE_STUDY_RULES)
            errs += check_body(by_lang[DEFAULT], english)  # raw HTML in the body (validate/html_policy.py)
            problems.extend(errs)
            if not errs:
                study = _study(slug, doc)
        translations: dict[str, Translation] = {}
        for lang, path in by_lang.items():
            if lang == DEFAULT:
                continue
            rel = f"{CASE_STUDIES_DIR}/{path.name}"
            if DEFAULT not in by_lang:
                problems.append(Problem(rel, 1, f"a translation needs its English case study, got no {english}"))
                continue
            doc, errs = read_front_matter(path, rel, keep=texts)
            errs = errs or check(doc, Context(ctx.cities, ref, english_file=english), TRANSLATION_RULES)
            errs += check_body(path, rel)
            problems.extend(errs)
            if not errs:
                d = doc.data
                translations[lang] = Translation(lang, rel, d["title"].strip(), d["summary"].strip(), d.get("updated"))
        if study is not None:
            order = [t.id for t in ref.targets]  # badges in the resolution's order, whatever the file's
            targets = tuple(sorted(study.targets, key=order.index))
            studies.append(CaseStudy(**{**study.__dict__, "targets": targets, "translations": translations}))
    if problems:
        raise ProfileErrors(problems)
    return Library(sorted(studies, key=lambda s: (-s.year, s.slug)), texts)
