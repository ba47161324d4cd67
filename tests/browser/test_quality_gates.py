"""Browser gates on the real build, served as GitHub Pages serves it (under the site's path, with
/404.html for any missing address): axe-core finds no serious or critical violation on one page of
every kind in English and Arabic (light and dark schemes); no Content-Security-Policy violation,
script error or request to another host on those pages, search included; the 404 page speaks the
reader's language.

The pages are chosen from the build (sitecheck.representative_pages): per top-level section
(about/, members/, cities/, case-studies/, sdg/, themes/, and awards/ ... when it lands) and folder
depth, pages until every class name used in that group's content is covered; and the 404 page.
"""

from __future__ import annotations

import pytest

from tests.sitecheck import representative_pages, run_axe, watched_page

pytestmark = pytest.mark.browser


def clean(watch, page) -> list[str]:
    return (
        [f"request to another host: {u}" for u in watch.foreign]
        + [f"CSP: {v}" for v in watch.csp(page)]
        + [f"script error: {e}" for e in watch.errors]
        + [f"dialog: {d}" for d in watch.dialogs]
    )


@pytest.mark.parametrize("lang, scheme", [("en", "light"), ("ar", "light"), ("en", "dark"), ("ar", "dark")])
def test_every_kind_of_page_passes_axe_and_the_security_policy(browser, built_site, pages_url, lang, scheme):
    urls = representative_pages(built_site.site, lang)
    assert len(urls) >= 5, urls  # home, about, members, a city, 404 at least
    found: list[str] = []
    with watched_page(browser, pages_url, color_scheme=scheme, viewport={"width": 1280, "height": 900}) as (page, watch):
        for url in urls:
            response = page.goto(pages_url + url)
            assert response.status == 200, url
            assert page.locator("html").get_attribute("lang") == lang, url
            found += [f"{url}: {v}" for v in run_axe(page)]
            found += [f"{url}: {p}" for p in clean(watch, page)]
            watch.foreign.clear(), watch.errors.clear(), watch.dialogs.clear(), watch.console.clear()
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang, query, expected", [("en", "Cork", "Cork"), ("ar", "Cork", "Cork")])
def test_search_works_under_the_security_policy(browser, pages_url, lang, query, expected):
    """Search runs in a web worker and fetches the index: the policy must allow both, and the
    open search dialog must pass axe too."""
    prefix = "" if lang == "en" else f"{lang}/"
    with watched_page(browser, pages_url) as (page, watch):
        page.goto(pages_url + prefix)
        search = page.locator("input.md-search__input")
        search.click()
        search.press_sequentially(query, delay=30)
        result = page.locator(".md-search-result__item").first
        result.wait_for(timeout=15000)
        assert expected in result.inner_text()
        # Results of the partial queries ("C", "Co", ...) are replaced as typing goes on: check the
        # dialog once the list has stopped changing and nothing is animating (axe measured a result
        # mid-redraw once: a contrast failure on a fifth item that was being replaced).
        page.wait_for_function(
            """() => new Promise((done) => {
            const html = () => document.querySelector('.md-search-result__list').innerHTML;
            const before = html();
            setTimeout(() => done(html() === before && document.getAnimations().every((a) => a.playState !== 'running')), 500);
        })""",
            timeout=15000,
        )
        assert not run_axe(page)
        assert not clean(watch, page)


def test_missing_address_gets_the_404_page_in_the_readers_language(browser, pages_url):
    with watched_page(browser, pages_url) as (page, watch):
        response = page.goto(pages_url + "no/such/page/")
        assert response.status == 404
        assert page.locator("article h1").inner_text() == "Page not found"
        assert page.url == pages_url + "no/such/page/"

        page.goto(pages_url + "fr/cities/atlantis/")
        page.wait_for_url(pages_url + "fr/404.html")
        assert page.locator("html").get_attribute("lang") == "fr"
        assert page.locator("article h1").inner_text() == "Page introuvable"
        # The page's own links work from any address: home in French, then the Arabic home.
        page.locator("article").get_by_role("link", name="Aller à la page d’accueil").click()
        page.wait_for_url(pages_url + "fr/")
        page.goto(pages_url + "ar/404.html")
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        assert page.locator("article h1").inner_text() == "الصفحة غير موجودة"
        assert not clean(watch, page)


def test_404_page_offers_every_language_without_javascript(browser, pages_url):
    with watched_page(browser, pages_url, java_script_enabled=False) as (page, _):
        response = page.goto(pages_url + "ar/no-such-page/")
        assert response.status == 404
        assert page.url == pages_url + "ar/no-such-page/"
        link = page.locator("article a[hreflang='ar']")
        assert link.inner_text() == "الانتقال إلى الصفحة الرئيسية"
        link.click()
        page.wait_for_url(pages_url + "ar/")
        assert page.locator("html").get_attribute("lang") == "ar"
