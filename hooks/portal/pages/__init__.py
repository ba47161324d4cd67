"""Page families: each module turns the validated Network into generated Markdown files.

A family is a function `pages(network, site) -> Iterator[GeneratedFile]`; `FAMILIES` lists them.
Paths are relative to the docs folder (content/) and carry the i18n suffix (`x.fr.md`).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..cities import Network
from ..languages import suffix


@dataclass(frozen=True)
class Site:
    """What generated pages need to know about the deployment."""

    edit_root: str  # e.g. https://github.com/org/repo/edit/main/ ; "" hides edit links


@dataclass(frozen=True)
class GeneratedFile:
    path: str  # relative to content/, e.g. "cities/lyon.fr.md"
    text: str


def localized_path(stem: str, lang: str) -> str:
    """'cities/lyon' + 'fr' -> 'cities/lyon.fr.md' (mkdocs-static-i18n suffix structure)."""
    return f"{stem}{suffix(lang)}.md"


Family = Callable[[Network, Site], Iterator[GeneratedFile]]


def families() -> dict[str, Family]:
    """Every page family, by the content/ folder it owns."""
    from . import city, members

    return {"cities": city.pages, "members": members.pages}
