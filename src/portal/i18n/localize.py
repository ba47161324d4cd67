"""Names and numbers in the reader's language, from CLDR through Babel."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from babel import Locale

from portal.i18n.languages import number, t  # noqa: F401 (number re-exported)


@cache
def locale(lang: str) -> Locale:
    return Locale.parse(lang)


UN_NAMES = Path(__file__).with_name("countries") / "un-names.csv"  # UNTERM short names, six languages (README.md there)


@cache
def un_names() -> dict[str, dict[str, str]]:
    """ISO code -> {language: the UN's short name}, from the M49 list (countries/README.md)."""
    with UN_NAMES.open(encoding="utf-8", newline="") as fh:
        return {row["iso2"]: row for row in csv.DictReader(fh)}


def country_name(code: str, lang: str) -> str:
    """A country as the UN names it in `lang` ('KR' in 'en' -> 'Republic of Korea'); CLDR's name
    only for a code the UN list does not have."""
    name = un_names().get(code, {}).get(lang)
    return name or locale(lang).territories.get(code, code)


def language_name(code: str, lang: str) -> str:
    """The name of language `code` in `lang`: 'en' in 'fr' -> 'anglais'."""
    return locale(lang).languages.get(code, code)


def own_language_name(lang: str) -> str:
    """A language's name in itself, capitalised: 'fr' -> 'Français'."""
    name = locale(lang).display_name or lang
    return name[:1].upper() + name[1:]


def region_name(region_id: str, lang: str) -> str:
    """A UNESCO region in `lang` (regions are UNESCO's, not CLDR's: see strings.yml)."""
    return t(f"region.{region_id}", lang)


def coordinate(lat: float, lon: float) -> str:
    """Latitude, longitude in signed decimal degrees (ISO 6709 order), the same in every language."""
    return f"{lat:.5f}".rstrip("0").rstrip(".") + ", " + f"{lon:.5f}".rstrip("0").rstrip(".")
