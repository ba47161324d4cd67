"""portal.speedups without MkDocs: the shared bytecode cache only shares between identically set-up
environments; memoized i18n files equal fresh ones. (The search deduplication speed-up is gone
with Material's search plugin: site search is Pagefind, hooks/portal/search.py.)"""
from __future__ import annotations

from types import SimpleNamespace

import jinja2

from portal import speedups


def env(**kw) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.DictLoader({"t.html": "{{ x }}{% for i in y %}{{ i }}{% endfor %}"}), **kw)


def test_bytecode_is_shared_only_between_identical_environments(monkeypatch):
    monkeypatch.delenv(speedups.PLAIN_ENV, raising=False)
    monkeypatch.setattr(speedups, "_caches", {})
    a, b, c = env(), env(), env(autoescape=True)
    for e in (a, b, c):
        speedups.share_compiled_templates(e)
    assert a.bytecode_cache is b.bytecode_cache is not None
    assert c.bytecode_cache is not a.bytecode_cache
    assert a.get_template("t.html").render(x="<", y=[1, 2]) == "<12"
    assert b.get_template("t.html").render(x="<", y=[3]) == "<3"  # from the shared bytecode
    assert c.get_template("t.html").render(x="<", y=[]) == "&lt;"
    assert len(a.bytecode_cache.store) == 1


def test_plain_build_switch(monkeypatch):
    monkeypatch.setenv(speedups.PLAIN_ENV, "1")
    e = env()
    speedups.share_compiled_templates(e)
    assert e.bytecode_cache is None
    assert speedups.install() is False


def test_memoized_i18n_files_equal_fresh_ones(tmp_path, monkeypatch):
    from mkdocs.structure.files import File
    from mkdocs_static_i18n import suffix

    monkeypatch.delenv(speedups.PLAIN_ENV, raising=False)
    speedups.install()
    original = speedups._original_create
    assert suffix.create_i18n_file is speedups._memo_create_i18n_file and original is not None
    config = SimpleNamespace(docs_dir=str(tmp_path / "content"), site_dir=str(tmp_path / "site"), use_directory_urls=True)
    langs = ["en", "fr", "es"]

    def state(f: File) -> dict:
        return {k: v for k, v in vars(f).items() if k != "alternates"}

    for src in ("index.md", "index.fr.md", "cities/cork.md", "cities/cork.es.md", "assets/portal.css", "about.fr.md"):
        for current in langs:
            source = File(src, config.docs_dir, config.site_dir, True)
            expected = original(source, current, "en", langs, config)
            first = speedups._memo_create_i18n_file(source, current, "en", langs, config)
            second = speedups._memo_create_i18n_file(source, current, "en", langs, config)
            for made in (first, second):
                assert state(made) == state(expected), (src, current)
                assert made.alternates == {current: made}
            assert first is not second and first.alternates is not second.alternates
            first.alternates["xx"] = first  # the plugin fills alternates in place: copies stay apart
            assert "xx" not in speedups._memo_create_i18n_file(source, current, "en", langs, config).alternates


def test_last_language_build_is_the_last_non_default_language():
    i18n = SimpleNamespace(build_languages=["en", "fr", "es", "ar", "zh", "ru"], default_language="en", current_language="en")
    assert not speedups.is_last_language_build(i18n)
    i18n.current_language = "zh"
    assert not speedups.is_last_language_build(i18n)
    i18n.current_language = "ru"
    assert speedups.is_last_language_build(i18n)
    only = SimpleNamespace(build_languages=["fr"], default_language="fr", current_language="fr")
    assert speedups.is_last_language_build(only)  # PORTAL_LANGUAGE=fr: one build, the last
