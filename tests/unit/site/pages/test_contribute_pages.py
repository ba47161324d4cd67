"""The field reference and translation status families, without MkDocs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from portal.i18n.languages import LANGUAGES, strings
from portal.model.loader import load
from portal.site.coverage import Page, hand_written_pages
from portal.site.generate import render_all
from portal.site.pages import Site
from portal.site.pages.field_reference import examples
from portal.validate.profile import FIELDS

from tests.conftest import ROOT, restrict_awards


def test_every_field_has_a_description_in_six_languages():
    texts = strings()
    for key in FIELDS:
        assert set(texts[f"field.{key}"]) == set(LANGUAGES), key
    for kind in {kind for kind, _, _ in FIELDS.values()}:
        assert f"fields.type.{kind}" in texts, kind
    # No description for a field that does not exist.
    assert {k.removeprefix("field.") for k in texts if k.startswith("field.")} == set(FIELDS)


def test_every_field_has_an_example_in_the_template():
    samples = examples((ROOT / "cities" / "_template.yml").read_text(encoding="utf-8"))
    assert list(samples) == list(FIELDS)
    assert all(samples[k].startswith(f"{k}:") for k in FIELDS)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "cities").mkdir()
    shutil.copytree(ROOT / "data", tmp_path / "data")
    for name in ("cork.yml", "_template.yml"):
        shutil.copy2(ROOT / "cities" / name, tmp_path / "cities")
    restrict_awards(tmp_path)  # the award list may name only cities that have a profile
    (tmp_path / "content").mkdir()
    for name in ("index.md", "about.md", "about.ru.md"):
        (tmp_path / "content" / name).write_text("# x\n", encoding="utf-8")
    return tmp_path


def test_both_families_write_every_language(repo: Path):
    files = render_all(load(repo), Site(edit_root=""))
    for folder in ("field-reference", "translation-status"):
        assert sorted(f.path for f in files[folder]) == sorted(f"{folder}/index{'' if l == 'en' else '.' + l}.md" for l in LANGUAGES)


def test_translation_status_lists_the_missing_page_files(repo: Path):
    (repo / "content" / "about.md").write_text("---\ntitle: About the network\n---\n\n# About\n", encoding="utf-8")
    (repo / "content" / "about.ru.md").write_text('---\ntitle: "О сети"\n---\n', encoding="utf-8")
    files = {f.path: f.text for f in render_all(load(repo), Site(edit_root=""))["translation-status"]}
    en = files["translation-status/index.md"]
    assert "content/about.fr.md" in en and "content/index.fr.md" in en
    assert "content/about.ru.md" not in en  # it exists
    # Readers see the pages' titles (front matter, else first heading); the file names are folded
    # into a <details> for translators, after the list of titles.
    assert '<a href="../about/">About the network</a>' in en and '<a href="../">x</a>' in en
    assert en.index('<a href="../about/">') < en.index("<details") < en.index("content/about.fr.md")
    ru = files["translation-status/index.ru.md"]
    assert '<a href="../" lang="en" dir="ltr">x</a>' in ru  # index.md has no Russian file


def test_hand_written_pages_skip_generated_folders(tmp_path: Path):
    (tmp_path / "case-studies").mkdir()
    (tmp_path / "gen").mkdir()
    (tmp_path / "gen" / ".gitignore").write_text("*\n", encoding="utf-8")
    for name in ("index.md", "case-studies/a.md", "case-studies/a.zh.md", "gen/x.md", "orphan.fr.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    pages = hand_written_pages(tmp_path)
    assert pages == [Page("case-studies/a.md", frozenset({"en", "zh"})), Page("index.md", frozenset({"en"}))]
    assert [p.url for p in pages] == ["case-studies/a/", ""]
    assert pages[0].file("fr") == "case-studies/a.fr.md" and pages[0].file("en") == "case-studies/a.md"
