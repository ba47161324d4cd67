"""Validation rules for city profiles: every rule is a function, every error is located.

A rule takes the parsed Document and the Context and yields Problems of the form
`cities/lyon.yml:12: <the rule>, got <the bad value>`. `check_profile` runs them all and
collects every problem; nothing stops at the first error.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pycountry

from portal.files.yamlfile import Document, Problem
from portal.i18n.languages import LANGUAGES
from portal.validate import pictures
from portal.validate.html_policy import plain_text_problem

FIRST_YEAR = 2013  # the network was launched at the first ICLC, Beijing, October 2013

REGIONS: dict[str, str] = {
    "Africa": "africa",
    "Arab States": "arab-states",
    "Asia and the Pacific": "asia-pacific",
    "Europe and North America": "europe-north-america",
    "Latin America and the Caribbean": "latin-america-caribbean",
}

# Field name -> (JSON type, required, one-line description). The order is the template's order.
FIELDS: dict[str, tuple[str, bool, str]] = {
    "name": ("string", True, "The city's name as UNESCO lists it, in English or the Latin alphabet."),
    "names": ("object", False, "The name in other site languages, where it is written differently (e.g. zh: 北京)."),
    "names_source": (
        "object",
        False,
        "Where each name under names: comes from, per language: geonames (written by portal import-names), cldr (CLDR's exemplar cities), texts (as the portal's own translated texts write it), transcribed (by the language's established transcription rules, for review), or the address of a public page that writes it. Change it when you correct a name.",
    ),
    "country": ("string", True, "ISO 3166-1 alpha-2 country code, two capital letters (e.g. FR, KE, CN)."),
    "region": ("string", True, "UNESCO region: one of " + ", ".join(REGIONS) + "."),
    "joined": ("integer", False, "Year the city joined the network; leave out if no source gives it."),
    "awards": ("array", False, "Years in which the city received the UNESCO Learning City Award."),
    "coordinates": ("object", False, "lat and lon in decimal degrees (from GeoNames); leave out for districts or consortia."),
    "geonames_id": ("integer", False, "The place's GeoNames identifier, where coordinates come from GeoNames."),
    "website": ("string", False, "The city's official website (https://...)."),
    "summary": (
        "object",
        False,
        "A short description per language (en, fr, es, ar, zh, ru); plain text, paragraphs separated by a blank line. en is required.",
    ),
    "summary_sources": ("array", False, "The public web pages (https://...) the summary is written from; required with a summary."),
    "images": (
        "array",
        False,
        "Pictures of the city: each a file under cities/images/ (JPEG, PNG or WebP) with alt text per language (en required), credit and license.",
    ),
    "sources": ("array", True, "Public web pages (https://...) that support the facts in this profile; at least one."),
    "reader_note": (
        "object",
        False,
        "A note for readers, shown on the city's page, per language (en, fr, es, ar, zh, ru; en required): what a reader should know, such as sources that disagree or that the member is a district of a larger city.",
    ),
    "maintainer_notes": ("string", False, "Remarks for the portal's maintainers (where a fact came from, assumptions), in English; never shown on the site."),
}
REQUIRED = tuple(k for k, (_, req, _) in FIELDS.items() if req)
MAX_TEXT = {"name": 120, "names": 120, "summary": 3000, "reader_note": 1000, "maintainer_notes": 1000, "reason": 1200}  # reason: data/award-reasons/
IMAGE_KEYS = ("file", "alt", "credit", "license")
MAX_IMAGES = 12
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NAME_CHARS = re.compile(r"^[\w '’.,()\-–·]+$")  # letters of any script, digits, spaces, ' ’ . , ( ) - – · (Chinese)
# Control and text-direction characters, and the non-characters U+FFFE/U+FFFF that XML (the Atom feeds)
# cannot carry (found by tests/property).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


@dataclass(frozen=True)
class Context:
    """What rules need to know beyond the file itself."""

    award_years: tuple[int, ...]
    this_year: int = dt.date.today().year
    root: Path | None = None  # the repository, to check files named in profiles (images:)


Rule = Callable[[Document, Context], Iterator[Problem]]
RULES: list[Rule] = []


def rule(fn: Rule) -> Rule:
    """Register a per-file rule."""
    RULES.append(fn)
    return fn


def show(value: object) -> str:
    """A bad value as the message shows it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, dict):
        return "a block of keys"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (dt.date, dt.datetime)):
        return f"the date {value.isoformat()}"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 80 else text[:77] + "...'"


def _problem(doc: Document, path: tuple, message: str) -> Problem:
    return Problem(doc.file, doc.line(*path), message)


def _present(doc: Document, key: str) -> bool:
    return isinstance(doc.data, dict) and key in doc.data


def _text_problem(doc: Document, path: tuple, value: object, field: str) -> Problem | None:
    """Shared check for a text value: a non-empty, single-purpose string without control characters."""
    if not isinstance(value, str):
        return _problem(doc, path, f"{field} must be text, got {show(value)}")
    if not value.strip():
        return _problem(doc, path, f"{field} must not be empty, got {show(value)}; write the text or remove the line")
    if CONTROL.search(value):
        return _problem(doc, path, f"{field} must not contain control or text-direction characters, got {show(value)}")
    if path[0] not in ("name", "names") and (message := plain_text_problem(value, field)):  # names: their own character rule
        return _problem(doc, path, message)
    limit = MAX_TEXT.get(path[0], 300)
    if len(value) > limit:
        return _problem(doc, path, f"{field} must be at most {limit} characters, got {len(value)} characters")
    return None


def _url_problem(doc: Document, path: tuple, value: object, field: str) -> Problem | None:
    if not isinstance(value, str):
        return _problem(doc, path, f"{field} must be a web address starting with https:// or http://, got {show(value)}")
    try:
        parts = urlsplit(value.strip())
    except ValueError:  # e.g. an unclosed '[' read as an IPv6 address (found by tests/property)
        return _problem(doc, path, f"{field} must be a web address starting with https:// or http://, got {show(value)}")
    if parts.scheme not in ("http", "https") or "." not in parts.netloc or " " in value.strip() or CONTROL.search(value):
        return _problem(doc, path, f"{field} must be a web address starting with https:// or http://, got {show(value)}")
    return None


def _language_map(doc: Document, key: str) -> Iterator[Problem]:
    """A mapping of site language -> text (names, summary)."""
    value = doc.data[key]
    if not isinstance(value, dict):
        yield _problem(doc, (key,), f"{key} must be a block of languages (en:, fr:, ...), got {show(value)}")
        return
    for lang, text in value.items():
        if lang not in LANGUAGES:
            yield _problem(doc, (key, lang), f"{key} languages must be among {', '.join(LANGUAGES)}, got {show(lang)}")
            continue
        if p := _text_problem(doc, (key, lang), text, f"{key}.{lang}"):
            yield p


@rule
def document_is_mapping(doc: Document, ctx: Context) -> Iterator[Problem]:
    """A profile is a block of 'key: value' lines."""
    if not isinstance(doc.data, dict):
        yield _problem(doc, (), f"a profile must be a block of 'key: value' lines (name:, country:, ...), got {show(doc.data)}")


def unknown_fields(doc: Document, fields: Iterable[str], cutoff: float = 0.6) -> Iterator[Problem]:
    """Keys that are not among `fields`, with a 'did you mean' (shared by profiles and case studies)."""
    fields = list(fields)
    for key in doc.data if isinstance(doc.data, dict) else ():
        if key not in fields:
            close = difflib.get_close_matches(str(key), fields, n=1, cutoff=cutoff)
            hint = f"; did you mean '{close[0]}'?" if close else f"; the fields are {', '.join(fields)}"
            yield _problem(doc, (key,), f"unknown field, got {show(key)}{hint}")


def missing_fields(doc: Document, required: dict[str, str]) -> Iterator[Problem]:
    """Required keys that are absent: {field: what to write} (shared by profiles and case studies)."""
    for key, what in required.items() if isinstance(doc.data, dict) else ():
        if key not in doc.data:
            yield Problem(doc.file, 1, f"the field '{key}' is required, got no '{key}:' line; add it ({what})")


@rule
def known_keys(doc: Document, ctx: Context) -> Iterator[Problem]:
    """Only the documented fields may appear."""
    yield from (p for p in unknown_fields(doc, FIELDS) if not p.message.startswith("unknown field, got 'notes'"))  # no_old_notes says more


@rule
def required_keys(doc: Document, ctx: Context) -> Iterator[Problem]:
    """name, country, region and sources are required."""
    yield from missing_fields(doc, {key: FIELDS[key][2] for key in REQUIRED})


def bad_name_chars(value: str) -> str:
    """The characters a city name may not contain (combining marks, e.g. Arabic shadda, are fine)."""
    return "".join(sorted({c for c in value if not NAME_CHARS.match(c) and not unicodedata.category(c).startswith("M")}))


def _name_problem(doc: Document, path: tuple, value: object, field: str) -> Problem | None:
    if p := _text_problem(doc, path, value, field):
        return p
    if bad := bad_name_chars(value):
        return _problem(doc, path, f"{field} may contain letters, digits, spaces and ' ’ . , ( ) - only, got {show(value)} with {show(bad)}")
    return None


@rule
def name(doc: Document, ctx: Context) -> Iterator[Problem]:
    """A city name: text of letters, digits and a little punctuation (it becomes a page title)."""
    if _present(doc, "name") and (p := _name_problem(doc, ("name",), doc.data["name"], "name")):
        yield p


@rule
def names(doc: Document, ctx: Context) -> Iterator[Problem]:
    """A name per language: text in the language's script, within the length limit."""
    if not _present(doc, "names"):
        return
    problems = list(_language_map(doc, "names"))
    yield from problems
    if not problems:
        for lang, text in doc.data["names"].items():
            if p := _name_problem(doc, ("names", lang), text, f"names.{lang}"):
                yield p


NAME_SOURCES = ("geonames", "cldr", "texts", "transcribed")  # or the address of a public page that writes the name


@rule
def names_source(doc: Document, ctx: Context) -> Iterator[Problem]:
    """Per language, where an imported name came from; only for names that exist."""
    if not _present(doc, "names_source"):
        return
    value = doc.data["names_source"]
    if not isinstance(value, dict):
        yield _problem(doc, ("names_source",), f"names_source must be a block of languages (fr: geonames, ...), got {show(value)}")
        return
    names_ = doc.data.get("names") if isinstance(doc.data.get("names"), dict) else {}
    for lang, source in value.items():
        at = ("names_source", lang)
        if lang not in LANGUAGES:
            yield _problem(doc, at, f"names_source languages must be among {', '.join(LANGUAGES)}, got {show(lang)}")
        elif source not in NAME_SOURCES and not (isinstance(source, str) and source.startswith(("https://", "http://"))):
            yield _problem(
                doc,
                at,
                f"names_source.{lang} must be one of {', '.join(NAME_SOURCES)}, or the address (https://...) of a public page that writes the name, got {show(source)}",
            )
        elif lang not in names_:
            yield _problem(doc, at, f"names_source.{lang} says where names.{lang} comes from, got no names.{lang}; remove this line or add the name")


@cache
def _countries() -> frozenset[str]:
    return frozenset(c.alpha_2 for c in pycountry.countries)


@rule
def country(doc: Document, ctx: Context) -> Iterator[Problem]:
    """An ISO 3166-1 alpha-2 code that exists."""
    if not _present(doc, "country"):
        return
    value = doc.data["country"]
    if not isinstance(value, str) or value not in _countries():
        hint = ""
        if isinstance(value, str):
            found = pycountry.countries.get(alpha_2=value.upper()) if len(value) == 2 else None
            if found is None:
                try:
                    found = pycountry.countries.lookup(value)
                except LookupError:
                    found = None
            if found is not None:
                hint = f"; did you mean {found.alpha_2} ({found.name})?"
        if value is False:  # YAML 1.1 reads a bare NO (Norway) as false
            hint = '; write Norway as "NO" in quotes'
        yield _problem(doc, ("country",), f"country must be an ISO 3166-1 alpha-2 code such as FR or KE, got {show(value)}{hint}")


@rule
def region(doc: Document, ctx: Context) -> Iterator[Problem]:
    """One of the five UNESCO regions, spelled as UNESCO does in English."""
    if _present(doc, "region") and doc.data["region"] not in REGIONS:
        value = doc.data["region"]
        close = difflib.get_close_matches(str(value), REGIONS, n=1, cutoff=0.5)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        yield _problem(doc, ("region",), f"region must be one of {', '.join(REGIONS)}, got {show(value)}{hint}")


def _year(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@rule
def joined(doc: Document, ctx: Context) -> Iterator[Problem]:
    """A year between the network's launch (2013) and this year."""
    if not _present(doc, "joined"):
        return
    value = doc.data["joined"]
    if not _year(value):
        yield _problem(doc, ("joined",), f"joined must be a year such as 2016 (or leave the line out), got {show(value)}")
    elif not FIRST_YEAR <= value <= ctx.this_year:
        yield _problem(doc, ("joined",), f"joined must be a year from {FIRST_YEAR} (the network's launch) to {ctx.this_year}, got {value}")


@rule
def awards(doc: Document, ctx: Context) -> Iterator[Problem]:
    """A list of award years, each a year in which the award was given, each once."""
    if not _present(doc, "awards"):
        return
    value = doc.data["awards"]
    if _year(value):
        yield _problem(doc, ("awards",), f"awards must be a list of years such as [{value}], got {value} without brackets")
        return
    if not isinstance(value, list):
        yield _problem(doc, ("awards",), f"awards must be a list of years such as [2019, 2024], got {show(value)}")
        return
    rounds = ", ".join(map(str, ctx.award_years))
    seen: set[int] = set()
    for i, year in enumerate(value):
        if not _year(year):
            yield _problem(doc, ("awards", i), f"awards must be a list of years such as [2019, 2024], got {show(year)}")
        elif year not in ctx.award_years:
            yield _problem(doc, ("awards", i), f"award years must be years in which the Learning City Award was given ({rounds}), got {year}")
        elif year in seen:
            yield _problem(doc, ("awards", i), f"each award year must be listed once, got {year} twice")
        else:
            seen.add(year)


@rule
def coordinates(doc: Document, ctx: Context) -> Iterator[Problem]:
    """lat in [-90, 90] and lon in [-180, 180], both present."""
    if not _present(doc, "coordinates"):
        return
    value = doc.data["coordinates"]
    if not isinstance(value, dict) or set(value) != {"lat", "lon"}:
        yield _problem(
            doc,
            ("coordinates",),
            f"coordinates must have exactly 'lat:' and 'lon:' lines in decimal degrees, got {show(value) if not isinstance(value, dict) else ', '.join(map(str, value)) or 'an empty block'}",
        )
        return
    for key, limit in (("lat", 90), ("lon", 180)):
        v = value[key]
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            yield _problem(doc, ("coordinates", key), f"coordinates.{key} must be a number of decimal degrees such as 45.76, got {show(v)}")
        elif not -limit <= v <= limit:
            yield _problem(doc, ("coordinates", key), f"coordinates.{key} must be between -{limit} and {limit}, got {v}")


@rule
def geonames_id(doc: Document, ctx: Context) -> Iterator[Problem]:
    """A GeoNames id is a positive whole number."""
    if _present(doc, "geonames_id"):
        value = doc.data["geonames_id"]
        if not _year(value) or value <= 0:
            yield _problem(doc, ("geonames_id",), f"geonames_id must be a whole number such as 2996944, got {show(value)}")


@rule
def website(doc: Document, ctx: Context) -> Iterator[Problem]:
    """The city's website is a web address (https:// or http://)."""
    if _present(doc, "website") and (p := _url_problem(doc, ("website",), doc.data["website"], "website")):
        yield p


def _url_list(doc: Document, key: str, item: str) -> Iterator[Problem]:
    """A list of at least one web address, each once (one address on one line is fine too)."""
    value = doc.data[key]
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        yield _problem(doc, (key,), f"{key} must be a list of at least one web address, got {show(value)}")
        return
    for i, url in enumerate(value):
        if p := _url_problem(doc, (key, i), url, f"each {item}"):
            yield p
        elif value.index(url) != i:
            yield _problem(doc, (key, i), f"each {item} must be listed once, got {show(url)} twice")


@rule
def sources(doc: Document, ctx: Context) -> Iterator[Problem]:
    """At least one source, each a web address, each once."""
    if _present(doc, "sources"):
        yield from _url_list(doc, "sources", "source")


@rule
def summary(doc: Document, ctx: Context) -> Iterator[Problem]:
    """A summary has an English text (every language falls back to it) and says where it comes from."""
    if not _present(doc, "summary"):
        return
    problems = list(_language_map(doc, "summary"))
    yield from problems
    if not problems and "en" not in doc.data["summary"]:
        yield _problem(doc, ("summary",), "summary must have an English text (en:), the one other languages fall back to; add 'en: ...' under summary:")
    if not _present(doc, "summary_sources"):
        yield _problem(
            doc,
            ("summary",),
            "a summary needs summary_sources: the web pages it is written from; add 'summary_sources:' with one '- https://...' line per page",
        )


@rule
def summary_sources(doc: Document, ctx: Context) -> Iterator[Problem]:
    """The pages a summary is written from: a list of web addresses, each once, only with a summary."""
    if not _present(doc, "summary_sources"):
        return
    if not _present(doc, "summary"):
        yield _problem(doc, ("summary_sources",), "summary_sources is only for a summary; add summary: or remove summary_sources:")
    yield from _url_list(doc, "summary_sources", "summary source")


@rule
def maintainer_notes(doc: Document, ctx: Context) -> Iterator[Problem]:
    """Maintainers' notes are plain English text (never shown on the site)."""
    if _present(doc, "maintainer_notes") and (p := _text_problem(doc, ("maintainer_notes",), doc.data["maintainer_notes"], "maintainer_notes")):
        yield p


@rule
def reader_note(doc: Document, ctx: Context) -> Iterator[Problem]:
    """A reader's note is plain text per language, with an English text every language falls back to."""
    if not _present(doc, "reader_note") or doc.data["reader_note"] in (None, {}):
        return  # the template's empty `reader_note:`
    problems = list(_language_map(doc, "reader_note"))
    yield from problems
    if not problems and "en" not in doc.data["reader_note"]:
        yield _problem(
            doc, ("reader_note",), "reader_note must have an English text (en:), the one other languages fall back to; add 'en: ...' under reader_note:"
        )


@rule
def no_old_notes(doc: Document, ctx: Context) -> Iterator[Problem]:
    """The old `notes:` field is split in two: for maintainers (hidden) and for readers (shown)."""
    if isinstance(doc.data, dict) and "notes" in doc.data:
        yield _problem(
            doc,
            ("notes",),
            "notes: is now two fields: maintainer_notes: (English, for maintainers, never shown) "
            "or reader_note: (shown on the page, with en:, fr:, ... lines); rename it to the one you mean",
        )


@rule
def images(doc: Document, ctx: Context) -> Iterator[Problem]:
    """Pictures: a list of blocks with file, alt (per language, en required), credit and license."""
    if not _present(doc, "images"):
        return
    value = doc.data["images"]
    example = "images: then '  - file: cities/images/lyon.jpg' with alt:, credit: and license: lines"
    if not isinstance(value, list):
        yield _problem(doc, ("images",), f"images must be a list of pictures ({example}), got {show(value)}")
        return
    if len(value) > MAX_IMAGES:
        yield _problem(doc, ("images",), f"images may list at most {MAX_IMAGES} pictures, got {len(value)}")
    seen: dict[str, int] = {}
    for i, item in enumerate(value):
        at = ("images", i)
        if not isinstance(item, dict):
            yield _problem(doc, at, f"each picture must be a block of file:, alt:, credit: and license: lines, got {show(item)}")
            continue
        for key in item:
            if key not in IMAGE_KEYS:
                close = difflib.get_close_matches(str(key), IMAGE_KEYS, n=1)
                hint = f"; did you mean '{close[0]}'?" if close else f"; a picture has {', '.join(IMAGE_KEYS)}"
                yield _problem(doc, at + (key,), f"unknown picture field, got {show(key)}{hint}")
        for key in IMAGE_KEYS:
            if key not in item:
                what = {
                    "file": "the picture's path, e.g. cities/images/lyon.jpg",
                    "alt": "a description of the picture for readers who cannot see it, at least in English (en:)",
                    "credit": "who took or owns the picture",
                    "license": "the license under which it may be published, e.g. CC BY 4.0",
                }[key]
                yield _problem(doc, at, f"each picture needs '{key}:' ({what}), got no '{key}:' line")
        if "alt" in item:
            alt = item["alt"]
            if not isinstance(alt, dict):
                yield _problem(doc, at + ("alt",), f"images alt must be a block of languages (en:, fr:, ...), got {show(alt)}")
            else:
                for lang, text in alt.items():
                    if lang not in LANGUAGES:
                        yield _problem(doc, at + ("alt", lang), f"images alt languages must be among {', '.join(LANGUAGES)}, got {show(lang)}")
                    elif p := _text_problem(doc, at + ("alt", lang), text, f"images alt.{lang}"):
                        yield p
                if "en" not in alt:
                    yield _problem(doc, at + ("alt",), "images alt must have an English text (en:), shown where a language has none, got no 'en:' line")
        for key in ("credit", "license"):
            if key in item and (p := _text_problem(doc, at + (key,), item[key], f"images {key}")):
                yield p
        if "file" in item:
            if ctx.root is not None and (message := pictures.inspect(ctx.root, item["file"])):
                yield _problem(doc, at + ("file",), message)
            elif isinstance(item["file"], str):
                if item["file"].strip() in seen:
                    yield _problem(
                        doc, at + ("file",), f"each picture must be listed once, got {show(item['file'])} again (also item {seen[item['file'].strip()] + 1})"
                    )
                seen.setdefault(item["file"].strip(), i)


def check_profile(doc: Document, ctx: Context) -> list[Problem]:
    """Run every per-file rule; all problems, in line order."""
    found = [p for r in RULES for p in r(doc, ctx)]
    return sorted(found, key=lambda p: p.line)


def duplicates(cities: list, docs: dict[str, Document]) -> list[Problem]:
    """A city (same name and country, or same GeoNames place) must have one profile."""
    problems: list[Problem] = []
    seen_name: dict[tuple[str, str], object] = {}
    seen_geo: dict[int, object] = {}
    for city in cities:
        key = (city.name.casefold(), city.country)
        doc = docs[city.slug]
        if key in seen_name:
            first = seen_name[key]
            problems.append(
                Problem(
                    city.file, doc.line("name"), f"each city must have one profile, got '{city.name}' ({city.country}) again; it is already in {first.file}"
                )
            )
        else:
            seen_name[key] = city
        if city.geonames_id is not None:
            if city.geonames_id in seen_geo:
                first = seen_geo[city.geonames_id]
                problems.append(
                    Problem(
                        city.file,
                        doc.line("geonames_id"),
                        f"each GeoNames place must have one profile, got geonames_id {city.geonames_id} again; it is already in {first.file}",
                    )
                )
            else:
                seen_geo[city.geonames_id] = city
    return problems
