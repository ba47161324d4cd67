"""The optimized build (portal.engine.speedups, on by default) writes exactly what the plain one writes,
and the single-language development mode (PORTAL_LANGUAGE) builds one language only.

Timing targets are checked by the benchmark (bench/run.py), not here: timed tests on a shared
machine are flaky.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import LANGUAGES, ROOT, Build, copy_repo, run_build

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
    alternates, the sitemap's alternates and the search bundle of all six languages (Pagefind's
    index per language, src/portal/site/search.py)."""
    site = plain_site.site
    assert all((site / (lang if lang != "en" else "") / "members" / "index.html").is_file() for lang in LANGUAGES)
    page = (site / "fr" / "members" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<link rel="alternate" href="[^"]*" hreflang="', page)) == len(LANGUAGES) + 1  # and x-default
    assert 'hreflang="zh"' in (site / "sitemap.xml").read_text(encoding="utf-8")
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sorted(entry["languages"]) == sorted(LANGUAGES)
    assert len(list((site / "pagefind" / "fragment").iterdir())) >= len(LANGUAGES) * 150


def one_city_per_region() -> list[str]:
    """A small network that still has a member in every region (the home page links to each), an
    award winner where the region has one (the navigation links the award pages)."""
    first: dict[str, tuple[bool, str]] = {}
    for path in sorted((ROOT / "cities").glob("[!_]*.yml")):
        text = path.read_text(encoding="utf-8")
        region = re.search(r"^region:\s*(.+?)\s*$", text, re.M)
        if region:
            winner = re.search(r"^awards:", text, re.M) is not None
            if region.group(1) not in first or (winner and not first[region.group(1)][0]):
                first[region.group(1)] = (winner, path.stem)
    return sorted(stem for _, stem in first.values())


def test_single_language_mode_builds_only_that_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    cities = one_city_per_region()
    repo = copy_repo(tmp_path / "repo", cities=cities)
    monkeypatch.setenv("PORTAL_LANGUAGE", "fr")
    build = run_build(repo, tmp_path / "site")
    assert build.returncode == 0, build.output[-3000:]
    html = (build.site / "cities" / cities[0] / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in html
    # No other language's pages (portal.site.siteoutput may still file the 404 page under /fr/).
    assert not [p for lang in LANGUAGES for p in (build.site / lang).rglob("index.html")]


def test_pages_do_not_grow_with_the_network(built_site: Build):
    """City pages stay out of the navigation (Material renders the whole navigation into every
    page), so no page lists every city but the member list; a city page's HTML outside its article
    (what would grow with the network) stays under 30 KB. The article grows only with the city's own
    texts, which the validator bounds; page weight is the benchmark's budget."""
    from lxml import html as lxml_html

    site = built_site.site
    city_pages = sorted(site.glob("**/cities/*/index.html"))
    assert len(city_pages) >= 6 * 150
    for path in (city_pages[0], city_pages[-1], site / "index.html", site / "about" / "index.html"):
        tree_ = lxml_html.fromstring(path.read_bytes())
        nav_links = tree_.xpath("//nav[contains(@class, 'md-nav--primary')]//a/@href")
        assert nav_links and not [h for h in nav_links if "cities/" in h], path
    chrome = {p: len(re.sub(rb"<article\b.*?</article>", b"", p.read_bytes(), flags=re.S)) for p in city_pages}
    largest = max(chrome, key=chrome.get)
    assert chrome[largest] < 30 * 1024, f"{largest} is {chrome[largest]} bytes outside its article"
    assert all(b"<article" in p.read_bytes() for p in city_pages[:: max(1, len(city_pages) // 20)])



def test_the_optimized_build_used_a_second_process(built_site: Build):
    """The build compared above is the parallel one (on two cores): the later languages came from
    the second process (portal.engine.parallel), and everything it built is in the site."""
    import os

    from tests.conftest import missing

    if (os.cpu_count() or 1) < 2:
        missing("one core: the build runs in one process")
    assert re.search(r"Built ar, zh, ru in a second process", built_site.output), built_site.output[-3000:]
    assert (built_site.site / "ru" / "members" / "index.html").is_file()


def test_a_warning_in_the_second_process_fails_the_strict_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A broken link in the Russian about page only: Russian is built by the second process; the
    strict build must still fail, with the warning naming the page, and write no sitemap."""
    repo = copy_repo(tmp_path / "repo", cities=one_city_per_region())
    about = repo / "content" / "about.ru.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[сломанная ссылка](no-such-page.md)\n", encoding="utf-8")
    monkeypatch.setenv("PORTAL_BUILD_JOBS", "2")
    build = run_build(repo, tmp_path / "site")
    assert build.returncode != 0
    assert "no-such-page.md" in build.output and "about.ru.md" in build.output
    assert "Aborted with 1 warnings in strict mode" in build.output
    assert not (build.site / "sitemap.xml").exists()
