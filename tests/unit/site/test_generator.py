"""The generator, without MkDocs: profiles in, Markdown files out."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from portal.model.cities import ProfileErrors
from portal.model.loader import load
from portal.site.generate import generate, render_all
from portal.site.pages import Site
from portal.validate import profile as rules

from tests.conftest import LANGUAGES, ROOT, register_cited, restrict_awards, without_coordinates

SITE = Site(edit_root="https://github.com/o/r/edit/main/")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "cities").mkdir()
    shutil.copytree(ROOT / "data", tmp_path / "data")
    for slug in ("cork", "medellin", "seodaemun-gu"):
        shutil.copy2(ROOT / "cities" / f"{slug}.yml", tmp_path / "cities")
    without_coordinates(tmp_path / "cities" / "seodaemun-gu.yml")
    restrict_awards(tmp_path)
    return tmp_path


def write(repo: Path, slug: str, text: str) -> None:
    (repo / "cities" / f"{slug}.yml").write_text(text, encoding="utf-8")


def test_every_city_gets_a_page_per_language(repo: Path):
    files = render_all(load(repo), SITE)
    assert sorted(f.path for f in files["cities"]) == sorted(
        f"cities/{slug}{'' if lang == 'en' else '.' + lang}.md" for slug in ("cork", "medellin", "seodaemun-gu") for lang in LANGUAGES
    )
    assert sorted(f.path for f in files["members"]) == sorted(
        [
            f"members/{stem}{'' if l == 'en' else '.' + l}.md"
            for l in LANGUAGES
            for stem in ("index", "figures", "map/europe-north-america", "map/latin-america-caribbean")
        ]
        + ["members/world.svg"]  # a closer map per region with a placed city (Cork, Medellín; Seodaemun-gu has no coordinates)
    )


def page(repo: Path, path: str) -> str:
    register_cited(repo)  # the pages the test's profiles cite are described (data/sources.yml)
    return next(f.text for fam in render_all(load(repo), SITE).values() for f in fam if f.path == path)


def test_city_page_shows_localized_facts_and_edit_link(repo: Path):
    profile = repo / "cities" / "medellin.yml"  # without its joining year, to show "not known"
    profile.write_text(re.sub(r"^joined: .*\n", "", profile.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    text = page(repo, "cities/medellin.ar.md")
    assert 'title: "ميديلين"' in text  # the city's name in Arabic (names.ar), its Latin name below the heading
    assert '<p class="lcp-latin-name" translate="no"><bdi>Medellín</bdi></p>' in text
    assert '<dd><a href="../../members/#country-co">كولومبيا</a></dd>' in text  # Colombia, from CLDR
    assert "أمريكا اللاتينية والبحر الكاريبي" in text  # the UNESCO region, from strings.yml
    assert '<a class="lcp-badge lcp-badge--award" href="../../awards/2019/" aria-label="جائزة 2019">2019</a>' in text
    assert 'href="https://github.com/o/r/edit/main/cities/medellin.yml"' in text
    assert "<dd>غير معروف</dd>" in text  # year joined not known


def test_city_without_coordinates_or_summary_shows_the_facts(repo: Path):
    profile = repo / "cities" / "seodaemun-gu.yml"  # the real profile has a summary: take it out
    profile.write_text(re.sub(r"^summary:\n(?:  .*\n)+summary_sources:\n(?:  .*\n)+", "", profile.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    text = page(repo, "cities/seodaemun-gu.fr.md")
    assert "Coordonnées" not in text
    assert "Aucune présentation de cette ville n’a encore été rédigée" in text
    assert "geocoded" not in text and "maintainer_notes" not in text  # maintainers' notes are never shown


def test_missing_translation_falls_back_with_a_notice(repo: Path):
    write(
        repo,
        "lyon",
        "name: Lyon\ncountry: FR\nregion: Europe and North America\nsummary:\n  en: A city.\n  fr: Une ville.\nsummary_sources: [https://example.org/lyon]\nsources: [https://example.org/lyon]\n",
    )
    assert '<div class="lcp-summary">\n  <p>Une ville.</p>' in page(repo, "cities/lyon.fr.md")
    ru = page(repo, "cities/lyon.ru.md")
    assert '<div class="lcp-summary" lang="en" dir="ltr">' in ru
    assert "Этот текст ещё не переведён на русский язык и показан на языке оригинала (английский)." in ru
    assert "<p>A city.</p>" in ru


def test_values_are_escaped(repo: Path, monkeypatch: pytest.MonkeyPatch):
    write(
        repo,
        "lyon",
        "name: Lyon\ncountry: FR\nregion: Europe and North America\nsummary:\n  en: <script>alert(1)</script> & <b>x</b>\nsummary_sources: [https://example.org/lyon]\nreader_note:\n  en: <img src=x onerror=alert(1)>\nsources: ['https://example.org/?a=1&b=\"><script>']\n",
    )
    # portal check refuses HTML in text fields (src/portal/validate/html_policy.py) ...
    with pytest.raises(ProfileErrors) as refused:
        load(repo)
    html = [(p.line, p.message.split(" is plain text")[0]) for p in refused.value.problems if " is plain text" in p.message]
    assert html == [(5, "summary.en"), (8, "reader_note.en")]
    # ... and without that rule the templates still escape it: the two defences are independent.
    monkeypatch.setattr(rules, "plain_text_problem", lambda value, field: None)
    register_cited(repo)  # the hostile address is described too, to reach the templates
    text = page(repo, "cities/lyon.md")
    assert "<script>" not in text and "<img" not in text and "<b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;x&lt;/b&gt;" in text
    assert 'href="https://example.org/?a=1&amp;b=&#34;&gt;&lt;script&gt;"' in text


def test_members_page_groups_by_region_and_counts(repo: Path):
    text = page(repo, "members/index.es.md")
    assert "## América Latina y el Caribe {#latin-america-caribbean}" in text
    assert '<section class="lcp-country" id="country-co" data-country="CO">\n<h3>Colombia <span class="lcp-count">(1)</span></h3>' in text
    assert '<a href="../cities/medellin/" dir="auto">Medellín</a>' in text  # isolated like <bdi>
    assert "Este portal reúne los perfiles de 3 ciudades miembros de 3 países." in text


def test_sync_writes_only_changes_and_removes_stale_files(repo: Path, tmp_path: Path):
    docs = tmp_path / "content"
    paths = lambda: {f.path for fam in render_all(load(repo), SITE).values() for f in fam}
    before = paths()
    first = generate(load(repo), SITE, docs)
    # every family's files (cities, member list, field reference, translation status, awards, media)
    assert (first.written, first.unchanged, first.removed) == (len(before), 0, 0)
    stamp = (docs / "cities" / "cork.md").stat().st_mtime_ns
    again = generate(load(repo), SITE, docs)
    assert (again.written, again.unchanged, again.removed) == (0, len(before), 0)
    assert (docs / "cities" / "cork.md").stat().st_mtime_ns == stamp
    (repo / "cities" / "cork.yml").unlink()
    restrict_awards(repo)  # the award list must not name a city without a profile
    after = generate(load(repo), SITE, docs)
    assert after.removed == len(before - paths()) >= 6 and not (docs / "cities" / "cork.fr.md").exists()
    assert not (docs / "members" / "index.fr.md").read_text(encoding="utf-8").count("Cork")  # the member list changed in every language


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="no fork on this system: one process")
def test_two_processes_write_the_same_files_as_one(repo: Path, tmp_path: Path):
    """`portal generate` on two cores: the city pages come from a forked second process; the
    files and the report are those of one process, stale city pages are removed alike."""
    register_cited(repo)
    one, two = tmp_path / "one", tmp_path / "two"
    first = generate(load(repo), SITE, one, jobs=1)
    second = generate(load(repo), SITE, two, jobs=2)
    assert tree(one) == tree(two) and first == second and first.written > 100
    (two / "cities" / "stale.fr.md").write_text("old", encoding="utf-8")
    again = generate(load(repo), SITE, two, jobs=2)
    assert (again.written, again.removed) == (0, 1) and not (two / "cities" / "stale.fr.md").exists()


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="no fork on this system: one process")
def test_a_failure_in_the_second_process_is_raised_in_the_first(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from portal.site.pages import city

    def broken(network, site):
        raise ValueError("a city page that cannot be drawn")
        yield

    monkeypatch.setattr(city, "pages", broken)  # families() reads each module's pages when called
    with pytest.raises(RuntimeError, match="(?s)second process failed.*a city page that cannot be drawn"):
        generate(load(repo), SITE, tmp_path / "content", jobs=2)
