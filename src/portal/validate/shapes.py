"""What the rules read of the loaded model, as protocols: the validation package sits below
portal.model (the model calls the rules) and never imports it, not even for type hints."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Winner(Protocol):
    city: str  # the name as data/learning_city_awards.csv gives it
    iso2: str
    line: int  # its line in the CSV


class Round(Protocol):
    year: int
    winners: Sequence[Winner]


class City(Protocol):
    slug: str
    file: str
    name: str
    country: str
    awards: Sequence[int]


class Item(Protocol):
    id: str


class Reference(Protocol):
    """The SDG targets and the themes a case study may name (portal.model.sdg.Reference)."""

    targets: Sequence[Item]
    themes: Sequence[Item]


class Citation(Protocol):
    url: str
    key: str
    file: str
    line: int
