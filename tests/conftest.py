"""Shared fixtures: the repository, the strict build of the real site, a local server, Chromium.

A missing tool skips its tests on a laptop; with CI=true it fails them instead.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("en", "fr", "es", "ar", "zh", "ru")
IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Flags that work as root with no network (see the browser QA notes).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def is_generated(folder: Path) -> bool:
    """Generated content/ folders carry their own '*' .gitignore (see portal.site.generate)."""
    marker = folder / ".gitignore"
    return marker.is_file() and "*" in marker.read_text(encoding="utf-8").splitlines()


@pytest.fixture(autouse=True)
def _outside_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands print plain file:line messages in tests, also when the suite runs in GitHub Actions
    (where `portal check` would print ::error annotations); tests of annotations set it themselves."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def missing(reason: str) -> None:
    """Skip on a laptop, fail in CI: CI must run every test."""
    if IN_CI:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


ENGINES = ("mkdocs", "properdocs")  # both pinned; ProperDocs is the MkDocs 1.x fork (tests/site/engine/test_second_engine.py)


def engine_command(engine: str, *args: str) -> list[str]:
    """The command line of `engine` (a module run with this Python), e.g. ['.../python', '-m', 'properdocs', 'build']."""
    assert engine in ENGINES, f"unknown engine {engine!r}, expected one of {ENGINES}"
    return [sys.executable, "-m", engine, *args]


@dataclass
class Build:
    """The result of one `mkdocs build --strict` run."""

    returncode: int
    output: str  # stdout and stderr together
    site: Path


def run_generate(repo: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`portal generate` of `repo` with `repo`'s own generator (src/portal), as `make build` runs it first."""
    env = {**(env or os.environ), "PYTHONPATH": str(repo / "src")}
    return subprocess.run([sys.executable, "-m", "portal", "--root", str(repo), "generate"], cwd=repo, capture_output=True, text=True, env=env, timeout=600)


def run_build(repo: Path, site_dir: Path, *extra: str, generate: bool = True, env: dict[str, str] | None = None, engine: str = "mkdocs") -> Build:
    """`make build` of `repo` into `site_dir`: `portal generate`, `<engine> build --strict` (never
    with -q: it hides warnings), then `portal search-index`. generate=False runs the engine alone."""
    env = {**(env or os.environ), "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(repo / "src")}  # the copy's own generator
    output = ""
    if generate:
        gen = run_generate(repo, env)
        output = gen.stdout + gen.stderr
        if gen.returncode != 0:
            return Build(gen.returncode, output, site_dir)
    proc = subprocess.run(
        engine_command(engine, "build", "--strict", "-d", str(site_dir), *extra),
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    output += proc.stdout + proc.stderr
    if proc.returncode != 0 or not generate:
        return Build(proc.returncode, output, site_dir)
    index = subprocess.run(
        [sys.executable, "-m", "portal", "search-index", str(site_dir)],
        cwd=repo,
        capture_output=True,
        text=True,
        env={**env, "PYTHONPATH": str(repo / "src")},
        timeout=600,
    )
    return Build(index.returncode, output + index.stdout + index.stderr, site_dir)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The strict build of the real content, once per test session."""
    build = run_build(ROOT, tmp_path_factory.mktemp("site"))
    assert build.returncode == 0, f"strict build failed:\n{build.output[-5000:]}"
    return build


def restrict_awards(repo: Path) -> None:
    """Keep in repo/data/learning_city_awards.csv only the winners that have a profile in repo/cities.

    The build refuses an award list naming a city without a profile, so a repository with some of
    the profiles needs the matching part of the list (award years then are those of the kept rows).
    """
    import csv

    import yaml

    present = set()
    for path in (repo / "cities").glob("*.yml"):
        if not path.name.startswith("_"):
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            if isinstance(data, dict):
                present.add((data.get("name"), data.get("country")))
    file = repo / "data" / "learning_city_awards.csv"
    with file.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    head, body = rows[0], rows[1:]
    city, iso2 = head.index("city"), head.index("iso2")
    with file.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows([head] + [r for r in body if (r[city], r[iso2]) in present])
    # The award reasons (data/award-reasons/<year>.yml) keep only the kept winners' entries.
    slugs = {p.stem for p in (repo / "cities").glob("*.yml")}
    for path in sorted((repo / "data" / "award-reasons").glob("*.yml")):
        entries = {k: v for k, v in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items() if k in slugs}
        if entries:
            path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
        else:
            path.unlink()


def winner_slugs() -> list[str]:
    """The profiles in the real cities/ that list an award."""
    import yaml

    return sorted(
        p.stem for p in (ROOT / "cities").glob("*.yml") if not p.name.startswith("_") and (yaml.safe_load(p.read_text(encoding="utf-8")) or {}).get("awards")
    )


def copy_repo(dest: Path, cities: list[str] | None = None) -> Path:
    """A throw-away copy of the repository (sources only), with some or all city profiles.

    With some profiles, the award list keeps only their awards (see restrict_awards)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "hooks", "src", "overrides", "data", "case-studies"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=lambda d, names: [n for n in names if n == "__pycache__" or is_generated(Path(d) / n)])
        else:
            shutil.copy2(src, dest / name)
    shutil.copytree(ROOT / "content", dest / "content", ignore=lambda d, names: [n for n in names if is_generated(Path(d) / n)])
    if cities is not None:  # case studies name cities that may be left out: keep only the list page
        for path in (dest / "case-studies").glob("*.md"):
            if not path.name.startswith("index."):
                path.unlink()
    (dest / "cities").mkdir()
    for path in (ROOT / "cities").iterdir():
        if cities is None or path.stem in cities or path.name.startswith("_") or path.suffix != ".yml":
            if path.is_dir():
                shutil.copytree(path, dest / "cities" / path.name)
            else:
                shutil.copy2(path, dest / "cities" / path.name)
    if cities is not None:
        restrict_awards(dest)
    return dest


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve `folder` over HTTP on a free loopback port; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site: Build):
    """The built site served over HTTP on a free loopback port."""
    with serve_folder(built_site.site) as url:
        yield url


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (its own browser download does not work offline)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("the playwright package is not installed")
    if not Path(CHROMIUM).exists():
        missing(f"Chromium not found at {CHROMIUM} (make test installs it)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextlib.contextmanager
def guarded_page(browser, base_url: str) -> Iterator[object]:
    """A fresh page that fails the test on any request to another host than `base_url`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    foreign: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(base_url) or url.startswith("data:") or url.startswith("blob:"):
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    pg.route("**/*", guard)
    try:
        yield pg
    finally:
        context.close()
    assert not foreign, f"requests to other hosts: {foreign}"


@pytest.fixture
def page(browser, site_url):
    """A fresh page of the built site that fails the test on any request to another host."""
    with guarded_page(browser, site_url) as pg:
        yield pg


def without_coordinates(path: Path) -> None:
    """The profile as a member without a place (as some districts and consortia are)."""
    import re as _re

    text = _re.sub(r"^coordinates:\n(?:  .*\n)+", "", path.read_text(encoding="utf-8"), flags=_re.M)
    path.write_text(_re.sub(r"^geonames_id: .*\n", "", text, flags=_re.M), encoding="utf-8")


def register_cited(repo: Path, title: str = "A page cited by a test") -> list[str]:
    """Describe in repo/data/sources.yml every page `repo` cites that it does not describe yet (the
    validator requires an entry for each, portal.validate.citations); the addresses added."""
    import json

    import yaml

    from portal.model.sources import cited
    from portal.validate.citations import NOT_SOURCES

    path = repo / "data" / "sources.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    known = yaml.safe_load(text) or {} if text else {}
    added = sorted({c.url for c in cited(repo) if c.url not in known and c.key not in NOT_SOURCES})
    entries = "".join(
        f"{json.dumps(url, ensure_ascii=False)}:\n  title: {json.dumps(title, ensure_ascii=False)}\n"
        "  publisher: Test publisher\n  language: en\n  kind: other\n"
        for url in added
    )
    path.write_text(text.rstrip("\n") + ("\n" if text.strip() else "") + entries, encoding="utf-8")
    return added


def load_problems(root: Path) -> list[str]:
    """The `file:line: message` problems that loading the repository at `root` reports (it must fail)."""
    from portal.model.cities import ProfileErrors
    from portal.model.loader import load

    with pytest.raises(ProfileErrors) as exc:
        load(root)
    return [str(p) for p in exc.value.problems]


def parse_page(site: Path, url: str):
    """The built page at a site-relative address (a folder's index.html, or an .html file), parsed."""
    import lxml.html

    path = site / url / "index.html" if not url.endswith(".html") else site / url
    assert path.is_file(), url
    return lxml.html.fromstring(path.read_bytes())
