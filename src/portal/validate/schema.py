"""JSON Schema of a city profile, for editor autocompletion (cities/city.schema.json).

Built from the same field list as the validator (rules.FIELDS); a test keeps the committed file
in step. The validator, not the schema, is the authority: it gives file:line messages.
"""

from __future__ import annotations

import json
from pathlib import Path

from portal.i18n.languages import LANGUAGES
from portal.validate.profile import FIELDS, FIRST_YEAR, MAX_TEXT, NAME_SOURCES, REGIONS, REQUIRED, _countries

# What the validator refuses in any text (rules.CONTROL), as a JSON Schema pattern.
PLAIN = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f\\u202a-\\u202e\\u2066-\\u2069\\ufffe\\uffff]*$"
# The schema says what JSON Schema can say; the validator also checks what it cannot (name
# letters of any script, that a picture file exists, a joined year not in the future, details of
# web addresses): tests/property checks that these are the only ways the two disagree.

SCHEMA_FILE = Path("cities") / "city.schema.json"


def city_schema(award_years: tuple[int, ...]) -> dict:
    def text(limit: int = 300) -> dict:
        return {"type": "string", "minLength": 1, "maxLength": limit, "pattern": PLAIN}

    def lang_map(limit: int = 300) -> dict:
        return {"type": "object", "additionalProperties": False, "minProperties": 1, "properties": {lang: text(limit) for lang in LANGUAGES}}

    url = {"type": "string", "pattern": "^https?://[^\\s/\\u0000-\\u001f\\u007f\\[\\]]+\\.[^\\s\\u0000-\\u001f\\u007f]+$"}
    props: dict[str, dict] = {
        "name": text(MAX_TEXT["name"]),
        "names": lang_map(MAX_TEXT["names"]),
        "names_source": {
            "type": "object",
            "additionalProperties": False,
            "minProperties": 1,
            "properties": {lang: {"anyOf": [{"enum": list(NAME_SOURCES)}, url]} for lang in LANGUAGES},
        },
        "country": {"enum": sorted(_countries())},
        "region": {"enum": list(REGIONS)},
        "joined": {"type": "integer", "minimum": FIRST_YEAR, "maximum": 2**63 - 1},  # the year itself: the validator
        "awards": {"type": "array", "uniqueItems": True, "items": {"enum": list(award_years)}},
        "coordinates": {
            "type": "object",
            "additionalProperties": False,
            "required": ["lat", "lon"],
            "properties": {"lat": {"type": "number", "minimum": -90, "maximum": 90}, "lon": {"type": "number", "minimum": -180, "maximum": 180}},
        },
        "geonames_id": {"type": "integer", "minimum": 1, "maximum": 2**63 - 1},
        "website": url,
        "summary": {**lang_map(MAX_TEXT["summary"]), "required": ["en"]},
        "summary_sources": {"type": "array", "minItems": 1, "uniqueItems": True, "items": url},
        "images": {
            "type": "array",
            "maxItems": 12,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["file", "alt", "credit", "license"],
                "properties": {
                    "file": {"type": "string", "pattern": "^cities/images/([^/\\\\]+/)*[^/\\\\]+\\.(jpe?g|png|webp|JPE?G|PNG|WEBP)$"},
                    "alt": {**lang_map(), "required": ["en"]},
                    "credit": text(),
                    "license": text(),
                },
            },
        },
        "sources": {"type": "array", "minItems": 1, "uniqueItems": True, "items": url},
        "reader_note": {"anyOf": [{"type": "null"}, {"type": "object", "maxProperties": 0}, {**lang_map(MAX_TEXT["reader_note"]), "required": ["en"]}]},
        "maintainer_notes": text(MAX_TEXT["maintainer_notes"]),
    }
    for key, (_, _, description) in FIELDS.items():
        props[key] = {"description": description, **props[key]}
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "city.schema.json",
        "title": "Learning Cities Portal: city profile",
        "description": "One member city of the UNESCO Global Network of Learning Cities. See cities/README.md.",
        "type": "object",
        "additionalProperties": False,
        "required": list(REQUIRED),
        "properties": props,
        "dependentRequired": {"summary": ["summary_sources"], "summary_sources": ["summary"], "names_source": ["names"]},
        # names_source.<lang> only for a name that exists: names.<lang>.
        "allOf": [
            {
                "if": {"required": ["names_source"], "properties": {"names_source": {"required": [lang]}}},
                "then": {"properties": {"names": {"required": [lang]}}},
            }
            for lang in LANGUAGES
        ],
    }
    return schema


def schema_text(award_years: tuple[int, ...]) -> str:
    return json.dumps(city_schema(award_years), ensure_ascii=False, indent=2) + "\n"
