"""portal.engine.speedups without MkDocs: the shared bytecode cache only shares between identically set-up
environments; memoized i18n files equal fresh ones. (The search deduplication speed-up is gone
with Material's search plugin: site search is Pagefind, src/portal/site/search.py.)"""

from __future__ import annotations

import logging
from types import SimpleNamespace

import jinja2
import pytest

from portal.engine import parallel, speedups
from tests.conftest import ROOT


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


SOURCES = (
    "index.md",
    "index.fr.md",
    "index.zh.md",
    "cities/cork.md",
    "cities/cork.es.md",
    "cities/cork.ar.md",
    "assets/portal.css",
    "assets/x.min.js",
    "about.fr.md",
    "members/README.md",
    "members/README.ru.md",
    "members/index.fr.md",
    "media/photo.fr.webp",
    "media/photo.webp",
    "a/b/c.zh.md",
    "notes.de.md",
    "share/0a1b.png",
    "open-data/members.csv",
    "feeds/case-studies.xml",
    "404.md",
)


def test_memoized_i18n_files_equal_fresh_ones(tmp_path, monkeypatch):
    """Every language's File, derived from the default language's, equals the plugin's own: for
    tricky names, for every file of the site's content folder, and for an i18n File given back to
    the function (the plugin's fallback does that), with and without directory addresses."""
    from mkdocs.structure.files import File
    from mkdocs_static_i18n import suffix

    monkeypatch.delenv(speedups.PLAIN_ENV, raising=False)
    speedups.install()
    original = speedups._original_create
    assert suffix.create_i18n_file is speedups._memo_create_i18n_file and original is not None
    langs = ["en", "fr", "es", "ar", "zh", "ru"]
    content = ROOT / "content"
    # The content folder's files (generated ones too, once generated): every kind of path, a sample of the many alike.
    real = sorted(p.relative_to(content).as_posix() for p in content.rglob("*") if p.is_file())
    real = [r for i, r in enumerate(real) if i % 9 == 0 or not r.startswith(("cities/", "share/", "case-studies/"))]

    def state(f: File) -> dict:
        return {k: v for k, v in vars(f).items() if k != "alternates"}

    for directory_urls in (True, False):
        speedups._file_memo.clear()
        config = SimpleNamespace(docs_dir=str(tmp_path / "content"), site_dir=str(tmp_path / "site"), use_directory_urls=directory_urls)
        for src in SOURCES + tuple(real if directory_urls else ()):
            for current in ("fr", "en", "zh", "ar", "en", "ru"):  # a language before the default, and repeats
                source = File(src, config.docs_dir, config.site_dir, directory_urls)
                expected = original(source, current, "en", langs, config)
                first = speedups._memo_create_i18n_file(source, current, "en", langs, config)
                second = speedups._memo_create_i18n_file(source, current, "en", langs, config)
                for made in (first, second):
                    assert state(made) == state(expected), (src, current)
                    assert made.alternates == {current: made}
                assert first is not second and first.alternates is not second.alternates
                first.alternates["xx"] = first  # the plugin fills alternates in place: copies stay apart
                assert "xx" not in speedups._memo_create_i18n_file(source, current, "en", langs, config).alternates
                again = original(expected, "es", "en", langs, config)  # an i18n File given back
                assert state(speedups._memo_create_i18n_file(expected, "es", "en", langs, config)) == state(again), (src, current)


def test_last_language_build_is_the_last_non_default_language():
    i18n = SimpleNamespace(build_languages=["en", "fr", "es", "ar", "zh", "ru"], default_language="en", current_language="en")
    assert not speedups.is_last_language_build(i18n)
    i18n.current_language = "zh"
    assert not speedups.is_last_language_build(i18n)
    i18n.current_language = "ru"
    assert speedups.is_last_language_build(i18n)
    only = SimpleNamespace(build_languages=["fr"], default_language="fr", current_language="fr")
    assert speedups.is_last_language_build(only)  # PORTAL_LANGUAGE=fr: one build, the last


# --- the version guard ----------------------------------------------------------------------------


def _patch_points() -> list[tuple]:
    """(module keeping the original, its variable, owner of the patched attribute, attribute)."""
    from mkdocs import utils
    from mkdocs.commands import build
    from mkdocs_static_i18n import plugin, suffix
    from mkdocs_static_i18n.reconfigure import ExtendedPlugin

    return [
        (speedups, "_original_theme_template", build, "_build_theme_template"),
        (speedups, "_original_create", suffix, "create_i18n_file"),
        (speedups, "_original_list_templates", jinja2.FileSystemLoader, "list_templates"),
        (parallel, "_original_build", plugin, "build"),
        (parallel, "_original_reindex", ExtendedPlugin, "reconfigure_search_index"),
        (parallel, "_original_copy_file", utils, "copy_file"),
    ]


@pytest.fixture
def pristine(monkeypatch) -> dict:
    """MkDocs and the i18n plugin as before any install() in this process (restored afterwards);
    returns the original functions by attribute name."""
    monkeypatch.delenv(speedups.PLAIN_ENV, raising=False)
    monkeypatch.setattr(speedups, "_refusal", None)
    monkeypatch.setattr(speedups, "_checked", False)
    originals = {}
    for keeper, variable, owner, attribute in _patch_points():
        original = getattr(keeper, variable) or getattr(owner, attribute)
        monkeypatch.setattr(owner, attribute, original)
        monkeypatch.setattr(keeper, variable, None)
        originals[attribute] = original
    return originals


def _current() -> dict:
    return {attribute: getattr(owner, attribute, None) for _, _, owner, attribute in _patch_points()}


def _fake_versions(monkeypatch, **versions) -> None:
    real = speedups.installed_version
    monkeypatch.setattr(speedups, "installed_version", lambda d: versions[d] if d in versions else real(d))


GUARD_LOG = "mkdocs.plugins.portal.speedups"


@pytest.mark.parametrize("distribution, version", [("mkdocs-static-i18n", "1.4.0"), ("mkdocs", "1.6.2"), ("mkdocs-static-i18n", None)])
def test_speedups_refuse_a_version_they_were_not_written_for(pristine, monkeypatch, caplog, distribution, version):
    _fake_versions(monkeypatch, **{distribution: version})
    with caplog.at_level(logging.INFO, logger=GUARD_LOG):
        assert speedups.install() is False
        assert speedups.install() is False  # every language build calls it: one line per process
    assert _current() == pristine  # nothing patched
    assert not speedups.enabled()  # the rest of the plain path: no shared templates, no fork
    assert not parallel.can_fork(SimpleNamespace(building=False, build_languages=["en", "fr", "es", "ar", "zh", "ru"]))
    e = env()
    speedups.share_compiled_templates(e)
    assert e.bytecode_cache is None
    lines = [r.getMessage() for r in caplog.records if r.name == GUARD_LOG]
    assert len(lines) == 1, lines
    found = version or "(not installed)"
    assert f"{distribution} {found} is installed; written for {distribution} {speedups.WRITTEN_FOR[distribution][0]}" in lines[0]
    assert lines[0].startswith("Speed-ups off")


def test_speedups_refuse_when_a_patched_function_is_gone(pristine, monkeypatch, caplog):
    from mkdocs_static_i18n import suffix

    monkeypatch.delattr(suffix, "create_i18n_file")
    with caplog.at_level(logging.INFO, logger=GUARD_LOG):
        assert speedups.install() is False
    after = _current()
    assert after.pop("create_i18n_file") is None and not hasattr(suffix, "create_i18n_file")  # not added back either
    assert all(after[a] is pristine[a] for a in after)
    message = " ".join(r.getMessage() for r in caplog.records if r.name == GUARD_LOG)
    versions = f"mkdocs {speedups.installed_version('mkdocs')}, mkdocs-static-i18n {speedups.installed_version('mkdocs-static-i18n')}"
    assert f"mkdocs_static_i18n.suffix:create_i18n_file not found in {versions}" in message


def test_speedups_refuse_an_unknown_engine(pristine, monkeypatch, caplog):
    monkeypatch.setattr(speedups, "engine", lambda: "mkdocs2")
    with caplog.at_level(logging.INFO, logger=GUARD_LOG):
        assert speedups.install() is False
    assert _current() == pristine
    assert "package 'mkdocs2'" in caplog.text


def test_speedups_install_on_the_versions_they_were_written_for(pristine, caplog):
    assert speedups.engine() == "mkdocs"
    # The locked versions. A new one fails here until its patches are checked and WRITTEN_FOR names it.
    assert speedups.installed_version("mkdocs") in speedups.WRITTEN_FOR["mkdocs"]
    assert speedups.installed_version("mkdocs-static-i18n") in speedups.WRITTEN_FOR["mkdocs-static-i18n"]
    with caplog.at_level(logging.INFO, logger=GUARD_LOG):
        assert speedups.install() is True
    assert not [r for r in caplog.records if r.name == GUARD_LOG]
    after = _current()
    for attribute, function in after.items():
        assert function is not pristine[attribute] and function.__module__.startswith("portal."), attribute
    assert speedups.enabled()


def test_speedups_install_under_properdocs_1_6_7(pristine, monkeypatch):
    """ProperDocs' command loads properdocs.* for every mkdocs.* import: the engine's version is
    properdocs', whatever `mkdocs` distribution Material pulled in beside it."""
    monkeypatch.setattr(speedups, "engine", lambda: "properdocs")
    _fake_versions(monkeypatch, properdocs="1.6.7", mkdocs="1.5.0")
    assert speedups.install() is True
    assert speedups.refusal() is None


def test_speedups_refuse_another_properdocs(pristine, monkeypatch):
    monkeypatch.setattr(speedups, "engine", lambda: "properdocs")
    _fake_versions(monkeypatch, properdocs="1.7.0", mkdocs="1.6.1")
    assert speedups.install() is False
    assert speedups.refusal() == "properdocs 1.7.0 is installed; written for properdocs 1.6.7"


def test_every_listed_function_exists_in_the_written_for_versions():
    names = speedups.PATCHED + speedups.USED + parallel.PATCHED + parallel.USED
    assert all(speedups.resolve(n) is not None for n in names)
    assert speedups.resolve("mkdocs.utils:no_such_function") is None and speedups.resolve("no_such_module:x") is None
