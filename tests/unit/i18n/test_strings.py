"""UI strings in six languages (src/portal/i18n/strings/). The JSON Schema: tests/unit/validate/test_schema.py."""

from __future__ import annotations

import string

import pytest

from portal.i18n.languages import LANGUAGES, plural_categories, strings, t, tn


def _texts(value: object) -> list[str]:
    """A UI string's texts: itself, or each of its plural forms."""
    return list(value.values()) if isinstance(value, dict) else [value]


def test_every_string_has_six_non_empty_translations():
    for key, texts in strings().items():
        assert set(texts) == set(LANGUAGES), key
        assert all(isinstance(v, str) and v.strip() for value in texts.values() for v in _texts(value)), key


def test_plural_strings_give_every_cldr_category_of_each_language():
    plural = {key: texts for key, texts in strings().items() if any(isinstance(v, dict) for v in texts.values())}
    assert "members.region_count" in plural
    for key, texts in plural.items():
        for lang, forms in texts.items():
            assert isinstance(forms, dict), f"{key}: {lang} must give plural forms like the other languages"
            assert set(forms) == plural_categories(lang), f"{key}.{lang}: {sorted(forms)} != CLDR {sorted(plural_categories(lang))}"


def test_placeholders_agree_across_languages():
    fields = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}
    for key, texts in strings().items():
        found = {frozenset(fields(v)) for value in texts.values() for v in _texts(value)}
        if any(isinstance(v, dict) for v in texts.values()):
            # A plural form may spell the number out ("مدينة واحدة"): only {count} may be left out.
            found = {f | {"count"} for f in found}
        assert len(found) == 1, key


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("en", 1, "1 city"),
        ("en", 0, "0 cities"),
        ("en", 1200, "1,200 cities"),
        ("fr", 0, "0 ville"),
        ("fr", 1, "1 ville"),
        ("fr", 2, "2 villes"),
        ("fr", 1000000, "1\u202f000\u202f000 de villes"),
        ("ru", 1, "1 город"),
        ("ru", 3, "3 города"),
        ("ru", 5, "5 городов"),
        ("ru", 21, "21 город"),
        ("ru", 11, "11 городов"),
        ("ar", 0, "لا مدن"),
        ("ar", 1, "مدينة واحدة"),
        ("ar", 2, "مدينتان"),
        ("ar", 3, "3 مدن"),
        ("ar", 11, "11 مدينة"),
        ("ar", 100, "100 مدينة"),
        ("zh", 1, "1 个城市"),
    ],
)
def test_plural_forms_follow_cldr(lang: str, count: int, expected: str):
    assert tn("members.region_count", lang, count) == expected


def test_plural_and_plain_strings_are_not_mixed_up():
    with pytest.raises(TypeError, match="tn"):
        t("members.region_count", "en")
    with pytest.raises(TypeError, match="no plural forms"):
        tn("members.title", "en", 2)
