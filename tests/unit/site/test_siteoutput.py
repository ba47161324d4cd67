"""What the build adds to its output (portal.site.siteoutput): the build date pinned to the last
commit's, a 404 page per language and the home page's language alternates."""

from __future__ import annotations

import os
import subprocess

from portal.site.siteoutput import NotFoundPages, home_alternates, pin_build_date


def test_build_date_is_the_last_commit_date(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": "2001-02-03T04:05:06Z",
        "GIT_COMMITTER_DATE": "2001-02-03T04:05:06Z",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    for cmd in (["init", "-q"], ["commit", "-q", "--allow-empty", "-m", "x"]):
        subprocess.run(["git", "-C", str(repo), *cmd], check=True, env=env, capture_output=True)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert pin_build_date(repo) == "981173106" == os.environ["SOURCE_DATE_EPOCH"]
    # An explicit value wins; outside git nothing is set.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert pin_build_date(repo) == "0"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert pin_build_date(tmp_path / "not-a-repo") is None


def test_404_pages_are_kept_per_language(tmp_path):
    pages = NotFoundPages()
    for lang in ("en", "fr", "ar"):
        pages.rendered(lang, f"<html lang={lang}>")
    written = pages.write(tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == ["404.html", "ar/404.html", "fr/404.html"]
    assert (tmp_path / "fr" / "404.html").read_text() == "<html lang=fr>"
    assert (tmp_path / "404.html").read_text() == "<html lang=en>"
    alternates = [{"name": "English", "link": "/x/cities/a/", "lang": "en"}, {"name": "Français", "link": "/x/fr/cities/a/", "lang": "fr"}]
    assert [a["link"] for a in home_alternates(alternates, "/x/")] == ["/x/", "/x/fr/"]
