"""UNESCO Learning City Award rounds, from data/learning_city_awards.csv and data/conferences.csv.

A round is the award year, the International Conference on Learning Cities (ICLC) where the award
was conferred (number, host city, dates, source) and its winners. `check` validates the two files
against each other and against the city profiles: every winner must have a profile (same name and
ISO country code), and every profile's `awards:` years must be exactly the rounds that list it.
Problems are located like profile problems: `data/learning_city_awards.csv:12: rule, got value`.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from portal.files import reading
from portal.files.yamlfile import Problem

AWARDS_FILE = "data/learning_city_awards.csv"
CONFERENCES_FILE = "data/conferences.csv"
CONFERRED_AT = re.compile(r"^ICLC (\d+), (.+)$")


@dataclass(frozen=True)
class Conference:
    number: int
    start: dt.date
    end: dt.date
    host_city: str
    host_iso2: str
    source: str


@dataclass(frozen=True)
class Winner:
    city: str  # the name as the award list and the profile spell it
    iso2: str
    source: str
    line: int  # line in data/learning_city_awards.csv


@dataclass(frozen=True)
class Round:
    year: int
    conference: Conference
    winners: tuple[Winner, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        """The pages that list this round's winners, each once, in file order."""
        return tuple(dict.fromkeys(w.source for w in self.winners))


def _rows(path: Path, display: str) -> tuple[list[tuple[int, dict[str, str]]], list[Problem]]:
    """(line, row) pairs of a CSV file with a header line."""
    try:
        with reading.open_text(path) as fh:
            reader = csv.DictReader(fh)
            rows = []
            for row in reader:
                rows.append((reader.line_num, row))
            return rows, []
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        return [], [Problem(display, 1, f"the file must be a readable UTF-8 CSV file, got {exc}")]


def _conferences(root: Path) -> tuple[dict[int, Conference], list[Problem]]:
    rows, problems = _rows(root / CONFERENCES_FILE, CONFERENCES_FILE)
    found: dict[int, Conference] = {}
    for line, row in rows:
        try:
            number = int(row["number"])
            start, end = dt.date.fromisoformat(row["start"]), dt.date.fromisoformat(row["end"])
        except (TypeError, ValueError, KeyError):
            problems.append(
                Problem(
                    CONFERENCES_FILE,
                    line,
                    f"a conference needs a number and start and end dates (YYYY-MM-DD), got {row.get('number')!r}, {row.get('start')!r}, {row.get('end')!r}",
                )
            )
            continue
        if end < start:
            problems.append(Problem(CONFERENCES_FILE, line, f"a conference must end on or after its start, got {start} to {end}"))
        found[number] = Conference(
            number, start, end, (row.get("host_city") or "").strip(), (row.get("host_iso2") or "").strip(), (row.get("source") or "").strip()
        )
    return found, problems


def load(root: Path) -> tuple[list[Round], list[Problem]]:
    """The award rounds in year order, and every problem with the two data files."""
    conferences, problems = _conferences(root)
    rows, read_problems = _rows(root / AWARDS_FILE, AWARDS_FILE)
    problems += read_problems
    by_year: dict[int, list[Winner]] = {}
    conference_of: dict[int, tuple[Conference, int]] = {}
    seen: dict[tuple[int, str, str], int] = {}
    for line, row in rows:
        year_text, city, iso2 = (row.get("award_year") or "").strip(), (row.get("city") or "").strip(), (row.get("iso2") or "").strip()
        source = (row.get("source") or "").strip()
        if not year_text.isdigit():
            problems.append(Problem(AWARDS_FILE, line, f"award_year must be a year such as 2019, got {year_text!r}"))
            continue
        year = int(year_text)
        if not city or not re.fullmatch(r"[A-Z]{2}", iso2):
            problems.append(Problem(AWARDS_FILE, line, f"a winner needs a city name and a two-letter ISO country code, got {city!r}, {iso2!r}"))
            continue
        if not source.startswith(("https://", "http://")):
            problems.append(Problem(AWARDS_FILE, line, f"each award needs a source web address, got {source!r}"))
            continue
        match = CONFERRED_AT.match((row.get("conferred_at") or "").strip())
        conf = conferences.get(int(match.group(1))) if match else None
        if conf is None or match.group(2) != conf.host_city:
            known = "; ".join(f"ICLC {c.number}, {c.host_city}" for c in conferences.values())
            problems.append(
                Problem(
                    AWARDS_FILE,
                    line,
                    f"conferred_at must name a conference of {CONFERENCES_FILE} as 'ICLC <number>, <host city>' ({known}), got {row.get('conferred_at')!r}",
                )
            )
            continue
        if year in conference_of and conference_of[year][0] != conf:
            problems.append(
                Problem(
                    AWARDS_FILE,
                    line,
                    f"all winners of one year must be conferred at the same conference, got ICLC {conf.number} for {year}, which line {conference_of[year][1]} gives as ICLC {conference_of[year][0].number}",
                )
            )
            continue
        if (year, city, iso2) in seen:
            problems.append(
                Problem(
                    AWARDS_FILE,
                    line,
                    f"each winner must be listed once per year, got {city} ({iso2}) {year} again; it is already on line {seen[(year, city, iso2)]}",
                )
            )
            continue
        seen[(year, city, iso2)] = line
        conference_of.setdefault(year, (conf, line))
        by_year.setdefault(year, []).append(Winner(city, iso2, source, line))
    rounds = [Round(year, conference_of[year][0], tuple(winners)) for year, winners in sorted(by_year.items())]
    return rounds, problems
