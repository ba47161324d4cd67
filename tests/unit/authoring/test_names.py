"""`portal import-names`: GeoNames catalogs into profiles, never over a hand-written name."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from portal import cli
from portal.authoring.import_names import ImportError_, import_names, load_catalogs, simplified
from portal.files.yamlfile import read_yaml
from portal.model.loader import load
from tests.conftest import ROOT, restrict_awards

LYON = 2996944
PROFILE = """\
# yaml-language-server: $schema=city.schema.json
# A comment that must stay.
name: Lyon
country: FR   # a comment after a value
region: Europe and North America
geonames_id: 2996944
sources:
  - https://www.uil.unesco.org/en/learning-cities
"""


def catalog(folder: Path, locale: str, names: dict[int, str]) -> None:
    """A geonames.mo for `locale`, as libgeonames-common ships it (msgid: id, msgstr: name)."""
    cat = Catalog(locale=locale.split("_")[0])
    for gid, name in names.items():
        cat.add(str(gid), name)
    path = folder / locale / "LC_MESSAGES" / "geonames.mo"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        write_mo(fh, cat)


@pytest.fixture
def locales(tmp_path: Path) -> Path:
    folder = tmp_path / "locale"
    catalog(folder, "fr", {LYON: "Lyon", 1816670: "Pékin"})  # Lyon in French is the Latin name: skipped
    catalog(folder, "ru", {LYON: "Лион"})
    catalog(folder, "ar", {LYON: "ليون"})
    catalog(folder, "es", {})
    catalog(folder, "zh_TW", {LYON: "里昂", 1816670: "北京", 2272147: "阿爾科巴薩"})
    return folder


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "cities").mkdir(parents=True)
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copy2(ROOT / "cities" / "cork.yml", root / "cities")
    restrict_awards(root)
    (root / "cities" / "lyon.yml").write_text(PROFILE, encoding="utf-8")
    return root


def lyon(repo: Path) -> str:
    return (repo / "cities" / "lyon.yml").read_text(encoding="utf-8")


def test_names_are_added_with_their_source_and_nothing_else_changes(repo: Path, locales: Path):
    outcomes, problems = import_names(repo, locales)
    assert not problems
    text = lyon(repo)
    assert text == PROFILE.replace(
        "name: Lyon\n", "name: Lyon\nnames:\n  ar: ليون\n  ru: Лион\n  zh: 里昂\nnames_source:\n  ar: geonames\n  ru: geonames\n  zh: geonames\n"
    )
    city = {c.slug: c for c in load(repo).cities}["lyon"]
    assert city.name_in("ru") == "Лион" and city.name_in("fr") == "Lyon"  # fr equals the Latin name: not written
    assert city.name_from_geonames("zh") and not city.name_from_geonames("fr")
    # The loader's lines point at the new lines, and at the old ones that moved down.
    doc, _ = read_yaml(repo / "cities" / "lyon.yml", "cities/lyon.yml")
    lines = text.splitlines()
    assert lines[doc.line("names", "ru") - 1] == "  ru: Лион"
    assert lines[doc.line("geonames_id") - 1] == "geonames_id: 2996944"
    assert lines[doc.line("country") - 1] == "country: FR   # a comment after a value"


def test_a_second_run_changes_nothing(repo: Path, locales: Path):
    import_names(repo, locales)
    first = lyon(repo)
    outcomes, _ = import_names(repo, locales)
    assert lyon(repo) == first
    assert all(o.text is None and not o.added for o in outcomes)


def test_hand_written_names_are_never_overwritten(repo: Path, locales: Path):
    (repo / "cities" / "lyon.yml").write_text(PROFILE.replace("name: Lyon\n", "name: Lyon\nnames: {ru: Лион-на-Роне}\n"), encoding="utf-8")
    outcomes, _ = import_names(repo, locales)
    text = lyon(repo)
    assert "ru: Лион-на-Роне" in text and "ru: Лион\n" not in text
    assert "names_source:\n  ar: geonames\n  zh: geonames\n" in text  # no source for the hand-written name
    assert [o.kept for o in outcomes if o.file == "cities/lyon.yml"] == [["ru"]]


def test_a_corrected_imported_name_becomes_hand_written(repo: Path, locales: Path):
    import_names(repo, locales)
    path = repo / "cities" / "lyon.yml"
    path.write_text(lyon(repo).replace("zh: 里昂", "zh: 里昂市"), encoding="utf-8")  # a communicator's correction
    import_names(repo, locales)
    text = lyon(repo)
    assert "  zh: 里昂市\n" in text and "  zh: geonames" not in text
    city = {c.slug: c for c in load(repo).cities}["lyon"]
    assert city.name_in("zh") == "里昂市" and not city.name_from_geonames("zh")
    import_names(repo, locales)
    assert lyon(repo) == text  # and stays so


def test_traditional_chinese_is_converted_to_simplified(repo: Path, locales: Path):
    shutil.copy2(ROOT / "cities" / "alcobaca.yml", repo / "cities")
    import_names(repo, locales)
    city = {c.slug: c for c in load(repo).cities}["alcobaca"]
    assert city.name_in("zh") == "阿尔科巴萨"
    assert simplified("基輔") == "基辅"


def test_zh_cn_is_preferred_to_converted_catalogs(tmp_path: Path, locales: Path):
    catalog(locales, "zh_CN", {LYON: "里昂市"})
    assert load_catalogs(locales)["zh"][LYON].name == "里昂市"
    assert load_catalogs(locales)["zh"][1816670].locale == "zh_TW"


def test_an_unknown_id_is_skipped_and_reported(repo: Path, locales: Path, capsys):
    before = (repo / "cities" / "cork.yml").read_text(encoding="utf-8")
    assert cli.main(["--root", str(repo), "import-names", "--locale-dir", str(locales)]) == 0
    out = capsys.readouterr().out
    assert (repo / "cities" / "cork.yml").read_text(encoding="utf-8") == before
    line = next(i for i, ln in enumerate(before.splitlines(), 1) if ln.startswith("geonames_id:"))
    assert f"cities/cork.yml:{line}: geonames_id is in none of the catalogs; no name imported" in out


def test_a_name_in_another_script_is_not_imported(repo: Path, locales: Path):
    catalog(locales, "ar", {LYON: "Liyūn"})
    outcomes, _ = import_names(repo, locales)
    assert "ar:" not in lyon(repo)
    assert [o.other_script for o in outcomes if o.file == "cities/lyon.yml"] == [{"ar": "Liyūn"}]


def test_a_malformed_catalog_gives_one_line_and_no_traceback(repo: Path, locales: Path, capsys):
    (locales / "ru" / "LC_MESSAGES" / "geonames.mo").write_bytes(b"\x00not a catalog at all")
    assert cli.main(["--root", str(repo), "import-names", "--locale-dir", str(locales)]) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"{locales}/ru/LC_MESSAGES/geonames.mo: not a valid gettext catalog (.mo file)" in err
    assert lyon(repo) == PROFILE  # nothing written


def test_a_missing_folder_gives_one_line(repo: Path, tmp_path: Path, capsys):
    assert cli.main(["--root", str(repo), "import-names", "--locale-dir", str(tmp_path / "nowhere")]) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a readable folder of gettext catalogs" in err and "libgeonames-common" in err
    with pytest.raises(ImportError_, match="no GeoNames catalog found"):
        load_catalogs(tmp_path)


def test_dry_run_changes_nothing(repo: Path, locales: Path, capsys):
    assert cli.main(["--root", str(repo), "import-names", "--locale-dir", str(locales), "--dry-run"]) == 0
    assert "cities/lyon.yml:6: would add ar ليون, ru Лион, zh 里昂 (from zh_TW, converted to Simplified)" in capsys.readouterr().out
    assert lyon(repo) == PROFILE


def test_block_names_get_new_lines_after_their_last_entry(repo: Path, locales: Path):
    text = PROFILE.replace("name: Lyon\n", "name: Lyon\nnames:\n  # hand-written\n  ru: Лион\n\n# the country\n")
    (repo / "cities" / "lyon.yml").write_text(text, encoding="utf-8")
    import_names(repo, locales)
    assert lyon(repo) == PROFILE.replace(
        "name: Lyon\n",
        "name: Lyon\nnames:\n  # hand-written\n  ru: Лион\n  ar: ليون\n  zh: 里昂\nnames_source:\n  ar: geonames\n  zh: geonames\n\n# the country\n",
    )


def test_every_country_of_the_data_has_a_un_name_in_six_languages():
    """UNTERM short names (src/portal/i18n/countries/un-names.csv) for every country a profile or an award uses."""
    import csv as _csv

    from portal.i18n.localize import un_names

    codes = {yaml.safe_load(p.read_text(encoding="utf-8"))["country"] for p in (ROOT / "cities").glob("[!_]*.yml")}
    with (ROOT / "data" / "learning_city_awards.csv").open(encoding="utf-8", newline="") as fh:
        codes |= {row["iso2"] for row in _csv.DictReader(fh)}
    names = un_names()
    for code in sorted(codes):
        assert code in names, code
        assert all(names[code][lang].strip() for lang in ("en", "fr", "es", "ar", "zh", "ru")), code
    assert names["KR"]["en"] == "Republic of Korea" and names["VN"]["en"] == "Viet Nam" and names["RU"]["en"] == "Russian Federation"


def test_names_to_review_lists_transcribed_names_and_spellings_the_texts_do_not_use(tmp_path: Path):
    """portal coverage and the translation status page flag, per language, names written by
    transcription rules and names that the same language's texts about the city never use."""
    from portal.site.coverage import names_to_review

    repo = tmp_path
    shutil.copytree(ROOT / "data", repo / "data")
    (repo / "cities").mkdir()
    profile = (ROOT / "cities" / "medellin.yml").read_text(encoding="utf-8")
    shutil.copy2(ROOT / "cities" / "cork.yml", repo / "cities")
    (repo / "cities" / "medellin.yml").write_text(profile, encoding="utf-8")
    restrict_awards(repo)
    assert not [r for r in names_to_review(load(repo)) if r.file == "cities/medellin.yml" and r.lang == "ar"]
    # Another spelling in the Arabic summary than in names.ar, and a transcribed Russian name: both flagged.
    edited = profile.replace("جعلت ميديلين", "جعلت ميديين").replace("  ru: geonames\n", "  ru: transcribed\n")
    (repo / "cities" / "medellin.yml").write_text(edited, encoding="utf-8")
    flagged = {(r.lang, r.why) for r in names_to_review(load(repo)) if r.file == "cities/medellin.yml"}
    assert ("ar", "not in cities/medellin.yml") in flagged and ("ru", "transcribed") in flagged
