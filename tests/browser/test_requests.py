"""No request to a missing address, and nothing of search before it is used: the home page and
the member directory, in every language, served as GitHub Pages serves them, load without one
failed request (status >= 400 or network error) and without fetching any file of the search
index; using search then fetches it without a failed request or a policy violation.
Material's language selector used to ask for a sitemap.xml next to every <link rel="alternate">
(seven 404s per page); assets/language-links.js stops that, and the language switcher still
leads to the same page in the other language."""

from __future__ import annotations

import pytest

from tests.conftest import LANGUAGES
from tests.sitecheck import watched_page

pytestmark = pytest.mark.browser


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
        assert not [u for u in requested if "/pagefind/" in u or "search_index" in u], requested  # nothing of search yet
        assert not watch.foreign and not watch.errors, (watch.foreign, watch.errors)
        # The <link rel="alternate"> elements are back in place for anyone who reads the DOM.
        assert page.locator("link[rel=alternate][hreflang]").count() == len(LANGUAGES) + 1  # and x-default
        assert page.locator("link[rel=alternate][type='application/atom+xml']").count() == 1
        # Using the search box loads the index of the page's language only, cleanly.
        use_search(page, "Cork")
        index = [u for u in requested if "/pagefind/" in u]
        assert index and not [u for u in index if "/pagefind/pagefind." in u and f".{lang}_" not in u and u.endswith("pf_meta")]
        assert not [u for u in index if "/index/" in u and f"/index/{lang}_" not in u], index
        assert not failed, failed
        assert not watch.csp(page) and not watch.errors, (watch.csp(page), watch.errors)


def use_search(page, query: str) -> None:
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    page.locator(".md-search-result__link").first.wait_for(timeout=20_000)
    page.wait_for_load_state("networkidle")


def test_search_works_without_a_worker_under_the_policy(browser, pages_url):
    """Where no web worker can run, Pagefind compiles its WebAssembly on the page: the policy's
    'wasm-unsafe-eval' (WebAssembly only, never eval) is what allows it. Without it, this fails."""
    with watched_page(browser, pages_url) as (page, watch):
        page.add_init_script("delete window.Worker")
        failed = failed_requests(page)
        page.goto(pages_url + "ar/members/", wait_until="networkidle")
        assert page.evaluate("typeof Worker") == "undefined"
        use_search(page, "Cork")
        assert page.locator(".md-search-result__link").first.evaluate("e => e.href").startswith(pages_url + "ar/")
        assert not failed, failed
        assert not watch.csp(page) and not watch.errors, (watch.csp(page), watch.errors)


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
