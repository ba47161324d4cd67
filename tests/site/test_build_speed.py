"""The optimized build (portal.speedups, on by default) writes exactly what the plain one writes,
and the single-language development mode (PORTAL_LANGUAGE) builds one language only.

Timing targets are checked by the benchmark (bench/run.py), not here: timed tests on a shared
machine are flaky.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..conftest import LANGUAGES, ROOT, Build, copy_repo, run_build

pytestmark = pytest.mark.build


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real content built with the speed-ups off (in place, as the optimized build was)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("PORTAL_PLAIN_BUILD", "1")
    try:
        build = run_build(ROOT, tmp_path_factory.mktemp("plain-site"))
    finally:
        mp.undo()
    assert build.returncode == 0, build.output[-5000:]
    return build


def test_optimized_and_plain_builds_write_identical_files(built_site: Build, plain_site: Build):
    optimized, plain = tree(built_site.site), tree(plain_site.site)
    assert sorted(optimized) == sorted(plain)
    different = [path for path in plain if plain[path] != optimized[path]]
    assert not different, f"{len(different)} files differ, e.g. {different[:5]}"


def test_the_comparison_covers_pages_alternates_and_search(plain_site: Build):
    """What the identical-files test compares: every language's pages with their hreflang
    alternates, the sitemap's alternates, and a search index in which the i18n plugin's
    deduplication (the code portal.speedups replaces) removed entries."""
    site = plain_site.site
    assert all((site / (lang if lang != "en" else "") / "members" / "index.html").is_file() for lang in LANGUAGES)
    page = (site / "fr" / "members" / "index.html").read_text(encoding="utf-8")
    assert page.count('rel="alternate" hreflang=') >= len(LANGUAGES)
    assert 'hreflang="zh"' in (site / "sitemap.xml").read_text(encoding="utf-8")
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    locations = {d["location"] for d in docs}
    # Untranslated sections (the same title and text as in English) are left out of other languages.
    english = [d for d in docs if not d["location"].startswith(tuple(f"{lang}/" for lang in LANGUAGES))]
    duplicates_removed = [d for d in english if d["location"] and f"fr/{d['location']}" not in locations]
    assert duplicates_removed, "no entry was deduplicated: the test would not see a wrong deduplication"


def test_single_language_mode_builds_only_that_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    repo = copy_repo(tmp_path / "repo", cities=["cork", "medellin"])
    monkeypatch.setenv("PORTAL_LANGUAGE", "fr")
    build = run_build(repo, tmp_path / "site")
    assert build.returncode == 0, build.output[-3000:]
    assert (build.site / "cities" / "cork" / "index.html").is_file()
    html = (build.site / "cities" / "cork" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in html
    assert not any((build.site / lang).is_dir() for lang in LANGUAGES)
