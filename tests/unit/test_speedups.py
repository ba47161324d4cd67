"""portal.speedups without MkDocs: the linear search deduplication gives the i18n plugin's exact
result, and the shared bytecode cache only shares between identically set-up environments."""
from __future__ import annotations

import copy
import random
from types import SimpleNamespace

import jinja2
from mkdocs_static_i18n.reconfigure import ExtendedPlugin

from portal import speedups

ORIGINAL = speedups._original_dedupe or ExtendedPlugin.reconfigure_search_duplicates
PLUGIN = SimpleNamespace(build_languages=["en", "fr", "es"])


def entries_for(seed: int) -> list[dict]:
    """A search index as the i18n plugin stacks it: English entries, then French, then Spanish.
    Small vocabularies make duplicates (title, text and location suffix) frequent, and copies of
    English entries are placed next to each other to hit the original's skip-after-remove quirk."""
    rng = random.Random(seed)
    pages = ["", "about/", "cities/a/", "cities/b/", "members/"]
    anchors = ["", "#facts", "#sources"]
    titles, texts = ["Home", "About", "Sources", "Facts"], ["t1", "t2", "", "t3"]
    default = [{"location": rng.choice(pages) + rng.choice(anchors), "title": rng.choice(titles), "text": rng.choice(texts)}
               for _ in range(rng.randint(0, 12))]
    out = list(default)
    seen: set = set()
    for lang in ("fr", "es"):
        for _ in range(rng.randint(0, 14)):
            if default and rng.random() < 0.6:
                base = rng.choice(default)
                entry = {**base, "location": f"{lang}/{base['location']}"}
                if rng.random() < 0.3:  # a copy whose location only ends like the original's
                    entry["location"] = f"{lang}/{rng.choice(pages)}{base['location']}"
            else:
                entry = {"location": f"{lang}/{rng.choice(pages)}{rng.choice(anchors)}",
                         "title": rng.choice(titles), "text": rng.choice(texts)}
            key = tuple(sorted(entry.items()))
            if key not in seen:
                seen.add(key)
                out.append(entry)
    return out


def naive(entries: list[dict]) -> list[dict]:
    """What the original means (every duplicate removed), without its iteration quirk."""
    prefixes = tuple(f"{lang}/" for lang in PLUGIN.build_languages)
    defaults = [e for e in entries if not e["location"].startswith(prefixes)]
    return defaults + [t for t in entries if t["location"].startswith(prefixes) and not any(
        t["title"] == d["title"] and t["text"] == d["text"] and t["location"].endswith(d["location"]) for d in defaults)]


def test_linear_dedupe_matches_the_original_exactly():
    removed = quirks = 0
    for seed in range(400):
        entries = entries_for(seed)
        expected, got = copy.deepcopy(entries), copy.deepcopy(entries)
        ORIGINAL(PLUGIN, expected)
        assert speedups.dedupe_search_entries(PLUGIN, got), seed
        assert got == expected, f"seed {seed}"
        removed += len(entries) - len(expected)
        quirks += expected != naive(entries)
    # The cases exercise removals and the quirk, so the test can fail.
    assert removed > 200 and quirks > 10, (removed, quirks)


def test_home_page_entry_matches_every_location():
    """The home page's location is '' and every location ends with ''."""
    entries = [{"location": "", "title": "Home", "text": "x"},
               {"location": "fr/", "title": "Home", "text": "x"},
               {"location": "fr/about/", "title": "Home", "text": "x"},
               {"location": "es/", "title": "Home", "text": "y"}]
    expected, got = copy.deepcopy(entries), copy.deepcopy(entries)
    ORIGINAL(PLUGIN, expected)
    assert speedups.dedupe_search_entries(PLUGIN, got)
    assert got == expected == [entries[0], entries[2], entries[3]]  # fr/about/ stepped over, as upstream


def test_falls_back_to_the_original_when_preconditions_fail():
    twice = [{"location": "", "title": "a", "text": "x"}, {"location": "fr/", "title": "a", "text": "x"},
             {"location": "fr/", "title": "a", "text": "x"}]
    interleaved = [{"location": "fr/", "title": "a", "text": "x"}, {"location": "", "title": "a", "text": "x"}]
    for entries in (twice, interleaved):
        untouched = copy.deepcopy(entries)
        assert not speedups.dedupe_search_entries(PLUGIN, entries)
        assert entries == untouched


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
