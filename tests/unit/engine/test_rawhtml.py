"""portal.engine.rawhtml: the generator's raw HTML stashed without the HTML parser, exactly as
Python-Markdown's own html_block preprocessor (HTMLExtractor) stashes it."""

from __future__ import annotations

import markdown
import pytest
from markdown.htmlparser import HTMLExtractor

from portal.engine import rawhtml
from portal.files.frontmatter import GENERATED_MARKER, split
from portal.model.loader import load
from portal.site.generate import render_all
from portal.site.pages import Site
from tests.conftest import ROOT

EXTENSIONS = ["attr_list", "admonition", "tables", "toc"]  # as in mkdocs.yml

# What the templates write, and the corners of HTMLExtractor's rules around it.
SAMPLES = {
    "blocks and headings": '<h1><bdi>Lyon</bdi></h1>\n<p class="x" translate="no"><bdi>Lyon</bdi></p>\n\n## Facts {#facts}\n\n'
    '<dl class="lcp-facts">\n  <dt>Country</dt>\n  <dd><a href="../x/#fr">France</a></dd>\n</dl>\n',
    "svg, self-closing and void tags": '<figure dir="ltr">\n<svg viewBox="0 0 1 1" aria-label="a &gt; b">\n<use href="w.svg#land"/>\n'
    '<circle cx="1" cy="2" r="2.5em"/>\n<text x="1">Name</text>\n</svg>\n<img src="a.png" alt="">\n'
    '<br>\n<figcaption><a href="#map">Map</a></figcaption>\n</figure>\n',
    "a blank line inside a block": "<div>\n<p>one</p>\n\n<p>two</p>\n</div>\n\nText after.\n",
    "siblings and tails": "<p>a</p>\n<p>b</p> tail\nmore text\n<div>c</div><div>d</div>\n\n<hr>\n<hr/>\nText\n",
    "nested same tags": "<div><div><span>x</span></div>\n<div>y</div></div>\n\nSome *Markdown* text.\n",
    "inline HTML in Markdown": 'A paragraph with <span class="x">a span</span> and <a href="y">a link</a> &amp; an entity &#8212; &#x2014;.\n\n'
    "<span>inline at a line start</span>\n\n- a list <b>bold</b>\n",
    "indented and code": "   <div>three spaces</div>\n\n    <div>four: code</div>\n\n`code <b>`\n",
    "unclosed block": "Text\n\n<div><p>never closed\n\nmore\n",
    "empty": "",
    "markdown only": "# Title\n\nPlain text, no tags.\n",
    "entities and tags at a tail": "<p>x</p> <em>y</em>\n<p>z</p>\n",
    "attributes": '<a href=\'single\' data-x=bare title="q > r">t</a>\n\n<div\n  class="multi-line">m</div>\n',
}

UNSURE = {
    "a comment": "<div>a</div>\n<!-- note -->\n",
    "a script": "<script>var a = 1 < 2;</script>\n",
    "a bare <": "<p>a</p>\n\n1 < 2\n",
    "a bare &": "<p>R&D</p>\n",
    "a backtick in a tag": "<p `x`>a</p>\n",
    "an entity in a block's tail": "<p>a</p>&amp;\n",
}


def original(text: str) -> tuple[str, list[str]]:
    md = markdown.Markdown()
    parser = HTMLExtractor(md)
    parser.feed(text)
    parser.close()
    return "".join(parser.cleandoc), list(md.htmlStash.rawHtmlBlocks)


def fast(text: str) -> tuple[str, list[str]]:
    md = markdown.Markdown()
    return "".join(rawhtml.extract(text, md)), list(md.htmlStash.rawHtmlBlocks)


def html(text: str, *extensions: str) -> str:
    return markdown.Markdown(extensions=[*EXTENSIONS, *extensions]).convert(text)


@pytest.mark.parametrize("name", SAMPLES)
def test_same_lines_and_stash_as_the_html_parser(name: str):
    text = SAMPLES[name]
    assert fast(text) == original(text)


@pytest.mark.parametrize("name", SAMPLES)
def test_a_marked_page_converts_as_the_unmarked_page_without_the_extension(name: str):
    text = SAMPLES[name]
    assert html(f"{GENERATED_MARKER}\n\n{text}", "portal.engine.rawhtml") == html(text)
    assert html(f"{GENERATED_MARKER}\n\n{text}") == html(text)  # without it, the marker line renders as nothing


@pytest.mark.parametrize("name", UNSURE)
def test_anything_else_goes_to_the_html_parser(name: str):
    md = markdown.Markdown()
    with pytest.raises(rawhtml.Unsure):
        rawhtml.extract(UNSURE[name], md)
    assert md.htmlStash.rawHtmlBlocks == []  # nothing stored by the abandoned fast path
    text = UNSURE[name]
    assert html(f"{GENERATED_MARKER}\n{text}", "portal.engine.rawhtml") == html(text)


def test_the_fast_path_runs_only_on_marked_pages(monkeypatch: pytest.MonkeyPatch):
    calls = []
    monkeypatch.setattr(rawhtml, "extract", lambda text, md: calls.append(text) or [text])
    html("<p>hand-written</p>\n", "portal.engine.rawhtml")
    assert calls == []
    html(f"{GENERATED_MARKER}\n<p>generated</p>\n", "portal.engine.rawhtml")
    assert len(calls) == 1 and calls[0].startswith("<p>generated</p>\n")  # the marker line removed
    monkeypatch.setenv(rawhtml.PLAIN_ENV, "1")
    html(f"{GENERATED_MARKER}\n<p>plain build</p>\n", "portal.engine.rawhtml")
    assert len(calls) == 1


def test_every_generated_page_is_marked_and_taken_as_the_parser_takes_it():
    pages = [f for family in render_all(load(ROOT), Site(edit_root="https://github.com/o/r/edit/main/")).values() for f in family if f.path.endswith(".md")]
    assert len(pages) > 2000
    fell_back = []
    for page in pages:
        head, body = split(page.text)
        assert head is not None and body.startswith(GENERATED_MARKER + "\n"), page.path
        text = body.split("\n", 1)[1].lstrip("\n")
        try:
            got = fast(text)
        except rawhtml.Unsure:
            fell_back.append(page.path)
            continue
        assert got == original(text), page.path
    assert len(fell_back) <= len(pages) // 100, fell_back[:10]  # the fast path takes (almost) every page


def handler_ids(text: str) -> set:
    from mkdocs.structure.pages import _HTMLHandler

    parser = _HTMLHandler()
    parser.feed(text)
    parser.close()
    return parser.present_anchor_ids


ANCHOR_SAMPLES = {
    **SAMPLES,
    "ids and names": '<h2 id="facts">F</h2>\n<a name="top">t</a> <span name="not-an-anchor">s</span>\n'
    '<p ID=Bare>b</p><div id="">e</div><div id>n</div><a href="#x" id=\'q&amp;a\'>q</a>\n',
}


@pytest.mark.parametrize("name", ANCHOR_SAMPLES)
def test_anchor_ids_as_the_engines_html_handler_finds_them(name: str):
    text = ANCHOR_SAMPLES[name]
    assert rawhtml.anchor_ids(text) == handler_ids(text)


@pytest.mark.parametrize("name", ["a comment", "a script", "a bare <", "a backtick in a tag"])
def test_anchor_ids_leave_anything_else_to_the_html_handler(name: str):
    """Entities do not matter to anchors; anything the handler would read otherwise than as tags does."""
    with pytest.raises(rawhtml.Unsure):
        rawhtml.anchor_ids(UNSURE[name])


def test_every_generated_page_has_the_anchor_ids_the_engine_finds():
    pages = [f for family in render_all(load(ROOT), Site(edit_root="https://github.com/o/r/edit/main/")).values() for f in family if f.path.endswith(".md")]
    checked = 0
    for page in pages:
        _, body = split(page.text)
        try:
            ids = rawhtml.anchor_ids(body)
        except rawhtml.Unsure:
            continue
        assert ids == handler_ids(body), page.path
        checked += 1
    assert checked >= len(pages) * 0.99 and any(handler_ids(split(p.text)[1]) for p in pages)
