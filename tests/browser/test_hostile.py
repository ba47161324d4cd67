"""Hostile text in a city profile builds into inert text, and no injected script runs in Chromium.

A throw-away repository holds every real city plus tests/fixtures/hostile/inert/script-everywhere.yml
(script, event handlers, javascript: links, markup that tries to close the page's elements, in every
free-text field and in URLs). The build must pass; the pages must show the text as text; in the
browser no dialog may open, no policy violation or script error occur, even when every link is
hovered and focused. Control pages prove the browser watch would see an injection that worked.
"""

from __future__ import annotations

import json
import shutil

import lxml.html
import pytest

from tests.conftest import LANGUAGES, ROOT, copy_repo, register_cited, run_build
from tests.sitecheck import serve_like_pages, watched_page

pytestmark = pytest.mark.browser

HOSTILE = ROOT / "tests" / "fixtures" / "hostile" / "inert" / "script-everywhere.yml"
MARKER = "LCP-PWNED"
# What the summary must show, as text, in English.
VISIBLE = '<script>alert("LCP-PWNED")</script> First paragraph with <b>bold</b>'
CSP_META = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'\">"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    repo = copy_repo(tmp_path_factory.mktemp("hostile") / "repo")
    shutil.copy2(HOSTILE, repo / "cities" / "hostile.yml")
    # Its pages are described in data/sources.yml, with a hostile title: shown as the link's text.
    register_cited(repo, title=f"<script>alert('{MARKER}')</script><img src=x onerror=alert('{MARKER}')>")
    # portal check refuses HTML in text fields (src/portal/validate/html_policy.py; tests/unit/files/test_hostile.py);
    # this build turns that one rule off, in the copy's own generator only (its src/ is the build's
    # PYTHONPATH), so the templates' escaping and the CSP are tested on their own: defence in depth.
    (repo / "src" / "sitecustomize.py").write_text(
        "import portal.validate.profile\nportal.validate.profile.plain_text_problem = lambda value, field: None\n", encoding="utf-8"
    )
    build = run_build(repo, repo.parent / "site")
    assert build.returncode == 0, f"a profile with hostile text must still build:\n{build.output[-4000:]}"
    return build.site


@pytest.fixture(scope="module")
def hostile_url(hostile_site):
    base, server = serve_like_pages(hostile_site)
    yield base
    server.shutdown()


def city_page(site, lang):
    return site / ("" if lang == "en" else lang) / "cities" / "hostile" / "index.html"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_hostile_text_reaches_the_page_as_text_only(hostile_site, lang):
    tree = lxml.html.parse(str(city_page(hostile_site, lang)))
    article = tree.find(".//article")
    assert MARKER in article.text_content(), "the hostile text is shown, as text"
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), f"event handler {name}={value!r}"
            assert not value.strip().lower().startswith("javascript:"), f"{name}={value!r}"
        if element.tag == "script" and element.get("type") == "application/ld+json":
            # Structured data names the city, hostile name included: as JSON data, never markup.
            json.loads(element.text)
            assert "<" not in element.text, "markup inside structured data"
        elif element.tag == "script":
            assert element.get("src") or element.get("type") == "application/json"
            assert MARKER not in (element.text or ""), "hostile text inside a script"
        if element.tag == "meta":
            assert element.get("http-equiv", "").lower() != "refresh"
    # The parts filled from the profile hold only the template's own elements.
    parts = article.xpath(".//*[@class='lcp-facts' or @class='lcp-summary' or @class='lcp-notes' or @class='lcp-sources']")
    assert len(parts) == 4
    for part in parts:
        tags = {e.tag for e in part.iterdescendants() if isinstance(e.tag, str)}
        assert tags <= {"p", "a", "bdi", "span", "dt", "dd", "li", "cite", "time"}, tags
    # Every link of the profile still points where it said, escaped: no attribute was split off.
    hrefs = [a.get("href") for a in article.iter("a")]
    assert 'https://example.org/"onmouseover="alert(\'LCP-PWNED\')"x=".html' in hrefs
    assert "https://example.org/?q=<script>alert('LCP-PWNED')</script>" in hrefs


def test_no_injected_script_runs_in_chromium(browser, hostile_url):
    for lang in LANGUAGES:
        prefix = "" if lang == "en" else f"{lang}/"
        with watched_page(browser, hostile_url) as (page, watch):
            page.goto(f"{hostile_url}{prefix}cities/hostile/")
            if lang == "en":
                assert VISIBLE in page.locator(".lcp-summary").inner_text()
            for link in page.locator("article a").all():
                link.hover()
                link.focus()
            page.keyboard.press("Tab")
            page.wait_for_timeout(300)
            assert not watch.dialogs, f"{lang}: a dialog opened: {watch.dialogs}"
            assert not watch.csp(page), f"{lang}: policy violations: {watch.csp(page)}"
            assert not watch.errors, f"{lang}: script errors: {watch.errors}"
            assert not watch.foreign, f"{lang}: requests to other hosts: {watch.foreign}"
            assert not [m for m in watch.console if MARKER in m]
    # The member list lists the city, escaped too.
    with watched_page(browser, hostile_url) as (page, watch):
        page.goto(f"{hostile_url}members/")
        assert page.get_by_role("link", name="Hostile Town").count() >= 1
        assert not watch.dialogs and not watch.csp(page)


def test_the_watch_sees_an_injection_and_the_policy_stops_it(browser, hostile_site, hostile_url):
    """Controls: without the policy an injected handler runs and the watch records its dialog;
    with the site's kind of policy the same handler is blocked and the violation is recorded."""
    payload = f"<img src=x onerror=\"alert('{MARKER}')\"><script>alert('{MARKER} 2')</script>"
    for name, head in (("open", ""), ("guarded", CSP_META)):
        folder = hostile_site / "control" / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(
            f"<!doctype html><html lang=en><head><meta charset=utf-8>{head}<title>c</title></head><body>{payload}</body></html>", encoding="utf-8"
        )
    with watched_page(browser, hostile_url) as (page, watch):
        page.goto(f"{hostile_url}control/open/")
        page.wait_for_timeout(300)
        assert sorted(watch.dialogs) == [f"alert: {MARKER}", f"alert: {MARKER} 2"]
    with watched_page(browser, hostile_url) as (page, watch):
        page.goto(f"{hostile_url}control/guarded/")
        page.wait_for_timeout(300)
        assert watch.dialogs == []
        assert len(watch.csp(page)) >= 2, "the policy reports the handler and the inline script"


def test_hostile_text_shows_escaped_in_search_results(browser, hostile_url):
    """Site search (Pagefind) shows the hostile summary in its result excerpt as text: the
    script's excerpt goes through an inert template and keeps only Pagefind's <mark>s."""
    with watched_page(browser, hostile_url) as (page, watch):
        page.goto(f"{hostile_url}cities/hostile/")
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially("First paragraph with bold", delay=20)
        link = page.locator(".md-search-result__link", has_text="Hostile Town").first
        link.wait_for(timeout=20_000)
        shown = link.inner_text()
        assert "<script>" in shown or "<b>bold</b>" in shown, shown  # as text
        tags = page.locator(".md-search-result__list").evaluate("list => [...new Set([...list.querySelectorAll('*')].map(e => e.localName))]")
        assert set(tags) <= {"li", "a", "article", "div", "h1", "p", "mark"}, tags
        for result in page.locator(".md-search-result__link").all():
            result.hover()
        page.wait_for_timeout(300)
        assert not watch.dialogs, watch.dialogs
        assert not watch.csp(page) and not watch.errors, (watch.csp(page), watch.errors)
