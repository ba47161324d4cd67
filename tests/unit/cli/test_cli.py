"""The `portal` command on throw-away repositories: messages, exit codes, annotations, scaffolds."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from portal import cli
from portal.cli import EXIT_EXISTS, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, annotation
from portal.files.yamlfile import Problem
from portal.model import network
from portal.model.loader import load
from portal.validate.schema import schema_text
from tests.conftest import ROOT, missing, register_cited, restrict_awards
from tests.unit.validate.test_rules import EXPECTED, FIXTURES

VALID = ("cork", "medellin")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """cities/ with two valid profiles and the template, data/, and a content/ with one translated page."""
    (tmp_path / "cities").mkdir()
    shutil.copytree(ROOT / "data", tmp_path / "data")
    for slug in VALID:
        shutil.copy2(ROOT / "cities" / f"{slug}.yml", tmp_path / "cities")
    shutil.copy2(ROOT / "cities" / "_template.yml", tmp_path / "cities")
    restrict_awards(tmp_path)  # the award list may name only cities that have a profile
    return tmp_path


def expected(repo: Path, name: str) -> tuple[int, str]:
    """A fixture's line and message in `repo`, whose award list (and so award years) is restricted."""
    line, message = EXPECTED[name]
    years = ", ".join(map(str, network.award_years(repo)))
    return line, message.replace("(2015, 2017, 2019, 2021, 2024)", f"({years})")


def run(repo: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The installed command, as a user runs it (a subprocess, from the repository folder)."""
    environ = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"} | (env or {})
    return subprocess.run([sys.executable, "-m", "portal", *args], cwd=repo, capture_output=True, text=True, env=environ, timeout=120)


def main(repo: Path, *args: str) -> int:
    return cli.main(["--root", str(repo), *args])


# --- check ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_error_class_gives_its_message_and_exit_1(repo: Path, name: str, capsys: pytest.CaptureFixture):
    shutil.copy2(FIXTURES / name, repo / "cities" / name)
    assert main(repo, "check") == EXIT_PROBLEMS
    err = capsys.readouterr().err.splitlines()
    line, message = expected(repo, name)
    assert f"cities/{name}:{line}: {message}" in err
    assert err[-1] == "1 problem(s) found; fix them and run 'portal check' again."


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_error_class_as_a_github_annotation(repo: Path, name: str, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    shutil.copy2(FIXTURES / name, repo / "cities" / name)
    assert main(repo, "check") == EXIT_PROBLEMS
    line, message = expected(repo, name)
    escaped = message.replace("%", "%25")
    assert capsys.readouterr().out.splitlines() == [f"::error file=cities/{name},line={line}::{escaped}"]


def test_annotation_format_is_exact_and_escaped():
    assert annotation(Problem("cities/x.yml", 12, "country must be FR, got 'France'")) == "::error file=cities/x.yml,line=12::country must be FR, got 'France'"
    # Data: % CR LF escaped. Properties: also ':' and ','.
    assert annotation(Problem("cities/a,b:c%.yml", 3, "100% wrong\r\nsecond line")) == (
        "::error file=cities/a%2Cb%3Ac%25.yml,line=3::100%25 wrong%0D%0Asecond line"
    )


def test_annotations_only_in_github_actions_and_on_request(repo: Path):
    shutil.copy2(FIXTURES / "unknown-region.yml", repo / "cities")
    expected = f"::error file=cities/unknown-region.yml,line=4::{EXPECTED['unknown-region.yml'][1]}"
    in_actions = run(repo, "check", env={"GITHUB_ACTIONS": "true"})
    assert in_actions.returncode == EXIT_PROBLEMS and in_actions.stdout.splitlines() == [expected]
    local = run(repo, "check")
    assert local.returncode == EXIT_PROBLEMS and expected not in local.stdout + local.stderr
    assert f"cities/unknown-region.yml:4: {EXPECTED['unknown-region.yml'][1]}" in local.stderr.splitlines()
    forced = run(repo, "check", "--format", "github")
    assert forced.stdout.splitlines() == [expected]
    plain = run(repo, "check", "--format", "text", env={"GITHUB_ACTIONS": "true"})
    assert plain.stdout == "" and "Traceback" not in plain.stderr


def test_check_passes_on_valid_profiles(repo: Path, capsys: pytest.CaptureFixture):
    assert main(repo, "check") == EXIT_OK
    assert capsys.readouterr().out == "2 city profiles OK.\n"


def test_check_with_paths_reports_only_those_files(repo: Path):
    shutil.copy2(FIXTURES / "unknown-region.yml", repo / "cities")
    shutil.copy2(FIXTURES / "empty.yml", repo / "cities")
    only_valid = run(repo, "check", "cities/cork.yml")
    assert (only_valid.returncode, only_valid.stdout) == (EXIT_OK, "1 city profile OK.\n")
    one_bad = run(repo, "check", "cities/cork.yml", "cities/empty.yml")
    assert one_bad.returncode == EXIT_PROBLEMS
    assert one_bad.stderr.splitlines()[0] == f"cities/empty.yml:1: {EXPECTED['empty.yml'][1]}"
    assert "unknown-region" not in one_bad.stderr
    # Absolute paths work too (editors and hooks pass them).
    assert run(repo, "check", str(repo / "cities" / "empty.yml")).returncode == EXIT_PROBLEMS


def test_check_with_paths_still_finds_duplicates_of_other_files(repo: Path):
    text = (repo / "cities" / "cork.yml").read_text(encoding="utf-8")
    (repo / "cities" / "cork-again.yml").write_text(text, encoding="utf-8")
    proc = run(repo, "check", "cities/cork-again.yml")
    assert proc.returncode == EXIT_PROBLEMS
    # Profiles are read in name order: the second one read (cork.yml) carries the message.
    assert "cities/cork.yml:4: each city must have one profile, got 'Cork' (IE) again; it is already in cities/cork-again.yml" in proc.stderr.splitlines()


def test_check_ignores_files_that_are_not_profiles(repo: Path):
    (repo / "notes.txt").write_text("x", encoding="utf-8")
    proc = run(repo, "check", "cities/_template.yml", "notes.txt")
    assert (proc.returncode, proc.stdout) == (EXIT_OK, "No city profiles or case studies among the given files; nothing to check.\n")


def test_check_of_a_missing_file_is_a_usage_error(repo: Path):
    proc = run(repo, "check", "cities/nowhere.yml")
    assert proc.returncode == EXIT_USAGE
    assert proc.stderr == "portal check: no such file in the repository: cities/nowhere.yml\n"


def test_unknown_command_and_option_are_usage_errors(repo: Path):
    assert run(repo, "deploy").returncode == EXIT_USAGE
    proc = run(repo, "check", "--format", "xml")
    assert proc.returncode == EXIT_USAGE and "invalid choice: 'xml'" in proc.stderr


@pytest.mark.parametrize("command", [[], ["check"], ["new"], ["new", "city"], ["new", "case-study"], ["coverage"], ["generate"], ["schema"]])
def test_every_command_has_help(repo: Path, command: list[str]):
    proc = run(repo, *command, "--help")
    assert proc.returncode == EXIT_OK
    assert proc.stdout.startswith("usage: portal")
    assert "exit codes:" in proc.stdout and "3  the file to create already exists" in proc.stdout


def test_the_entry_point_is_installed():
    script = Path(sys.executable).parent / "portal"
    if not script.exists():
        missing("the portal entry point is not installed next to this Python (make installs it)")
    proc = subprocess.run([str(script), "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and "coverage" in proc.stdout


# --- new city ------------------------------------------------------------------------------------

NEW = [
    "new",
    "city",
    "tromso",
    "--name",
    "Tromsø",
    "--country",
    "NO",
    "--region",
    "europe-north-america",
    "--source",
    "https://www.uil.unesco.org/en/learning-cities",
    "--joined",
    "2022",
]


def test_new_city_writes_a_valid_profile_from_the_template(repo: Path):
    proc = run(repo, *NEW)
    assert proc.returncode == EXIT_OK, proc.stderr
    assert proc.stdout == "wrote cities/tromso.yml: fill in the optional fields you have a source for, then run 'portal check cities/tromso.yml'.\n"
    text = (repo / "cities" / "tromso.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=city.schema.json\n")
    assert "\nname: Tromsø\n" in text and "\ncountry: 'NO'\n" in text and "\nregion: Europe and North America\n" in text
    assert "\njoined: 2022\n" in text and "\nsources:\n  - https://www.uil.unesco.org/en/learning-cities\n" in text
    # The template's explanations stay; optional fields it has examples for are commented out.
    assert '# Norway is "NO" in quotes' in text and "\n# geonames_id: 2996944\n" in text and "\n# website: https://www.lyon.fr/\n" in text
    city = next(c for c in load(repo).cities if c.slug == "tromso")
    assert (city.name, city.country, city.region, city.joined, city.lat) == ("Tromsø", "NO", "europe-north-america", 2022, None)
    assert run(repo, "check").returncode == EXIT_OK


def test_new_city_refuses_to_overwrite(repo: Path):
    before = (repo / "cities" / "cork.yml").read_bytes()
    proc = run(repo, "new", "city", "cork", "--name", "Cork 2", "--country", "IE", "--region", "Europe and North America", "--source", "https://example.org/")
    assert proc.returncode == EXIT_EXISTS
    assert proc.stderr == "portal new city: cities/cork.yml already exists; edit it instead (portal new never overwrites a file)\n"
    assert (repo / "cities" / "cork.yml").read_bytes() == before


def test_new_city_reports_every_invalid_argument_and_writes_nothing(repo: Path):
    proc = run(
        repo,
        "new",
        "city",
        "Bad_Slug",
        "--name",
        "X<",
        "--country",
        "France",
        "--region",
        "Europe",
        "--source",
        "ftp://example.org",
        "--joined",
        "1999",
        "--website",
        "www.x.org",
    )
    assert proc.returncode == EXIT_USAGE
    assert proc.stderr.splitlines() == [
        "portal new city: SLUG must be lowercase letters, digits and hyphens (it becomes the page address /cities/SLUG/), got 'Bad_Slug'",
        "portal new city: --name: name may contain letters, digits, spaces and ' ’ . , ( ) - only, got 'X<' with '<'",
        "portal new city: --country: country must be an ISO 3166-1 alpha-2 code such as FR or KE, got 'France'; did you mean FR (France)?",
        "portal new city: --region: " + EXPECTED["unknown-region.yml"][1],
        "portal new city: --joined: " + EXPECTED["impossible-joined.yml"][1].replace("2031", "1999"),
        "portal new city: --website: website must be a web address starting with https:// or http://, got 'www.x.org'",
        "portal new city: --source: each source must be a web address starting with https:// or http://, got 'ftp://example.org'",
    ]
    assert sorted(p.name for p in (repo / "cities").iterdir()) == ["_template.yml", "cork.yml", "medellin.yml"]


def test_new_city_refuses_a_second_profile_of_the_same_city(repo: Path):
    proc = run(
        repo, "new", "city", "cork-ireland", "--name", "cork", "--country", "IE", "--region", "Europe and North America", "--source", "https://example.org/"
    )
    assert proc.returncode == EXIT_USAGE
    assert proc.stderr == "portal new city: --name: each city must have one profile, got 'cork' (IE) again; it is already in cities/cork.yml\n"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--name", "X", "--country", "FR", "--region", "Africa"], "the following arguments are required: --source"),
        (["--name", "X", "--country", "FR"], "the following arguments are required: --region, --source"),
        (
            ["--name", "X", "--country", "FR", "--region", "Africa", "--source", "https://e.org", "--joined", "soon"],
            "argument --joined: must be a year such as 2024, got 'soon'",
        ),
    ],
)
def test_new_city_missing_or_malformed_arguments(repo: Path, args: list[str], message: str):
    proc = run(repo, "new", "city", "x", *args)
    assert proc.returncode == EXIT_USAGE and message in proc.stderr


def test_new_city_with_a_broken_template_reports_the_template_fields(repo: Path):
    """The scaffold is the template: every field of rules.FIELDS must have a block in it."""
    from portal.authoring.scaffold import template_blocks
    from portal.validate.profile import FIELDS

    _, blocks = template_blocks((ROOT / "cities" / "_template.yml").read_text(encoding="utf-8"))
    assert list(blocks) == list(FIELDS)


# --- new case study ------------------------------------------------------------------------------

CASE = [
    "new",
    "case-study",
    "medellin-2019",
    "--city",
    "medellin",
    "--title",
    "Medellín: learning in every district",
    "--summary",
    "What Medellín did.",
    "--year",
    "2019",
    "--target",
    "4.3",
    "--target",
    "11.a",
    "--theme",
    "equity-inclusion",
    "--source",
    "https://example.org/a",
]


def test_new_case_study_writes_the_case_study_format(repo: Path):
    import datetime as dt

    import yaml

    proc = run(repo, *CASE)
    assert proc.returncode == EXIT_OK, proc.stderr
    assert proc.stdout == "wrote case-studies/medellin-2019.md: write the text, with facts from its sources only.\n"
    text = (repo / "case-studies" / "medellin-2019.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: ")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front == {
        "title": "Medellín: learning in every district",
        "summary": "What Medellín did.",
        "city": "medellin",
        "year": 2019,
        "sdg_targets": ["4.3", "11.a"],
        "themes": ["equity-inclusion"],
        "sources": ["https://example.org/a"],
        "updated": dt.date.today(),
    }
    assert "\n# Medellín: learning in every district\n" in text
    again = run(repo, *CASE)
    assert again.returncode == EXIT_EXISTS
    assert again.stderr == "portal new case-study: case-studies/medellin-2019.md already exists; edit it instead (portal new never overwrites a file)\n"


def test_new_case_study_for_several_cities_and_themes_from_the_data(repo: Path):
    (repo / "data" / "themes.yml").write_text(
        "clusters:\n  - id: literacy\n    en: Literacy\nbuilding_blocks:\n  - id: workplace\n    en: Workplace\n", encoding="utf-8"
    )
    common = ["--city", "cork", "--city", "medellin", "--title", "T", "--summary", "S", "--year", "2024", "--target", "4.6", "--source", "https://example.org/"]
    assert run(repo, "new", "case-study", "two", *common, "--theme", "literacy").returncode == EXIT_OK
    assert "\ncity: [cork, medellin]\n" in (repo / "case-studies" / "two.md").read_text(encoding="utf-8")
    proc = run(repo, "new", "case-study", "three", *common, "--theme", "equity-inclusion")
    assert proc.returncode == EXIT_USAGE
    assert proc.stderr == "portal new case-study: --theme must be a theme id from data/themes.yml (literacy, workplace), got 'equity-inclusion'\n"


def test_new_case_study_reports_every_invalid_argument(repo: Path):
    proc = run(
        repo,
        "new",
        "case-study",
        "X",
        "--city",
        "atlantis",
        "--title",
        " ",
        "--summary",
        "x" * 501,
        "--year",
        "2012",
        "--target",
        "4.9",
        "--target",
        "4.9",
        "--theme",
        "Health",
        "--source",
        "example.org",
    )
    assert proc.returncode == EXIT_USAGE
    assert proc.stderr.splitlines() == [
        "portal new case-study: SLUG must be lowercase letters, digits and hyphens (it becomes the page address), got 'X'",
        "portal new case-study: --city must be the file name of a city profile without .yml (cities/<city>.yml), got 'atlantis'",
        "portal new case-study: --title must be one line of text of at most 200 characters, got ' '",
        f"portal new case-study: --summary must be one line of text of at most 500 characters, got '{'x' * 501}'",
        "portal new case-study: --year must be a year from 2013 (the network's launch) to %d, got 2012" % __import__("datetime").date.today().year,
        "portal new case-study: --target must be an SDG 4 or SDG 11 target such as 4.3 or 11.a, got '4.9'",
        "portal new case-study: --target must be an SDG 4 or SDG 11 target such as 4.3 or 11.a, got '4.9'",
        "portal new case-study: --theme must be a theme id from data/themes.yml (sustainable-development, equity-inclusion, planning-monitoring-evaluation, global-citizenship, entrepreneurship, health-well-being, literacy, inclusive-learning, families-communities, workplace, learning-technologies, quality-learning, culture-of-learning), got 'Health'",
        "portal new case-study: --source must be a web address starting with https:// or http://, got 'example.org'",
        "portal new case-study: each --target must be given once, got 4.9 twice",
    ]
    assert not (repo / "content").exists()


def test_new_case_study_needs_targets_themes_and_sources(repo: Path):
    proc = run(repo, "new", "case-study", "x", "--city", "cork", "--title", "T", "--summary", "S", "--year", "2020")
    assert proc.returncode == EXIT_USAGE
    assert "the following arguments are required: --target, --theme, --source" in proc.stderr


# --- coverage and schema -------------------------------------------------------------------------


def test_coverage_counts_pages_names_and_summaries(repo: Path, capsys: pytest.CaptureFixture):
    content = repo / "content"
    content.mkdir(parents=True)
    (repo / "case-studies").mkdir()  # case studies are written outside content/ (the generator copies them in)
    (repo / "case-studies" / "x.md").write_text("# x\n", encoding="utf-8")
    for name in ("index.md", "index.fr.md", "about.md", "about.fr.md", "about.ar.md", "orphan.zh.md"):
        (content / name).write_text("# x\n", encoding="utf-8")
    (content / "cities").mkdir()  # a generated folder is not counted
    (content / "cities" / ".gitignore").write_text("*\n", encoding="utf-8")
    (content / "cities" / "cork.md").write_text("# x\n", encoding="utf-8")
    for profile in (repo / "cities").glob("[!_]*.yml"):  # without their imported names: the test sets its own
        profile.write_text(re.sub(r"^names(_source)?:\n(  .*\n)+", "", profile.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    medellin = repo / "cities" / "medellin.yml"
    kept = re.sub(r"^summary:\n(?:  .*\n)+summary_sources:\n(?:  .*\n)+", "", medellin.read_text(encoding="utf-8"), flags=re.M)
    medellin.write_text(
        kept + "names:\n  ru: Медельин\nsummary:\n  en: A city.\n  fr: Une ville.\nsummary_sources: [https://example.org/medellin]\n", encoding="utf-8"
    )
    register_cited(repo)
    assert main(repo, "coverage", "--format", "json") == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert data["default_language"] == "en" and list(data["languages"]) == ["fr", "es", "ar", "zh", "ru"]
    fr, ru = data["languages"]["fr"], data["languages"]["ru"]
    assert fr["pages"] == {"translated": 2, "total": 3, "percent": 66, "fallback": ["case-studies/x.md"]}
    assert data["languages"]["ar"]["pages"]["fallback"] == ["case-studies/x.md", "index.md"]
    # Cork's summary is in all six languages; Medellín's (replaced above) only in English and French
    assert fr["summary"] == {"translated": 2, "total": 2, "percent": 100, "fallback": []}
    assert ru["summary"] == {"translated": 1, "total": 2, "percent": 50, "fallback": ["medellin"]}
    assert ru["names"] == {"translated": 1, "total": 2, "percent": 50, "fallback": ["cork"]}
    assert main(repo, "coverage", "--lang", "ru", "--details") == EXIT_OK
    out = capsys.readouterr().out
    assert "\nru " in out and "\nfr " not in out
    assert "ru summary falling back to English (1):\n  medellin\n" in out


def test_coverage_needs_valid_profiles(repo: Path, capsys: pytest.CaptureFixture):
    shutil.copy2(FIXTURES / "empty.yml", repo / "cities")
    assert main(repo, "coverage") == EXIT_PROBLEMS
    assert f"cities/empty.yml:1: {EXPECTED['empty.yml'][1]}" in capsys.readouterr().err


def test_schema_export(repo: Path, capsys: pytest.CaptureFixture):
    assert main(repo, "schema", "--list") == EXIT_OK
    assert capsys.readouterr().out == "city\tcities/city.schema.json\n"
    assert main(repo, "schema", "city") == EXIT_OK
    assert json.loads(capsys.readouterr().out)["title"] == "Learning Cities Portal: city profile"
    assert main(repo, "schema", "--write") == EXIT_OK
    assert (repo / "cities" / "city.schema.json").read_text(encoding="utf-8") == schema_text(network.award_years(repo))
    assert main(repo, "schema", "town") == EXIT_USAGE
    assert "unknown schema, got 'town'" in capsys.readouterr().err


# --- file-level problems (names and folders in cities/) -------------------------------------------


@pytest.mark.parametrize(
    "make, shown, message",
    [
        (
            lambda c: (c / "Lyon.yml").write_text("name: Lyon\n", encoding="utf-8"),
            "cities/Lyon.yml:1",
            "a city profile's file name must be lowercase letters, digits and hyphens (it becomes the page address), got 'Lyon.yml'",
        ),
        (
            lambda c: (c / "lyon.yaml").write_text("name: Lyon\n", encoding="utf-8"),
            "cities/lyon.yaml:1",
            "a city profile's file name must end in .yml, got 'lyon.yaml'; rename it to 'lyon.yml'",
        ),
        (lambda c: (c / "europe").mkdir(), "cities/europe:1", "cities/ holds one .yml file per city and no folders, got the folder 'europe'"),
    ],
)
def test_file_level_problems_give_their_message_and_exit_1(repo: Path, make, shown: str, message: str):
    make(repo / "cities")
    proc = run(repo, "check")
    assert proc.returncode == EXIT_PROBLEMS
    assert f"{shown}: {message}" in proc.stderr.splitlines()
    github = run(repo, "check", env={"GITHUB_ACTIONS": "true"})
    file, line = shown.rsplit(":", 1)
    assert f"::error file={file},line={line}::{message}" in github.stdout.splitlines()


def test_no_profiles_at_all(tmp_path: Path):
    (tmp_path / "cities").mkdir()
    shutil.copytree(ROOT / "data", tmp_path / "data")
    proc = run(tmp_path, "check")
    assert proc.returncode == EXIT_PROBLEMS
    assert proc.stderr.splitlines()[0] == "cities/:1: no city profiles found; add one from cities/_template.yml"


def test_same_geonames_place_twice(repo: Path):
    text = (repo / "cities" / "cork.yml").read_text(encoding="utf-8").replace("name: Cork", "name: Cork City")
    (repo / "cities" / "cork-city.yml").write_text(text, encoding="utf-8")
    proc = run(repo, "check")
    assert proc.returncode == EXIT_PROBLEMS
    assert any(
        ln.startswith("cities/cork.yml:") and ln.endswith("again; it is already in cities/cork-city.yml") and "geonames_id" in ln
        for ln in proc.stderr.splitlines()
    ), proc.stderr
