"""Why each city received the Learning City Award: data/award-reasons/<year>.yml, one file per round.

Each file maps a winner's profile slug to the reason UNESCO gave, retold in the portal's words,
with the page it was taken from:

    cork:
      source: https://www.uil.unesco.org/...   # where the reason is published (https)
      source_kind: official                     # official, press-copy (a copy of the release), or press (a press account, not UNESCO's)
      reason: {en: ..., fr: ..., es: ..., ar: ..., zh: ..., ru: ...}   # en required
    melton:
      source: https://...
      source_kind: official
      published: false                          # UNESCO published no city-specific reason

Every rule is a function yielding located problems (`data/award-reasons/2019.yml:12: ...`), as for
profiles. A round with a file must have an entry for each of its winners.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from portal.i18n.languages import DEFAULT, LANGUAGES
from portal.validate.rules import _language_map, _problem, _url_problem, show, unknown_fields
from portal.model.yamlfile import Document, Problem, read_yaml

REASONS_DIR = "data/award-reasons"
KINDS = ("official", "press-copy", "press")
ENTRY_FIELDS = ("source", "source_kind", "reason", "published")


@dataclass(frozen=True)
class Reason:
    """Why `slug` won in `year`: the text per language (empty when none was published) and its source."""

    year: int
    slug: str
    source: str
    source_kind: str
    text: dict[str, str]
    file: str
    line: int

    @property
    def published(self) -> bool:
        return bool(self.text)

    def text_in(self, lang: str) -> tuple[str, str]:
        """(text, language of the text): the reader's language, else the default one."""
        return (self.text[lang], lang) if lang in self.text else (self.text[DEFAULT], DEFAULT)


@dataclass(frozen=True)
class Round:
    """What the rules need to know of one award round: its year and its winners' slugs."""

    year: int
    winners: tuple[str, ...]


EntryRule = Callable[[Document, str, dict], Iterator[Problem]]
ENTRY_RULES: list[EntryRule] = []


def entry_rule(fn: EntryRule) -> EntryRule:
    """Register a rule over one entry (`slug: {...}`) of a reasons file."""
    ENTRY_RULES.append(fn)
    return fn


@entry_rule
def entry_fields(doc: Document, slug: str, entry: dict) -> Iterator[Problem]:
    """Only source, source_kind, reason and published; source is required."""
    for p in unknown_fields(Document(doc.file, entry, {k[1:]: v for k, v in doc.lines.items() if k[:1] == (slug,)}), ENTRY_FIELDS):
        yield p
    if "source" not in entry:
        yield _problem(doc, (slug,), f"{slug}: each reason needs its source, got no 'source:' line; add the address of the page it is taken from")


@entry_rule
def entry_source(doc: Document, slug: str, entry: dict) -> Iterator[Problem]:
    if "source" in entry and (p := _url_problem(doc, (slug, "source"), entry["source"], f"{slug}: source")):
        yield p
    kind = entry.get("source_kind", "official")
    if kind not in KINDS:
        yield _problem(doc, (slug, "source_kind"), f"{slug}: source_kind must be official, press-copy (a press copy of the official release) or press (a press account, not UNESCO's), got {show(kind)}")


@entry_rule
def entry_reason(doc: Document, slug: str, entry: dict) -> Iterator[Problem]:
    """A published reason has an English text; `published: false` has none."""
    published = entry.get("published", True)
    if not isinstance(published, bool):
        yield _problem(doc, (slug, "published"), f"{slug}: published must be true or false, got {show(published)}")
        return
    if not published:
        if "reason" in entry:
            yield _problem(doc, (slug, "reason"), f"{slug}: a reason marked 'published: false' must have no text; remove 'reason:' or 'published: false'")
        return
    if "reason" not in entry:
        yield _problem(doc, (slug,), f"{slug}: each winner needs 'reason:' (en: required), or 'published: false' where UNESCO published no city-specific reason")
        return
    sub = Document(doc.file, {"reason": entry["reason"]}, {k[1:]: v for k, v in doc.lines.items() if k[:1] == (slug,)})
    problems = list(_language_map(sub, "reason"))  # text rules; length: rules.MAX_TEXT["reason"]
    yield from (Problem(p.file, p.line, f"{slug}: {p.message}") for p in problems)
    if not problems and DEFAULT not in entry["reason"]:
        yield _problem(doc, (slug, "reason"), f"{slug}: reason must have an English text (en:), the one every other language falls back to")


def _year_of(path: Path, years: dict[int, Round]) -> tuple[int | None, Problem | None]:
    rel = f"{REASONS_DIR}/{path.name}"
    if path.suffix != ".yml" or not path.stem.isdigit():
        return None, Problem(rel, 1, f"files in {REASONS_DIR}/ are named after an award round, <year>.yml ({', '.join(f'{y}.yml' for y in years)}), got '{path.name}'")
    if int(path.stem) not in years:
        return None, Problem(rel, 1, f"the file name must be the year of an award round in data/learning_city_awards.csv ({', '.join(map(str, years))}), got '{path.name}'")
    return int(path.stem), None


def check_file(doc: Document, rnd: Round) -> list[Problem]:
    """Every problem of one round's file: its shape, each entry, and the winners it must cover."""
    if not isinstance(doc.data, dict):
        return [_problem(doc, (), f"the file must be a block of '<city slug>:' entries (one per winner of {rnd.year}), got {show(doc.data)}")]
    problems: list[Problem] = []
    for slug, entry in doc.data.items():
        if slug not in rnd.winners:
            problems.append(_problem(doc, (slug,), f"each entry must be a {rnd.year} winner's profile name (the file name in cities/ without .yml: {', '.join(sorted(rnd.winners))}), got {show(slug)}"))
            continue
        if not isinstance(entry, dict):
            problems.append(_problem(doc, (slug,), f"{slug}: an entry must be a block of source:, source_kind: and reason: (or published: false), got {show(entry)}"))
            continue
        for fn in ENTRY_RULES:
            problems.extend(fn(doc, slug, entry))
    for slug in rnd.winners:
        if slug not in doc.data:
            problems.append(Problem(doc.file, 1, f"every {rnd.year} winner needs an entry, got none for '{slug}'; add '{slug}:' with its source and reason (or published: false)"))
    return problems


def load(root: Path, rounds: list[Round]) -> tuple[dict[tuple[int, str], Reason], list[Problem]]:
    """Every reason by (year, slug), and every problem of the files in data/award-reasons/."""
    folder = Path(root) / REASONS_DIR
    years = {r.year: r for r in rounds}
    found: dict[tuple[int, str], Reason] = {}
    problems: list[Problem] = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.name.startswith(".") or path.name == "README.md":
            continue
        year, problem = _year_of(path, years)
        if problem:
            problems.append(problem)
            continue
        doc, read_problems = read_yaml(path, f"{REASONS_DIR}/{path.name}")
        if doc is None:
            problems.extend(read_problems)
            continue
        file_problems = check_file(doc, years[year])
        problems.extend(file_problems)
        if file_problems:
            continue
        for slug, entry in doc.data.items():
            text = {lang: entry["reason"][lang].strip() for lang in LANGUAGES if lang in entry.get("reason", {})} if entry.get("published", True) else {}
            found[(year, slug)] = Reason(year, slug, entry["source"].strip(), entry.get("source_kind", "official"), text, doc.file, doc.line(slug))
    return found, problems
