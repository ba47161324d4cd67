"""No request to a missing address: the home page and the member directory, in every language,
served as GitHub Pages serves them, load without one failed request (status >= 400 or network
error). Material's language selector used to ask for a sitemap.xml next to every <link
rel="alternate"> (seven 404s per page); assets/language-links.js stops that, and the language
switcher still leads to the same page in the other language."""
from __future__ import annotations

import pytest

from ..conftest import LANGUAGES
from ..sitecheck import serve_like_pages, watched_page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def pages_url(built_site):
    base, server = serve_like_pages(built_site.site)
    yield base
    server.shutdown()


def failed_requests(page) -> list[str]:
    """Record every response with status >= 400 and every request that did not complete."""
    failed: list[str] = []
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    page.on("requestfailed", lambda r: failed.append(f"{r.failure} {r.url}"))
    return failed


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_and_directory_load_without_a_failed_request(browser, pages_url, lang):
    prefix = "" if lang == "en" else f"{lang}/"
    with watched_page(browser, pages_url) as (page, watch):
        failed = failed_requests(page)
        requested: list[str] = []
        page.on("request", lambda r: requested.append(r.url))
        for path in ("", "members/"):
            response = page.goto(pages_url + prefix + path, wait_until="networkidle")
            assert response.status == 200
        assert not failed, failed
        assert not [u for u in requested if u.endswith("sitemap.xml")], requested
        assert not watch.foreign and not watch.errors, (watch.foreign, watch.errors)
        # The <link rel="alternate"> elements are back in place for anyone who reads the DOM.
        assert page.locator("link[rel=alternate][hreflang]").count() == len(LANGUAGES)
        assert page.locator("link[rel=alternate][type='application/atom+xml']").count() == 1


def test_language_switcher_stays_on_the_same_page(browser, pages_url):
    with watched_page(browser, pages_url) as (page, _):
        failed = failed_requests(page)
        page.goto(pages_url + "fr/members/", wait_until="networkidle")
        page.locator(".md-header__option .md-select").hover()
        with page.expect_navigation():
            page.get_by_role("link", name="Русский").click()
        # Straight to the Russian directory (no detour through an address without the final /).
        assert page.url == pages_url + "ru/members/"
        assert page.locator("html").get_attribute("lang") == "ru"
        assert not failed, failed
