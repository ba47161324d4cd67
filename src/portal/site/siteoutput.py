"""Build-output concerns that MkDocs and the i18n plugin leave open: one 404 page per language,
and a build date taken from the last commit (reproducible builds).

Plain functions and a small state object; hooks/portal_hooks.py calls them from MkDocs events.
"""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from babel.dates import format_date

from portal.i18n.languages import url_prefix
from portal.i18n.localize import locale

NOT_FOUND = "404.html"


def commit_epoch(root: Path) -> str | None:
    """Seconds since the epoch of the last commit in `root`'s repository, or None outside git."""
    try:
        proc = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"],
            capture_output=True, text=True, timeout=30, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    value = proc.stdout.strip()
    return value if proc.returncode == 0 and value.isdigit() else None


def pin_build_date(root: Path) -> str | None:
    """Set SOURCE_DATE_EPOCH (which MkDocs uses for sitemap dates and the sitemap's gzip header)
    to the last commit's date, unless it is already set; return the value in force."""
    if "SOURCE_DATE_EPOCH" not in os.environ:
        epoch = commit_epoch(root)
        if epoch is not None:
            os.environ["SOURCE_DATE_EPOCH"] = epoch
    return os.environ.get("SOURCE_DATE_EPOCH")


def data_date(lang: str) -> str | None:
    """The date of the site's data (the last commit, pinned as SOURCE_DATE_EPOCH by
    pin_build_date) in `lang`'s long format ('1 December 2026'); None when it is not known."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not epoch.isdigit():
        return None
    day = datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return format_date(day, format="long", locale=locale(lang))


def home_alternates(alternates: list[dict], site_path: str) -> list[dict]:
    """The language switcher of a 404 page: each language's home page (absolute paths, since a
    404 page is served at any address). The i18n plugin leaves the last page's links there."""
    return [{**alt, "link": f"{site_path}{url_prefix(alt['lang'])}"} for alt in alternates]


@dataclass
class NotFoundPages:
    """Each language's 404 page. Every language build renders 404.html into the one site_dir the
    i18n plugin builds all languages into, so the last language built would win: keep each
    rendering and write them all (default language at /404.html, others at /<lang>/404.html)."""

    pages: dict[str, str] = field(default_factory=dict)

    def rendered(self, lang: str, html: str) -> None:
        self.pages[lang] = html

    def export(self) -> dict[str, str]:
        """The pages rendered in this process (portal.engine.parallel sends a child's to the parent)."""
        return dict(self.pages)

    def merge(self, pages: dict[str, str]) -> None:
        self.pages.update(pages)

    def write(self, site_dir: Path) -> list[Path]:
        written = []
        for lang, html in sorted(self.pages.items()):
            target = site_dir / url_prefix(lang) / NOT_FOUND
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
            written.append(target)
        self.pages.clear()
        return written
