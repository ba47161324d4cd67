"""The rules of the award reasons (data/award-reasons/<year>.yml): one function per rule over each
entry, problems located at their line (`data/award-reasons/2019.yml:12: ...`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from portal.files.paths import REASONS_DIR
from portal.files.yamlfile import Document, Problem
from portal.i18n.languages import DEFAULT
from portal.validate.profile import _language_map, _problem, _url_problem, show, unknown_fields

KINDS = ("official", "press-copy", "press")
ENTRY_FIELDS = ("source", "source_kind", "reason", "published")


EntryRule = Callable[[Document, str, dict], Iterator[Problem]]
ENTRY_RULES: list[EntryRule] = []


def entry_rule(fn: EntryRule) -> EntryRule:
    """Register a rule over one entry (`slug: {...}`) of a reasons file."""
    ENTRY_RULES.append(fn)
    return fn


@entry_rule
def entry_fields(doc: Document, slug: str, entry: dict) -> Iterator[Problem]:
    """Only source, source_kind, reason and published; source is required."""
    yield from unknown_fields(Document(doc.file, entry, {k[1:]: v for k, v in doc.lines.items() if k[:1] == (slug,)}), ENTRY_FIELDS)
    if "source" not in entry:
        yield _problem(doc, (slug,), f"{slug}: each reason needs its source, got no 'source:' line; add the address of the page it is taken from")


@entry_rule
def entry_source(doc: Document, slug: str, entry: dict) -> Iterator[Problem]:
    """A reason's source is a web address, and its kind one of KINDS."""
    if "source" in entry and (p := _url_problem(doc, (slug, "source"), entry["source"], f"{slug}: source")):
        yield p
    kind = entry.get("source_kind", "official")
    if kind not in KINDS:
        yield _problem(
            doc,
            (slug, "source_kind"),
            f"{slug}: source_kind must be official, press-copy (a press copy of the official release) or press (a press account, not UNESCO's), got {show(kind)}",
        )


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
        yield _problem(
            doc, (slug,), f"{slug}: each winner needs 'reason:' (en: required), or 'published: false' where UNESCO published no city-specific reason"
        )
        return
    sub = Document(doc.file, {"reason": entry["reason"]}, {k[1:]: v for k, v in doc.lines.items() if k[:1] == (slug,)})
    problems = list(_language_map(sub, "reason"))  # text rules; length: rules.MAX_TEXT["reason"]
    yield from (Problem(p.file, p.line, f"{slug}: {p.message}") for p in problems)
    if not problems and DEFAULT not in entry["reason"]:
        yield _problem(doc, (slug, "reason"), f"{slug}: reason must have an English text (en:), the one every other language falls back to")


def year_of(path: Path, years: dict) -> tuple[int | None, Problem | None]:
    """A reasons file is named after an award round: <year>.yml."""
    rel = f"{REASONS_DIR}/{path.name}"
    if path.suffix != ".yml" or not path.stem.isdigit():
        return None, Problem(
            rel, 1, f"files in {REASONS_DIR}/ are named after an award round, <year>.yml ({', '.join(f'{y}.yml' for y in years)}), got '{path.name}'"
        )
    if int(path.stem) not in years:
        return None, Problem(
            rel, 1, f"the file name must be the year of an award round in data/learning_city_awards.csv ({', '.join(map(str, years))}), got '{path.name}'"
        )
    return int(path.stem), None


def check_file(doc: Document, rnd) -> list[Problem]:
    """Every problem of one round's file: its shape, each entry, and the winners it must cover."""
    if not isinstance(doc.data, dict):
        return [_problem(doc, (), f"the file must be a block of '<city slug>:' entries (one per winner of {rnd.year}), got {show(doc.data)}")]
    problems: list[Problem] = []
    for slug, entry in doc.data.items():
        if slug not in rnd.winners:
            problems.append(
                _problem(
                    doc,
                    (slug,),
                    f"each entry must be a {rnd.year} winner's profile name (the file name in cities/ without .yml: {', '.join(sorted(rnd.winners))}), got {show(slug)}",
                )
            )
            continue
        if not isinstance(entry, dict):
            problems.append(
                _problem(doc, (slug,), f"{slug}: an entry must be a block of source:, source_kind: and reason: (or published: false), got {show(entry)}")
            )
            continue
        for fn in ENTRY_RULES:
            problems.extend(fn(doc, slug, entry))
    for slug in rnd.winners:
        if slug not in doc.data:
            problems.append(
                Problem(
                    doc.file,
                    1,
                    f"every {rnd.year} winner needs an entry, got none for '{slug}'; add '{slug}:' with its source and reason (or published: false)",
                )
            )
    return problems
