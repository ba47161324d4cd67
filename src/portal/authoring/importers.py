"""One-off import of the shared member table into cities/ (kept so the seed is traceable).

Usage: python -m portal.authoring.importers ../shared/data/gnlc_members.csv
Writes cities/<slug>.yml for every row whose file does not exist yet; never overwrites.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import unicodedata
from pathlib import Path

import yaml

HEADER = """\
# yaml-language-server: $schema=city.schema.json
# A member city of the UNESCO Global Network of Learning Cities.
# Every field is explained in cities/README.md; cities/_template.yml shows them all.
"""


# Latin letters that Unicode does not decompose into a base letter and a mark.
UNDECOMPOSED = str.maketrans(
    {
        "đ": "d",
        "Đ": "d",
        "ı": "i",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ß": "ss",
        "þ": "th",
        "Þ": "th",
        "ð": "d",
        "Ð": "d",
    }
)


def slugify(name: str) -> str:
    """'Câmara de Lobos' -> 'camara-de-lobos', 'Sønderborg' -> 'sonderborg'; the file name and URL of a city."""
    ascii_ = unicodedata.normalize("NFKD", name.translate(UNDECOMPOSED)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


def scalar(value: object) -> str:
    """A YAML scalar, quoted only where YAML needs it."""
    plain = yaml.safe_dump(value, allow_unicode=True, width=10_000).removesuffix("\n...\n").strip()
    return json.dumps(value, ensure_ascii=False) if plain.startswith("'") else plain


def profile_text(row: dict[str, str]) -> str:
    lines = [HEADER, f"name: {scalar(row['city'])}", f"country: {row['iso2']}", f"region: {row['unesco_region']}"]
    if row["year_joined"]:
        lines.append(f"joined: {int(row['year_joined'])}")
    if row["learning_city_award"]:
        years = [int(y) for y in row["learning_city_award"].split(";")]
        lines.append(f"awards: [{', '.join(map(str, years))}]")
    if row["lat"] and row["lon"]:
        lines += ["coordinates:", f"  lat: {float(row['lat'])}", f"  lon: {float(row['lon'])}"]
    if row["geonameid"]:
        lines.append(f"geonames_id: {int(row['geonameid'])}")
    lines.append("sources:")
    lines += [f"  - {scalar(url)}" for url in row["sources"].split()]
    if row["note"]:
        lines.append(f"maintainer_notes: {scalar(row['note'])}")
    return "\n".join(lines[:1]) + "\n".join(lines[1:]) + "\n"


def main(csv_path: str, root: str = ".") -> int:
    out = Path(root) / "cities"
    with open(csv_path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    slugs = [slugify(r["city"]) for r in rows]
    clashes = {s for s in slugs if slugs.count(s) > 1}
    written = 0
    for row, slug in zip(rows, slugs):
        if slug in clashes:
            slug = f"{slug}-{row['iso2'].lower()}"
        path = out / f"{slug}.yml"
        if not path.exists():
            path.write_text(profile_text(row), encoding="utf-8")
            written += 1
    print(f"{written} profiles written to {out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
