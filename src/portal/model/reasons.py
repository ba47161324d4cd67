"""Why each city received the Learning City Award: data/award-reasons/<year>.yml, one file per round.

Each file maps a winner's profile slug to the reason UNESCO gave, retold in the portal's words,
with the page it was taken from:

    cork:
      source: https://www.uil.unesco.org/...   # where the reason is published (https)
      source_kind: official                     # official, press-copy (a copy of the release), or press (a press account, not UNESCO's)
      reason: {en: ..., fr: ..., es: ..., ar: ..., zh: ..., ru: ...}   # en required
    melton:
      source: https://...
      source_kind: official
      published: false                          # UNESCO published no city-specific reason

The rules each file follows are in portal.validate.reasons. A round with a file must have an
entry for each of its winners.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from portal.files.paths import REASONS_DIR
from portal.files.yamlfile import Problem, read_yaml
from portal.i18n.languages import DEFAULT, LANGUAGES
from portal.validate.reasons import KINDS, check_file, year_of  # noqa: F401 (KINDS re-exported)


@dataclass(frozen=True)
class Reason:
    """Why `slug` won in `year`: the text per language (empty when none was published) and its source."""

    year: int
    slug: str
    source: str
    source_kind: str
    text: dict[str, str]
    file: str
    line: int

    @property
    def published(self) -> bool:
        return bool(self.text)

    def text_in(self, lang: str) -> tuple[str, str]:
        """(text, language of the text): the reader's language, else the default one."""
        return (self.text[lang], lang) if lang in self.text else (self.text[DEFAULT], DEFAULT)


@dataclass(frozen=True)
class Round:
    """What the rules need to know of one award round: its year and its winners' slugs."""

    year: int
    winners: tuple[str, ...]


def load(root: Path, rounds: list[Round]) -> tuple[dict[tuple[int, str], Reason], list[Problem]]:
    """Every reason by (year, slug), and every problem of the files in data/award-reasons/."""
    folder = Path(root) / REASONS_DIR
    years = {r.year: r for r in rounds}
    found: dict[tuple[int, str], Reason] = {}
    problems: list[Problem] = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.name.startswith(".") or path.name == "README.md":
            continue
        year, problem = year_of(path, years)
        if problem:
            problems.append(problem)
            continue
        doc, read_problems = read_yaml(path, f"{REASONS_DIR}/{path.name}")
        if doc is None:
            problems.extend(read_problems)
            continue
        file_problems = check_file(doc, years[year])
        problems.extend(file_problems)
        if file_problems:
            continue
        for slug, entry in doc.data.items():
            text = {lang: entry["reason"][lang].strip() for lang in LANGUAGES if lang in entry.get("reason", {})} if entry.get("published", True) else {}
            found[(year, slug)] = Reason(year, slug, entry["source"].strip(), entry.get("source_kind", "official"), text, doc.file, doc.line(slug))
    return found, problems
