"""Sorting names as a reader of each language expects: CLDR's collation for the language, Chinese by pinyin.

The order is ICU's (PyICU from the pinned `pyicu-wheels`, whose wheel carries ICU 77.1, CLDR 47):
each language's CLDR tailoring on top of the root order, where accents and case count only after
the base letters ('Évry' sorts with 'E', 'Île' before 'Inde'). Spanish 'ñ' is a letter of its own
after 'n' (Nazca, Nuevo León, Ñuñoa, Oaxaca); Arabic and Russian sort in their alphabets' order, and
before Latin letters (CLDR reorders their script first).

Chinese stays with pypinyin: CLDR's default Chinese order is pinyin too, but ICU reads each
character on its own, so polyphonic characters go astray (重庆 as 'zhong', 长沙 as 'zhang', 厦门 as
'sha'); pypinyin reads them within the word. Its syllables are compared one by one with the root
order, as CLDR's pinyin order compares character by character (几内亚 'ji-nei-ya' before 津巴布韦
'jin-ba-bu-wei'); a Latin name in a Chinese list sorts among the pinyin.

Ties are broken by the text itself, so the order never depends on the input's order (builds are
reproducible).
"""

from __future__ import annotations

from functools import cache

ICU_LOCALES = {"en": "en", "fr": "fr", "es": "es", "ar": "ar", "ru": "ru", "zh": "root"}


@cache
def collator(lang: str):
    """ICU's collator for `lang` (CLDR's tailoring; the root order for a language without one)."""
    import icu

    return icu.Collator.createInstance(icu.Locale(ICU_LOCALES.get(lang, "root")))


@cache
def sort_key(text: str, lang: str) -> tuple:
    """The key that sorts `text` in `lang`: sorted(names, key=lambda n: sort_key(n, 'zh'))."""
    if lang == "zh":
        from pypinyin import Style, lazy_pinyin

        root = collator("zh").getSortKey
        syllables = tuple(root(s) for s in lazy_pinyin(text, style=Style.NORMAL))
        tones = tuple(lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True))
        return (syllables, tones, text)
    return (collator(lang).getSortKey(text), text)


def icu_version() -> str:
    """The ICU (and so CLDR) release the order comes from, e.g. '77.1'."""
    import icu

    return icu.ICU_VERSION
