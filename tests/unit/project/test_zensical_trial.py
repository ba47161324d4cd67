"""The Zensical trial's report (tools/zensical_trial.py), on two tiny hand-made sites: the report
logic only; nothing here installs or runs Zensical."""

from __future__ import annotations

from pathlib import Path

from tools.zensical_trial import _csp_allows_inline, compare_sites, format_report

REPO = "https://github.com/example/portal"
CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'"
LANGUAGES = ("en", "fr")


def write(site: Path, rel: str, body: str, head: str = "") -> None:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f'<!doctype html><html><head><title>t</title><meta http-equiv="Content-Security-Policy" content="{CSP}">{head}</head><body>{body}</body></html>',
        encoding="utf-8",
    )


def edit(path: str) -> str:
    return f'<a href="{REPO}/edit/main/{path}" rel="edit">edit</a>'


def build_pair(tmp_path: Path) -> tuple[Path, Path]:
    mkdocs, zensical = tmp_path / "mkdocs", tmp_path / "zensical"
    for site in (mkdocs, zensical):
        write(site, "index.html", '<a href="about/">about</a> <a href="fr/">fr</a>' + edit("content/index.md"))
        write(site, "about/index.html", '<a href="../">home</a>' + edit("content/about.md"))
        (site / "assets").mkdir(parents=True)
        (site / "assets" / "portal.css").write_text("", encoding="utf-8")
    # The reference: a city page edited through its profile, a case study with the extras, a
    # French page falling back to English with the portal's notice, a search index.
    write(mkdocs, "cities/lyon/index.html", "<h1>Lyon</h1>" + edit("cities/lyon.yml"))
    write(mkdocs, "case-studies/lyon-2024/index.html", '<h1>Study</h1><h2 id="sdg-targets">Targets</h2>' + edit("content/case-studies/lyon-2024.md"))
    write(mkdocs, "case-studies/index.html", '<h2 id="sdg-targets">not a study: ignored</h2>')
    write(mkdocs, "fr/index.html", '<div class="admonition lcp-notice--untranslated">pas traduit</div><a href="../about/">about</a>' + edit("content/index.md"))
    write(mkdocs, "fr/about/index.html", '<a href="../">accueil</a>' + edit("content/about.fr.md"))
    (mkdocs / "pagefind").mkdir()
    (mkdocs / "pagefind" / "pagefind.js").write_text("", encoding="utf-8")
    # The trial: the same city page edited through the generated Markdown, the case study
    # without its extras, no French home page (so a broken link), an inline script and style.
    write(zensical, "cities/lyon/index.html", "<h1>Lyon</h1>" + edit("content/cities/lyon.md"))
    write(zensical, "case-studies/lyon-2024/index.html", "<h1>Study</h1>" + edit("content/case-studies/lyon-2024.md"))
    write(zensical, "case-studies/index.html", "")
    write(
        zensical,
        "fr/about/index.html",
        '<a href="../">accueil</a><script>var x = 1</script><script type="application/json">{"data": 1}</script>' + edit("content/about.fr.md"),
        head="<style>.md-i18n { display: flex }</style>",
    )
    write(zensical, "fr/cities/lyon/index.html", '<p onclick="go()">Lyon</p>')
    (zensical / "search.json").write_text("{}", encoding="utf-8")
    return mkdocs, zensical


def test_report_finds_each_difference(tmp_path):
    mkdocs, zensical = build_pair(tmp_path)
    tracked = {"content/index.md", "content/about.md", "content/about.fr.md", "cities/lyon.yml", "content/case-studies/lyon-2024.md"}
    report = compare_sites(mkdocs, zensical, languages=LANGUAGES, repo_url=REPO, tracked=tracked, generated={"content/cities/lyon.md"})

    assert report.pages == {"en": (5, 5), "fr": (2, 2)}
    assert report.missing_pages == {"en": [], "fr": ["fr/index.html"]}
    assert report.extra_pages == {"en": [], "fr": ["fr/cities/lyon/index.html"]}
    assert report.missing_files == {"pagefind/": 1}
    assert report.extra_files == {"search.json": 1}

    # Only case-studies/<slug>/ pages count, in every language.
    assert report.extras_mkdocs == ["case-studies/lyon-2024/index.html"]
    assert report.extras_missing == ["case-studies/lyon-2024/index.html"]

    assert report.edit["mkdocs"]["to a generated file"] == []
    assert report.edit["zensical"]["to a generated file"] == ["cities/lyon/index.html"]
    assert report.edit_differs == ["cities/lyon/index.html: cities/lyon.yml -> content/cities/lyon.md"]

    assert report.notice["mkdocs"] == ["fr/index.html"]
    assert report.notice_missing == ["fr/index.html"]

    assert report.broken["mkdocs"] == []
    assert sorted(report.broken["zensical"]) == ["fr/about/index.html: a href='../': no file fr/index.html", "index.html: a href='fr/': no file fr/index.html"]

    ours, theirs = report.csp["mkdocs"], report.csp["zensical"]
    assert (ours["with CSP"], ours["scripts blocked"], ours["styles blocked"]) == (7, [], [])
    # The JSON data script is not code: only the inline script, handler and <style> are blocked.
    assert theirs["scripts blocked"] == ["fr/about/index.html"]
    assert dict(theirs["snippets"]) == {"var x = 1": 1}
    assert theirs["handlers blocked"] == ["fr/cities/lyon/index.html"]
    assert theirs["styles blocked"] == ["fr/about/index.html"]

    text = format_report(report, versions={"zensical": "0.0.0"}, findings=["STOP: something"])
    for line in (
        "  zensical 0.0.0",
        "  - STOP: something",
        "  fr: 2 / 2 / 1 / 1",
        "    missing pagefind/: 1",
        "1 pages in MkDocs, missing on 1 in Zensical",
        "  zensical: 5 with an edit link, 1 to a generated file",
        "cities/lyon/index.html: cities/lyon.yml -> content/cities/lyon.md",
        "pages with the notice in MkDocs and none in Zensical: 1",
        "      2 x no file ...",
        "1 x <script>var x = 1...",
        "1 x <style>.md-i18n { display: flex }...",
    ):
        assert line in text, line


def test_identical_sites_report_nothing_missing(tmp_path):
    mkdocs, _ = build_pair(tmp_path)
    report = compare_sites(
        mkdocs,
        mkdocs,
        languages=LANGUAGES,
        repo_url=REPO,
        tracked={"content/index.md", "content/about.md", "content/about.fr.md", "cities/lyon.yml", "content/case-studies/lyon-2024.md"},
        generated=(),
    )
    assert all(not pages for pages in report.missing_pages.values())
    assert report.extras_missing == [] and report.edit_differs == [] and report.notice_missing == []
    assert report.edit["mkdocs"]["to a file not in the repository"] == []
    assert "vacuous" not in format_report(report)


def test_csp_inline_rules():
    assert _csp_allows_inline(None, "script-src")
    assert not _csp_allows_inline(CSP, "script-src")
    assert not _csp_allows_inline("default-src 'self'", "style-src")  # falls back to default-src
    assert _csp_allows_inline("script-src 'self' 'unsafe-inline'", "script-src")
    # A nonce or hash switches 'unsafe-inline' off in browsers that know them.
    assert not _csp_allows_inline("script-src 'unsafe-inline' 'nonce-abc'", "script-src")
    assert _csp_allows_inline("img-src 'self'", "script-src")
