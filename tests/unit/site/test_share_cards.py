"""Share pictures (portal.site.sharecards, pages/share.py) and what the head reads (webmeta)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
import yaml
from PIL import Image

from portal.i18n.languages import LANGUAGES, t
from portal.model.loader import load as load_network
from portal.site import sharecards, webmeta, worldmap
from portal.site.pages import share

from tests.conftest import ROOT, missing


@pytest.fixture(scope="module")
def network():
    return load_network(ROOT)


@pytest.fixture(scope="module")
def fonts():
    try:
        return sharecards.font_files()
    except sharecards.ShareCardError as error:
        missing(str(error))


def card_for(network, slug: str, lang: str) -> sharecards.Card:
    return share.city_cards(network)[(slug, lang)]


def test_site_names_match_the_engine_configuration():
    """web.site_name (cards, manifest, JSON-LD) is each language's site_name in mkdocs.yml."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    [i18n] = [p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p]
    for entry in i18n["languages"]:
        assert t("web.site_name", entry["locale"]) == entry.get("site_name", config["site_name"]), entry["locale"]


def test_a_card_per_city_per_language_with_the_name_in_its_script(network):
    cards = share.city_cards(network)
    assert len(cards) == len(network.cities) * len(LANGUAGES)
    beijing = {lang: cards[("beijing", lang)] for lang in LANGUAGES}
    assert beijing["zh"].title == "北京" and beijing["ar"].rtl and not beijing["en"].rtl
    assert len({c.key for c in beijing.values()}) == len(LANGUAGES)
    assert beijing["zh"].here is not None and beijing["zh"].dots  # its locator: the city and neighbours


def test_the_key_changes_with_what_is_drawn(network):
    card = card_for(network, "beijing", "en")
    assert card.key == card_for(network, "beijing", "en").key
    from dataclasses import replace

    assert replace(card, title="Peking").key != card.key
    assert replace(card, alt="other words").key == card.key  # the alt text is not drawn


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_a_card_is_a_small_1200x630_palette_png(network, fonts, lang):
    data = sharecards.draw(card_for(network, "aswan", lang), network.data_dir)
    with Image.open(io.BytesIO(data)) as im:
        assert im.format == "PNG" and im.size == (1200, 630) and im.mode == "P"
    assert len(data) < 60_000


def ink_columns(data: bytes, top: int, bottom: int) -> tuple[int, int]:
    """The leftmost and rightmost columns with dark (text) pixels between two rows."""
    with Image.open(io.BytesIO(data)) as im:
        rgb = im.convert("RGB").crop((0, top, 1200, bottom))
    # The text's ink is a dark grey: every channel dark (the map's blue dots are not).
    dark = Image.eval(rgb, lambda v: 255 if v < 90 else 0).convert("L").point(lambda v: 255 if v == 255 else 0)
    box = dark.getbbox()
    assert box, "no text drawn"
    return box[0], box[2]


def test_arabic_card_is_mirrored_and_its_name_shaped(network, fonts):
    """Arabic: the name on the right, the map on the left; the letters joined (a shaped word is
    narrower than its letters drawn apart)."""
    en = sharecards.draw(card_for(network, "aswan", "en"), network.data_dir)
    ar = sharecards.draw(card_for(network, "aswan", "ar"), network.data_dir)
    left, right = ink_columns(en, 120, 300)
    assert right < 1200 - sharecards.PANEL
    left, right = ink_columns(ar, 120, 300)
    assert left > sharecards.PANEL
    f = sharecards.font("arabic", "bold", 92)
    word = "أسوان"
    apart = sum(f.getlength(ch) for ch in word)
    # Joined forms differ from isolated ones: the shaped word's width is not the sum of the letters'.
    assert f.getlength(word) != pytest.approx(apart, abs=0.5)


def test_missing_fonts_stop_with_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setattr(sharecards, "FONT_DIRS", (str(tmp_path),))
    monkeypatch.delenv("PORTAL_FONT_DIR", raising=False)
    sharecards.font_files.cache_clear()
    try:
        with pytest.raises(sharecards.ShareCardError, match="fonts-noto-core and fonts-noto-cjk"):
            sharecards.font_files()
    finally:
        sharecards.font_files.cache_clear()


def test_cards_are_drawn_once_then_read_from_the_cache(network, fonts, tmp_path, monkeypatch):
    cards = [card_for(network, slug, lang) for slug in ("aswan", "beijing") for lang in ("en", "ar")]
    fake = type("N", (), {"root": tmp_path, "data_dir": network.data_dir})()
    monkeypatch.setattr(sharecards, "STATS", sharecards.Stats())
    first = share.pictures(fake, cards)
    assert sharecards.STATS.drawn == 4 and sharecards.STATS.reused == 0
    monkeypatch.setattr(sharecards, "STATS", sharecards.Stats())
    again = share.pictures(fake, cards + cards[:1])
    assert sharecards.STATS.drawn == 0 and sharecards.STATS.reused == 4
    assert first == again and sorted(p.stem for p in (tmp_path / sharecards.CACHE_DIR).glob("*.png")) == sorted(first)


def test_land_rings_follow_the_map_projection():
    rings = worldmap.land_rings(ROOT / "data")
    assert len(rings) > 150
    ys = [y for ring in rings for _, y in ring]
    assert min(ys) >= 0 and max(ys) <= worldmap.HEIGHT
    # Every ring is on the map (a ring across the antimeridian is drawn twice, once past each edge).
    assert all(max(x for x, _ in ring) > 0 and min(x for x, _ in ring) < worldmap.WIDTH for ring in rings)


def test_summary_is_shortened_at_a_word():
    text = "word " * 100
    short = webmeta.shorten(text, 50)
    assert len(short) <= 50 and short.endswith("word…")
    assert webmeta.shorten("A short  summary.\n") == "A short summary."


def test_city_place_names_every_language(network):
    city = next(c for c in network.cities if c.slug == "beijing")
    data = webmeta.city(city, "fr", "https://example.org/site/", "desc")
    assert data["@type"] == "City" and data["url"] == "https://example.org/site/fr/cities/beijing/"
    assert {n["@language"]: n["@value"] for n in data["alternateName"]}["zh"] == "北京"
    assert data["geo"]["latitude"] == city.lat and data["sameAs"] == [f"https://www.geonames.org/{city.geonames_id}"]


def test_no_site_url_gives_the_local_server():
    assert webmeta.page_url("", "fr", "open-data/") == "http://127.0.0.1:8000/fr/open-data/"
    assert Path(sharecards.FOLDER) == Path("share")


def test_a_city_without_coordinates_gets_its_country_highlighted(network, fonts):
    city = next(c for c in network.cities if c.lat is None and c.country == "KR")
    card = card_for(network, city.slug, "fr")
    assert card.here is None and card.country == "410" and card.view
    assert "République de Corée" in card.alt and "mis en évidence" in card.alt
    assert country_pixels(sharecards.draw(card, network.data_dir)) > 5000
    assert country_pixels(sharecards.draw(card_for(network, "aswan", "fr"), network.data_dir)) < 1000  # edges only


def country_pixels(data: bytes) -> int:
    """Pixels of the highlighted country's colour (give or take the palette's rounding)."""
    with Image.open(io.BytesIO(data)) as im:
        counts = im.convert("RGB").getcolors(4096)
    near = lambda rgb: sum(abs(a - b) for a, b in zip(rgb, sharecards.COUNTRY)) < 15
    return sum(n for n, rgb in counts if near(rgb))


def test_every_city_name_and_country_fits_its_column(network, fonts):
    """No text runs into the map: every card's lines fit the text column at the size chosen."""
    column = sharecards.WIDTH - sharecards.PANEL - 112
    for (slug, lang), card in share.city_cards(network).items():
        for text, weight, size, least in ((card.title, "bold", 92, 56), (card.subtitle, "regular", 44, 26)):
            font, lines = sharecards.wrapped(text, weight, size, column, least)
            assert max(font.getlength(line) for line in lines) <= column, (slug, lang, text)
            assert len(lines) <= 2 and "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_many_cards_are_drawn_in_other_processes_alike(network, fonts, tmp_path, monkeypatch):
    """Above PER_PROCESS missing cards per core, spawned processes draw them: the same bytes."""
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: the cards are drawn in this process")
    cards = [card_for(network, slug, lang) for slug in ("aswan", "beijing") for lang in ("en", "zh")]
    fake = type("N", (), {"root": tmp_path, "data_dir": network.data_dir})()
    monkeypatch.setattr(share, "PER_PROCESS", 1)
    monkeypatch.setenv("PORTAL_BUILD_JOBS", "2")
    made = share.pictures(fake, cards)
    assert made == {c.key: sharecards.draw(c, network.data_dir) for c in cards}
