"""A Markdown extension that stashes the generator's raw HTML blocks without Python-Markdown's
HTML parser: same stash, same lines, so the same page.

Python-Markdown finds raw HTML blocks with `HTMLExtractor`, a subclass of Python's html.parser run
over the whole page (the `html_block` preprocessor). The generated pages (city pages, members,
awards, case-study extras, ...) are mostly HTML written by our own templates, so that parser was
most of the Markdown conversion time of a build (bench/run.py, profile section). The generator
marks its pages with a first body line `[//]: # (portal:generated)` (a link definition: plain
Markdown drops it, so a build without this extension gives the same page). On a marked page this
preprocessor runs instead of `html_block`: it removes the marker line and walks the page's tags
with one regular expression, applying HTMLExtractor's own rules (when a raw block starts, what it
holds, where it ends, what goes back to the Markdown text) and storing each block with
`md.htmlStash.store`, exactly as `html_block` would. Headings and other Markdown lines stay
Markdown (the table of contents and the heading anchors work as before).

It only does that for what the generator writes: well-formed tags, entities and text. Anything
else on a page (a comment, a `<` or `&` that is not a tag or an entity, a script, a tag with a
backtick, an unclosed tag, ...) sends the whole page to the original `html_block`, as do unmarked
pages (hand-written ones), a Python-Markdown version it was not checked on (WRITTEN_FOR), and
PORTAL_PLAIN_BUILD=1. tests/unit/engine/test_rawhtml.py compares both on every kind of input; the site
built with and without it is byte-identical (tests/site/engine/test_build_speed.py).
"""

from __future__ import annotations

import html
import os
import re

import markdown
from markdown import Extension
from markdown.htmlparser import htmlparser, void_tags
from markdown.preprocessors import HtmlBlockPreprocessor

from portal.files.frontmatter import GENERATED_MARKER as MARKER  # the first body line of a generated page

WRITTEN_FOR = ("3.10.2", "3.11.3", "3.11.4")  # Python-Markdown versions whose HTMLExtractor this follows
PLAIN_ENV = "PORTAL_PLAIN_BUILD"

# A start or end tag as the generator writes them: (end slash, name, attributes, closing slash).
_TAG = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)"
    r"((?:\s+[^\s/>\"'=`<]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"'`=<]+))?)*)"
    r"\s*(/?)>"
)
# An & that does not start an entity or a character reference (the parser reads those as text).
_BARE_AMP = re.compile(r"&(?!#[0-9]+;|#[xX][0-9a-fA-F]+;|[a-zA-Z][-.a-zA-Z0-9]*;)")
_BLANK_LINE = re.compile(r"([ ]*\n){2}")  # htmlparser.blank_line_re, without '^', for match(text, pos)
_INNER_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_EMPTY_TAGS = frozenset(["hr"])  # HTMLExtractor.empty_tags
# Elements whose content the HTML parser reads as text (script, style; title, textarea in newer Pythons).
_TEXT_CONTENT = frozenset(getattr(htmlparser.HTMLParser, "CDATA_CONTENT_ELEMENTS", ())) | frozenset(
    getattr(htmlparser.HTMLParser, "RCDATA_CONTENT_ELEMENTS", ())
)


class Unsure(Exception):
    """The page has something this fast path does not follow: use the original preprocessor."""


def checked_version() -> bool:
    return getattr(markdown, "__version__", None) in WRITTEN_FOR


def extract(source: str, md) -> list[str]:
    """What HTMLExtractor(md).feed(source); close() leaves in `cleandoc`, storing the same blocks in
    md.htmlStash; raises Unsure (having stored nothing) for input outside the generator's HTML."""
    blocks: list[str] = []
    cleandoc = _extract(source, md.is_block_level, blocks)
    # Stored only now, in order: a page that raised Unsure half-way left the stash as it was.
    placeholders = [md.htmlStash.store(block) for block in blocks]
    return [placeholders[item] if isinstance(item, int) else item for item in cleandoc]


def _extract(text: str, is_block_level, blocks: list[str]) -> list:
    """HTMLExtractor's handle_* methods over the tags found by _TAG. Entities are passed on as text:
    the extractor copies them as they are, in a raw block or out of one (not in a block's tail,
    where it would hold them for the next block: Unsure). A raw block is copied from the text, from
    its first tag to the end tag that empties the stack: the extractor copies every piece between."""
    cleandoc: list = []  # strings, and ints: the index of a block in `blocks` (its placeholder)
    stack: list[str] = []
    inline_stack: list[str] = []
    inraw = intail = False
    raw_start = 0
    block_level: dict[str, bool] = {}

    def at_line_start(start: int) -> bool:
        line = text.rfind("\n", 0, start) + 1
        offset = start - line
        return offset == 0 or (offset <= 3 and text[line:start].strip() == "")

    pos = 0
    for match in _TAG.finditer(text):
        start, end = match.span()
        if start > pos:  # handle_data
            piece = text[pos:start]
            if "<" in piece:
                raise Unsure("a < that is not a tag")
            if "&" in piece:
                if _BARE_AMP.search(piece):
                    raise Unsure("an & that is not an entity")
                if intail and "&" in piece.split("\n", 1)[0]:
                    raise Unsure("an entity in a raw block's tail")
            if intail and "\n" in piece:
                intail = False
            if not inraw:
                if "\n" in piece and _INNER_BLANK_LINE.search(piece):
                    inline_stack = []
                cleandoc.append(piece)
        pos = end
        end_slash, name, attrs, close = match.groups()
        tag = name.lower()
        if tag in _TEXT_CONTENT:
            raise Unsure(f"<{tag}>: its content is read as text")
        is_block = block_level.get(tag)
        if is_block is None:
            is_block = block_level[tag] = is_block_level(tag)
        if end_slash:  # handle_endtag
            if attrs or close:
                raise Unsure("an end tag with attributes")
            if inraw:
                if tag in stack:
                    while stack:
                        if stack.pop() == tag:
                            break
                if not stack:
                    if _BLANK_LINE.match(text, end):
                        blocks.append(text[raw_start:end] + "\n")
                    else:
                        blocks.append(text[raw_start:end])
                        intail = True
                    inraw = False
                    cleandoc.append(len(blocks) - 1)
                    cleandoc.append("\n\n")
            else:
                cleandoc.append(match.group())
                if tag in inline_stack:
                    while inline_stack:
                        if inline_stack.pop() == tag:
                            break
        elif close or tag in _EMPTY_TAGS:  # <x/> or <hr>: handle_startendtag, handle_empty_tag
            if inraw:
                pass  # copied with the block
            elif intail:
                raise Unsure("an empty tag in a raw block's tail")  # the extractor holds it for the next block
            elif is_block and at_line_start(start):
                piece = match.group()
                if _BLANK_LINE.match(text, end):
                    piece += "\n"
                else:
                    intail = True
                item = cleandoc[-1] if cleandoc else ""
                if isinstance(item, str) and not item.endswith("\n\n") and item.endswith("\n"):
                    cleandoc.append("\n")
                blocks.append(piece)
                cleandoc.append(len(blocks) - 1)
                cleandoc.append("\n\n")
            else:
                cleandoc.append(match.group())
        else:  # handle_starttag
            if is_block and (intail or (not inraw and at_line_start(start))):
                if not inraw:
                    raw_start = start
                inraw = True
                cleandoc.append("\n")
            if inraw:
                stack.append(tag)
            else:
                cleandoc.append(match.group())
                if not is_block and tag not in void_tags:
                    inline_stack.append(tag)
    if pos < len(text):
        piece = text[pos:]
        if "<" in piece or _BARE_AMP.search(piece):
            raise Unsure("a < or & that is not a tag or an entity")
        if intail and "&" in piece.split("\n", 1)[0]:
            raise Unsure("an entity in a raw block's tail")
        if not inraw:
            cleandoc.append(piece)
    if inraw:  # an unclosed block: HTMLExtractor.close() stores what it has
        blocks.append(text[raw_start:])
        cleandoc.append(len(blocks) - 1)
    return cleandoc


# One attribute of a _TAG match: name, then (if any) "=" and the value double-quoted,
# single-quoted or bare.
_ATTR = re.compile(r"""\s+([^\s/>"'=`<]+)(\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"'`=<]+)))?""")


def anchor_ids(text: str) -> set[str | None]:
    """The anchors the HTML tags of `text` define, as MkDocs' raw-HTML handler
    (mkdocs.structure.pages._HTMLHandler, an HTML parser over the whole page) collects them for
    checking `#anchor` links: every `id`, and `name` on `<a>`; values unescaped. Raises Unsure for
    anything but the generator's tags, entities and text (a comment, a script, a bare `<`...)."""
    found: set[str | None] = set()
    pos = 0
    for match in _TAG.finditer(text):
        if "<" in text[pos : match.start()]:
            raise Unsure("a < that is not a tag")
        pos = match.end()
        end_slash, name, attrs, _ = match.groups()
        tag = name.lower()
        if tag in _TEXT_CONTENT:
            raise Unsure(f"<{tag}>: its content is read as text")
        if end_slash or not attrs:
            continue
        for attr in _ATTR.finditer(attrs):
            key, given, double, single, bare = attr.groups()
            key = key.lower()
            if key == "id" or (key == "name" and tag == "a"):
                # As html.parser: no "=" gives None, an empty value "", a value is unescaped.
                value = None if given is None else next(v for v in (double, single, bare) if v is not None)
                found.add(html.unescape(value) if value else value)
    if "<" in text[pos:]:
        raise Unsure("a < that is not a tag")
    return found


class GeneratedHtmlPreprocessor(HtmlBlockPreprocessor):
    """`html_block`, with the fast path for pages whose first line is MARKER."""

    fast = True

    def run(self, lines: list[str]) -> list[str]:
        if not lines or lines[0] != MARKER:
            return super().run(lines)
        # The engine drops the blank lines that follow the front matter; the marker is the first
        # line after it: drop the blank lines after the marker too, and the page is as it was.
        source = "\n".join(lines[1:]).lstrip("\n")
        if self.fast:
            try:
                return "".join(extract(source, self.md)).split("\n")
            except Unsure:
                pass
        return super().run(source.split("\n"))


class GeneratedHtmlExtension(Extension):
    def extendMarkdown(self, md) -> None:
        processor = GeneratedHtmlPreprocessor(md)
        processor.fast = os.environ.get(PLAIN_ENV, "") in ("", "0") and checked_version()
        md.preprocessors.register(processor, "html_block", 20)  # replaces the original, same place


def makeExtension(**kwargs) -> GeneratedHtmlExtension:  # noqa: N802 - Python-Markdown's entry point name
    return GeneratedHtmlExtension(**kwargs)
