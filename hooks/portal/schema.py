"""JSON Schema of a city profile, for editor autocompletion (cities/city.schema.json).

Built from the same field list as the validator (rules.FIELDS); a test keeps the committed file
in step. The validator, not the schema, is the authority: it gives file:line messages.
"""
from __future__ import annotations

import json
from pathlib import Path

from .languages import LANGUAGES
from .rules import FIELDS, FIRST_YEAR, REGIONS, REQUIRED

SCHEMA_FILE = Path("cities") / "city.schema.json"


def city_schema(award_years: tuple[int, ...]) -> dict:
    lang_map = {"type": "object", "additionalProperties": False, "minProperties": 1,
                "properties": {lang: {"type": "string", "minLength": 1} for lang in LANGUAGES}}
    url = {"type": "string", "pattern": "^https?://[^\\s/]+\\.[^\\s]+$"}
    props: dict[str, dict] = {
        "name": {"type": "string", "minLength": 1, "maxLength": 120},
        "names": lang_map,
        "names_source": {"type": "object", "additionalProperties": False, "minProperties": 1,
                         "properties": {lang: {"enum": ["geonames"]} for lang in LANGUAGES}},
        "country": {"type": "string", "pattern": "^[A-Z]{2}$"},
        "region": {"enum": list(REGIONS)},
        "joined": {"type": "integer", "minimum": FIRST_YEAR},
        "awards": {"type": "array", "uniqueItems": True, "items": {"enum": list(award_years)}},
        "coordinates": {"type": "object", "additionalProperties": False, "required": ["lat", "lon"],
                        "properties": {"lat": {"type": "number", "minimum": -90, "maximum": 90},
                                       "lon": {"type": "number", "minimum": -180, "maximum": 180}}},
        "geonames_id": {"type": "integer", "minimum": 1},
        "website": url,
        "summary": {**lang_map, "required": ["en"]},
        "summary_sources": {"type": "array", "minItems": 1, "uniqueItems": True, "items": url},
        "images": {"type": "array", "maxItems": 12, "items": {
            "type": "object", "additionalProperties": False, "required": ["file", "alt", "credit", "license"],
            "properties": {
                "file": {"type": "string", "pattern": "^cities/images/([^/\\\\]+/)*[^/\\\\]+\\.(jpe?g|png|webp|JPE?G|PNG|WEBP)$"},
                "alt": {**lang_map, "required": ["en"]},
                "credit": {"type": "string", "minLength": 1, "maxLength": 300},
                "license": {"type": "string", "minLength": 1, "maxLength": 300},
            }}},
        "sources": {"type": "array", "minItems": 1, "uniqueItems": True, "items": url},
        "notes": {"type": "string", "minLength": 1, "maxLength": 1000},
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
        "dependentRequired": {"summary": ["summary_sources"], "summary_sources": ["summary"]},
    }
    return schema


def schema_text(award_years: tuple[int, ...]) -> str:
    return json.dumps(city_schema(award_years), ensure_ascii=False, indent=2) + "\n"
