"""The site's languages and the translated UI strings used in generated pages."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

DEFAULT = "en"
LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "ar", "zh", "ru")
RTL = frozenset({"ar"})
STRINGS_DIR = Path(__file__).with_name("strings")  # one YAML file per family: city.yml, members.yml, ...


@cache
def strings() -> dict[str, dict[str, str]]:
    """All UI strings, {key: {lang: text}}; every key has all six languages (tested)."""
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
    return strings()[key][lang]


def direction(lang: str) -> str:
    return "rtl" if lang in RTL else "ltr"


def suffix(lang: str) -> str:
    """File-name suffix used by mkdocs-static-i18n's suffix structure ('' for the default)."""
    return "" if lang == DEFAULT else f".{lang}"


def url_prefix(lang: str) -> str:
    """Site-relative URL prefix of a language ('' for the default, 'fr/' otherwise)."""
    return "" if lang == DEFAULT else f"{lang}/"
