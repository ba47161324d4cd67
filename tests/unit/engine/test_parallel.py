"""portal.engine.parallel without MkDocs: how languages are split between the two processes, and the
records the child sends for the sitemap render exactly as the i18n plugin's own page objects."""

from __future__ import annotations

import pickle
from pathlib import Path
from types import SimpleNamespace

import jinja2
import mkdocs_static_i18n
from jinja2.ext import loopcontrols

from portal.engine import parallel, speedups

SITEMAP_DIR = Path(mkdocs_static_i18n.__file__).parent / "custom_i18n_sitemap"


def test_languages_split_into_two_runs_in_build_order():
    assert parallel.split_languages(["en", "fr", "es", "ar", "zh", "ru"]) == (["en", "fr", "es"], ["ar", "zh", "ru"])
    assert parallel.split_languages(["en", "fr", "es", "ar", "zh"]) == (["en", "fr", "es"], ["ar", "zh"])
    assert parallel.split_languages(["en", "fr", "es"]) == (["en", "fr"], ["es"])


def test_jobs_from_the_environment(monkeypatch):
    monkeypatch.setenv(parallel.JOBS_ENV, "1")
    assert parallel.jobs() == 1
    monkeypatch.setenv(parallel.JOBS_ENV, "nonsense")
    assert parallel.jobs() in (1, 2)


def test_no_fork_for_one_language_a_plain_build_a_rebuild_or_while_serving(monkeypatch):
    monkeypatch.setenv(parallel.JOBS_ENV, "2")
    monkeypatch.delenv(speedups.PLAIN_ENV, raising=False)
    monkeypatch.setattr(parallel, "_enabled", speedups.enabled)  # as speedups.install() hands it over
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    six = SimpleNamespace(building=False, build_languages=["en", "fr", "es", "ar", "zh", "ru"])
    assert parallel.can_fork(six)
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 3)  # mkdocs serve: server threads
    assert not parallel.can_fork(six)
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    assert not parallel.can_fork(SimpleNamespace(building=False, build_languages=["en"]))
    assert not parallel.can_fork(SimpleNamespace(building=True, build_languages=six.build_languages))
    assert not parallel.can_fork(None)
    monkeypatch.setenv(speedups.PLAIN_ENV, "1")
    assert not parallel.can_fork(six)


class FakePage:
    def __init__(self, url: str, canonical: str | None):
        self.is_link = False
        self.canonical_url = canonical
        self.abs_url = "/" + url
        self.update_date = "2026-11-21"
        self.markdown = "not needed by the sitemap"


def fake_files() -> list:
    """Pages as the i18n plugin keeps them: some with pages, one without, alternates without pages."""

    def file(url, page, alternates):
        return SimpleNamespace(url=url, page=page, alternates=alternates, src_uri="x.md")

    other = file("fr/about/", None, {})
    about = file("about/", FakePage("about/", "https://example.org/about/"), {"en": None, "fr": other})
    about.alternates["en"] = about
    home = file("./", FakePage("", None), {"fr": file("fr/", None, {})})
    bare = file("media/x/", None, {})
    return [about, home, bare]


def render_sitemap(alternates: dict) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(SITEMAP_DIR)), extensions=[loopcontrols])
    return env.get_template("sitemap.xml").render(i18n_alternates=alternates, config={"site_url": "https://example.org/"})


def test_sitemap_records_render_like_the_plugins_objects():
    files = fake_files()
    records = pickle.loads(pickle.dumps(parallel.sitemap_records(files)))  # they cross a pipe
    original, from_records = render_sitemap({"en": files}), render_sitemap({"en": records})
    assert from_records == original
    assert "https://example.org/about/" in original and 'hreflang="fr"' in original  # not an empty comparison
    assert records[2].page is None and not hasattr(records[0].page, "markdown")


def test_dropping_repeated_theme_folders_finds_the_same_templates(tmp_path, monkeypatch):
    monkeypatch.delenv(speedups.PLAIN_ENV, raising=False)
    first, second = tmp_path / "a", tmp_path / "b"
    for folder, text in ((first, "A"), (second, "B")):
        folder.mkdir()
        (folder / "t.html").write_text(text)
    (second / "only-b.html").write_text("b")
    dirs = [str(first), str(first), str(second), str(first), str(second)]
    config = SimpleNamespace(theme=SimpleNamespace(dirs=list(dirs)))
    speedups.dedupe_theme_dirs(config)
    assert config.theme.dirs == [str(first), str(second)]
    for name in ("t.html", "only-b.html"):
        before = jinja2.Environment(loader=jinja2.FileSystemLoader(dirs)).get_template(name).render()
        after = jinja2.Environment(loader=jinja2.FileSystemLoader(config.theme.dirs)).get_template(name).render()
        assert before == after
