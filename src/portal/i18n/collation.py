"""Sorting names as a reader of each language expects: the Unicode Collation Algorithm, Chinese by pinyin.

PyICU (CLDR's tailored collations) has no wheel on PyPI and would need ICU's headers and a C++
compiler on every machine, so the order comes from two pure-Python libraries instead:
pyuca (the UCA with its default table, DUCET, which is CLDR's root order for letters: accents and
case count only after the base letters, so 'Évry' sorts with 'E' and 'Île' before 'Inde') and
pypinyin for Chinese, which CLDR's default Chinese collation orders by pinyin (北京 'beijing'
before 上海 'shanghai', syllable by syllable); a Latin name in a Chinese list sorts among the pinyin. Arabic and Russian
letters sort in their alphabets' order under the UCA; Spanish 'ñ' sorts with 'n' (CLDR's Spanish
tailoring puts it after: no name on the site depends on it). Ties are broken by the text itself,
so the order never depends on the input's order (builds are reproducible).
"""
from __future__ import annotations

from functools import cache


@cache
def _collator():
    import pyuca
    return pyuca.Collator()


@cache
def sort_key(text: str, lang: str) -> tuple:
    """The key that sorts `text` in `lang`: sorted(names, key=lambda n: sort_key(n, 'zh'))."""
    uca = _collator().sort_key
    if lang == "zh":
        from pypinyin import Style, lazy_pinyin
        # Syllable by syllable, as CLDR's pinyin order compares character by character:
        # 几内亚 (ji-nei-ya) before 津巴布韦 (jin-ba-bu-wei).
        syllables = tuple(uca(s) for s in lazy_pinyin(text, style=Style.NORMAL))
        tones = tuple(lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True))
        return (syllables, tones, text)
    return (uca(text), text)
