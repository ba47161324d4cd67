"""Names and numbers in the reader's language, from CLDR through Babel."""
from __future__ import annotations

from functools import cache

from babel import Locale
from babel.numbers import format_decimal

from portal.i18n.languages import t


@cache
def locale(lang: str) -> Locale:
    return Locale.parse(lang)


def country_name(code: str, lang: str) -> str:
    """'FR' in 'ar' -> 'فرنسا' (CLDR)."""
    return locale(lang).territories.get(code, code)


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


def number(value: int | float, lang: str) -> str:
    """A count or measure with the language's separators (Latin digits in every language)."""
    return format_decimal(value, locale=locale(lang), numbering_system="latn")


def coordinate(lat: float, lon: float) -> str:
    """Latitude, longitude in signed decimal degrees (ISO 6709 order), the same in every language."""
    return f"{lat:.5f}".rstrip("0").rstrip(".") + ", " + f"{lon:.5f}".rstrip("0").rstrip(".")
