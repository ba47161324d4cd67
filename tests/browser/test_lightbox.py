"""The picture viewer (content/assets/lightbox.js) by keyboard, in Chromium.

The real content has no pictures, so this builds a throw-away repository with pictures generated
by the tests (tests/pictures.py: Cork and Swansea in the 2015 gallery), serves it and drives it.
"""

from __future__ import annotations

import pytest

from tests.conftest import guarded_page, run_build, serve_folder
from tests.pictures import picture_repo

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def picture_site(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("lightbox")
    build = run_build(picture_repo(root / "repo"), root / "site")
    assert build.returncode == 0, build.output[-3000:]
    with serve_folder(build.site) as url:
        yield url


@pytest.fixture
def pg(browser, picture_site):
    """A page that fails the test on any request to another host."""
    with guarded_page(browser, picture_site) as page:
        yield page


def active(page) -> dict:
    return page.evaluate("""() => { const a = document.activeElement;
        return {cls: a.className || '', inDialog: !!a.closest('dialog.lcp-lightbox'), label: a.getAttribute('aria-label') || '', href: a.getAttribute('href') || ''}; }""")


def tab_to_first_picture(page) -> None:
    for _ in range(80):
        page.keyboard.press("Tab")
        if "lcp-card__zoom" in active(page)["cls"]:
            return
    pytest.fail("Tab never reached a gallery picture")


def test_lightbox_by_keyboard(pg, picture_site):
    pg.goto(f"{picture_site}/awards/2015/")
    links = pg.locator("a.lcp-card__zoom")
    assert links.count() == 2
    alts = pg.locator("a.lcp-card__zoom img").evaluate_all("els => els.map(e => e.alt)")
    dialog = pg.locator("dialog.lcp-lightbox")
    assert not dialog.is_visible()

    tab_to_first_picture(pg)
    opener_href = active(pg)["href"]
    pg.keyboard.press("Enter")
    assert dialog.is_visible()
    # A modal <dialog> (showModal): the rest of the page is inert (a picture behind cannot take focus).
    assert dialog.evaluate("d => d.matches(':modal')")
    assert pg.locator("a.lcp-card__zoom").nth(1).evaluate("a => { a.focus(); return document.activeElement !== a; }")
    title_id = dialog.get_attribute("aria-labelledby")
    assert pg.locator(f"#{title_id}").inner_text() == "Picture viewer"
    assert pg.get_by_role("dialog", name="Picture viewer").is_visible()
    viewer = dialog.locator("img.lcp-lightbox__img")
    assert viewer.get_attribute("alt") == alts[0]
    assert viewer.get_attribute("src").endswith(opener_href.split("/")[-1])
    pg.wait_for_function("() => document.querySelector('img.lcp-lightbox__img').naturalWidth > 0")
    assert dialog.locator(".lcp-lightbox__position").inner_text() == "Picture 1 of 2"
    assert "Cork" in dialog.locator(".lcp-lightbox__caption").inner_text()
    assert active(pg) == {**active(pg), "inDialog": True, "label": "Close the picture viewer"}

    # Focus stays inside while open, forwards and backwards.
    seen = set()
    for key in ["Tab"] * 5 + ["Shift+Tab"] * 5:
        pg.keyboard.press(key)
        now = active(pg)
        assert now["inDialog"], f"focus left the dialog after {key}: {now}"
        seen.add(now["label"])
    assert seen == {"Previous picture", "Next picture", "Close the picture viewer"}

    # Arrow keys move through the gallery's pictures, wrapping around.
    pg.keyboard.press("ArrowRight")
    assert dialog.locator(".lcp-lightbox__position").inner_text() == "Picture 2 of 2"
    assert viewer.get_attribute("alt") == alts[1]
    assert "Swansea" in dialog.locator(".lcp-lightbox__caption").inner_text()
    pg.keyboard.press("ArrowRight")
    assert viewer.get_attribute("alt") == alts[0]
    pg.keyboard.press("ArrowLeft")
    assert viewer.get_attribute("alt") == alts[1]

    # Esc closes and gives focus back to the picture that opened the viewer.
    pg.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert active(pg)["href"] == opener_href and "lcp-card__zoom" in active(pg)["cls"]


def test_lightbox_in_arabic_is_labelled_and_mirrored(pg, picture_site):
    pg.goto(f"{picture_site}/ar/awards/2015/")
    tab_to_first_picture(pg)
    pg.keyboard.press("Enter")
    assert pg.get_by_role("dialog", name="عارض الصور").is_visible()
    assert active(pg)["label"] == "إغلاق عارض الصور"
    position = pg.locator(".lcp-lightbox__position")
    assert position.inner_text() == "الصورة 1 من 2"
    pg.keyboard.press("ArrowLeft")  # right to left: the left arrow goes forward
    assert position.inner_text() == "الصورة 2 من 2"
    pg.keyboard.press("Escape")
    assert not pg.locator("dialog.lcp-lightbox").is_visible()


def test_without_javascript_the_picture_links_to_the_full_image(browser, picture_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{picture_site}/awards/2015/")
    href = page.locator("a.lcp-card__zoom").first.get_attribute("href")
    with page.expect_response(lambda r: r.url.endswith(href.split("/")[-1])) as response:
        page.locator("a.lcp-card__zoom").first.click()
    assert response.value.status == 200 and response.value.headers["content-type"] == "image/jpeg"
    assert page.locator("dialog").count() == 0
    context.close()


def test_city_page_pictures_open_in_the_viewer_in_french(pg, picture_site):
    pg.goto(f"{picture_site}/fr/cities/cork/")
    tab_to_first_picture(pg)
    pg.keyboard.press("Enter")
    assert pg.get_by_role("dialog", name="Visionneuse de photos").is_visible()
    position = pg.locator(".lcp-lightbox__position")
    assert position.inner_text() == "Photo 1 sur 2"
    assert pg.locator("img.lcp-lightbox__img").get_attribute("alt") == "Image de test no 1 : un champ bleu et un cercle doré"
    pg.keyboard.press("ArrowRight")
    assert position.inner_text() == "Photo 2 sur 2"
    assert pg.locator("img.lcp-lightbox__img").get_attribute("lang") == "en"  # no French alt text: English, marked
    pg.keyboard.press("Escape")
    assert "lcp-card__zoom" in active(pg)["cls"]
