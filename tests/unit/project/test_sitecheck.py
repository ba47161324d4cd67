"""The quality gates' own helpers, on tiny hand-made sites: a gate that cannot fail is no gate."""

from __future__ import annotations

from pathlib import Path

from tests.sitecheck import check_links, representative_pages, site_path, site_url


def write(site: Path, rel: str, body: str) -> None:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>", encoding="utf-8")


def test_link_checker_finds_every_kind_of_broken_link(tmp_path):
    prefix = site_path()
    write(
        tmp_path,
        "index.html",
        '<h2 id="top">x</h2><a name="old"></a>'
        '<a href="cities/lyon/">ok dir</a> <a href="cities/lyon/#facts">ok anchor</a> <a href="#top">ok</a> <a href="#old">ok name</a>'
        f'<a href="{prefix}cities/lyon/">ok absolute</a> <a href="{site_url()}cities/lyon/">ok own site</a>'
        '<a href="https://example.org/x">external</a> <a href="mailto:a@example.org">mail</a> <img src="data:image/png;base64,AA==" alt="">'
        '<a href="cities/paris/">missing page</a> <a href="cities/lyon/#nowhere">missing anchor</a> <a href="#gone">missing local anchor</a>'
        '<a href="javascript:alert(1)">script</a> <a href="/elsewhere/">outside the site path</a> <a href="../../../etc/passwd">outside</a>'
        '<img src="assets/missing.png" srcset="assets/a.png 1x, assets/b.png 2x" alt="">',
    )
    write(tmp_path, "cities/lyon/index.html", '<h2 id="facts">Facts</h2><a href="../../">home</a> <a href="../../index.html#top">top</a>')
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "a.png").write_bytes(b"")
    report = check_links(tmp_path)
    broken = "\n".join(report.broken)
    for expected in (
        "href='cities/paris/': no file cities/paris/index.html",
        "href='cities/lyon/#nowhere': no id or name 'nowhere' in cities/lyon/index.html",
        "href='#gone': no id or name 'gone' in index.html",
        "href='javascript:alert(1)': scheme 'javascript:' is not allowed",
        "href='/elsewhere/': absolute path outside the site's path",
        "href='../../../etc/passwd': leads outside the site",
        "src='assets/missing.png': no file assets/missing.png",
        "srcset='assets/b.png': no file assets/b.png",
    ):
        assert expected in broken, expected
    assert len(report.broken) == 8, broken
    assert set(report.external) == {"https://example.org/x", "mailto:a@example.org"}


def test_representative_pages_take_every_kind_of_page_per_section_and_depth(tmp_path):
    article = lambda *classes: "<article>" + "".join(f'<p class="{c}">x</p>' for c in classes) + "</article>"
    write(tmp_path, "index.html", "")
    write(tmp_path, "404.html", "")
    write(tmp_path, "about/index.html", "")
    write(tmp_path, "cities/lyon/index.html", article("facts"))
    write(tmp_path, "cities/paris/index.html", article("facts", "awards") + "a longer page")
    write(tmp_path, "cities/rome/index.html", article("facts"))
    write(tmp_path, "sdg/index.html", "")
    write(tmp_path, "sdg/4/index.html", article("goal", "targets") + "the largest page")
    write(tmp_path, "sdg/4-1/index.html", article("goal", "caveats"))
    write(tmp_path, "sdg/4-2/index.html", article("goal", "caveats"))
    write(tmp_path, "sdg/4/deeper/index.html", "")
    write(tmp_path, "assets/x/index.html", "")
    write(tmp_path, "fr/index.html", "")
    write(tmp_path, "fr/cities/lyon/index.html", "")
    write(tmp_path, "fr/404.html", "")
    assert representative_pages(tmp_path) == ["", "404.html", "about/", "cities/paris/", "sdg/", "sdg/4-2/", "sdg/4/", "sdg/4/deeper/"]
    assert representative_pages(tmp_path, "fr") == ["fr/", "fr/404.html", "fr/cities/lyon/"]
