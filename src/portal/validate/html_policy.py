"""Raw HTML policy: what HTML a contributor may write, and where.

YAML text fields (profiles' summary, reader_note, picture alt and credit; award reasons; case
studies' title and summary) are plain text: the templates escape them, so a tag would show as
'<b>' on the page. Any tag there is refused with "write plain text".

A case study's body is Markdown. Raw HTML in it is limited to a short allowlist: the tags the
existing case studies use or need for running text (a phrase in another language, an
abbreviation, a superscript, a line break), each with only the attributes that say what the text
is. Anything that runs code or loads another document (<script>, <iframe>, <style>, <object>,
<embed>, ...), any event-handler attribute (on...=) and any javascript:, vbscript: or data: link,
in HTML or in Markdown, is refused with its own message. Every problem is `file:line: message`
with the fix; fenced code blocks and `code spans` are code shown as text, and are not read.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

from portal.files import reading
from portal.files.yamlfile import Problem

# tag -> the attributes it may carry
ALLOWED: dict[str, frozenset[str]] = {
    "span": frozenset({"lang", "dir"}),  # a phrase in another language: <span lang="en" dir="ltr">...</span>
    "bdi": frozenset({"lang", "dir"}),
    "abbr": frozenset({"title", "lang", "dir"}),
    "sup": frozenset(),
    "sub": frozenset(),
    "br": frozenset(),
}
DANGEROUS = frozenset(
    {"script", "iframe", "frame", "frameset", "style", "object", "embed", "applet", "link", "meta", "base", "form", "svg", "math", "template", "noscript"}
)
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
ALLOWED_LIST = ", ".join(f"<{t}>" for t in ALLOWED)

# A tag: '<name' followed by a space, '/' or '>' (so '<https://...>' autolinks are not tags).
TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])([^>]*)>?")
ATTR = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?")
COMMENT = re.compile(r"<!--|<!\[CDATA\[|<\?")
# Markdown link and image destinations: [text](dest), [text]: dest, <scheme:...> autolinks.
INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S*)")
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^\s>]*)>")
FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(.+?)\1")
WHITESPACE = re.compile(r"[\x00-\x20]+")


def bad_scheme(destination: str) -> str | None:
    """The refused scheme a link destination starts with (entities decoded, spaces dropped), if any."""
    plain = WHITESPACE.sub("", html.unescape(destination)).lower()
    return next((s for s in BAD_SCHEMES if plain.startswith(s)), None)


def text_markup(value: str) -> str | None:
    """The first HTML tag (or comment) in a plain-text value, if any."""
    found = TAG.search(value) or COMMENT.search(value)
    return found.group(0)[:60] if found else None


def plain_text_problem(value: str, field: str) -> str | None:
    """A YAML text field holds no HTML: the site escapes it, so a tag would show as written."""
    if isinstance(value, str) and (tag := text_markup(value)):
        return f"{field} is plain text and may not contain HTML, got '{tag}'; write plain text (the site sets the paragraphs, links and direction itself)"
    return None


def _tag_problems(closing: str, name: str, attrs: str) -> Iterator[str]:
    """Problems with one tag of a case study's body."""
    tag = name.lower()
    shown = f"<{closing}{name}>"
    if tag in DANGEROUS:
        yield (
            f"{shown} is not allowed in a case study: it could run code or load another page; remove it "
            "(write the text in Markdown; a picture or video is linked with [text](https://...))"
        )
        return
    if tag not in ALLOWED:
        yield (
            f"raw HTML {shown} is not allowed in a case study, got <{closing}{name}{attrs[:40]}>; write Markdown instead "
            f"(**bold**, *italic*, [text](https://...), '- ' lists) or use one of {ALLOWED_LIST}"
        )
        return
    for attr, value in ATTR.findall(attrs):
        key = attr.lower()
        if key.startswith("on"):
            yield f"the attribute {attr}= in <{name}> runs code and is not allowed in a case study; remove {attr}=..."
        elif key not in ALLOWED[tag]:
            may = f"only {', '.join(sorted(ALLOWED[tag]))}" if ALLOWED[tag] else "no attributes"
            yield f"the attribute {attr}= is not allowed on <{name}> in a case study ({may}); remove it"
        elif value and bad_scheme(value.strip("\"'")):
            yield f"the attribute {attr}= in <{name}> holds a {bad_scheme(value.strip(chr(34) + chr(39)))} address; remove it"


def body_lines(text: str) -> Iterator[tuple[int, str]]:
    """(file line, text) of a case study's body: the lines after the front matter's closing '---',
    without fenced code blocks; code spans blanked out."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start = next((i + 1 for i, ln in enumerate(lines[1:], start=1) if ln.rstrip() in ("---", "...")), len(lines)) if lines and lines[0].strip() == "---" else 0
    fence: str | None = None
    for number, line in enumerate(lines[start:], start=start + 1):
        if m := FENCE.match(line):
            mark = m.group(1)
            if fence is None:
                fence = mark[0] * len(mark)
                continue
            if mark.startswith(fence):
                fence = None
                continue
        if fence is None:
            yield number, CODE_SPAN.sub(lambda c: " " * len(c.group(0)), line)


def body_problems(text: str, display: str) -> list[Problem]:
    """Every raw-HTML problem in a case study's body, located at its line."""
    found: list[Problem] = []
    for number, line in body_lines(text):
        for m in TAG.finditer(line):
            found += [Problem(display, number, message) for message in _tag_problems(m.group(1), m.group(2), m.group(3))]
        if COMMENT.search(line):
            found.append(
                Problem(
                    display,
                    number,
                    "HTML comments and processing instructions are not allowed in a case study; remove the '<!-- ... -->' "
                    "(a note for maintainers belongs in the pull request)",
                )
            )
        destinations = [m.group(1) for m in INLINE_LINK.finditer(line)] + [m.group(1) for m in AUTOLINK.finditer(line)]
        if ref := REFERENCE.match(line):
            destinations.append(ref.group(1))
        for destination in destinations:
            if scheme := bad_scheme(destination):
                found.append(
                    Problem(
                        display,
                        number,
                        f"a link to a {scheme} address is not allowed in a case study, got '{destination[:60]}'; "
                        "link to a web page (https://...) or remove the link",
                    )
                )
    return found


def check_body(path: Path, display: str) -> list[Problem]:
    """The raw-HTML problems of the case study at `path` (none if it cannot be read: other rules say why)."""
    try:
        text = reading.read_bytes(path).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []
    return body_problems(text, display)
