"""`portal generate` run again: nothing to do when its inputs and the files it wrote are as the last
run left them; everything regenerated (to the same pages) when either changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from portal.site import render, worldmap
from portal.site.build import JINJA_CACHE, LAYOUT_CACHE, OUTPUTS, SiteSources

from tests.conftest import copy_repo

SETTINGS = dict(repo_url="https://github.com/o/r", edit_uri="edit/main/content/")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = copy_repo(tmp_path_factory.mktemp("again") / "repo")
    # As a new `portal generate` process starts: no template compiled yet by an earlier test of the
    # session (a template already in memory is never written to the repository's .cache/jinja).
    render.environment().cache.clear()
    assert SiteSources(repo).refresh(**SETTINGS) == []
    return repo


def test_a_second_run_with_nothing_changed_does_nothing(repo: Path, monkeypatch: pytest.MonkeyPatch):
    page = repo / "content" / "cities" / "cork.md"
    before = page.stat().st_mtime_ns
    monkeypatch.setattr("portal.site.build.load", lambda root: pytest.fail("loaded the network again"))
    sources = SiteSources(repo)
    assert sources.refresh(**SETTINGS) == []
    assert sources.report.written == 0 and sources.report.unchanged > 2000
    assert page.stat().st_mtime_ns == before


def test_an_edited_or_removed_generated_file_is_generated_again(repo: Path):
    page = repo / "content" / "cities" / "cork.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "edited by hand\n", encoding="utf-8")
    (repo / "content" / "cities" / "cork.fr.md").unlink()
    sources = SiteSources(repo)
    assert sources.refresh(**SETTINGS) == []
    assert sources.report.written == 2
    assert page.read_text(encoding="utf-8") == text
    assert (repo / "content" / "cities" / "cork.fr.md").is_file()


def test_other_settings_generate_again(repo: Path):
    sources = SiteSources(repo)
    assert sources.refresh(repo_url="https://github.com/other/r", edit_uri="edit/main/content/") == []
    assert sources.report.written > 0
    assert SiteSources(repo).refresh(**SETTINGS) == []  # back to the fixture's settings


def test_the_caches_give_the_same_pages(repo: Path):
    layouts = json.loads((repo / LAYOUT_CACHE).read_text(encoding="utf-8"))
    assert layouts and any((repo / JINJA_CACHE).iterdir())
    worldmap.layouts.clear()  # a new process: the layouts come from .cache/ only
    (repo / OUTPUTS).unlink()  # as after an edit: everything is rendered again, with the caches
    sources = SiteSources(repo)
    assert sources.refresh(**SETTINGS) == []
    assert sources.report.written == 0  # every page as the run without caches wrote it
    assert json.loads((repo / LAYOUT_CACHE).read_text(encoding="utf-8")) == layouts
