"""Once-per-process site generation, shared by the MkDocs hook and the command line.

`SiteSources.refresh()` is called at the start of every (per-language) build; it reloads and
regenerates only when a file under cities/, data/ or the page templates changed since last time.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from . import casestudies
from .cities import CITIES_DIR, DATA_DIR, Network, ProfileErrors, load_network
from .generate import DOCS_DIR, Report, generate
from .pages import Site, home
from .render import TEMPLATES

WATCHED = (CITIES_DIR, DATA_DIR, casestudies.CASE_STUDIES_DIR)


def fingerprint(root: Path) -> tuple:
    """(name, size, mtime) of every input file: cheap to compute, changes on any edit."""
    entries = []
    for folder in [root / w for w in WATCHED] + [TEMPLATES]:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.is_file():
                st = path.stat()
                entries.append((str(path), st.st_size, st.st_mtime_ns))
    return tuple(entries)


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
    _seen: tuple | None = field(default=None, repr=False)
    _edit_root: str = ""
    network: Network | None = None  # the last valid network and case studies (for page hooks)
    case_studies: casestudies.Library | None = None
    _home: dict = field(default_factory=dict, repr=False)

    def refresh(self, repo_url: str = "", edit_uri: str = "", site_url: str = "") -> list[str]:
        """Validate and regenerate if inputs changed; the problems as 'file:line: message' lines."""
        self._edit_root = edit_root(repo_url, edit_uri)
        state = (fingerprint(self.root), self._edit_root, site_url)
        if state == self._seen:
            self.report = None
            return []
        try:
            network = load_network(self.root)
            library = casestudies.load(network)
        except ProfileErrors as exc:
            self._seen = None
            return [str(p) for p in exc.problems]
        self.network, self.case_studies = network, library
        self.report = generate(network, Site(edit_root=self._edit_root, site_url=site_url))
        self._seen = state
        return []

    def home(self, lang: str, sources: tuple[str, ...] = ()) -> str:
        """The home page's generated sections in `lang` (rendered once per network and language)."""
        key = (id(self.network), lang, sources)
        if key not in self._home:
            self._home = {k: v for k, v in self._home.items() if k[0] == id(self.network)}
            self._home[key] = home.sections(self.network, self.case_studies, lang, sources)
        return self._home[key]

    def edit_url(self, repo_path: str) -> str | None:
        return f"{self._edit_root}{repo_path}" if self._edit_root else None
