"""Rules for citations: every cited web address is described in data/sources.yml, every entry there
is complete, and no address points at a pre-production server.

Two families of rules, each a function yielding located problems with the fix:
ENTRY_RULES look at one registry entry (`data/sources.yml:120: ...`), CITATION_RULES at one place
where a page is cited (`cities/lyon.yml:31: ...`). `check` runs them all and collects every problem.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

from portal.files.yamlfile import Document, Problem
from portal.validate.profile import _problem, _text_problem, _url_problem, show
from portal.validate.shapes import Citation

REGISTRY_FILE = "data/sources.yml"
KINDS = ("official", "government", "city", "press", "aggregator", "blog", "academic", "other")
FIELDS = ("title", "publisher", "date", "language", "kind", "verified", "note")

DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
LANGUAGE = re.compile(r"^[a-z]{2,3}$")
ADD = (
    f"add it to {REGISTRY_FILE} with title:, publisher:, date: (if known), language: and kind: "
    "(the page's own title; verified: false and a [description] if you cannot open the page)"
)

EntryRule = Callable[[Document, str, dict], Iterator[Problem]]
ENTRY_RULES: list[EntryRule] = []
CitationRule = Callable[[Citation, dict], Iterator[Problem]]
CITATION_RULES: list[CitationRule] = []


def entry_rule(fn: EntryRule) -> EntryRule:
    """Register a rule over one registry entry."""
    ENTRY_RULES.append(fn)
    return fn


def citation_rule(fn: CitationRule) -> CitationRule:
    """Register a rule over one citation."""
    CITATION_RULES.append(fn)
    return fn


def pre_production(url: str) -> str | None:
    """The host of `url` if it is a pre-production server (preprod.uil.unesco.org), else None."""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return None
    return host if any(label.startswith("preprod") for label in host.split(".")) else None


def public_page(url: str) -> str:
    """What the public page's address looks like: 'uil.unesco.org/...' for preprod.uil.unesco.org."""
    host = pre_production(url) or ""
    public = ".".join(label for label in host.split(".") if not label.startswith("preprod"))
    return f"{public}/..."


def _pre_production_problem(file: str, line: int, url: str, what: str) -> Problem | None:
    host = pre_production(url)
    if host is None:
        return None
    return Problem(
        file,
        line,
        f"{what} must be a public page, got an address on the pre-production server {host}, "
        f"which readers cannot open ({show(url)}); cite the public page ({public_page(url)}) instead, "
        "or remove the source if none exists",
    )


@entry_rule
def entry_fields(doc: Document, url: str, entry: dict) -> Iterator[Problem]:
    """Only title, publisher, date, language, kind, verified and note; title, publisher, language and kind are required."""
    for key in entry:
        if key not in FIELDS:
            close = difflib.get_close_matches(str(key), FIELDS, n=1, cutoff=0.6)
            hint = f"; did you mean '{close[0]}'?" if close else f"; the fields are {', '.join(FIELDS)}"
            yield _problem(doc, (url, key), f"{url}: unknown field, got {show(key)}{hint}")
    for key, what in (
        ("title", "the page's own title"),
        ("publisher", "who publishes the page"),
        ("language", "the page's language, e.g. en"),
        ("kind", " | ".join(KINDS)),
    ):
        if key not in entry:
            yield _problem(doc, (url,), f"{url}: each source needs '{key}:' ({what}), got no '{key}:' line; add it")


@entry_rule
def entry_address(doc: Document, url: str, entry: dict) -> Iterator[Problem]:
    """The key is a web address, and not one on a pre-production server."""
    if p := _url_problem(doc, (url,), url, "each key of data/sources.yml"):
        yield Problem(p.file, p.line, p.message + "; write the address exactly as it is cited, in quotes")
    elif p := _pre_production_problem(doc.file, doc.line(url), url, "a registered address"):
        yield p


@entry_rule
def entry_texts(doc: Document, url: str, entry: dict) -> Iterator[Problem]:
    """title and publisher are non-empty text; note, where given, too."""
    for key in ("title", "publisher", "note"):
        if key in entry and (p := _text_problem(doc, (url, key), entry[key], key)):
            yield Problem(p.file, p.line, f"{url}: {p.message}")


@entry_rule
def entry_kind(doc: Document, url: str, entry: dict) -> Iterator[Problem]:
    """kind is one of the listed kinds."""
    if "kind" in entry and entry["kind"] not in KINDS:
        yield _problem(doc, (url, "kind"), f"{url}: kind must be one of {', '.join(KINDS)}, got {show(entry['kind'])}")


@entry_rule
def entry_date(doc: Document, url: str, entry: dict) -> Iterator[Problem]:
    """date is a quoted "YYYY-MM-DD", "YYYY-MM" or "YYYY" that exists in the calendar."""
    if "date" not in entry:
        return
    value = entry["date"]
    fix = 'write it in quotes as "YYYY-MM-DD", "YYYY-MM" or "YYYY" (e.g. date: "2019-02-07"), or remove the line if unknown'
    match = DATE.match(value) if isinstance(value, str) else None
    if match is None:
        yield _problem(doc, (url, "date"), f'{url}: date must be text such as "2019-02-07", "2019-02" or "2019", got {show(value)}; {fix}')
        return
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        yield _problem(doc, (url, "date"), f"{url}: date must exist in the calendar, got {show(value)}; {fix}")


@entry_rule
def entry_language(doc: Document, url: str, entry: dict) -> Iterator[Problem]:
    """language is an ISO 639-1 code in lower case (en, fr, zh, ...)."""
    if "language" in entry and not (isinstance(entry["language"], str) and LANGUAGE.match(entry["language"])):
        yield _problem(
            doc, (url, "language"), f"{url}: language must be the page's ISO 639-1 code in lower case, such as en, fr or zh, got {show(entry['language'])}"
        )


@entry_rule
def entry_verified(doc: Document, url: str, entry: dict) -> Iterator[Problem]:
    """verified, where given, is false (the title could not be read from a copy of the page)."""
    if "verified" in entry and entry["verified"] is not False:
        yield _problem(
            doc,
            (url, "verified"),
            f"{url}: verified may only be false (the title could not be read on the page), got {show(entry['verified'])}; remove the line if you read the title on the page",
        )


NOT_SOURCES = ("website",)  # a city's own site is a link of its facts, not a source of them


@citation_rule
def registered(citation: Citation, registry: dict) -> Iterator[Problem]:
    """Every cited address (not a city's website) has an entry in data/sources.yml with a title."""
    if citation.key in NOT_SOURCES:
        return
    entry = registry.get(citation.url)
    if not isinstance(entry, dict) or not isinstance(entry.get("title"), str) or not entry["title"].strip():
        yield Problem(
            citation.file,
            citation.line,
            f"each cited page must be described in {REGISTRY_FILE}, got {show(citation.url)} "
            f"{'with no title there' if isinstance(entry, dict) else 'which is not there'}; {ADD}",
        )


@citation_rule
def public(citation: Citation, registry: dict) -> Iterator[Problem]:
    """No cited address is on a pre-production server."""
    if p := _pre_production_problem(citation.file, citation.line, citation.url, "each cited page"):
        yield p


def check(doc: Document | None, citations: list[Citation]) -> list[Problem]:
    """Every problem of the registry and of the citations; all of them, registry first in line order."""
    problems: list[Problem] = []
    registry = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    if doc is not None and not isinstance(doc.data, dict):
        problems.append(_problem(doc, (), f"{REGISTRY_FILE} must be a block of '\"https://...\":' entries, got {show(doc.data)}"))
    for url, entry in registry.items():
        if not isinstance(entry, dict):
            problems.append(_problem(doc, (url,), f"{url}: an entry must be a block of title:, publisher:, language: and kind: lines, got {show(entry)}"))
            continue
        for fn in ENTRY_RULES:
            problems.extend(fn(doc, str(url), entry))
    problems.sort(key=lambda p: p.line)
    for citation in citations:
        for fn in CITATION_RULES:
            problems.extend(fn(citation, registry))
    return problems
