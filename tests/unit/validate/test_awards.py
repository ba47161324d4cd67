"""Award data: rounds from data/, checked against the profiles with file:line messages."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from portal.model import awards
from portal.model.loader import load
from tests.conftest import ROOT, register_cited, winner_slugs
from tests.conftest import load_problems as problems

AWARDS_CSV = "data/learning_city_awards.csv"


def test_real_rounds_and_winners():
    rounds, problems = awards.load(ROOT)
    assert problems == []
    assert [(r.year, r.conference.number, r.conference.host_city, len(r.winners)) for r in rounds] == [
        (2015, 2, "Mexico City", 12),
        (2017, 3, "Cork", 16),
        (2019, 4, "Medellín", 10),
        (2021, 5, "Yeonsu", 10),
        (2024, 6, "Jubail Industrial City", 10),
    ]
    assert sum(len(r.winners) for r in rounds) == 58
    assert str(rounds[0].conference.start) == "2015-09-28" and str(rounds[-1].conference.end) == "2024-12-05"
    assert rounds[0].sources == ("https://uil.unesco.org/lifelong-learning/learning-cities/2015-unesco-learning-city-award",)


def test_every_winner_has_a_profile_whose_award_years_agree():
    """Was a unit test on the data; now a rule of the loader. The real data passes it."""
    network = load(ROOT)
    by_key = {(c.name, c.country): c for c in network.cities}
    listed: dict[tuple[str, str], set[int]] = {}
    for rnd in awards.load(ROOT)[0]:
        for w in rnd.winners:
            listed.setdefault((w.city, w.iso2), set()).add(rnd.year)
    assert set(listed) <= set(by_key)
    assert len(listed) == 57 == len(winner_slugs())  # Cork won twice
    for key, city in by_key.items():
        assert set(city.awards) == listed.get(key, set()), key


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with the real award data and the winners' profiles only."""
    (tmp_path / "cities").mkdir()
    shutil.copytree(ROOT / "data", tmp_path / "data")
    for slug in winner_slugs():
        shutil.copy2(ROOT / "cities" / f"{slug}.yml", tmp_path / "cities")
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, start: str) -> int:
    """The line of a profile that starts with `start` (profiles gain lines, e.g. imported names)."""
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(start))


def test_winner_without_a_profile(repo: Path):
    (repo / "cities" / "melton.yml").unlink()
    assert problems(repo) == [
        f"{AWARDS_CSV}:2: each award winner must have a city profile with the same name and country code, got 'Melton' (AU); add a profile in cities/ (copy cities/_template.yml)",
    ]


def test_winner_with_another_country_code(repo: Path):
    edit(repo / "data" / "learning_city_awards.csv", "2017,Bristol,United Kingdom,GB", "2017,Bristol,United Kingdom,US")
    assert problems(repo) == [
        f"{AWARDS_CSV}:14: each award winner must have a city profile with the same name and country code, got 'Bristol' (US); cities/bristol.yml has 'Bristol' (GB)",
        f"cities/bristol.yml:{line_of(repo / 'cities' / 'bristol.yml', 'awards:')}: award years must be rounds in which {AWARDS_CSV} lists the city ('Bristol', GB), got 2017",
    ]


def test_profile_claims_an_award_the_list_does_not_give(repo: Path):
    edit(repo / "cities" / "cork.yml", "awards: [2015, 2024]", "awards: [2015, 2019, 2024]")
    assert problems(repo) == [
        f"cities/cork.yml:{line_of(repo / 'cities' / 'cork.yml', 'awards:')}: award years must be rounds in which {AWARDS_CSV} lists the city ('Cork', IE), got 2019",
    ]


def test_profile_misses_an_award_the_list_gives(repo: Path):
    edit(repo / "cities" / "cork.yml", "awards: [2015, 2024]", "awards: [2015]")
    assert problems(repo) == [
        f"cities/cork.yml:{line_of(repo / 'cities' / 'cork.yml', 'awards:')}: awards must list every round in which {AWARDS_CSV} lists the city (line 52), got no 2024; add it: awards: [2015, 2024]",
    ]


def test_profile_without_awards_line_but_listed(repo: Path):
    edit(repo / "cities" / "cork.yml", "awards: [2015, 2024]\n", "")
    assert problems(repo) == [
        f"cities/cork.yml:4: awards must list every round in which {AWARDS_CSV} lists the city (line 7), got no 2015; add it: awards: [2015, 2024]",
        f"cities/cork.yml:4: awards must list every round in which {AWARDS_CSV} lists the city (line 52), got no 2024; add it: awards: [2015, 2024]",
    ]


def test_award_row_names_an_unknown_conference(repo: Path):
    edit(repo / "data" / "learning_city_awards.csv", '2015,Melton,Australia,AU,"ICLC 2, Mexico City"', '2015,Melton,Australia,AU,"ICLC 9, Mexico City"')
    found = problems(repo)
    assert found[0].startswith(
        f"{AWARDS_CSV}:2: conferred_at must name a conference of data/conferences.csv as 'ICLC <number>, <host city>' (ICLC 1, Beijing; ICLC 2, Mexico City;"
    )
    assert found[0].endswith("got 'ICLC 9, Mexico City'")
    # The row is left out, so Melton's profile now claims an award the list does not give.
    line = next(n for n, text in enumerate((repo / "cities" / "melton.yml").read_text(encoding="utf-8").splitlines(), 1) if text.startswith("awards:"))
    assert found[1:] == [f"cities/melton.yml:{line}: award years must be rounds in which {AWARDS_CSV} lists the city ('Melton', AU), got 2015"]


def test_award_row_with_a_bad_year_and_a_repeated_winner(repo: Path):
    csv = repo / "data" / "learning_city_awards.csv"
    csv.write_text(
        csv.read_text(encoding="utf-8") + '20x5,Cork,Ireland,IE,"ICLC 2, Mexico City",https://example.org/\n'
        '2015,Cork,Ireland,IE,"ICLC 2, Mexico City",https://example.org/\n',
        encoding="utf-8",
    )
    register_cited(repo)
    assert problems(repo) == [
        f"{AWARDS_CSV}:60: award_year must be a year such as 2019, got '20x5'",
        f"{AWARDS_CSV}:61: each winner must be listed once per year, got Cork (IE) 2015 again; it is already on line 7",
    ]


def test_check_command_stops_on_award_problems_without_traceback(repo: Path):
    (repo / "cities" / "melton.yml").unlink()
    proc = subprocess.run([sys.executable, "-m", "portal", "--root", str(repo), "check"], capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[0].startswith(f"{AWARDS_CSV}:2: each award winner must have a city profile")
    assert "Traceback" not in proc.stderr + proc.stdout


def test_a_broken_profile_is_not_also_reported_as_a_missing_winner(repo: Path):
    edit(repo / "cities" / "melton.yml", "country: AU", "country: Australia")
    found = problems(repo)
    line = (repo / "cities" / "melton.yml").read_text(encoding="utf-8").splitlines().index("country: Australia") + 1
    assert len(found) == 1 and found[0].startswith(f"cities/melton.yml:{line}: country must be an ISO 3166-1 alpha-2 code")
