"""Award emblems carry the city's name in the reader's script and the year in the site's digits,
one file per language whose emblem differs; the gallery's intro uses ordinal wording and one final period."""

from __future__ import annotations

import pytest
from lxml import etree

from portal.model.loader import load as load_network
from portal.site.pages.awards import ordinal
from portal.site.pages.media import EMBLEM_SIZE, NAME_WIDTH, emblem, emblem_path, name_lines, text_width, year_text
from portal.site.render import sentence

from tests.conftest import ROOT

SVG = "{http://www.w3.org/2000/svg}"
CITIES = {c.slug: c for c in load_network(ROOT).cities}


def texts(svg: str) -> list[str]:
    root = etree.fromstring(svg.encode())
    return [" ".join("".join(t.itertext()).split()) for t in root.iter(f"{SVG}text")]


@pytest.mark.parametrize(
    ("slug", "lang", "name"),
    [
        ("wuhan", "zh", "武汉"),
        ("wuhan", "ar", "ووهان"),
        ("wuhan", "en", "Wuhan"),
        ("yanbu-industrial-city", "ar", "مدينة ينبع الصناعية"),
    ],
)
def test_emblem_shows_the_name_in_the_readers_script_and_the_year(slug: str, lang: str, name: str):
    city = CITIES[slug]
    assert texts(emblem(city, city.awards[-1], lang)) == [name, str(city.awards[-1])]


def test_a_language_without_its_own_name_shares_the_default_emblem():
    wuhan = CITIES["wuhan"]
    assert emblem_path(wuhan, 2024, "en") == "emblems/wuhan-2024.svg"
    assert emblem_path(wuhan, 2024, "fr") == "emblems/wuhan-2024.svg"  # no French name: "Wuhan", as in English
    assert emblem_path(wuhan, 2024, "zh") == "emblems/wuhan-2024-zh.svg"


def test_arabic_names_are_marked_right_to_left():
    yanbu = CITIES["yanbu-industrial-city"]
    root = etree.fromstring(emblem(yanbu, 2024, "ar").encode())
    name = next(root.iter(f"{SVG}text"))
    assert name.get("direction") == "rtl" and name.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"


@pytest.mark.parametrize(
    "name",
    [
        "Cork",
        "Yanbu Industrial City",
        "Câmara de Lobos",
        "Santiago de los Caballeros de Guatemala",
        "武汉",
        "ينبع الصناعية",
        "Municipalidad Distrital de San Juan de Lurigancho",
    ],
)
def test_long_names_fit_the_frame_on_at_most_two_lines(name: str):
    lines, size = name_lines(name)
    assert 1 <= len(lines) <= 2 and " ".join(lines) == name
    assert all(text_width(line, size) <= NAME_WIDTH for line in lines) or size == 10
    assert size <= 30  # never the giant letters of the old emblem


def test_emblem_is_a_low_card():
    width, height = EMBLEM_SIZE
    assert height / width <= 0.4  # about 145 px tall on a 390 px phone, not 270


def test_year_is_never_grouped():
    assert [year_text(2024, lang) for lang in ("en", "fr", "es", "ar", "zh", "ru")] == ["2024"] * 6


@pytest.mark.parametrize(
    ("number", "lang", "expected"),
    [
        (2, "en", "2nd"),
        (3, "en", "3rd"),
        (6, "en", "6th"),
        (1, "fr", "1re"),
        (2, "fr", "2e"),
        (2, "es", "2.ª"),
        (2, "ar", "الثاني"),
        (2, "zh", "第二届"),
        (2, "ru", "2-й"),
        (13, "en", "13"),
    ],
)
def test_conference_ordinals(number: int, lang: str, expected: str):
    assert ordinal(number, lang) == expected


def test_a_date_ending_in_an_abbreviation_gets_one_period():
    assert sentence("декабрь 2024\u202fг..") == "декабрь 2024\u202fг."
    assert sentence("December 2024.") == "December 2024."
    assert sentence("Wait...") == "Wait..."
