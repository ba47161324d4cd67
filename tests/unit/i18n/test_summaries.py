"""The city summaries in the real profiles: every award winner has one in six languages, each with its sources."""

from __future__ import annotations

import re

import pytest
import yaml

from portal.i18n.languages import LANGUAGES
from tests.conftest import ROOT, winner_slugs

# A translation written in the wrong script (an English text pasted into `zh:`, say) is caught by these.
SCRIPT = {
    "ar": re.compile(r"[\u0600-\u06FF]"),
    "zh": re.compile(r"[\u4E00-\u9FFF]"),
    "ru": re.compile(r"[\u0400-\u04FF]"),
}


def _profile(slug: str) -> dict:
    return yaml.safe_load((ROOT / "cities" / f"{slug}.yml").read_text(encoding="utf-8"))


def _with_summary() -> list[str]:
    return sorted(p.stem for p in (ROOT / "cities").glob("*.yml") if not p.name.startswith("_") and _profile(p.stem).get("summary"))


def test_every_award_winner_has_a_summary_in_six_languages():
    winners = winner_slugs()
    assert len(winners) == 57  # 58 awards, Cork twice
    missing = {slug: [lang for lang in LANGUAGES if not str((_profile(slug).get("summary") or {}).get(lang) or "").strip()] for slug in winners}
    assert {slug: langs for slug, langs in missing.items() if langs} == {}


@pytest.mark.parametrize("slug", _with_summary())
def test_a_summary_names_its_sources_and_the_profile_cites_them(slug):
    doc = _profile(slug)
    found = doc.get("summary_sources") or []
    assert found, f"cities/{slug}.yml has a summary but no summary_sources"
    assert all(isinstance(u, str) and u.startswith(("https://", "http://")) for u in found)
    assert len(set(found)) == len(found)
    assert set(found) <= set(doc["sources"]), f"cities/{slug}.yml: every summary source is listed in sources too"


@pytest.mark.parametrize("slug", _with_summary())
def test_each_translation_is_written_in_its_own_script(slug):
    summary = _profile(slug)["summary"]
    for lang, pattern in SCRIPT.items():
        if summary.get(lang):
            text = summary[lang]
            assert len(pattern.findall(text)) > len(text) / 3, f"cities/{slug}.yml: summary.{lang} is not in its script"
    assert summary["en"] not in {summary.get(lang) for lang in LANGUAGES if lang != "en"}
