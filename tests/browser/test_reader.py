"""A member of the public reads the portal in Chromium, at 1280 and 390 CSS px, in English, Arabic
and Chinese (issue #20): the header's menu of main sections on a desktop and the drawer on a phone,
a tapped map marker shows its name (a second tap opens the city), award emblems in the reader's
script at a sensible size, no faux italic in Arabic or Chinese, nothing wider than a phone."""

from __future__ import annotations

import pytest

from portal.i18n.languages import t
from portal.i18n.languages import url_prefix as prefix

pytestmark = pytest.mark.browser

LANGS = ("en", "ar", "zh")
MENU_KEYS = ("chrome.menu_members", "chrome.menu_case_studies", "chrome.menu_awards", "chrome.menu_sdgs", "chrome.menu_figures", "chrome.menu_open_data")


@pytest.fixture
def phone(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, device_scale_factor=2)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_the_header_menu_is_on_one_line_at_1280_px(page, site_url, lang):
    for path in ("", "cities/wuhan/", "awards/2024/"):
        page.goto(f"{site_url}/{prefix(lang)}{path}")
        links = page.locator(".lcp-menu a")
        assert links.all_inner_texts() == [t(key, lang) for key in MENU_KEYS]
        header = page.locator(".md-header__inner").bounding_box()
        boxes = [links.nth(i).bounding_box() for i in range(links.count())]
        assert all(links.nth(i).is_visible() for i in range(links.count()))
        assert len({round(b["y"]) for b in boxes}) == 1  # one line
        assert all(header["y"] <= b["y"] and b["y"] + b["height"] <= header["y"] + header["height"] for b in boxes)
        # Nothing of the header overlaps the menu: the site's name, the buttons, the search box.
        menu = page.locator(".lcp-menu").bounding_box()
        for other in (".md-header__title", ".md-header__option", "label.md-header__button[for=__search]", ".md-search"):
            box = page.locator(other).first.bounding_box()
            if box and box["width"]:
                assert box["x"] + box["width"] <= menu["x"] + 0.5 or menu["x"] + menu["width"] <= box["x"] + 0.5, other
        # Site title still readable (not squeezed to nothing).
        assert page.locator(".md-header__title").bounding_box()["width"] > 100


@pytest.mark.parametrize("lang", ["en", "fr", "es", "ar", "zh", "ru"])
def test_the_site_name_stays_whole_beside_the_menu_at_1280_px(page, site_url, lang):
    page.goto(f"{site_url}/{prefix(lang)}")
    name = page.locator(".md-header__topic").first.locator(".md-ellipsis")
    assert name.evaluate("(e) => e.scrollWidth <= e.clientWidth")  # not cut short with an ellipsis
    assert page.locator(".lcp-menu").is_visible()
    # An opened search box takes the header's room: the menu steps aside, nothing overflows.
    page.locator(".md-search__input").click()
    page.wait_for_function("() => document.getElementById('__search').checked")
    assert not page.locator(".lcp-menu").is_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 1280


@pytest.mark.parametrize("lang", LANGS)
def test_a_phone_has_the_drawer_not_the_menu(phone, site_url, lang):
    phone.goto(f"{site_url}/{prefix(lang)}cities/wuhan/")
    assert not phone.locator(".lcp-menu").is_visible()
    phone.locator("label.md-header__button[for=__drawer]").tap()
    drawer_link = phone.locator(".md-sidebar--primary .md-nav__link", has_text=t("chrome.home", lang)).first
    drawer_link.wait_for(state="visible")
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 390


@pytest.mark.parametrize("lang", LANGS)
def test_a_tapped_marker_shows_its_name_and_a_second_tap_opens_it(phone, site_url, lang):
    for path in ("members/", "members/map/africa/"):
        url = f"{site_url}/{prefix(lang)}{path}"
        phone.goto(url)
        marker = phone.locator(".lcp-map__narrow a[data-city]").first
        marker.scroll_into_view_if_needed()
        label = marker.locator(".lcp-map__label")
        assert phone.evaluate("(e) => getComputedStyle(e).visibility", label.element_handle()) == "hidden"
        dot = marker.locator("circle")  # the marker's box also holds its hidden name
        dot.tap()
        assert phone.url == url  # the first tap stays on the page ...
        assert phone.evaluate("(e) => getComputedStyle(e).visibility", label.element_handle()) == "visible"  # ... and names the city
        assert label.text_content().strip()
        slug = marker.get_attribute("data-city")
        dot.tap()
        phone.wait_for_url(f"{site_url}/{prefix(lang)}cities/{slug}/")


def test_a_mouse_click_on_a_marker_opens_the_city_at_once(page, site_url):
    page.goto(f"{site_url}/members/map/africa/")
    marker = page.locator(".lcp-map__wide a[data-city]").first
    slug = marker.get_attribute("data-city")
    marker.locator("circle").click()
    page.wait_for_url(f"{site_url}/cities/{slug}/")


@pytest.mark.parametrize("lang", LANGS)
def test_a_region_view_on_a_phone_has_no_lone_panel_and_lists_its_cities(phone, site_url, lang):
    phone.goto(f"{site_url}/{prefix(lang)}members/map/europe-north-america/")
    panels = phone.locator("figure.lcp-map--region")
    visible = [i for i in range(panels.count()) if panels.nth(i).is_visible()]
    assert len(visible) == 1  # Europe; Edmonton alone is named in the list
    dots = phone.evaluate("""() => [...document.querySelectorAll('.lcp-map__narrow a')].filter(a => a.getBoundingClientRect().width > 0).length""")
    assert dots <= 20  # numbered circles, not ~70 crossing dots
    assert phone.locator("ul.lcp-region-cities li").count() > 60
    edmonton = phone.locator("ul.lcp-region-cities a[href$='cities/edmonton/']")
    assert edmonton.count() == 1 and edmonton.is_visible()
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 390


@pytest.mark.parametrize(("lang", "slug", "name"), [("zh", "wuhan", "武汉"), ("ar", "yanbu-industrial-city", "ينبع"), ("en", "wuhan", "Wuhan")])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_2024_gallery_shows_emblems_in_the_readers_script(browser, site_url, lang, slug, name, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{site_url}/{prefix(lang)}awards/2024/")
    card = page.locator(".lcp-card", has=page.locator(f"a[href$='cities/{slug}/']"))
    emblem = card.locator("img.lcp-card__emblem")
    emblem.scroll_into_view_if_needed()
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=emblem.element_handle())
    svg = page.request.get(page.evaluate("(img) => img.currentSrc", emblem.element_handle())).text()
    assert name in svg
    box = emblem.bounding_box()
    assert box["height"] < 0.45 * box["width"] and box["height"] <= 170  # a low card, not 270 px of initials
    context.close()


@pytest.mark.parametrize("lang", ["ar", "zh"])
def test_no_faux_italic_in_arabic_or_chinese(page, site_url, lang):
    page.goto(f"{site_url}/{prefix(lang)}members/map/africa/")
    caption = page.locator("figure.lcp-map figcaption").first
    assert caption.evaluate("(e) => getComputedStyle(e).fontStyle") == "normal"
    page.goto(f"{site_url}/members/map/africa/")
    assert page.locator("figure.lcp-map figcaption").first.evaluate("(e) => getComputedStyle(e).fontStyle") == "italic"


@pytest.mark.parametrize("lang", LANGS)
def test_pages_fit_a_phone(phone, site_url, lang):
    for path in ("", "cities/wuhan/", "awards/2024/", "members/map/europe-north-america/"):
        phone.goto(f"{site_url}/{prefix(lang)}{path}")
        assert phone.evaluate("document.scrollingElement.scrollWidth") <= 390, path
