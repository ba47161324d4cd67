"""A city communicator in Chromium: from a city page's edit button to the guide and the field
reference, in the reader's language; YAML examples stay left-to-right on Arabic pages."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_from_the_edit_button_to_the_guide_and_field_reference_in_arabic(page, site_url):
    page.goto(f"{site_url}/ar/cities/medellin/")
    page.locator(".lcp-edit-guide").get_by_role("link", name="الطريقة").click()  # the edit line's "how"
    page.wait_for_url(f"{site_url}/ar/contribute/")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("article h1").inner_text().removesuffix("¶") == "كيفية المساهمة"

    page.locator("article").get_by_role("link", name="مرجع الحقول").click()
    page.wait_for_url(f"{site_url}/ar/field-reference/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # The example is YAML: left-to-right, aligned left, even on a right-to-left page.
    example = page.locator("#country ~ figure.lcp-example pre").first
    assert example.inner_text() == "country: FR"
    assert example.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert page.locator("h2#geonames-id").is_visible()


def test_guide_and_status_pages_work_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(f"{site_url}/ru/translation-status/")
    assert pg.locator("article h1").inner_text().removesuffix("¶") == "Состояние переводов"
    assert pg.locator(".lcp-status table tbody tr").count() == 5
    # The long list of names is folded; it opens with the keyboard.
    details = pg.locator("details.lcp-status-details").first
    assert details.get_attribute("open") is None
    details.locator("summary").focus()
    pg.keyboard.press("Enter")
    assert details.get_attribute("open") is not None
    context.close()
