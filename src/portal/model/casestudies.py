"""Case studies: hand-written Markdown files in case-studies/ with YAML front matter.

`case-studies/<slug>.md` is the English case study; its front matter says which cities
it is about, the year, the SDG targets it advances, its themes and its sources. A translation,
`<slug>.<lang>.md`, holds only its own `title`, `summary` (and optionally `updated`): everything
else comes from the English file. `index.md` (and its translations) is the list page's intro.

Every rule is a function (CASE_STUDY_RULES, TRANSLATION_RULES) yielding located Problems,
`case-studies/x.md:7: <the rule>, got <the bad value>`, with real file line numbers.
"""
from __future__ import annotations

import datetime as dt
import difflib
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from portal.model import sdg
from portal.model.cities import DATA_DIR, ProfileErrors
from portal.i18n.languages import DEFAULT, LANGUAGES
from portal.validate.rules import CONTROL, FIRST_YEAR, SLUG, _present, _problem, _text_problem, _url_problem, missing_fields, show, unknown_fields
from portal.model.yamlfile import Document, Problem, parse_yaml
from portal.validate.rawhtml import check_body, plain_text_problem

if TYPE_CHECKING:
    from portal.model.loader import Model

FOLDER = "case-studies"
CASE_STUDIES_DIR = FOLDER  # the sources; the generator writes the pages to content/case-studies/ (pages/case_studies.py)
GENERATED_DIR = f"content/{FOLDER}"  # written by the generator (pages/case_studies.py); case studies' place before 2026-12
INDEX = "index"  # index.md: the hand-written intro of the list page, not a case study
NOT_CASE_STUDIES = {"README.md"}  # the format reference (excluded from the site in mkdocs.yml)
MAX_BYTES = 256 * 1024

# Field -> (required, one-line description). A translation may only hold TRANSLATED fields.
FIELDS: dict[str, tuple[bool, str]] = {
    "title": (True, "The case study's title, one line."),
    "summary": (True, "One or two sentences: what the city did (shown in lists and feeds)."),
    "city": (True, "The city's profile name in cities/ without .yml (e.g. medellin), or a list of them."),
    "year": (True, "The year of the activity described, e.g. 2019."),
    "sdg_targets": (True, "SDG 4 and SDG 11 targets the activity advances, e.g. [\"4.5\", \"11.3\"]."),
    "themes": (True, "Theme ids from data/themes.yml (clusters and Key Features building blocks)."),
    "sources": (True, "Public sources of every fact: web addresses, or 'title:' (and 'url:') blocks."),
    "updated": (True, "The date this case study was last revised, YYYY-MM-DD (used by the feeds)."),
}
TRANSLATED = ("title", "summary", "updated")
MAX_TEXT = {"title": 200, "summary": 500}


@dataclass(frozen=True)
class Context:
    cities: frozenset[str]
    reference: sdg.Reference
    this_year: int = dt.date.today().year
    today: dt.date = dt.date.today()
    english_file: str = ""  # for translations: the English file they translate


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
    """Every valid case study, newest first."""

    studies: list[CaseStudy]

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


# --- reading ------------------------------------------------------------------------------------

def split_front_matter(text: str, display: str) -> tuple[str | None, list[Problem]]:
    """The front matter's YAML, padded with one line so YAML line N is file line N."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines or lines[0].strip() != "---":
        first = lines[0].strip() if lines else ""
        return None, [Problem(display, 1, f"a case study must start with a '---' line, then its fields (title:, city:, ...), then a closing '---' line, got {show(first[:60]) if first else 'an empty first line'}")]
    for i, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            body = lines[1:i]
            if not any(ln.strip() and not ln.lstrip().startswith("#") for ln in body):
                return None, [Problem(display, 1, "the front matter between the '---' lines must hold the fields (title:, city:, ...), got nothing")]
            return "\n" + "\n".join(body) + "\n", []
    return None, [Problem(display, 1, "the front matter opened by '---' on line 1 must be closed by a second '---' line, got no closing '---'")]


def read_front_matter(path: Path, display: str) -> tuple[Document | None, list[Problem]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(display, 1, f"cannot read the file ({exc.strerror})")]
    if len(raw) > MAX_BYTES:
        return None, [Problem(display, 1, f"a case study must be at most {MAX_BYTES // 1024} KB, got {len(raw) // 1024} KB")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, [Problem(display, line, f"file must be saved as UTF-8 text, got the byte 0x{raw[exc.start]:02X}; save it again as UTF-8")]
    yaml_text, problems = split_front_matter(text, display)
    if yaml_text is None:
        return None, problems
    doc, problems = parse_yaml(yaml_text, display)
    # parse_yaml speaks of "profiles"; here it is a case study's front matter.
    problems = [Problem(p.file, p.line, p.message.replace("profiles", "front matter").replace("a profile", "front matter")) for p in problems]
    return doc, problems


# --- rules --------------------------------------------------------------------------------------

Rule = Callable[[Document, Context], Iterator[Problem]]
CASE_STUDY_RULES: list[Rule] = []
TRANSLATION_RULES: list[Rule] = []


def case_study_rule(fn: Rule) -> Rule:
    CASE_STUDY_RULES.append(fn)
    return fn


def both(fn: Rule) -> Rule:
    CASE_STUDY_RULES.append(fn)
    TRANSLATION_RULES.append(fn)
    return fn


@both
def front_matter_is_mapping(doc: Document, ctx: Context) -> Iterator[Problem]:
    if not isinstance(doc.data, dict):
        yield _problem(doc, (), f"the front matter must be 'key: value' lines (title:, city:, ...), got {show(doc.data)}")


@case_study_rule
def known_fields(doc: Document, ctx: Context) -> Iterator[Problem]:
    yield from unknown_fields(doc, FIELDS, cutoff=0.4)


@case_study_rule
def required_fields(doc: Document, ctx: Context) -> Iterator[Problem]:
    yield from missing_fields(doc, {key: what for key, (required, what) in FIELDS.items() if required})


@both
def texts(doc: Document, ctx: Context) -> Iterator[Problem]:
    """title and summary: non-empty single texts of bounded length."""
    for key in ("title", "summary"):
        if not _present(doc, key):
            continue
        value = doc.data[key]
        if not isinstance(value, str):
            yield _problem(doc, (key,), f"{key} must be text, got {show(value)}")
        elif not value.strip():
            yield _problem(doc, (key,), f"{key} must not be empty, got {show(value)}")
        elif CONTROL.search(value):
            yield _problem(doc, (key,), f"{key} must not contain control or text-direction characters, got {show(value)}")
        elif (message := plain_text_problem(value, key)):
            yield _problem(doc, (key,), message)
        elif len(value) > MAX_TEXT[key]:
            yield _problem(doc, (key,), f"{key} must be at most {MAX_TEXT[key]} characters, got {len(value)} characters")


@case_study_rule
def city(doc: Document, ctx: Context) -> Iterator[Problem]:
    """One city slug, or a list of them; each the name of a profile in cities/."""
    if not _present(doc, "city"):
        return
    value = doc.data["city"]
    items = [(("city",), value)] if isinstance(value, str) else [(("city", i), v) for i, v in enumerate(value)] if isinstance(value, list) else None
    if not items:
        yield _problem(doc, ("city",), f"city must be the name of a profile in cities/ without .yml (e.g. medellin), or a list of them, got {show(value)}")
        return
    seen: set[str] = set()
    for path, slug in items:
        if not isinstance(slug, str) or slug not in ctx.cities:
            close = difflib.get_close_matches(str(slug), ctx.cities, n=1) if isinstance(slug, str) else []
            hint = f"; did you mean '{close[0]}'?" if close else "; add the city's profile to cities/ first"
            yield _problem(doc, path, f"city must be the name of a profile in cities/ without .yml, got {show(slug)}{hint}")
        elif slug in seen:
            yield _problem(doc, path, f"each city must be listed once, got {show(slug)} twice")
        if isinstance(slug, str):
            seen.add(slug)


@case_study_rule
def year(doc: Document, ctx: Context) -> Iterator[Problem]:
    if not _present(doc, "year"):
        return
    value = doc.data["year"]
    if not isinstance(value, int) or isinstance(value, bool):
        yield _problem(doc, ("year",), f"year must be a year such as 2019, got {show(value)}")
    elif not FIRST_YEAR <= value <= ctx.this_year:
        yield _problem(doc, ("year",), f"year must be from {FIRST_YEAR} (the network's launch) to {ctx.this_year}, got {value}")


def target_id(value: object) -> str | None:
    """'4.1', 4.1 (YAML reads unquoted 4.1 as a number) or '11.a' as a target id string."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return repr(value)
    return value.strip() if isinstance(value, str) else None


def _id_list(doc: Document, ctx: Context, key: str, known: list[str], what: str, convert=lambda v: v if isinstance(v, str) else None) -> Iterator[Problem]:
    """A non-empty list of known ids, each once; `what` names them in the plural."""
    value = doc.data[key]
    if not isinstance(value, list) or not value:
        yield _problem(doc, (key,), f"{key} must be a list of at least one of the {what} ({', '.join(known)}), got {show(value)}")
        return
    seen: set[str] = set()
    for i, item in enumerate(value):
        ident = convert(item)
        if ident not in known:
            close = difflib.get_close_matches(str(ident or item), known, n=1)
            hint = f"; did you mean '{close[0]}'?" if close and key == "themes" else ""
            yield _problem(doc, (key, i), f"{key} must be {what} ({', '.join(known)}), got {show(ident if ident is not None else item)}{hint}")
        elif ident in seen:
            yield _problem(doc, (key, i), f"each of the {key} must be listed once, got {show(ident)} twice")
        if ident:
            seen.add(ident)


@case_study_rule
def sdg_targets(doc: Document, ctx: Context) -> Iterator[Problem]:
    if _present(doc, "sdg_targets"):
        yield from _id_list(doc, ctx, "sdg_targets", [t.id for t in ctx.reference.targets], "SDG 4 or SDG 11 targets", target_id)


@case_study_rule
def themes(doc: Document, ctx: Context) -> Iterator[Problem]:
    if _present(doc, "themes"):
        yield from _id_list(doc, ctx, "themes", [t.id for t in ctx.reference.themes], "theme ids from data/themes.yml")


@case_study_rule
def sources(doc: Document, ctx: Context) -> Iterator[Problem]:
    """At least one source: a web address, or a block with 'title:' and optionally 'url:'."""
    if not _present(doc, "sources"):
        return
    value = doc.data["sources"]
    if not isinstance(value, list) or not value:
        yield _problem(doc, ("sources",), f"sources must be a list of at least one source (a web address, or 'title:' and 'url:'), got {show(value)}")
        return
    for i, item in enumerate(value):
        if isinstance(item, dict):
            extra = [k for k in item if k not in ("title", "url")]
            if extra or "title" not in item:
                yield _problem(doc, ("sources", i), f"a source block must have 'title:' and may have 'url:', got {', '.join(map(str, item)) or 'an empty block'}")
                continue
            if (p := _text_problem(doc, ("sources", i, "title"), item["title"], "a source's title")):
                yield p
            if "url" in item and (p := _url_problem(doc, ("sources", i, "url"), item["url"], "a source's url")):
                yield p
        elif (p := _url_problem(doc, ("sources", i), item, "each source")):
            yield p


@both
def updated(doc: Document, ctx: Context) -> Iterator[Problem]:
    if not _present(doc, "updated"):
        return
    value = doc.data["updated"]
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        yield _problem(doc, ("updated",), f"updated must be a date written YYYY-MM-DD such as 2026-11-22, got {show(value)}")
    elif value > ctx.today:
        yield _problem(doc, ("updated",), f"updated must not be in the future, got {value.isoformat()}")


@case_study_rule
def no_empty_values(doc: Document, ctx: Context) -> Iterator[Problem]:
    for key in ("city", "year", "updated"):
        if _present(doc, key) and doc.data[key] is None:
            yield _problem(doc, (key,), f"{key} must not be empty, got nothing (an empty value)")


@case_study_rule
def year_not_after_update(doc: Document, ctx: Context) -> Iterator[Problem]:
    y, u = (doc.data.get("year"), doc.data.get("updated")) if isinstance(doc.data, dict) else (None, None)
    if isinstance(y, int) and isinstance(u, dt.date) and u.year < y:
        yield _problem(doc, ("updated",), f"updated must not be before the year of the activity ({y}), got {u.isoformat()}")


# Rules for translations: only the translated fields, the English file must exist.
def translation_fields(doc: Document, ctx: Context) -> Iterator[Problem]:
    if not isinstance(doc.data, dict):
        return
    for key in doc.data:
        if key in FIELDS and key not in TRANSLATED:
            yield _problem(doc, (key,), f"a translation takes '{key}' from {ctx.english_file}; remove the line, got '{key}:'")
        elif key not in FIELDS:
            yield _problem(doc, (key,), f"unknown field, got {show(key)}; a translation holds {', '.join(TRANSLATED)}")
    for key in ("title", "summary"):
        if key not in doc.data:
            yield Problem(doc.file, 1, f"the field '{key}' is required in a translation, got no '{key}:' line; translate it from {ctx.english_file}")


TRANSLATION_RULES.append(translation_fields)


def check(doc: Document, ctx: Context, rules: list[Rule]) -> list[Problem]:
    found = [p for r in rules for p in r(doc, ctx)]
    return sorted(found, key=lambda p: p.line)


# --- loading ------------------------------------------------------------------------------------

def _sources(value: list) -> tuple[Source, ...]:
    return tuple(Source(s["title"].strip(), (s.get("url") or "").strip() or None) if isinstance(s, dict) else Source(s.strip(), s.strip()) for s in value)


def _study(slug: str, doc: Document) -> CaseStudy:
    d = doc.data
    cities = (d["city"],) if isinstance(d["city"], str) else tuple(d["city"])
    return CaseStudy(
        slug=slug, file=doc.file, title=d["title"].strip(), summary=d["summary"].strip(), cities=cities,
        year=d["year"], targets=tuple(target_id(t) for t in d["sdg_targets"]), themes=tuple(d["themes"]),
        sources=_sources(d["sources"]), updated=d["updated"],
    )


def files(root: Path) -> tuple[dict[str, dict[str, Path]], list[Problem]]:
    """{slug: {lang: path}} of the case-study files, and problems with misnamed files."""
    folder = root / CASE_STUDIES_DIR
    found: dict[str, dict[str, Path]] = {}
    problems: list[Problem] = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        rel = f"{CASE_STUDIES_DIR}/{path.name}"
        if path.name.startswith(".") or path.is_dir() or path.name in NOT_CASE_STUDIES:
            continue
        parts = path.name.split(".")
        if parts[-1] != "md":
            continue  # images and other assets next to the case studies
        stem, lang = (parts[0], parts[1]) if len(parts) == 3 else (parts[0], DEFAULT) if len(parts) == 2 else (path.name, "")
        if stem == INDEX:
            continue
        if lang not in LANGUAGES or (len(parts) == 3 and lang == DEFAULT):
            problems.append(Problem(rel, 1, f"a case study's file name must be <name>.md or <name>.<language>.md with a language among {', '.join(l for l in LANGUAGES if l != DEFAULT)}, got '{path.name}'"))
        elif not SLUG.match(stem):
            problems.append(Problem(rel, 1, f"a case study's file name must be lowercase letters, digits and hyphens (it becomes the page address), got '{path.name}'"))
        else:
            found.setdefault(stem, {})[lang] = path
    return found, problems


def misplaced(root: Path) -> list[Problem]:
    """Case studies committed (or staged) in content/case-studies/, where they were written before
    the generator copied them there: the build would replace that folder and lose them."""
    try:
        proc = subprocess.run(["git", "-C", str(root), "ls-files", "--", GENERATED_DIR],
                              capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return []  # not a git checkout: nothing there is committed
    return [Problem(rel, 1, f"case studies are written in {CASE_STUDIES_DIR}/ now ({GENERATED_DIR}/ is generated from it, "
                            f"and the build would delete this file), got a file here; move it to {CASE_STUDIES_DIR}/{rel.rsplit('/', 1)[-1]}")
            for rel in proc.stdout.splitlines() if rel.endswith(".md")]


def load(network: Model) -> Library:
    """Read and validate case-studies/; raise ProfileErrors listing every problem."""
    root = Path(network.root)
    ref = network.sdg or sdg.load(root / DATA_DIR)
    ctx = Context(cities=frozenset(c.slug for c in network.cities), reference=ref)
    found, problems = files(root)
    problems += misplaced(root)
    studies: list[CaseStudy] = []
    for slug, by_lang in found.items():
        english = f"{CASE_STUDIES_DIR}/{slug}.md"
        study = None
        if DEFAULT in by_lang:
            doc, errs = read_front_matter(by_lang[DEFAULT], english)
            errs = errs or check(doc, ctx, CASE_STUDY_RULES)
            errs += check_body(by_lang[DEFAULT], english)  # raw HTML in the body (src/portal/validate/rawhtml.py)
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
            doc, errs = read_front_matter(path, rel)
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
    return Library(sorted(studies, key=lambda s: (-s.year, s.slug)))
