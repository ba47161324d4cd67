"""Site generation, shared by `portal generate` (the build's first step) and the MkDocs hook
(which regenerates while `mkdocs serve` runs, when an input changes).

`SiteSources.refresh()` reloads and regenerates only when an input changed since last time: a file
under cities/, data/, case-studies/, the hand-written home pages, or the generator itself (its
code, UI strings and templates); it records what it generated from (`STAMP`), so that a build can
tell whether content/ is current. It also records what it wrote (`OUTPUTS`: every generated file's
size and modification time): a new run (`portal generate`, `make build` again) whose inputs and
outputs are both as recorded has nothing to do, and does nothing.
"""
from __future__ import annotations

import json
import os
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import portal

from portal.model import casestudies
from portal.site import render, themedata, worldmap
from portal.model.cities import CITIES_DIR, DATA_DIR, ProfileErrors
from portal.model.loader import Model, load
from portal.site.generate import DOCS_DIR, Report, generate, sync
from portal.site.pages import Site
from portal.site.siteoutput import pin_build_date

WATCHED = (CITIES_DIR, DATA_DIR, casestudies.CASE_STUDIES_DIR)
HOME_PAGES = "index*.md"  # content/index[.<lang>].md: their `sources:` go into the home sections
STAMP = ".cache/generated.json"  # what content/ was last generated from (see is_current)
JINJA_CACHE = ".cache/jinja"  # compiled templates (portal.site.render.keep_compiled_templates)
LAYOUT_CACHE = ".cache/map-layouts.json"  # map marker layouts (worldmap.spread), by their arguments
OUTPUTS = ".cache/generated-outputs.json"  # the files it wrote then, as they were (see outputs_fingerprint)
SOURCE_PACKAGE = "src/portal"  # the generator itself (code, UI strings, templates), in the project
PACKAGE = Path(portal.__file__).resolve().parent  # ... or where it is installed, for a project without its source


def _entry(path: Path, name: str) -> tuple[str, int, int]:
    st = path.stat()
    return (name, st.st_size, st.st_mtime_ns)


def fingerprint(root: Path) -> tuple:
    """(path, size, mtime) of every input of the generated pages: cheap to compute, changes on any
    edit. The inputs are the data (cities/, data/, case-studies/, the home pages) and the generator
    itself (its code, UI strings and templates); paths are relative to the project (or, for a
    generator installed elsewhere, to its package), so a copy of the project stays comparable."""
    root = Path(root).resolve()
    entries = []
    for folder in [root / w for w in WATCHED]:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.is_file():
                entries.append(_entry(path, path.relative_to(root).as_posix()))
    for path in sorted((root / DOCS_DIR).glob(HOME_PAGES)):
        entries.append(_entry(path, path.relative_to(root).as_posix()))
    package = root / SOURCE_PACKAGE if (root / SOURCE_PACKAGE).is_dir() else PACKAGE
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            entries.append(_entry(path, f"{SOURCE_PACKAGE}/{path.relative_to(package).as_posix()}"))
    return tuple(entries)


@contextmanager
def kept_layouts(path: Path):
    """worldmap's layouts loaded from `path` before, and the ones this run used written there after."""
    try:
        worldmap.layouts.update({k: [tuple(xy) for xy in v] for k, v in json.loads(path.read_text(encoding="utf-8")).items()})
    except (OSError, ValueError, TypeError, AttributeError):
        pass
    worldmap.layouts_used.clear()
    yield
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({k: worldmap.layouts[k] for k in sorted(worldmap.layouts_used)}), encoding="utf-8")


def outputs_fingerprint(root: Path, folders: list[str]) -> list:
    """(path, size, mtime) of every file in the generated folders (content/<family>/, the theme's
    data): any edit, removal or addition there changes it."""
    entries = []
    for folder in folders:
        top = root / folder
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames.sort()
            for name in sorted(filenames):
                path = Path(dirpath, name)
                st = path.stat()
                entries.append([path.relative_to(root).as_posix(), st.st_size, st.st_mtime_ns])
        if not top.is_dir():
            entries.append([folder, None, None])
    return entries


def _state(root: Path, edit_root: str, site_url: str) -> list:
    return json.loads(json.dumps([fingerprint(root), edit_root, site_url, pin_build_date(root) or ""]))


def is_current(root: Path, repo_url: str = "", edit_uri: str = "", site_url: str = "") -> bool:
    """True if content/ was generated from the inputs as they are now, with these settings."""
    try:
        recorded = json.loads((root / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return recorded == _state(root, edit_root(repo_url, edit_uri), site_url)


def edit_root(repo_url: str, edit_uri: str) -> str:
    """'https://github.com/o/r' + 'edit/main/content/' -> 'https://github.com/o/r/edit/main/'."""
    if not repo_url or not edit_uri:
        return ""
    base = edit_uri.rstrip("/")
    base = base[: -len(DOCS_DIR)] if base.endswith(DOCS_DIR) else base + "/"
    return urljoin(repo_url.rstrip("/") + "/", base)


@dataclass
class SiteSources:
    root: Path
    report: Report | None = None
    _seen: list | None = field(default=None, repr=False)
    _edit_root: str = ""
    network: Model | None = None  # the last valid network and case studies (for page hooks)
    case_studies: casestudies.Library | None = None
    jobs: int = 1  # processes for generating (portal generate: two where there are two cores)

    def refresh(self, repo_url: str = "", edit_uri: str = "", site_url: str = "") -> list[str]:
        """Validate and regenerate if inputs changed; the problems as 'file:line: message' lines."""
        self._edit_root = edit_root(repo_url, edit_uri)
        state = _state(self.root, self._edit_root, site_url)
        if state == self._seen:
            self.report = None
            return []
        if self._seen is None and self._unchanged_since_last_run(state):
            self._seen = state
            return []
        try:
            network = load(self.root)
            library = network.case_studies
        except ProfileErrors as exc:
            self._seen = None
            return [str(p) for p in exc.problems]
        self.network, self.case_studies = network, library
        render.keep_compiled_templates(self.root / JINJA_CACHE)
        with kept_layouts(self.root / LAYOUT_CACHE):
            self.report = generate(network, Site(edit_root=self._edit_root, site_url=site_url), jobs=self.jobs)
        sync(self.root / themedata.THEME_DIR, {themedata.FOLDER: themedata.files(network, library, site_url)})
        stamp = self.root / STAMP
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(json.dumps(state), encoding="utf-8")
        (self.root / OUTPUTS).write_text(json.dumps({"state": state, "report": asdict(self.report),
                                                     "files": outputs_fingerprint(self.root, self._folders())}), encoding="utf-8")
        self._seen = state
        return []

    def _folders(self) -> list[str]:
        from portal.site.pages import families

        return [f"{DOCS_DIR}/{folder}" for folder in families()] + [f"{themedata.THEME_DIR}/{themedata.FOLDER}"]

    def _unchanged_since_last_run(self, state: list) -> bool:
        """True if the last run generated from these very inputs and settings and its files are
        still as it wrote them; then self.report says what that run found."""
        try:
            recorded = json.loads((self.root / OUTPUTS).read_text(encoding="utf-8"))
            stamp = json.loads((self.root / STAMP).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        if not (recorded.get("state") == state == stamp) or recorded.get("files") != outputs_fingerprint(self.root, self._folders()):
            return False
        written = recorded["report"]
        self.report = Report(written=0, unchanged=written["written"] + written["unchanged"], removed=0)
        return True
