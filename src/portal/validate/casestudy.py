"""The rules of a case study's front matter (case-studies/<slug>.md) and of its translations
(<slug>.<lang>.md): one function each, each with a docstring that states it; every problem
`case-studies/x.md:7: <the rule>, got <the bad value>`, with the real line number."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from portal.files.yamlfile import Document, Problem
from portal.validate.html_policy import plain_text_problem
from portal.validate.profile import CONTROL, FIRST_YEAR, _present, _problem, _text_problem, _url_problem, missing_fields, show, unknown_fields
from portal.validate.shapes import Reference

# Field -> (required, one-line description). A translation may only hold TRANSLATED fields.
FIELDS: dict[str, tuple[bool, str]] = {
    "title": (True, "The case study's title, one line."),
    "summary": (True, "One or two sentences: what the city did (shown in lists and feeds)."),
    "city": (True, "The city's profile name in cities/ without .yml (e.g. medellin), or a list of them."),
    "year": (True, "The year of the activity described, e.g. 2019."),
    "sdg_targets": (True, 'SDG 4 and SDG 11 targets the activity advances, e.g. ["4.5", "11.3"].'),
    "themes": (True, "Theme ids from data/themes.yml (clusters and Key Features building blocks)."),
    "sources": (True, "Public sources of every fact: web addresses, or 'title:' (and 'url:') blocks."),
    "updated": (True, "The date this case study was last revised, YYYY-MM-DD (used by the feeds)."),
}
TRANSLATED = ("title", "summary", "updated")
MAX_TEXT = {"title": 200, "summary": 500}


@dataclass(frozen=True)
class Context:
    cities: frozenset[str]
    reference: Reference
    this_year: int = dt.date.today().year
    today: dt.date = dt.date.today()
    english_file: str = ""  # for translations: the English file they translate


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
    """The front matter is a block of 'key: value' lines."""
    if not isinstance(doc.data, dict):
        yield _problem(doc, (), f"the front matter must be 'key: value' lines (title:, city:, ...), got {show(doc.data)}")


@case_study_rule
def known_fields(doc: Document, ctx: Context) -> Iterator[Problem]:
    """Only the fields of the case-study format, with a "did you mean" for a misspelt one."""
    yield from unknown_fields(doc, FIELDS, cutoff=0.4)


@case_study_rule
def required_fields(doc: Document, ctx: Context) -> Iterator[Problem]:
    """title, summary, city, year, sdg_targets, themes, sources and updated are required."""
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
        elif message := plain_text_problem(value, key):
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
    """The year of the activity is a year from the network's launch to this year."""
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
    """sdg_targets lists SDG 4 and SDG 11 targets, each once."""
    if _present(doc, "sdg_targets"):
        yield from _id_list(doc, ctx, "sdg_targets", [t.id for t in ctx.reference.targets], "SDG 4 or SDG 11 targets", target_id)


@case_study_rule
def themes(doc: Document, ctx: Context) -> Iterator[Problem]:
    """themes lists theme ids of data/themes.yml, each once."""
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
                yield _problem(
                    doc, ("sources", i), f"a source block must have 'title:' and may have 'url:', got {', '.join(map(str, item)) or 'an empty block'}"
                )
                continue
            if p := _text_problem(doc, ("sources", i, "title"), item["title"], "a source's title"):
                yield p
            if "url" in item and (p := _url_problem(doc, ("sources", i, "url"), item["url"], "a source's url")):
                yield p
        elif p := _url_problem(doc, ("sources", i), item, "each source"):
            yield p


@both
def updated(doc: Document, ctx: Context) -> Iterator[Problem]:
    """updated is a date (YYYY-MM-DD) not in the future."""
    if not _present(doc, "updated"):
        return
    value = doc.data["updated"]
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        yield _problem(doc, ("updated",), f"updated must be a date written YYYY-MM-DD such as 2026-11-22, got {show(value)}")
    elif value > ctx.today:
        yield _problem(doc, ("updated",), f"updated must not be in the future, got {value.isoformat()}")


@case_study_rule
def no_empty_values(doc: Document, ctx: Context) -> Iterator[Problem]:
    """city, year and updated are not left empty."""
    for key in ("city", "year", "updated"):
        if _present(doc, key) and doc.data[key] is None:
            yield _problem(doc, (key,), f"{key} must not be empty, got nothing (an empty value)")


@case_study_rule
def year_not_after_update(doc: Document, ctx: Context) -> Iterator[Problem]:
    """A case study is not revised before the year of the activity it describes."""
    y, u = (doc.data.get("year"), doc.data.get("updated")) if isinstance(doc.data, dict) else (None, None)
    if isinstance(y, int) and isinstance(u, dt.date) and u.year < y:
        yield _problem(doc, ("updated",), f"updated must not be before the year of the activity ({y}), got {u.isoformat()}")


# Rules for translations: only the translated fields, the English file must exist.
def translation_fields(doc: Document, ctx: Context) -> Iterator[Problem]:
    """A translation holds only title, summary and updated, and translates title and summary."""
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
