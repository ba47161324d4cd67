"""One fixture per validation rule (tests/fixtures/invalid/), each with its exact message and line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from portal.model.loader import load
from tests.conftest import ROOT, winner_slugs
from tests.conftest import load_problems as problems

FIXTURES = ROOT / "tests" / "fixtures" / "invalid"
THIS_YEAR = __import__("datetime").date.today().year
REGIONS = "Africa, Arab States, Asia and the Pacific, Europe and North America, Latin America and the Caribbean"

# fixture file -> (line, exact message). The message names the rule and the bad value.
EXPECTED: dict[str, tuple[int, str]] = {
    "malformed-yaml.yml": (
        5,
        "not valid YAML: did not find expected ',' or ']' (in the [...] list that starts on line 4); check the indentation and quoting on this line or the one before",
    ),
    "malformed-list-item.yml": (
        7,
        "not valid YAML: did not find expected key (in the block of keys that starts on line 2); check the indentation and quoting on this line or the one before",
    ),
    "not-a-mapping.yml": (2, "a profile must be a block of 'key: value' lines (name:, country:, ...), got a list"),
    "unknown-key.yml": (7, "unknown field, got 'contry'; did you mean 'country'?"),
    "wrong-type.yml": (7, "joined must be a year such as 2016 (or leave the line out), got '2016'"),
    "missing-required.yml": (1, f"the field 'region' is required, got no 'region:' line; add it (UNESCO region: one of {REGIONS}.)"),
    "unknown-country.yml": (3, "country must be an ISO 3166-1 alpha-2 code such as FR or KE, got 'France'; did you mean FR (France)?"),
    "unassigned-country.yml": (3, "country must be an ISO 3166-1 alpha-2 code such as FR or KE, got 'XK'"),
    "norway-unquoted.yml": (3, 'country must be an ISO 3166-1 alpha-2 code such as FR or KE, got false; write Norway as "NO" in quotes'),
    "unknown-region.yml": (4, f"region must be one of {REGIONS}, got 'Europe'"),
    "impossible-joined.yml": (7, f"joined must be a year from 2013 (the network's launch) to {THIS_YEAR}, got 2031"),
    "impossible-award.yml": (7, "award years must be years in which the Learning City Award was given (2015, 2017, 2019, 2021, 2024), got 2016"),
    "coordinates-range.yml": (8, "coordinates.lat must be between -90 and 90, got 145.7"),
    "malformed-website.yml": (7, "website must be a web address starting with https:// or http://, got 'www.lyon.fr'"),
    "malformed-source.yml": (6, "each source must be a web address starting with https:// or http://, got 'javascript:alert(1)'"),
    "name-characters.yml": (2, "name may contain letters, digits, spaces and ' ’ . , ( ) - only, got '<script>alert(1)</script>' with '/<>'"),
    "summary-language.yml": (8, "summary languages must be among en, fr, es, ar, zh, ru, got 'de'"),
    "duplicate-key.yml": (7, "the key 'name' appears twice in the same block, got a second 'name'; keep one"),
    "alias.yml": (2, "YAML anchors and aliases ('&name', '*name') are not allowed in profiles, got anchor 'n'; write the value out in full"),
    "empty.yml": (1, "file is empty; copy cities/_template.yml and fill it in"),
    "names-source-without-name.yml": (7, "names_source.ru says where names.ru comes from, got no names.ru; remove this line or add the name"),
    "names-source-value.yml": (
        6,
        "names_source.zh must be one of geonames, cldr, texts, transcribed, or the address (https://...) of a public page that writes the name, got 'wikipedia'",
    ),
    "summary-without-sources.yml": (
        7,
        "a summary needs summary_sources: the web pages it is written from; add 'summary_sources:' with one '- https://...' line per page",
    ),
    "summary-without-english.yml": (7, "summary must have an English text (en:), the one other languages fall back to; add 'en: ...' under summary:"),
    "summary-sources-alone.yml": (7, "summary_sources is only for a summary; add summary: or remove summary_sources:"),
    "not-utf8.yml": (2, "file must be saved as UTF-8 text, got the byte 0xE7; save it again as UTF-8"),
    "old-notes.yml": (
        7,
        "notes: is now two fields: maintainer_notes: (English, for maintainers, never shown) or reader_note: (shown on the page, with en:, fr:, ... lines); rename it to the one you mean",
    ),
    "reader-note-without-english.yml": (
        7,
        "reader_note must have an English text (en:), the one other languages fall back to; add 'en: ...' under reader_note:",
    ),
}


def repo_with(tmp_path: Path, *files: Path) -> Path:
    """A repository with the given profiles, plus the award winners' (the award list needs them)."""
    (tmp_path / "cities").mkdir()
    shutil.copytree(ROOT / "data", tmp_path / "data")
    for slug in winner_slugs():
        shutil.copy2(ROOT / "cities" / f"{slug}.yml", tmp_path / "cities")
    for f in files:
        shutil.copy2(f, tmp_path / "cities" / f.name)
    return tmp_path


def test_every_fixture_has_an_expectation():
    assert sorted(p.name for p in FIXTURES.glob("*.yml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rule_message_and_line(tmp_path: Path, name: str):
    line, message = EXPECTED[name]
    assert problems(repo_with(tmp_path, FIXTURES / name)) == [f"cities/{name}:{line}: {message}"]


def test_duplicate_city_in_two_files(tmp_path: Path):
    root = repo_with(tmp_path)
    text = (ROOT / "cities" / "cork.yml").read_text(encoding="utf-8")
    (root / "cities" / "cork.yml").write_text(text, encoding="utf-8")
    (root / "cities" / "cork-city.yml").write_text(text.replace("geonames_id: 2965140\n", ""), encoding="utf-8")
    assert problems(root) == [
        "cities/cork.yml:4: each city must have one profile, got 'Cork' (IE) again; it is already in cities/cork-city.yml",
    ]


def test_bad_file_names(tmp_path: Path):
    root = repo_with(tmp_path)
    good = (ROOT / "cities" / "cork.yml").read_text(encoding="utf-8")
    (root / "cities" / "Lyon.yml").write_text(good, encoding="utf-8")
    (root / "cities" / "lyon.yaml").write_text(good, encoding="utf-8")
    assert problems(root) == [
        "cities/Lyon.yml:1: a city profile's file name must be lowercase letters, digits and hyphens (it becomes the page address), got 'Lyon.yml'",
        "cities/lyon.yaml:1: a city profile's file name must end in .yml, got 'lyon.yaml'; rename it to 'lyon.yml'",
    ]


def test_all_problems_are_collected(tmp_path: Path):
    """Every broken file is reported in one run, in file order, not just the first."""
    root = repo_with(tmp_path, *sorted(FIXTURES.glob("*.yml")))
    found = problems(root)
    assert len(found) == len(EXPECTED)
    assert found == [f"cities/{n}:{EXPECTED[n][0]}: {EXPECTED[n][1]}" for n in sorted(EXPECTED)]


def test_several_problems_in_one_file(tmp_path: Path):
    root = repo_with(tmp_path)
    (root / "cities" / "lyon.yml").write_text(
        "name: Lyon\ncountry: France\nregion: Europe and North America\njoined: 1999\nwebsite: lyon.fr\nsources: []\n",
        encoding="utf-8",
    )
    assert problems(root) == [
        "cities/lyon.yml:2: country must be an ISO 3166-1 alpha-2 code such as FR or KE, got 'France'; did you mean FR (France)?",
        "cities/lyon.yml:4: joined must be a year from 2013 (the network's launch) to %d, got 1999" % THIS_YEAR,
        "cities/lyon.yml:5: website must be a web address starting with https:// or http://, got 'lyon.fr'",
        "cities/lyon.yml:6: sources must be a list of at least one web address, got a list",
    ]


def test_the_real_profiles_are_valid():
    network = load(ROOT)
    profiles = [p for p in (ROOT / "cities").glob("*.yml") if not p.name.startswith("_")]
    assert len(profiles) >= 199
    assert len(network.cities) == len(profiles)


def test_the_template_is_a_valid_profile(tmp_path: Path):
    root = repo_with(tmp_path)
    shutil.copy2(ROOT / "cities" / "_template.yml", root / "cities" / "lyon.yml")
    assert [c.name for c in load(root).cities if c.slug not in winner_slugs()] == ["Lyon"]


@pytest.mark.parametrize("name", ["unknown-country.yml", "empty.yml", "not-utf8.yml", "alias.yml"])
def test_check_command_exits_1_with_the_message_and_no_traceback(tmp_path: Path, name: str):
    root = repo_with(tmp_path, FIXTURES / name)
    proc = subprocess.run([sys.executable, "-m", "portal", "--root", str(root), "check"], capture_output=True, text=True)
    line, message = EXPECTED[name]
    assert proc.returncode == 1
    assert f"cities/{name}:{line}: {message}" in proc.stderr.splitlines()
    assert "Traceback" not in proc.stderr + proc.stdout


def test_check_command_passes_on_the_real_profiles():
    proc = subprocess.run([sys.executable, "-m", "portal", "--root", str(ROOT), "check"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    profiles = [p for p in (ROOT / "cities").glob("*.yml") if not p.name.startswith("_")]
    assert proc.stdout.splitlines()[0] == f"{len(profiles)} city profiles OK."


@pytest.mark.parametrize(
    ("name", "slug"), [("Câmara de Lobos", "camara-de-lobos"), ("Sønderborg", "sonderborg"), ("Balıkesir", "balikesir"), ("Sa Đéc", "sa-dec"), ("Łódź", "lodz")]
)
def test_profile_file_names_keep_every_latin_letter(name: str, slug: str):
    from portal.authoring.importers import slugify

    assert slugify(name) == slug


def test_every_profile_file_name_is_its_name_in_ascii_where_unicode_can_say_it():
    """Sønderborg's page is /cities/sonderborg/, not /cities/snderborg/ (letters dropped by a plain ASCII fold)."""
    stems = {path.stem for path in (ROOT / "cities").glob("[!_]*.yml")}
    assert {"sonderborg", "balikesir", "sa-dec"} <= stems and not {"snderborg", "balkesir", "sa-ec"} & stems


def test_every_rule_states_itself_in_a_docstring():
    """One rule style across the validation package: a function whose one-line docstring states it."""
    from portal.validate import casestudy, citations, profile, reasons

    rule_lists = [profile.RULES, casestudy.CASE_STUDY_RULES, casestudy.TRANSLATION_RULES, reasons.ENTRY_RULES, citations.CITATION_RULES, citations.ENTRY_RULES]
    rules = {fn for rules in rule_lists for fn in rules}
    assert len(rules) >= 40
    assert sorted(fn.__name__ for fn in rules if not (fn.__doc__ or "").strip()) == []


@pytest.mark.parametrize("source", ["geonames", "cldr", "texts", "transcribed", "https://www.uil.unesco.org/en/learning-cities"])
def test_every_kind_of_name_source_is_accepted(tmp_path: Path, source: str):
    """names_source says where a name comes from: an importer, CLDR, the portal's texts, the
    language's transcription rules, or a page that writes it."""
    text = (FIXTURES / "names-source-value.yml").read_text(encoding="utf-8").replace("zh: wikipedia", f"zh: {source}")
    root = repo_with(tmp_path)
    (root / "cities" / "lyon.yml").write_text(text, encoding="utf-8")
    assert load(root).city("lyon").names_source == {"zh": source}
