"""Network figures: growth over time (data/network_growth.csv) and counts from the profiles.

Only the geometry is computed here (numbers); the SVG markup is in src/portal/site/templates/figures.md.
Caveats kept from the sources: the 2018 figure is "more than 200" (a lower bound, not a count),
and the 2019 figure counts active members only; neither is joined to the line of total members.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from babel.dates import format_skeleton

from portal.i18n.localize import locale
from portal.model.cities import City
from portal.model.network import read_csv

ACTIVE_ONLY = {"2019-10-01"}  # the source counts "active member cities" that day


@dataclass(frozen=True)
class Count:
    """One row of network_growth.csv."""

    day: date
    members: int
    lower_bound: bool  # ">200": more than `members`
    active_only: bool  # counts active members only
    countries: int
    source: str

    @property
    def total(self) -> bool:
        """A count of all members (the rows joined by the growth line)."""
        return not self.lower_bound and not self.active_only


@cache
def growth(data_dir: Path) -> tuple[Count, ...]:
    rows = []
    for r in read_csv(data_dir / "network_growth.csv"):
        members = r["members"].strip()
        rows.append(
            Count(
                day=date.fromisoformat(r["date"]),
                members=int(members.lstrip(">")),
                lower_bound=members.startswith(">"),
                active_only=r["date"] in ACTIVE_ONLY,
                countries=int(r["countries"]),
                source=r["source"],
            )
        )
    return tuple(sorted(rows, key=lambda c: c.day))


def format_day(day: date, lang: str) -> str:
    """'Sep 2022' in the reader's language (CLDR skeleton yMMM)."""
    return format_skeleton("yMMM", day, locale=locale(lang))


@dataclass(frozen=True)
class GrowthChart:
    """Positions for the growth chart, in a WIDTH x HEIGHT view box."""

    width: int
    height: int
    left: int
    bottom: int  # y of the x axis
    top: int
    right: int
    years: list[tuple[int, float]]  # (year, x)
    ticks: list[tuple[int, float]]  # (value, y)
    points: list[tuple[Count, float, float, float]]  # (row, x, y members, y countries)
    members_line: str  # SVG polyline points of the rows that count all members
    countries_line: str


def growth_chart(rows: tuple[Count, ...], width: int = 640, height: int = 300) -> GrowthChart:
    left, right, top, bottom = 56, width - 24, 16, height - 36
    first, last = rows[0].day.year, rows[-1].day.year + 1
    ceiling = -(-max(r.members for r in rows) // 100) * 100  # next hundred

    def x(day: date) -> float:
        frac = day.year + (day.timetuple().tm_yday - 1) / 366
        return round(left + (frac - first) / (last - first) * (right - left), 1)

    def y(value: int) -> float:
        return round(bottom - value / ceiling * (bottom - top), 1)

    points = [(r, x(r.day), y(r.members), y(r.countries)) for r in rows]
    return GrowthChart(
        width,
        height,
        left,
        bottom,
        top,
        right,
        years=[(year, x(date(year, 1, 1))) for year in range(first, last + 1)],
        ticks=[(v, y(v)) for v in range(0, ceiling + 1, 100)],
        points=points,
        members_line=" ".join(f"{px},{py}" for r, px, py, _ in points if r.total),
        countries_line=" ".join(f"{px},{cy}" for r, px, _, cy in points if not r.active_only),
    )


def bar_chart(values: list[int], width: int = 640, row: int = 56) -> dict:
    """Horizontal bars, one per value, each with its label above it: widths in view-box units."""
    most = max(values) if values and max(values) else 1
    usable = width - 60  # room for the number after the longest bar
    return {
        "width": width,
        "height": row * len(values),
        "row": row,
        "bars": [round(v / most * usable, 1) for v in values],
    }


def joined_by_year(cities: list[City]) -> list[tuple[int, int]]:
    """(year, profiles of members that joined that year), for profiles that give the year."""
    counts = Counter(c.joined for c in cities if c.joined)
    return sorted(counts.items())
