"""Open data: the member list as JSON, CSV and GeoJSON at /open-data/members.*, generated from the
same validated profiles as the pages, and the page that documents them (/open-data/, six languages).

Field names are stable: add fields, never rename or remove one (FIELDS is the documented list).
The data files carry no language suffix, so the i18n plugin publishes each once, at /open-data/.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from portal.model.cities import City
from portal.model.loader import Model
from portal.i18n.languages import DEFAULT, LANGUAGES
from portal.i18n.localize import country_name, region_name
from portal.i18n.languages import t
from portal.site import datapackage, webmeta
from portal.site.render import render
from portal.site.pages import GeneratedFile, Site, localized_path

FOLDER = "open-data"
NAME = "members"  # members.json, members.csv, members.geojson
MEDIA_TYPES = {f"{NAME}.csv": "text/csv", f"{NAME}.json": "application/json", f"{NAME}.geojson": "application/geo+json"}
OTHER_LANGUAGES = [lang for lang in LANGUAGES if lang != DEFAULT]

# (field, JSON type) in the documented order; the page explains each one in six languages.
FIELDS = (
    ("id", "string"), ("name", "string"), ("names", "object"), ("country", "string"),
    ("country_name", "string"), ("region", "string"), ("region_name", "string"),
    ("joined", "integer|null"), ("awards", "array"), ("latitude", "number|null"),
    ("longitude", "number|null"), ("geonames_id", "integer|null"), ("website", "string|null"),
    ("page", "string"), ("profile", "string"), ("sources", "array"),
)


def record(city: City) -> dict:
    """One member as a plain dict with the FIELDS, in that order."""
    return {
        "id": city.slug,
        "name": city.name,
        "names": {lang: city.names[lang] for lang in OTHER_LANGUAGES if lang in city.names},
        "country": city.country,
        "country_name": country_name(city.country, DEFAULT),
        "region": city.region,
        "region_name": region_name(city.region, DEFAULT),
        "joined": city.joined,
        "awards": list(city.awards),
        "latitude": city.lat,
        "longitude": city.lon,
        "geonames_id": city.geonames_id,
        "website": city.website,
        "page": f"cities/{city.slug}/",
        "profile": city.file,
        "sources": list(city.sources),
    }


def as_json(records: list[dict]) -> str:
    return json.dumps({"count": len(records), "members": records}, ensure_ascii=False, indent=1) + "\n"


def as_geojson(records: list[dict]) -> str:
    """RFC 7946: a Point per member with coordinates, a null geometry for the others (never dropped)."""
    features = []
    for r in records:
        props = {k: v for k, v in r.items() if k not in ("latitude", "longitude")}
        geometry = None
        if r["latitude"] is not None and r["longitude"] is not None:
            geometry = {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]}
        features.append({"type": "Feature", "id": r["id"], "geometry": geometry, "properties": props})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1) + "\n"


def csv_columns() -> list[str]:
    columns = []
    for field, _ in FIELDS:
        columns.extend(f"name_{lang}" for lang in OTHER_LANGUAGES) if field == "names" else columns.append(field)
    return columns


def as_csv(records: list[dict]) -> str:
    """One row per member; names as name_fr ... name_ru, lists joined with ';'; empty for null."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=csv_columns(), lineterminator="\r\n")
    writer.writeheader()
    for r in records:
        row = {k: v for k, v in r.items() if k != "names"}
        row.update({f"name_{lang}": r["names"].get(lang, "") for lang in OTHER_LANGUAGES})
        row["awards"] = ";".join(map(str, r["awards"]))
        row["sources"] = ";".join(r["sources"])
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue()


def pages(network: Model, site: Site) -> Iterator[GeneratedFile]:
    records = [record(city) for city in network.cities]
    yield GeneratedFile(f"{FOLDER}/{NAME}.json", as_json(records))
    yield GeneratedFile(f"{FOLDER}/{NAME}.csv", as_csv(records))
    yield GeneratedFile(f"{FOLDER}/{NAME}.geojson", as_geojson(records))
    yield GeneratedFile(f"{FOLDER}/{datapackage.FILE}", datapackage.as_json(
        datapackage.descriptor(FIELDS, OTHER_LANGUAGES, NAME, len(records), site.site_url, site.edit_root)))
    placed = sum(1 for r in records if r["latitude"] is not None)
    for lang in LANGUAGES:
        dataset = webmeta.dataset(lang, site.site_url, NAME, MEDIA_TYPES, t("opendata.title", lang), t("opendata.description", lang))
        yield GeneratedFile(localized_path(f"{FOLDER}/index", lang), render(
            "opendata.md", lang, fields=FIELDS, count=len(records), placed=placed, name=NAME,
            other_languages=OTHER_LANGUAGES, datapackage=datapackage.FILE,
        ), {"jsonld": webmeta.script(dataset)})
