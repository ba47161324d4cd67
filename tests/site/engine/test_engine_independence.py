"""The generator is its own build step: after `portal generate`, the engine alone (MkDocs with the
portal's hooks removed from mkdocs.yml) builds every page of the site, identical to the real build.

Only the features that need the engine's events may differ, and they are listed here (ENGINE_EVENT):
the hooks file says, hook by hook, why each cannot move.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import LANGUAGES, ROOT, Build, copy_repo, run_build, run_generate

HOOKS_LINE = re.compile(r"^hooks:\n(?:  - .*\n)+", re.MULTILINE)

# What only the hooks give, with the hooks that give it (hooks/portal_hooks.py): one 404 page per
# language (on_pre_template, on_post_template, on_post_build). Without them the engine writes one
# /404.html, from the last language it built. (The search index is a step of its own after the
# engine, `portal search-index site`, in both builds.)
ENGINE_EVENT_FILES = re.compile(r"^(%s)/404\.html$" % "|".join(LANGUAGES[1:]))
ENGINE_EVENT_CHANGED = {"404.html"}
# The heading links' title in the page's language is Markdown configuration the hook sets per
# language build (on_config; the i18n plugin cannot): without the hook every language has English's.
HEADERLINK_TITLE = re.compile(rb'(<a class="headerlink" href="[^"]*") title="[^"]*"')


def comparable(path: Path) -> bytes:
    data = path.read_bytes()
    return HEADERLINK_TITLE.sub(rb"\1", data) if path.suffix == ".html" else data


def site_files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def hookless(tmp_path_factory: pytest.TempPathFactory) -> Build:
    repo = copy_repo(tmp_path_factory.mktemp("hookless") / "repo")
    config = repo / "mkdocs.yml"
    text, removed = HOOKS_LINE.subn("", config.read_text(encoding="utf-8"))
    assert removed == 1, "mkdocs.yml has no hooks: list to remove"
    config.write_text(text, encoding="utf-8")
    # The copy is not a git repository: give it the real build's date (the sitemap's, the footer's).
    epoch = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"], capture_output=True, text=True, check=True).stdout.strip()
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch}
    build = run_build(repo, repo.parent / "site", env=env)
    assert build.returncode == 0, f"the build without hooks failed:\n{build.output[-4000:]}"
    return build


def test_the_engine_alone_builds_every_page(built_site: Build, hookless: Build):
    real, alone = site_files(built_site.site), site_files(hookless.site)
    missing = sorted(p for p in set(real) - set(alone) if not ENGINE_EVENT_FILES.match(p))
    extra = sorted(set(alone) - set(real))
    assert not missing and not extra, f"missing without hooks: {missing[:10]}; only without hooks: {extra[:10]}"
    pages = [p for p in real if p.endswith(".html")]
    assert len(pages) > 2000  # every language's pages, not a handful
    assert "pagefind/pagefind-entry.json" in alone  # search, indexed after the engine, needs no hook


def test_pages_are_identical_but_for_the_engine_event_features(built_site: Build, hookless: Build):
    real, alone = site_files(built_site.site), site_files(hookless.site)
    differ = sorted(p for p in set(real) & set(alone) if p not in ENGINE_EVENT_CHANGED and comparable(real[p]) != comparable(alone[p]))
    assert not differ, f"{len(differ)} files differ without hooks, e.g. {differ[:10]}"
    # The listed ones do differ: without the hook, the last language built wins the 404 page.
    assert real["404.html"].read_bytes() != alone["404.html"].read_bytes()


def test_the_generated_features_need_no_hook(hookless: Build):
    """What moved out of the hooks is there: case-study sections, edit links of generated pages
    pointing at their source, breadcrumbs, the home page's sections, a fallback notice."""
    site = hookless.site
    study = (site / "fr" / "case-studies" / "nanjing-suzhou-2024" / "index.html").read_text(encoding="utf-8")
    assert 'id="sdg-targets"' in study and 'class="lcp-city-cards"' in study
    assert "/edit/main/case-studies/nanjing-suzhou-2024.fr.md" in study
    assert 'class="lcp-breadcrumbs"' in study
    city = (site / "zh" / "cities" / "suzhou" / "index.html").read_text(encoding="utf-8")
    assert "/edit/main/cities/suzhou.yml" in city and "/edit/main/content/cities/" not in city
    home = (site / "ar" / "index.html").read_text(encoding="utf-8")
    assert "lcp-home-figures" in home and "lcp-home-map" in home


EDITS = {  # an input of the generated pages, and an edit that changes nothing a reader sees
    "profile": ("cities/cork.yml", "\n"),
    "UI strings": ("src/portal/i18n/strings/city.yml", "\n# edited\n"),
    "generator code": ("src/portal/site/pages/city.py", "\n# edited\n"),
    "page template": ("src/portal/site/templates/city.md", "\n"),
}


@pytest.mark.parametrize("what", EDITS)
def test_a_build_refuses_pages_generated_from_older_inputs(tmp_path: Path, what: str):
    """Without `portal generate` after an edit of any input (data, or the generator's own code,
    strings and templates), the engine stops with the fix, not a stale site."""
    repo = copy_repo(tmp_path / "repo", cities=["cork", "melton"])
    assert run_generate(repo).returncode == 0
    path, added = EDITS[what]
    edited = repo / path
    edited.write_text(edited.read_text(encoding="utf-8") + added, encoding="utf-8")
    build = run_build(repo, tmp_path / "site", generate=False)
    assert build.returncode != 0, what
    assert "run `portal generate` first (make build does)" in build.output
    assert run_generate(repo).returncode == 0  # and once generated again, the same build passes
    assert run_build(repo, tmp_path / "site", generate=False).returncode == 0
