"""portal.site.search without MkDocs: a folder of HTML pages in, one Pagefind index per language out,
reproducible; 404 pages and everything outside the article left out; apostrophes made ASCII in
what is indexed only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from portal.site import search

from tests.conftest import missing

PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>t</title></head>
<body><nav>Navigation {nav}</nav><article class="md-content__inner md-typeset"><h1 id="a">{title}<a class="headerlink" href="#a">¶</a></h1>
<p>{text}</p></article></body></html>"""


def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    pages = {
        "index.html": ("en", "Home", "The portal’s home"),
        "cities/cork/index.html": ("en", "Cork", "A learning city"),
        "fr/index.html": ("fr", "Accueil", "L’apprentissage tout au long de la vie"),
        "ar/index.html": ("ar", "الرئيسية", "مدن التعلّم"),
        "404.html": ("en", "Page not found", "missing"),
        "fr/404.html": ("fr", "Page introuvable", "absente"),
    }
    for rel, (lang, title, text) in pages.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE.format(lang=lang, title=title, text=text, nav="menu"), encoding="utf-8")
    return root


@pytest.fixture
def binary() -> Path:
    try:
        return search.executable()
    except search.SearchIndexError as error:
        missing(str(error))


def test_indexable_copy_skips_404_pages_and_makes_apostrophes_ascii(tmp_path: Path):
    root = site(tmp_path)
    copied = search.indexable_copy(root, tmp_path / "copy")
    assert copied == 4
    assert not list((tmp_path / "copy").rglob("404.html"))
    assert "L'apprentissage" in (tmp_path / "copy" / "fr" / "index.html").read_text(encoding="utf-8")
    assert "L’apprentissage" in (root / "fr" / "index.html").read_text(encoding="utf-8")  # the site is untouched


def test_one_index_per_language_sorted_and_reproducible(tmp_path: Path, binary: Path):
    root = site(tmp_path)
    report = search.build_index(root, binary)
    assert report.pages == {"ar": 1, "en": 2, "fr": 1}
    bundle = root / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["ar", "en", "fr"]
    assert (bundle / "pagefind.js").is_file() and not (bundle / "pagefind-ui.js").exists()
    first = {p.relative_to(bundle).as_posix(): p.read_bytes() for p in bundle.rglob("*") if p.is_file()}
    search.build_index(root, binary)  # again, over the previous index: same bytes
    again = {p.relative_to(bundle).as_posix(): p.read_bytes() for p in bundle.rglob("*") if p.is_file()}
    assert first == again
    assert "search index: 4 pages (ar 1, en 2, fr 1)" in str(report)


def test_nothing_to_index_or_no_binary_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "empty").mkdir()
    with pytest.raises(search.SearchIndexError, match="no page to index"):
        search.build_index(tmp_path / "empty", Path("/bin/true"))
    monkeypatch.setattr(search.sys, "prefix", str(tmp_path / "venv"))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(search.SearchIndexError, match="npm ci"):
        search.executable()
    monkeypatch.setenv("PAGEFIND_BINARY", "/opt/pagefind")
    assert search.executable() == Path("/opt/pagefind")
