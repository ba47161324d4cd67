"""Page families: each module in this package turns the validated Model into generated files.

A family module defines `FOLDER` (the content/ folder it owns, e.g. "cities") and
`pages(network, site) -> Iterator[GeneratedFile]`. Adding a module here adds the family: no list
to edit. Paths are relative to content/ and carry the i18n suffix (`cities/lyon.fr.md`).
"""
from __future__ import annotations

import importlib
import pkgutil

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from portal.model.loader import Model
from portal.i18n.languages import suffix


@dataclass(frozen=True)
class Site:
    """What generated pages need to know about the deployment."""

    edit_root: str  # e.g. https://github.com/org/repo/edit/main/ ; "" hides edit links
    site_url: str = ""  # the deployed site's address (absolute links in feeds); "" when unknown


@dataclass(frozen=True)
class GeneratedFile:
    path: str  # relative to content/, e.g. "cities/lyon.fr.md"
    text: str | bytes  # bytes for binary files (picture derivatives in media/)
    # Front-matter fields the generator adds to a page (portal.site.webmeta: share card, JSON-LD).
    meta: dict = field(default_factory=dict, compare=False)
    # A cached file holding the same bytes (a share picture): linked there instead of written.
    source: Path | None = field(default=None, compare=False)


def localized_path(stem: str, lang: str) -> str:
    """'cities/lyon' + 'fr' -> 'cities/lyon.fr.md' (mkdocs-static-i18n suffix structure)."""
    return f"{stem}{suffix(lang)}.md"


Family = Callable[[Model, Site], Iterator[GeneratedFile]]


def families() -> dict[str, Family]:
    """Every page family in this package, by the content/ folder it owns."""
    found: dict[str, Family] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "FOLDER") and hasattr(module, "pages"):
            if module.FOLDER in found:
                raise ValueError(f"two page families write content/{module.FOLDER}/")
            found[module.FOLDER] = module.pages
    return found
