"""Case studies: one fixture per rule (tests/fixtures/case-studies/), exact message and real file line."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from portal.model import casestudies
from portal.model.casestudies import CASE_STUDIES_DIR
from portal.model.loader import load
from portal.validate import casestudy as casestudy_rules
from tests.conftest import ROOT, register_cited
from tests.conftest import load_problems as problems

FIXTURES = ROOT / "tests" / "fixtures" / "case-studies"
THIS_YEAR = dt.date.today().year
TARGETS = "4.1, 4.2, 4.3, 4.4, 4.5, 4.6, 4.7, 4.a, 4.b, 4.c, 11.1, 11.2, 11.3, 11.4, 11.5, 11.6, 11.7, 11.a, 11.b, 11.c"
THEMES = (
    "sustainable-development, equity-inclusion, planning-monitoring-evaluation, global-citizenship, entrepreneurship, "
    "health-well-being, literacy, inclusive-learning, families-communities, workplace, learning-technologies, quality-learning, "
    "culture-of-learning"
)

# fixture -> (line in the file, exact message). Line 1 is the opening '---'.
EXPECTED: dict[str, tuple[int, str]] = {
    "unknown-city.md": (4, "city must be the name of a profile in cities/ without .yml, got 'nanjin'; did you mean 'nanjing'?"),
    "unknown-target.md": (8, f"sdg_targets must be SDG 4 or SDG 11 targets ({TARGETS}), got '4.9'"),
    "unknown-theme.md": (
        7,
        f"themes must be theme ids from data/themes.yml ({THEMES}), got 'sustainable-developement'; did you mean 'sustainable-development'?",
    ),
    "missing-sources.md": (
        1,
        "the field 'sources' is required, got no 'sources:' line; add it (Public sources of every fact: web addresses, or 'title:' (and 'url:') blocks.)",
    ),
    "empty-sources.md": (8, "sources must be a list of at least one source (a web address, or 'title:' and 'url:'), got a list"),
    "malformed-source.md": (9, "a source block must have 'title:' and may have 'url:', got title, link"),
    "malformed-front-matter.md": (
        7,
        "not valid YAML: did not find expected ',' or ']' (in the [...] list that starts on line 6); check the indentation and quoting on this line or the one before",
    ),
    "no-front-matter.md": (
        1,
        "a case study must start with a '---' line, then its fields (title:, city:, ...), then a closing '---' line, got '# A case study'",
    ),
    "unclosed-front-matter.md": (1, "the front matter opened by '---' on line 1 must be closed by a second '---' line, got no closing '---'"),
    "unknown-field.md": (6, "unknown field, got 'sdg'; did you mean 'sdg_targets'?"),
    "impossible-year.md": (5, f"year must be from 2013 (the network's launch) to {THIS_YEAR}, got 2012"),
    "malformed-updated.md": (10, "updated must be a date written YYYY-MM-DD such as 2026-11-22, got '22/11/2026'"),
}


def repo_with(tmp_path: Path, *files: Path) -> Path:
    """A repository with every real city profile, the data, and only the given case studies."""
    shutil.copytree(ROOT / "cities", tmp_path / "cities")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    folder = tmp_path / CASE_STUDIES_DIR
    folder.mkdir(parents=True)
    for f in files:
        shutil.copy2(f, folder / f.name)
    register_cited(tmp_path)  # the pages the fixtures cite are described (data/sources.yml)
    return tmp_path


def test_every_fixture_has_an_expectation():
    assert sorted(p.name for p in FIXTURES.glob("*.md")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rule_message_and_line(tmp_path: Path, name: str):
    line, message = EXPECTED[name]
    assert problems(repo_with(tmp_path, FIXTURES / name)) == [f"{CASE_STUDIES_DIR}/{name}:{line}: {message}"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_line_points_at_the_bad_line(name: str):
    """Line numbers are real file lines (the opening '---' is line 1), not front-matter lines."""
    line, message = EXPECTED[name]
    text = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    if line > 1:
        bad = message.split(", got ")[-1].split(";")[0].strip("'")
        assert bad.split(", ")[0] in text[line - 1] or "list" in bad, (text[line - 1], bad)


def test_translation_holds_only_translated_fields(tmp_path: Path):
    root = repo_with(tmp_path, *sorted((FIXTURES / "translation").glob("*.md")))
    assert problems(root) == [
        f"{CASE_STUDIES_DIR}/with-city.fr.md:4: a translation takes 'city' from {CASE_STUDIES_DIR}/with-city.md; remove the line, got 'city:'",
    ]


def test_translation_without_english_file(tmp_path: Path):
    root = repo_with(tmp_path, FIXTURES / "translation" / "with-city.fr.md")
    assert problems(root) == [f"{CASE_STUDIES_DIR}/with-city.fr.md:1: a translation needs its English case study, got no {CASE_STUDIES_DIR}/with-city.md"]


def test_bad_file_names(tmp_path: Path):
    root = repo_with(tmp_path)
    good = (ROOT / CASE_STUDIES_DIR / "cork-iclc3-2017.md").read_text(encoding="utf-8")
    for name in ("Cork-2017.md", "cork-2017.de.md"):
        (root / CASE_STUDIES_DIR / name).write_text(good, encoding="utf-8")
    assert problems(root) == [
        f"{CASE_STUDIES_DIR}/Cork-2017.md:1: a case study's file name must be lowercase letters, digits and hyphens (it becomes the page address), got 'Cork-2017.md'",
        f"{CASE_STUDIES_DIR}/cork-2017.de.md:1: a case study's file name must be <name>.md or <name>.<language>.md with a language among fr, es, ar, zh, ru, got 'cork-2017.de.md'",
    ]


def test_every_problem_of_every_file_is_reported(tmp_path: Path):
    root = repo_with(tmp_path, *sorted(FIXTURES.glob("*.md")))
    assert sorted(problems(root)) == sorted(f"{CASE_STUDIES_DIR}/{n}:{line}: {msg}" for n, (line, msg) in EXPECTED.items())


def test_unquoted_targets_are_read_as_target_ids(tmp_path: Path):
    root = repo_with(tmp_path)
    text = (FIXTURES / "unknown-target.md").read_text(encoding="utf-8").replace("  - 4.9\n", "  - 4.6\n  - 11.a\n")
    (root / CASE_STUDIES_DIR / "x.md").write_text(text, encoding="utf-8")
    register_cited(root)
    assert load(root).case_studies.get("x").targets == ("4.1", "4.6", "11.a")


def test_the_real_case_studies_are_valid():
    library = load(ROOT).case_studies
    assert len(library.studies) >= 8
    assert all(s.sources for s in library.studies)
    fully_translated = [s.slug for s in library.studies if set(s.translations) == {"fr", "es", "ar", "zh", "ru"}]
    assert len(fully_translated) >= 3, fully_translated


def test_related_case_studies_share_a_target_or_theme():
    library = load(ROOT).case_studies
    for study in library.studies:
        for other in library.related(study):
            assert other.slug != study.slug
            assert set(other.targets) & set(study.targets) or set(other.themes) & set(study.themes)


def cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "portal", "--root", str(root), *args], capture_output=True, text=True, cwd=ROOT / "hooks", timeout=120)


def test_check_command_reports_case_study_problems(tmp_path: Path):
    root = repo_with(tmp_path, FIXTURES / "unknown-city.md")
    proc = cli(root, "check")
    assert proc.returncode == 1
    line, message = EXPECTED["unknown-city.md"]
    assert f"{CASE_STUDIES_DIR}/unknown-city.md:{line}: {message}" in proc.stderr.splitlines()
    assert "Traceback" not in proc.stderr


def test_a_case_study_in_its_old_place_is_reported_not_lost(tmp_path: Path):
    """content/case-studies/ is generated now: a case study committed there (an old habit, an
    old pull request) gets a located message with the fix, from the check and the build."""
    root = repo_with(tmp_path)
    old = root / casestudies.GENERATED_DIR / "lyon-2024.md"
    old.parent.mkdir(parents=True)
    shutil.copy2(FIXTURES / "unknown-city.md", old)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "add", casestudies.GENERATED_DIR], check=True)
    expected = (
        "content/case-studies/lyon-2024.md:1: case studies are written in case-studies/ now (content/case-studies/ is "
        "generated from it, and the build would delete this file), got a file here; move it to case-studies/lyon-2024.md"
    )
    for args in (["check"], ["check", str(old)], ["generate"]):
        proc = cli(root, *args)
        assert proc.returncode == 1 and expected in proc.stderr.splitlines(), (args, proc.stderr)
        assert "Traceback" not in proc.stderr
    assert old.is_file()  # the build stopped before it could replace the folder


def test_check_command_accepts_the_real_case_studies():
    proc = cli(ROOT, "check")
    assert proc.returncode == 0, proc.stderr
    assert "case studies OK." in proc.stdout


@pytest.mark.parametrize("field", list(casestudy_rules.FIELDS))
def test_the_format_reference_documents_every_field(field: str):
    assert f"| `{field}` |" in (ROOT / CASE_STUDIES_DIR / "README.md").read_text(encoding="utf-8")
