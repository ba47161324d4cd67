"""Why each city won (data/award-reasons/<year>.yml): located problems, gallery cards, city pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from portal.model.loader import load
from portal.site.generate import render_all
from portal.site.pages import Site
from tests.conftest import ROOT, register_cited, restrict_awards
from tests.conftest import load_problems as problems

CORK_2017 = """\
cork:
  source: https://uil.unesco.org/cork-2015
  source_kind: official
  reason:
    en: Cork built learning festivals with its neighbourhoods.
    fr: Cork a créé des festivals d’apprentissage avec ses quartiers.
"""
MELTON = """\
melton:
  source: https://uil.unesco.org/2015
  published: false
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Cork (2015, 2024 winner) and Melton (2015) with the real award data restricted to them."""
    (tmp_path / "cities").mkdir()
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.rmtree(tmp_path / "data" / "award-reasons", ignore_errors=True)
    for slug in ("cork", "melton"):
        shutil.copy2(ROOT / "cities" / f"{slug}.yml", tmp_path / "cities")
    restrict_awards(tmp_path)
    (tmp_path / "data" / "award-reasons").mkdir()
    return tmp_path


def write(repo: Path, year: int, text: str) -> None:
    (repo / "data" / "award-reasons" / f"{year}.yml").write_text(text, encoding="utf-8")
    register_cited(repo)  # its source is described in data/sources.yml


def pages(repo: Path) -> dict[str, str]:
    network = load(repo)
    return {f.path: f.text for files in render_all(network, Site(edit_root="")).values() for f in files if isinstance(f.text, str)}


def test_reasons_load_and_show_on_cards_and_city_pages(repo: Path):
    write(repo, 2015, CORK_2017.replace("cork-2015", "cork") + MELTON)
    write(repo, 2024, "cork:\n  source: https://press.example.org/copy\n  source_kind: press-copy\n  reason:\n    en: Cork again.\n")
    network = load(repo)
    assert network.reason(2015, "cork").text["fr"].startswith("Cork a créé")
    assert not network.reason(2015, "melton").published
    out = pages(repo)
    fr = out["awards/2015.fr.md"]
    assert "<p>Cork a créé des festivals d’apprentissage avec ses quartiers.</p>" in fr
    assert "L’UNESCO n’a publié aucun motif propre à cette ville pour ce prix." in fr
    # The source by its title in data/sources.yml (register_cited), publisher after the French comma.
    assert (
        'Source : <span class="lcp-cite"><a class="lcp-cite__link" href="https://uil.unesco.org/cork" rel="external" hreflang="en">'
        '<cite class="lcp-cite__title" lang="en" dir="auto">A page cited by a test</cite></a>, <bdi class="lcp-cite__publisher">Test publisher</bdi></span>'
    ) in fr
    # A language without the text: English, marked as such, with a notice in the reader's language.
    ru = out["awards/2015.ru.md"]
    assert '<div class="lcp-reason" lang="en" dir="ltr">' in ru and "Cork built learning festivals" in ru
    assert "Этот текст ещё не переведён на русский язык" in ru
    # A press copy says so; the city page has a section per award with its reason.
    city = out["cities/cork.md"]
    assert "## Why the city received the Learning City Award {#award}" in city
    assert '<h3 id="award-2015"><a href="../../awards/2015/">' in city and '<h3 id="award-2024">' in city
    assert "Cork again." in city and "(a press copy of UNESCO’s announcement)" in city
    assert "Why the city received" not in out["cities/melton.md"].split("{#award}")[0] or "UNESCO published no city-specific reason" in out["cities/melton.md"]


def test_text_is_escaped(repo: Path, monkeypatch: pytest.MonkeyPatch):
    write(repo, 2015, "cork:\n  source: https://uil.unesco.org/x\n  reason:\n    en: <script>alert(1)</script>\n" + MELTON)
    # portal check refuses HTML in a reason (src/portal/validate/html_policy.py); without that rule the template escapes it.
    from portal.validate import profile as rules

    monkeypatch.setattr(rules, "plain_text_problem", lambda value, field: None)
    card = pages(repo)["awards/2015.md"]
    assert "<script>alert(1)</script>" not in card and "&lt;script&gt;alert(1)&lt;/script&gt;" in card


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "2015.yml",
            "corkk:\n  source: https://uil.unesco.org/x\n  published: false\n" + MELTON,
            "data/award-reasons/2015.yml:1: each entry must be a 2015 winner's profile name (the file name in cities/ without .yml: cork, melton), got 'corkk'",
        ),
        (
            "2015.yml",
            "cork:\n  source_kind: official\n  published: false\n" + MELTON,
            "data/award-reasons/2015.yml:1: cork: each reason needs its source, got no 'source:' line",
        ),
        (
            "2015.yml",
            "cork:\n  source: not-a-url\n  published: false\n" + MELTON,
            "data/award-reasons/2015.yml:2: cork: source must be a web address starting with https:// or http://, got 'not-a-url'",
        ),
        (
            "2015.yml",
            "cork:\n  source: https://a.org/x\n  source_kind: blog\n  published: false\n" + MELTON,
            "data/award-reasons/2015.yml:3: cork: source_kind must be official, press-copy (a press copy of the official release) or press",
        ),
        (
            "2015.yml",
            "cork:\n  source: https://a.org/x\n  reason:\n    fr: Texte.\n" + MELTON,
            "data/award-reasons/2015.yml:3: cork: reason must have an English text (en:)",
        ),
        (
            "2015.yml",
            "cork:\n  source: https://a.org/x\n" + MELTON,
            "data/award-reasons/2015.yml:1: cork: each winner needs 'reason:' (en: required), or 'published: false'",
        ),
        (
            "2015.yml",
            "cork:\n  source: https://a.org/x\n  published: false\n  reason:\n    en: X.\n" + MELTON,
            "data/award-reasons/2015.yml:4: cork: a reason marked 'published: false' must have no text",
        ),
        (
            "2015.yml",
            "cork:\n  source: https://a.org/x\n  reason:\n    de: Text.\n" + MELTON,
            "data/award-reasons/2015.yml:4: cork: reason languages must be among en, fr, es, ar, zh, ru, got 'de'",
        ),
        (
            "2015.yml",
            "cork:\n  sourse: https://a.org/x\n  published: false\n" + MELTON,
            "data/award-reasons/2015.yml:2: unknown field, got 'sourse'; did you mean 'source'?",
        ),
        ("2015.yml", MELTON, "data/award-reasons/2015.yml:1: every 2015 winner needs an entry, got none for 'cork'"),
        (
            "2016.yml",
            MELTON,
            "data/award-reasons/2016.yml:1: the file name must be the year of an award round in data/learning_city_awards.csv (2015, 2024), got '2016.yml'",
        ),
        (
            "cork.yml",
            MELTON,
            "data/award-reasons/cork.yml:1: files in data/award-reasons/ are named after an award round, <year>.yml (2015.yml, 2024.yml), got 'cork.yml'",
        ),
        (
            "2015.yml",
            "cork: [1, 2]\n" + MELTON,
            "data/award-reasons/2015.yml:1: cork: an entry must be a block of source:, source_kind: and reason: (or published: false), got a list",
        ),
        (
            "2015.yml",
            "cork:\n  source: https://a.org/x\n  reason:\n    en: |\n      " + "x" * 1201 + "\n" + MELTON,
            "data/award-reasons/2015.yml:4: cork: reason.en must be at most 1200 characters",
        ),
    ],
)
def test_mistakes_are_located(repo: Path, name: str, text: str, expected: str):
    (repo / "data" / "award-reasons" / name).write_text(text, encoding="utf-8")
    found = problems(repo)
    assert any(p.startswith(expected) for p in found), found


def test_unreadable_file_is_a_located_problem(repo: Path):
    (repo / "data" / "award-reasons" / "2015.yml").write_bytes(b"cork:\n  source: \xff\n")
    assert problems(repo) == ["data/award-reasons/2015.yml:2: file must be saved as UTF-8 text, got the byte 0xFF; save it again as UTF-8"]


def test_real_reasons_are_valid():
    """Whatever data/award-reasons/ holds today passes its rules (portal.model.load raises otherwise)."""
    network = load(ROOT)
    for (year, slug), reason in network.reasons.items():
        assert year in next(c for c in network.cities if c.slug == slug).awards
        assert reason.source.startswith("http")


def test_translation_coverage_counts_each_published_reason(repo: Path):
    from portal.site.coverage import coverage

    write(repo, 2015, CORK_2017.replace("cork-2015", "cork") + MELTON)  # cork: en, fr; melton: none published
    report = {c.lang: c.reasons for c in coverage(load(repo))}
    assert report["fr"].translated == ["cork/2015"] and report["fr"].fallback == []
    assert report["ru"].translated == [] and report["ru"].fallback == ["cork/2015"]
    assert report["ru"].as_dict()["percent"] == 0
