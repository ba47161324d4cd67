"""Material's navigation rendered once per language and folder for pages outside the navigation.

Every page carries the site's navigation (the drawer on small screens, the sidebar on wide ones),
drawn by Material's `partials/nav.html`: about a tenth of the engine step (bench/run.py profile).
On a page that is not in the navigation (city pages, case studies, award galleries, SDG and theme
pages: four pages in five) no item is marked as the current one, so what it draws depends only on
the language being built and on the folder of the page (its links are relative to the page's
address). `overrides/partials/nav.html` asks `nav_key` for the key of such a page and keeps the
first rendering under it for the other pages of the same folder; pages in the navigation (and
every page of a plain build, PORTAL_PLAIN_BUILD=1) are drawn as Material draws them
(`overrides/partials/nav-tree.html`, Material's template unchanged). The fragments live in the
language build's own Jinja environment, so nothing is kept from one language or build to the next.
tests/site/engine/test_build_speed.py compares the plain and the optimized builds file by file.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import Any

KEY = "portal_nav_key"  # the template globals
KEEP = "portal_keep"


def nav_key(page: Any, nav: Any) -> str | None:
    """The folder whose not-in-navigation pages all draw the same navigation, or None when this
    page must draw its own (it is in the navigation, or a navigation page's address lies under it)."""
    if page is None or nav is None or getattr(page, "parent", None) is not None:
        return None
    pages = list(getattr(nav, "pages", ()))
    if page in pages:
        return None
    url = page.url or ""
    if not url or any((p.url or "").startswith(url) for p in pages):
        return None
    return posixpath.dirname(url.rstrip("/")) + "/"


def install(env: Any, enabled: Callable[[], bool]) -> None:
    """Give a language build's Jinja environment the two template globals (no key when the
    speed-ups are off: every page then draws its navigation)."""
    kept: dict[str, str] = {}

    def key(page: Any, nav: Any) -> str | None:
        return nav_key(page, nav) if enabled() else None

    def keep(name: str | None, render: Callable[[], str]) -> str:
        """The fragment kept under `name`, or `render()` (kept under `name` if there is one)."""
        if name is None:
            return render()
        if name not in kept:
            kept[name] = render()
        return kept[name]

    env.globals[KEY] = key
    env.globals[KEEP] = keep
