"""The site's languages and the translated UI strings used in generated pages."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import yaml
from babel import Locale
from babel.numbers import format_decimal

DEFAULT = "en"
LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "ar", "zh", "ru")
RTL = frozenset({"ar"})
STRINGS_DIR = Path(__file__).with_name("strings")  # one YAML file per family: city.yml, members.yml, ...


Text = str | dict[str, str]  # a UI string, or its CLDR plural forms {category: text}


@cache
def strings() -> dict[str, dict[str, Text]]:
    """All UI strings, {key: {lang: text or plural forms}}; every key has all six languages (tested)."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(STRINGS_DIR.glob("*.yml")):
        with path.open(encoding="utf-8") as fh:
            for key, texts in (yaml.load(fh, Loader=yaml.CSafeLoader) or {}).items():
                if key in merged:
                    raise ValueError(f"{path.name}: UI string {key!r} is defined twice")
                merged[key] = texts
    return merged


def t(key: str, lang: str) -> str:
    """The UI string `key` in `lang`."""
    text = strings()[key][lang]
    if isinstance(text, dict):
        raise TypeError(f"UI string {key!r} has plural forms: use tn(key, lang, count)")
    return text


@cache
def plural_categories(lang: str) -> frozenset[str]:
    """The CLDR plural categories of a language ('one', 'few', ...; always 'other'), from Babel."""
    return frozenset(Locale.parse(lang).plural_form.tags) | {"other"}


def plural_forms(key: str, lang: str) -> dict[str, str]:
    """The plural forms of UI string `key` in `lang`: {CLDR category: text}."""
    forms = strings()[key][lang]
    if not isinstance(forms, dict):
        raise TypeError(f"UI string {key!r} has no plural forms: use t(key, lang)")
    return forms


def tn(key: str, lang: str, count: int, **fmt: object) -> str:
    """The plural UI string `key` in `lang` for `count` (CLDR rules), {count} as a localized number."""
    forms = plural_forms(key, lang)
    text = forms.get(Locale.parse(lang).plural_form(count), forms["other"])
    return text.format(count=number(count, lang), **fmt)


def plural_json(key: str, lang: str) -> str:
    """The plural forms as JSON, for a data attribute that scripts read with Intl.PluralRules."""
    return json.dumps(plural_forms(key, lang), ensure_ascii=False, sort_keys=True)


def direction(lang: str) -> str:
    return "rtl" if lang in RTL else "ltr"


def suffix(lang: str) -> str:
    """File-name suffix used by mkdocs-static-i18n's suffix structure ('' for the default)."""
    return "" if lang == DEFAULT else f".{lang}"


def url_prefix(lang: str) -> str:
    """Site-relative URL prefix of a language ('' for the default, 'fr/' otherwise)."""
    return "" if lang == DEFAULT else f"{lang}/"


def number(value: int | float, lang: str) -> str:
    """A count or measure with the language's separators (Latin digits in every language)."""
    return format_decimal(value, locale=Locale.parse(lang), numbering_system="latn")
