"""Names sort by each language's CLDR collation (ICU), Chinese by pinyin read within the word."""

from __future__ import annotations

import random

import pytest

from portal.i18n.collation import icu_version, sort_key


def ordered(names: list[str], lang: str) -> list[str]:
    shuffled = names[:]
    random.Random(7).shuffle(shuffled)
    return sorted(shuffled, key=lambda n: sort_key(n, lang))


def test_the_order_comes_from_the_pinned_icu():
    assert icu_version() == "77.1"  # pyicu-wheels 2.15.2 (pyproject.toml); CLDR 47


def test_spanish_n_with_tilde_is_a_letter_after_n():
    expected = ["Nazca", "niño", "Nuevo León", "Nuñez", "Ñuñoa", "Oaxaca", "Ocaña"]
    assert ordered(expected, "es") == expected
    assert ordered(["Ñandú", "Nazca", "Nuevo León"], "es") == ["Nazca", "Nuevo León", "Ñandú"]
    # English (CLDR's root order) keeps ñ with n: 'nandu' before 'nazca'.
    assert ordered(["Ñandú", "Nazca", "Nuevo León"], "en") == ["Ñandú", "Nazca", "Nuevo León"]


def test_french_accents_count_after_the_letters():
    expected = ["cote", "coté", "côte", "côté", "Égypte", "Eze", "Île", "Inde", "Irak", "Jordanie", "Oeiras", "Œuvre", "Zürich"]
    assert ordered(expected, "fr") == expected


def test_russian_is_alphabetical_with_yo_after_ye_and_before_latin():
    expected = ["Абакан", "Ежевика", "Ёлка", "Ель", "Жуковский", "Москва", "Яр", "Cork"]
    assert ordered(expected, "ru") == expected


def test_arabic_is_alphabetical_before_latin():
    expected = ["أسوان", "الرياض", "بغداد", "تونس", "جدة", "دمشق", "عمّان", "يزد", "Cork"]
    assert ordered(expected, "ar") == expected


def test_chinese_is_pinyin_read_within_the_word():
    # ICU alone reads 蚌 as bang, 重 as zhong, 长 as zhang and 厦 as sha; within these names they are beng, chong, chang and xia.
    expected = ["北京", "蚌埠", "长春", "长沙", "重庆", "几内亚", "津巴布韦", "上海", "西安", "厦门"]
    assert ordered(expected, "zh") == expected
    assert ordered(["上海", "Cork", "北京"], "zh") == ["北京", "Cork", "上海"]  # Latin among the pinyin


@pytest.mark.parametrize("lang", ["en", "fr", "es", "ar", "zh", "ru"])
def test_ties_are_broken_by_the_text(lang: str):
    names = ["Cork", "cork", "CORK"]
    assert ordered(names, lang) == sorted(names, key=lambda n: sort_key(n, lang)) == ordered(list(reversed(names)), lang)
    assert len({sort_key(n, lang) for n in names}) == 3


RUSSIAN = "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"  # Ё sorts with Е in CLDR's Russian order
ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"  # hamza forms of alif with alif, as CLDR's Arabic order has them
FOLD = {"Ё": "Е", "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي"}


def initials_in_order(names: list[str], alphabet: str) -> bool:
    """The names' first letters follow `alphabet`; names in another script come after them all."""
    ranks = [alphabet.index(FOLD.get(n[0].upper(), n[0].upper())) if FOLD.get(n[0].upper(), n[0].upper()) in alphabet else len(alphabet) for n in names]
    return ranks == sorted(ranks)


@pytest.mark.parametrize(("lang", "alphabet"), [("ru", RUSSIAN), ("ar", ARABIC)])
def test_the_real_directory_is_in_alphabetical_order(lang: str, alphabet: str):
    """The member directory of the real data (countries, then cities in each), checked letter by
    letter against the alphabet, not against the collator."""
    from portal.model.loader import load
    from portal.site.pages.members import by_region
    from tests.conftest import ROOT

    checked = 0
    for region in by_region(load(ROOT).cities, lang):
        names = [c.name for c in region.countries]
        assert initials_in_order(names, alphabet), names
        for country in region.countries:
            cities = [c.name_in(lang) for c in country.cities]
            assert initials_in_order(cities, alphabet), cities
            checked += len(cities)
    assert checked > 300
