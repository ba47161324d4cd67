"""Site search in Chromium on the real build, served under the site's path as GitHub Pages serves it:
Material's search box, driven by assets/search.js over Pagefind's index of the page's language
(src/portal/site/search.py).

Queries are read from the build where they can be (a city's name is its page's <h1> in that
language), so the tests hold before and after localized names land. Pagefind falls back to the
longest indexed prefix of an unknown word (Pagefind #793): "no results" is not tested, the
language, existence and rank of what is found are.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest
from playwright.sync_api import expect

from portal.i18n.languages import url_prefix as prefix
from tests.conftest import LANGUAGES
from tests.sitecheck import watched_page

pytestmark = pytest.mark.browser

CITY = "beijing"  # a city whose name differs in most languages (北京, بكين, Пекин, Pékin, Pekín)
DEEP = "cities/cork/"  # a page two folders down, where relative addresses could go wrong


def page_file(site: Path, base: str, url: str) -> Path | None:
    """The built file a result URL leads to, or None if it leads outside the site."""
    path, root = unquote(urlsplit(url).path), urlsplit(base).path
    if not path.startswith(root):
        return None
    rel = path[len(root) :]
    return site / (rel + "index.html" if rel.endswith("/") or rel == "" else rel)


def heading(site: Path, lang: str, slug: str) -> str:
    tree = lxml.html.parse(str(site / prefix(lang) / "cities" / slug / "index.html"))
    return tree.find(".//article//h1").text_content().strip()


def latin_name(slug: str) -> str:
    import yaml

    from tests.conftest import ROOT

    return yaml.safe_load((ROOT / "cities" / f"{slug}.yml").read_text(encoding="utf-8"))["name"]


def type_query(page, query: str) -> list[str]:
    """Type into Material's search box; the result links drawn (absolute URLs, in order)."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=20)
    page.locator(".md-search-result__link").first.wait_for(timeout=20_000)
    # (expect(), not wait_for_function: a polled predicate is eval()ed in the page, which the
    # Content-Security-Policy forbids)
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"\d"), timeout=20_000)
    page.wait_for_timeout(300)  # the last keystroke's answer replaces earlier ones
    return page.locator(".md-search-result__link").evaluate_all("els => els.map(e => e.href)")


def all_results(page, base: str, query: str) -> list[str]:
    """Every result's URL for `query`, from the engine the page's script loaded (same options)."""
    return page.evaluate(
        """async ([bundle, query]) => {
             const pagefind = await import(bundle);
             const found = await pagefind.search(query);
             return Promise.all(found.results.map((r) => r.data().then((d) => new URL(d.url, location.href).href)));
           }""",
        [base + "pagefind/pagefind.js", query],
    )


def assert_in_language(site: Path, base: str, lang: str, urls: list[str]) -> None:
    root = urlsplit(base).path
    for url in urls:
        rel = urlsplit(url).path[len(root) :] if urlsplit(url).path.startswith(root) else url
        assert "undefined" not in url, url
        assert urlsplit(url).netloc == urlsplit(base).netloc, url
        if lang == "en":
            assert not rel.startswith(tuple(f"{o}/" for o in LANGUAGES[1:])), url
        else:
            assert rel.startswith(f"{lang}/"), url
        target = page_file(site, base, url)
        assert target is not None and target.is_file(), f"result leads to a missing page: {url}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_finds_a_city_by_its_local_and_latin_name(browser, built_site, pages_url, lang):
    site = built_site.site
    expected = pages_url + prefix(lang) + f"cities/{CITY}/"
    with watched_page(browser, pages_url) as (page, watch):
        page.goto(pages_url + prefix(lang) + DEEP)
        for query in dict.fromkeys([heading(site, lang, CITY), latin_name(CITY)]):
            drawn = type_query(page, query)
            assert expected in drawn[:3], f"{query!r} on /{prefix(lang)}: {drawn[:5]}"
            assert_in_language(site, pages_url, lang, drawn)
            assert_in_language(site, pages_url, lang, all_results(page, pages_url, query))
        assert not watch.errors and not watch.csp(page), (watch.errors, watch.csp(page))
        # The result leads there, under the site's path.
        page.locator(".md-search-result__link").nth(drawn.index(expected)).click()
        page.wait_for_url(expected)
        assert page.locator("article h1").inner_text().strip() == heading(site, lang, CITY)


def article_text(path: Path) -> str:
    article = lxml.html.parse(str(path)).find(".//article")
    return article.text_content() if article is not None else ""


def has_word(text: str, word: str) -> bool:
    """`word` as a whole word of `text` (not inside a longer word, e.g. with a clitic prefix)."""
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


def pages_with(site: Path, lang: str, word: str, without: str | None = None) -> set[str]:
    """Site-relative URLs of the pages of `lang` whose article has the whole word `word` (and
    nowhere the string `without`)."""
    folder = site / prefix(lang) if lang != "en" else site
    found = set()
    for path in folder.rglob("index.html"):
        rel = path.relative_to(site).as_posix()
        if lang == "en" and rel.split("/", 1)[0] in LANGUAGES[1:] or rel.startswith("pagefind/"):
            continue
        text = article_text(path)
        if has_word(text, word) and (without is None or without not in text):
            found.add(rel[: -len("index.html")])
    return found


def relative(base: str, urls: list[str]) -> set[str]:
    root = urlsplit(base).path
    return {urlsplit(u).path[len(root) :] for u in urls}


def test_french_search_splits_elisions_and_stays_french(browser, built_site, pages_url):
    site = built_site.site
    elided = pages_with(site, "fr", "l’apprentissage")
    assert len(elided) >= 3, elided
    with watched_page(browser, pages_url) as (page, _):
        page.goto(pages_url + "fr/" + DEEP)
        type_query(page, "apprentissage")
        plain = all_results(page, pages_url, "apprentissage")
        assert_in_language(site, pages_url, "fr", plain)
        assert elided <= relative(pages_url, plain), sorted(elided - relative(pages_url, plain))[:5]
        # The reader's typographic apostrophe works too, and finds the pages spelled that way.
        drawn = type_query(page, "l’apprentissage")
        assert_in_language(site, pages_url, "fr", drawn)
        with_elision = relative(pages_url, all_results(page, pages_url, "l’apprentissage"))
        assert elided <= with_elision, sorted(elided - with_elision)[:5]
        # Excerpts show typographic apostrophes, as the pages do.
        assert "’" in page.locator(".md-search-result__article").first.inner_text()


def test_arabic_search_ignores_diacritics(browser, built_site, pages_url):
    """التعلم typed without the shadda finds the pages that only spell it التعلّم."""
    site = built_site.site
    vocalized = pages_with(site, "ar", "التعلّم", without="التعلم")
    assert vocalized, "the Arabic pages spell التعلّم with its shadda"
    with watched_page(browser, pages_url) as (page, _):
        page.goto(pages_url + "ar/" + DEEP)
        type_query(page, "التعلم")
        found = all_results(page, pages_url, "التعلم")
        assert_in_language(site, pages_url, "ar", found)
        assert vocalized <= relative(pages_url, found), sorted(vocalized - relative(pages_url, found))[:5]
        # A tatweel typed by the reader changes nothing.
        assert set(all_results(page, pages_url, "التـعلم")) == set(found)
        # Alef variants: اهداف (bare alef) finds the pages that only spell it أهداف (hamza).
        hamza = pages_with(site, "ar", "أهداف", without="اهداف")
        assert hamza
        bare = relative(pages_url, all_results(page, pages_url, "اهداف"))
        assert hamza <= bare, sorted(hamza - bare)[:5]


@pytest.mark.parametrize(
    ("lang", "query", "other_form"),
    [
        ("ru", "обучение", "обучения"),  # the genitive, on pages without the nominative
        ("es", "ciudades", "ciudad"),  # the singular, on pages without the plural
    ],
)
def test_russian_and_spanish_searches_match_other_forms_of_a_word(browser, built_site, pages_url, lang, query, other_form):
    site = built_site.site
    only_other = pages_with(site, lang, other_form, without=query)
    assert only_other, f"some {lang} pages have {other_form!r} but not {query!r}"
    with watched_page(browser, pages_url) as (page, _):
        page.goto(pages_url + prefix(lang) + DEEP)
        type_query(page, query)
        found = relative(pages_url, all_results(page, pages_url, query))
        assert only_other & found, f"{query!r} found none of {sorted(only_other)[:5]}"


def test_chinese_search_is_segmented(browser, built_site, pages_url):
    """学习型城市 is matched as a word of Chinese text (Pagefind's extended build segments it)."""
    site = built_site.site
    with_phrase = pages_with(site, "zh", "学习型城市")
    with watched_page(browser, pages_url) as (page, _):
        page.goto(pages_url + "zh/" + DEEP)
        drawn = type_query(page, "学习型城市")
        assert_in_language(site, pages_url, "zh", drawn)
        found = relative(pages_url, all_results(page, pages_url, "学习型城市"))
        assert len(found & with_phrase) >= 0.9 * len(with_phrase), (len(found & with_phrase), len(with_phrase))


def test_search_box_is_usable_from_the_keyboard_and_translated(browser, pages_url):
    with watched_page(browser, pages_url) as (page, watch):
        page.goto(pages_url + "ru/" + DEEP)
        page.keyboard.press("/")
        assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
        assert page.locator("#__search").is_checked()
        page.keyboard.type("Пекин", delay=20)
        page.locator(".md-search-result__link").first.wait_for(timeout=20_000)
        meta = page.locator(".md-search-result__meta").inner_text()
        assert meta.startswith(("Найдена", "Найдены", "Найдено")), meta  # CLDR plural forms, in Russian
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
        page.keyboard.press("Escape")
        assert not page.locator("#__search").is_checked()
        assert not watch.errors and not watch.csp(page)
