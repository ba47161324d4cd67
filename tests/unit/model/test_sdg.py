"""SDG and theme reference data, and the SDG badge colours' contrast."""

from __future__ import annotations

import csv
import re

from portal.i18n.languages import LANGUAGES
from portal.model import sdg
from tests.conftest import ROOT

# The project's shared reference data, next to the repository or to its worktree (absent in CI).
SHARED = next((p for p in (ROOT.parent / "shared" / "data", ROOT.parent.parent / "shared" / "data") if p.is_dir()), ROOT / "missing")


def test_twenty_targets_two_goals_every_language():
    ref = sdg.load(ROOT / "data")
    assert [g.number for g in ref.goals] == ["4", "11"]
    assert len(ref.targets) == 20
    for item in [*ref.goals, *ref.targets]:
        for text in (item.title, item.text):
            assert set(text.by_lang) == set(LANGUAGES), item
            assert all(v.strip() for v in text.by_lang.values()), item


def test_only_english_texts_are_marked_official():
    """Every other language is our translation until a quoted UN text is recorded in `official:`."""
    ref = sdg.load(ROOT / "data")
    for item in [*ref.goals, *ref.targets]:
        assert item.text.official == {"en"}
        assert item.text.get("fr")[2] is False and item.text.get("en")[2] is True


def test_targets_are_the_resolution_targets_with_their_caveats():
    ref = sdg.load(ROOT / "data")
    assert [t.id for t in ref.targets] == [f"4.{i}" for i in (*range(1, 8), "a", "b", "c")] + [f"11.{i}" for i in (*range(1, 8), "a", "b", "c")]
    assert {t.id for t in ref.targets if t.unverified} == {"4.b", "4.c", "11.6", "11.7", "11.a", "11.b", "11.c"}
    assert {t.id for t in ref.targets if "short title not confirmed" in t.note} == {"11.a", "11.b", "11.c"}


def test_english_texts_match_the_shared_reference_data():
    with (ROOT / "data" / "sdg_targets.csv").open(encoding="utf-8") as fh:
        ours = list(csv.DictReader(fh))
    if (SHARED / "sdg_targets.csv").is_file():
        with (SHARED / "sdg_targets.csv").open(encoding="utf-8") as fh:
            assert ours == list(csv.DictReader(fh))
    ref = sdg.load(ROOT / "data")
    assert [t.text.by_lang["en"] for t in ref.targets] == [r["official_text"] for r in ours]


def test_themes_have_unique_ids_and_six_labels():
    ref = sdg.load(ROOT / "data")
    ids = [t.id for t in ref.themes]
    assert len(ids) == len(set(ids)) == 13  # 7 thematic clusters + 6 building blocks
    assert all(set(t.label) == set(LANGUAGES) and all(t.label.values()) for t in ref.themes)


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_badge_text_is_readable_on_the_official_colours():
    """WCAG AA (4.5:1) for the badge text on each goal's official colour, as the CSS sets it."""
    css = (ROOT / "content" / "assets" / "portal.css").read_text(encoding="utf-8")
    ref = sdg.load(ROOT / "data")
    for goal in ref.goals:
        block = re.search(r"a\.lcp-sdg-badge--%s:focus \{([^}]*)\}" % goal.number, css).group(1)
        background = re.search(r"background-color: (#[0-9a-f]{6})", block).group(1)
        text = re.search(r"(?<![-\w])color: (#[0-9a-f]{6})", block).group(1)
        assert background.upper() == goal.colour.upper()
        assert contrast(background, text) >= 4.5, (goal.number, contrast(background, text))
    assert contrast("#FD9D24", "#FFFFFF") < 4.5  # why SDG 11 badges have dark text
