"""Site search: one Pagefind index per language, built from the finished HTML of the site.

A plain function of a built site folder (no MkDocs in here): the hook calls it once every language
is built, and it would run the same after any other generator. Pagefind (npm `pagefind`, pinned
in package.json: its extended binary segments Chinese) reads each page's `<html lang>` and writes
one index per language into `<site>/pagefind/`; readers download nothing of it until they search
(`content/assets/search.js`).

Only each page's article (Material's `article.md-content__inner`: not the navigation, header or
footer) is indexed, without heading anchors (`¶`); the 404 pages are left out. Pagefind splits
French elisions (l', d', qu') at an ASCII apostrophe only, so it indexes a copy of the pages with
typographic apostrophes made ASCII;
the search script turns them back in what it shows. Arabic diacritics (harakat, shadda), tatweel
and alef variants, Russian and Spanish stems are Pagefind's own per-language processing.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BUNDLE = "pagefind"  # the index folder, under the site root
ROOT_SELECTOR = "article.md-content__inner"  # what is indexed of a page: its content
EXCLUDE = (".headerlink",)  # never indexed: the permalink signs after headings
SKIPPED = frozenset({"404.html"})  # never indexed: the "page not found" pages
APOSTROPHES = ("\u2019", "\u02bc")  # typographic apostrophes, indexed as ASCII '
# Pagefind's ready-made interfaces and its highlighter: the portal draws results in Material's
# own search box, so they are not published.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


class SearchIndexError(RuntimeError):
    """The index could not be built (binary missing or failing): the build must stop."""


@dataclass(frozen=True)
class IndexReport:
    pages: dict[str, int]  # language -> pages indexed
    seconds: float

    def __str__(self) -> str:
        counts = ", ".join(f"{lang} {n}" for lang, n in self.pages.items())
        return f"search index: {sum(self.pages.values())} pages ({counts}) in {self.seconds:.1f} s"


def executable() -> Path:
    """The Pagefind binary of the pinned npm package (package.json; the Makefile runs `npm ci`):
    in the node_modules folder beside the virtual environment running this build (throw-away
    copies of the repository built by the tests and the benchmark use the same one), else in the
    current folder's. PAGEFIND_BINARY names another."""
    if os.environ.get("PAGEFIND_BINARY"):
        return Path(os.environ["PAGEFIND_BINARY"])
    for folder in (Path(sys.prefix).parent / "node_modules", Path.cwd() / "node_modules"):
        found = sorted(folder.glob("@pagefind/*/bin/pagefind_extended*"))
        found = [p for p in found if not p.name.endswith(".sha256")]
        if found:
            return found[0]
    raise SearchIndexError("the Pagefind binary is missing: run `make build` (it installs the pinned npm packages) "
                           "or `npm ci --ignore-scripts` in the repository")


def indexable_copy(site: Path, dest: Path) -> int:
    """Copy the pages to index from `site` to `dest`, same paths, with typographic apostrophes
    made ASCII. Returns the number of pages copied."""
    marks = [mark.encode("utf-8") for mark in APOSTROPHES]
    made: set[Path] = set()
    count = 0
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site)
        if rel.parts[0] == BUNDLE or rel.name in SKIPPED:
            continue
        target = dest / rel
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        data = page.read_bytes()
        if any(mark in data for mark in marks):
            text = data.decode("utf-8")
            for mark in APOSTROPHES:
                text = text.replace(mark, "'")
            data = text.encode("utf-8")
        target.write_bytes(data)
        count += 1
    return count


def scratch_folder() -> str | None:
    """Where the copy to index goes: memory (/dev/shm) where there is one, else the system's
    temporary folder. Writing thousands of pages to disk took five times as long (measured)."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def normalise_entry(bundle: Path) -> dict[str, int]:
    """Write pagefind-entry.json with its languages in sorted order (Pagefind 1.5 listed them in a
    different order on each run; the build must be reproducible whatever the version). Returns
    {language: pages}."""
    entry_file = bundle / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return {lang: info["page_count"] for lang, info in entry["languages"].items()}


def build_index(site: Path, binary: Path | None = None) -> IndexReport:
    """Index the built site in `site` into `site/pagefind/` (replacing any previous index)."""
    started = time.perf_counter()
    site = Path(site).resolve()
    bundle = site / BUNDLE
    if bundle.exists():
        shutil.rmtree(bundle)
    with tempfile.TemporaryDirectory(prefix="portal-search-", dir=scratch_folder()) as scratch:
        copy = Path(scratch) / "site"
        if indexable_copy(site, copy) == 0:
            raise SearchIndexError(f"no page to index in {site}")
        command = [str(binary or executable()), "--site", str(copy), "--output-path", str(bundle),
                   "--root-selector", ROOT_SELECTOR, "--silent"]
        for selector in EXCLUDE:
            command += ["--exclude-selectors", selector]
        proc = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
        if proc.returncode != 0:
            raise SearchIndexError(f"Pagefind failed (exit {proc.returncode}): {(proc.stderr or proc.stdout).strip()[-2000:]}")
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    pages = normalise_entry(bundle)
    return IndexReport(pages, time.perf_counter() - started)
