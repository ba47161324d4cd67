"""Network-level reference data kept in data/ (award rounds, conferences, growth)."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path


@dataclass(frozen=True)
class Award:
    year: int
    city: str
    iso2: str
    conferred_at: str
    source: str


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@cache
def awards(data_dir: Path) -> tuple[Award, ...]:
    """Every Learning City Award, from data/learning_city_awards.csv."""
    return tuple(
        Award(int(r["award_year"]), r["city"], r["iso2"], r["conferred_at"], r["source"])
        for r in read_csv(data_dir / "learning_city_awards.csv")
    )


def award_years(data_dir: Path) -> tuple[int, ...]:
    """The years in which the Learning City Award was given."""
    return tuple(sorted({a.year for a in awards(data_dir)}))
