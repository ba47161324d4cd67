"""SDG 4 and SDG 11 reference data (data/sdg_*.csv, data/sdg_translations.yml) and case-study
themes (data/themes.yml): ids, official English texts, the portal's own translations."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from portal.files import reading
from portal.i18n.languages import DEFAULT, LANGUAGES
from portal.model.network import read_csv


@dataclass(frozen=True)
class Text:
    """A text in every site language; `official` lists the languages quoting the UN's own text."""

    by_lang: dict[str, str]
    official: frozenset[str]

    def get(self, lang: str) -> tuple[str, str, bool]:
        """(text, language shown, official?) in `lang`, else in the default language."""
        shown = lang if lang in self.by_lang else DEFAULT
        return self.by_lang[shown], shown, shown in self.official


@dataclass(frozen=True)
class Goal:
    number: str  # "4"
    title: Text
    text: Text
    colour: str  # official colour; badges use it from content/assets/portal.css

    @property
    def slug(self) -> str:
        return self.number


@dataclass(frozen=True)
class Target:
    id: str  # "4.1", "11.a"
    goal: str
    title: Text  # short title (a common label, never official)
    text: Text  # the target's text
    note: str  # caveat from the data ("official text to be checked", "short title not confirmed")
    unverified: bool = False  # the English text is still to be checked against the UN SDG site

    @property
    def slug(self) -> str:
        return self.id.replace(".", "-")


@dataclass(frozen=True)
class Theme:
    id: str
    kind: str  # "clusters" or "building_blocks"
    label: dict[str, str]


@dataclass(frozen=True)
class Reference:
    goals: tuple[Goal, ...]
    targets: tuple[Target, ...]
    themes: tuple[Theme, ...]

    def target(self, target_id: str) -> Target | None:
        return next((t for t in self.targets if t.id == target_id), None)

    def theme(self, theme_id: str) -> Theme | None:
        return next((t for t in self.themes if t.id == theme_id), None)

    def targets_of(self, goal: Goal) -> list[Target]:
        return [t for t in self.targets if t.goal == goal.number]


def _text(english: str, translations: dict, official: list | None) -> Text:
    by_lang = {DEFAULT: english.strip(), **{k: v.strip() for k, v in (translations or {}).items() if k in LANGUAGES}}
    return Text(by_lang, frozenset([DEFAULT, *(official or [])]))


@cache
def load(data_dir: Path) -> Reference:
    """The SDG goals, targets and themes; the data files are the project's own (tested)."""
    with reading.open_text(data_dir / "sdg_translations.yml") as fh:
        tr = yaml.load(fh, Loader=yaml.CSafeLoader)
    with reading.open_text(data_dir / "themes.yml") as fh:
        th = yaml.load(fh, Loader=yaml.CSafeLoader)
    goals = tuple(
        Goal(
            number=r["goal"],
            title=Text({DEFAULT: r["title"], **tr["goals"][r["goal"]]["title"]}, frozenset([DEFAULT])),
            text=_text(r["official_text"], tr["goals"][r["goal"]]["text"], tr["goals"][r["goal"]].get("official")),
            colour=r["colour"],
        )
        for r in read_csv(data_dir / "sdg_goals.csv")
    )
    targets = tuple(
        Target(
            id=r["target"],
            goal=r["goal"],
            title=Text({DEFAULT: r["short_title"], **tr["targets"][r["target"]]["title"]}, frozenset()),
            text=_text(r["official_text"], tr["targets"][r["target"]]["text"], tr["targets"][r["target"]].get("official")),
            note=r["note"].strip(),
            unverified=r["target"] in tr.get("english_text_unverified", ()),
        )
        for r in read_csv(data_dir / "sdg_targets.csv")
    )
    themes = tuple(Theme(t["id"], kind, {k: t[k] for k in LANGUAGES}) for kind in ("clusters", "building_blocks") for t in th[kind])
    return Reference(goals, targets, themes)
