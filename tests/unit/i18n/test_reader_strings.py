"""The contributor guide names the city page's edit link by its label in each language, so the two
do not drift apart; the header menu's labels stay short enough for one line."""

from __future__ import annotations

import pytest

from portal.i18n.languages import LANGUAGES, suffix, t
from tests.conftest import ROOT


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_guide_names_the_edit_link_as_the_city_page_shows_it(lang: str):
    guide = (ROOT / "content" / f"contribute{suffix(lang)}.md").read_text(encoding="utf-8")
    assert f"**{t('city.edit', lang)}**" in guide


@pytest.mark.parametrize("lang", LANGUAGES)
def test_menu_labels_are_short(lang: str):
    labels = [t(f"chrome.menu_{k}", lang) for k in ("members", "case_studies", "awards", "sdgs", "figures", "open_data")]
    assert sum(len(label) for label in labels) <= 90, labels  # the header's line at 1280 px (tests/browser/test_reader.py)
