"""A reader in Chromium: open a city page in English, switch to Arabic, read it right to left."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_switch_city_page_from_english_to_arabic(page, site_url):
    page.goto(f"{site_url}/cities/medellin/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("article h1").inner_text() == "Medellín"
    assert page.locator(".lcp-facts dt").first.inner_text() == "Country"

    # The language switcher: open the menu, choose العربية.
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name="العربية").click()
    page.wait_for_url(f"{site_url}/ar/cities/medellin/")

    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.locator("article h1").inner_text() == "ميديلين"  # the city's name in Arabic (names.ar)
    assert page.locator(".lcp-latin-name").inner_text() == "Medellín"  # and its Latin name below
    labels = page.locator(".lcp-facts dt").all_inner_texts()
    assert labels == ["البلد", "منطقة اليونسكو", "عضو منذ", "جائزة اليونسكو لمدن التعلّم", "الإحداثيات"]
    assert page.locator(".lcp-facts dd").first.inner_text() == "كولومبيا"
    assert page.locator(".lcp-edit a").first.inner_text() == "تصحيح هذا الملف أو استكماله"

    # Right-to-left layout: labels sit to the right of their values, the site's name to the right of
    # the header's menu. A city page is an article: no navigation rail beside it.
    dt = page.locator(".lcp-facts dt").first.bounding_box()
    dd = page.locator(".lcp-facts dd").first.bounding_box()
    assert dt["x"] > dd["x"]
    title = page.locator(".md-header__title").bounding_box()
    menu = page.locator(".lcp-menu").bounding_box()
    assert title["x"] > menu["x"]
    assert not page.locator(".md-sidebar--primary").is_visible()


def test_region_link_leads_to_the_member_list_in_the_same_language(page, site_url):
    page.goto(f"{site_url}/fr/cities/cork/")
    page.get_by_role("link", name="Europe et Amérique du Nord").click()
    page.wait_for_url(f"{site_url}/fr/members/#europe-north-america")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h2#europe-north-america").is_visible()
    assert page.get_by_role("link", name="Cork", exact=True).count() == 1  # the map's link is "Cork, Irlande"


def test_pages_work_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(f"{site_url}/zh/cities/cork/")
    assert pg.locator(".lcp-facts dt").first.inner_text() == "国家"
    assert pg.locator(".lcp-facts dd").first.inner_text() == "爱尔兰"
    context.close()


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        ("zh", "科特迪瓦", "/zh/cities/bouake/"),  # Côte d'Ivoire, in Chinese text segmented by Pagefind
        ("ar", "كولومبيا", "/ar/cities/medellin/"),  # Colombia
        ("ru", "Ирландия", "/ru/cities/cork/"),  # Ireland
    ],
)
def test_search_finds_cities_by_localized_country(page, site_url, lang, query, expected):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.goto(f"{site_url}/{lang}/")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=30)
    results = page.locator(".md-search-result__link")
    results.first.wait_for(timeout=20_000)
    # Case studies name countries too, so the city can rank below the first batch of results:
    # scroll the result list as a reader would until it shows the city or stops growing.
    hrefs: list[str] = []
    for _ in range(15):
        hrefs = [h.split("#")[0] for h in results.evaluate_all("els => els.map(e => new URL(e.href).pathname)")]
        if expected in hrefs:
            break
        count = results.count()
        results.last.scroll_into_view_if_needed()
        page.mouse.wheel(0, 3000)
        try:
            page.wait_for_function("n => document.querySelectorAll('.md-search-result__link').length > n", arg=count, timeout=5_000)
        except PlaywrightTimeout:
            break  # the list stopped growing: every result is shown
    assert expected in hrefs
