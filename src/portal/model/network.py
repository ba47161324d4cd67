"""Network-level reference data kept in data/ (award rounds, conferences, growth)."""

from __future__ import annotations

import csv
from pathlib import Path

from portal.files import reading


def read_csv(path: Path) -> list[dict[str, str]]:
    with reading.open_text(path) as fh:
        return list(csv.DictReader(fh))


def award_years(root: Path) -> tuple[int, ...]:
    """The years in which the Learning City Award was given (data/learning_city_awards.csv), for the
    commands that need them without loading the whole model (the schema, `portal new city`)."""
    from portal.model import awards

    return tuple(r.year for r in awards.load(Path(root))[0])
