"""What browsers do with the head's tags for the web's clients (issue #23): the JSON-LD is data the
Content-Security-Policy does not object to, the manifest and the OpenSearch description load from
the site, and the OpenSearch address (`?q=`) opens the site search with the query and its results."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.sitecheck import watched_page

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("address", ["", "ar/cities/aswan/", "zh/case-studies/al-wakra-sustainability-2021/", "fr/open-data/"])
def test_structured_data_raises_no_policy_violation(browser, pages_url, address):
    with watched_page(browser, pages_url) as (page, watch):
        response = page.goto(pages_url + address)
        assert response.ok
        blocks = page.locator('script[type="application/ld+json"]')
        assert blocks.count() == 1
        assert json.loads(blocks.first.text_content())["@context"] == "https://schema.org"
        page.wait_for_load_state("load")
        assert not watch.csp(page), watch.csp(page)
        assert not watch.errors and not watch.console and not watch.foreign, (watch.errors, watch.console, watch.foreign)
        # The manifest and the search description the head links to are served by the site.
        for selector in ('link[rel="manifest"]', 'link[rel="search"]'):
            href = page.locator(selector).evaluate("l => l.href")
            assert href.startswith(pages_url), href
            assert page.request.get(href).ok, href


@pytest.mark.parametrize(("lang", "query"), [("en", "Aswan"), ("zh", "北京"), ("ar", "أسوان")])
def test_opensearch_address_opens_the_search_with_the_query(browser, pages_url, lang, query):
    """The OpenSearch template's address (…/<lang>/?q={searchTerms}) opens the search dialog with
    the query typed and its results drawn."""
    with watched_page(browser, pages_url) as (page, watch):
        home = pages_url + ("" if lang == "en" else f"{lang}/")
        template = page.request.get(home + "web/opensearch.xml").text()
        url = re.search(r'template="([^"]+)"', template).group(1)
        # The deployed site's address; here the same page is served locally.
        assert url.endswith("/" + ("" if lang == "en" else f"{lang}/") + "?q={searchTerms}"), url
        page.goto(home + "?q=" + quote(query))
        expect(page.locator("input.md-search__input")).to_have_value(query)
        assert page.locator("#__search").is_checked()
        page.locator(".md-search-result__link").first.wait_for(timeout=20_000)
        expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"\d"), timeout=20_000)
        assert not watch.errors and not watch.csp(page), (watch.errors, watch.csp(page))


def test_page_without_query_keeps_the_search_closed(browser, pages_url):
    with watched_page(browser, pages_url) as (page, watch):
        page.goto(pages_url + "fr/?utm=1")
        page.wait_for_load_state("load")
        assert not page.locator("#__search").is_checked()
        assert page.locator("input.md-search__input").input_value() == ""
