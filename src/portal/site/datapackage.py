"""The open data's Data Package (Frictionless Data, https://datapackage.org/): /open-data/datapackage.json
describes members.csv (a Table Schema: every column's name, type, description and constraints),
members.json and members.geojson, their licence, sources and the date of the data.

Built from the same FIELDS as the files (pages/opendata.py), with the English field descriptions of
the open-data page (src/portal/i18n/strings/opendata.yml). A test validates it with `frictionless`.
"""
from __future__ import annotations

import json
import os
from datetime import datetime, timezone

from portal.i18n.languages import DEFAULT, t
from portal.i18n.localize import language_name
from portal.site import webmeta
from portal.validate.profile import REGIONS

FILE = "datapackage.json"  # under open-data/, next to the files it describes
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def _description(field: str) -> str:
    return t(f"opendata.field.{field}", DEFAULT)


def constraints(field: str) -> dict:
    """What every value of a column must be (Table Schema constraints)."""
    return {
        "id": {"required": True, "unique": True, "pattern": SLUG},
        "name": {"required": True},
        "country": {"required": True, "pattern": "^[A-Z]{2}$"},
        "country_name": {"required": True},
        "region": {"required": True, "enum": sorted(REGIONS.values())},
        "region_name": {"required": True},
        "joined": {"minimum": 1990, "maximum": 2100},
        "latitude": {"minimum": -90, "maximum": 90},
        "longitude": {"minimum": -180, "maximum": 180},
        "geonames_id": {"minimum": 1},
        "page": {"required": True, "pattern": r"^cities/[a-z0-9-]+/$"},
        "profile": {"required": True, "pattern": r"^cities/[a-z0-9-]+\.yml$"},
    }.get(field, {})


CSV_TYPES = {"string": "string", "integer|null": "integer", "number|null": "number", "string|null": "string"}


def csv_field(field: str, kind: str) -> dict:
    """The Table Schema field of one CSV column."""
    if field == "awards":
        spec: dict = {"type": "list", "delimiter": ";", "itemType": "integer"}
    elif field == "sources":
        spec = {"type": "list", "delimiter": ";", "itemType": "string"}
    elif field == "website":
        spec = {"type": "string", "format": "uri"}
    else:
        spec = {"type": CSV_TYPES[kind]}
    return {"name": field, **spec, "description": _description(field), **({"constraints": constraints(field)} if constraints(field) else {})}


def table_schema(fields, other_languages) -> dict:
    """The schema of members.csv: the FIELDS, with `names` as one column per other language."""
    columns = []
    for field, kind in fields:
        if field == "names":
            for lang in other_languages:
                columns.append({"name": f"name_{lang}", "type": "string",
                                "description": f"{_description('names').split(' (')[0]}: {language_name(lang, DEFAULT)} ({lang})"})
        else:
            columns.append(csv_field(field, kind))
    return {"fields": columns, "primaryKey": ["id"], "missingValues": [""]}


def created() -> str | None:
    """The date and time of the data (the last commit, SOURCE_DATE_EPOCH), RFC 3339."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not epoch.isdigit():
        return None
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def descriptor(fields, other_languages, name: str, count: int, site_url: str, edit_root: str = "") -> dict:
    """The datapackage.json of the open data."""
    home = webmeta.page_url(site_url, DEFAULT, "open-data/")
    sources = [
        {"title": "City profiles of the Learning Cities Portal (each record lists its own public sources)",
         "path": edit_root.replace("/edit/", "/tree/", 1) + "cities" if "/edit/" in edit_root else webmeta.page_url(site_url, DEFAULT, "members/")},
        {"title": "GeoNames (coordinates, identifiers, some names; CC BY 4.0)", "path": "https://www.geonames.org/"},
        {"title": "Unicode CLDR (country and region names)", "path": "https://cldr.unicode.org/"},
    ]
    package: dict = {
        "$schema": PROFILE,
        "name": "learning-cities-members",
        "title": f"{t('web.network', DEFAULT)}: member cities",
        "description": f"{count} member cities of the {t('web.network', DEFAULT)}, from the profiles of the "
                       f"{t('web.site_name', DEFAULT)}: names in the six UN languages, country, UNESCO region, "
                       "year of joining, Learning City Awards, coordinates, GeoNames identifier, website and sources.",
        "homepage": home,
        "licenses": [dict(webmeta.DATA_LICENSE)],
        "sources": sources,
        "contributors": [{"title": t("web.uil", DEFAULT), "path": webmeta.UIL_URL, "roles": ["publisher"]}],
        "keywords": ["learning cities", "UNESCO", "lifelong learning", "cities", "GNLC"],
        "resources": [
            {"name": f"{name}-csv", "type": "table", "path": f"{name}.csv", "format": "csv", "mediatype": "text/csv",
             "encoding": "utf-8", "title": "Member cities (CSV)",
             "description": "One row per member; names in other languages as name_fr ... name_ru, lists joined with ';', "
                            "an empty cell for null.",
             "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
             "schema": table_schema(fields, other_languages)},
            {"name": f"{name}-json", "type": "json", "path": f"{name}.json", "format": "json", "mediatype": "application/json",
             "encoding": "utf-8", "title": "Member cities (JSON)",
             "description": "{\"count\": n, \"members\": [...]}: one object per member with the fields of the CSV file, "
                            "`names` as an object {language: name}, lists as arrays, null where unknown."},
            {"name": f"{name}-geojson", "type": "json", "path": f"{name}.geojson", "format": "geojson",
             "mediatype": "application/geo+json", "encoding": "utf-8", "title": "Member cities (GeoJSON, RFC 7946)",
             "description": "A FeatureCollection: a Point per member with coordinates (a null geometry for the others), "
                            "the other fields as properties."},
        ],
    }
    when = created()
    if when:
        package["created"] = when
    return package


def as_json(package: dict) -> str:
    return json.dumps(package, ensure_ascii=False, indent=1) + "\n"
