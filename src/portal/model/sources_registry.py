"""The registry of cited pages (data/sources.yml): what the site shows for each web address it cites.

Each entry is keyed by the address exactly as cited and gives the page's title (in the page's own
language), its publisher, optionally its date ("YYYY-MM-DD", "YYYY-MM" or "YYYY"), its language and
its kind (official, government, city, press, aggregator, blog, academic, other). `verified: false`
marks a title written in [square brackets] as a description, because no stored copy of the page
showing its own title was found. The rules live in portal.validate.citations; `load` reads the file
once, with line numbers, for the model.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from portal.files.yamlfile import Document, Problem, read_yaml
from portal.validate.citations import FIELDS, KINDS, REGISTRY_FILE  # noqa: F401 (re-exported)

REGISTRY_MAX_BYTES = 8 * 1024 * 1024  # thousands of cited pages (the 2,000-city benchmark registers its own)
# Kinds the reader is told about next to the title: a copy of someone else's text, or a personal page.
LABELLED_KINDS = ("aggregator", "blog")


@dataclass(frozen=True)
class Source:
    """One cited page as the registry describes it."""

    url: str
    title: str
    publisher: str
    language: str
    kind: str
    date: str | None = None  # "YYYY-MM-DD", "YYYY-MM" or "YYYY"
    verified: bool = True
    note: str | None = None
    line: int = 1  # of its entry in data/sources.yml

    @property
    def described(self) -> bool:
        """Whether the title is a description written for the registry, not the page's own title."""
        return not self.verified

    @property
    def shown_title(self) -> str:
        """The title as readers see it: a description loses its [square brackets], and the
        publisher's name it starts with ('[Gulf Times: Wakrah joins ...]'), shown apart."""
        title = self.title.strip()
        if title.startswith("[") and title.endswith("]"):
            title = title[1:-1].strip()
            head, colon, rest = title.partition(": ")
            if colon and rest.strip() and head.strip() == self.publisher:
                title = rest.strip()
        return title

    @property
    def label(self) -> str | None:
        """The kind readers are told about ('aggregator', 'blog'), else None."""
        return self.kind if self.kind in LABELLED_KINDS else None


def read(root: Path) -> tuple[Document | None, list[Problem]]:
    """data/sources.yml parsed with line numbers; (None, []) when the repository has none."""
    path = Path(root) / REGISTRY_FILE
    if not path.is_file():
        return None, []
    return read_yaml(path, REGISTRY_FILE, max_bytes=REGISTRY_MAX_BYTES)


def entries(doc: Document | None) -> dict[str, Source]:
    """Every entry that has at least a title, keyed by address (the rules report the rest)."""
    found: dict[str, Source] = {}
    if doc is None or not isinstance(doc.data, dict):
        return found
    for url, entry in doc.data.items():
        if not isinstance(url, str) or not isinstance(entry, dict) or not isinstance(entry.get("title"), str):
            continue
        date = entry.get("date")
        found[url] = Source(
            url=url,
            title=entry["title"].strip(),
            publisher=str(entry.get("publisher") or "").strip(),
            language=str(entry.get("language") or "").strip(),
            kind=str(entry.get("kind") or "other"),
            date=date.strip() if isinstance(date, str) and date.strip() else None,
            verified=entry.get("verified", True) is not False,
            note=(str(entry["note"]).strip() or None) if entry.get("note") else None,
            line=doc.line(url),
        )
    return found
