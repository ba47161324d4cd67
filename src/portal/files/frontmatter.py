"""Markdown front matter, read and written one way: `split` finds it (an opening `---` line, a
closing `---` or `...` line, trailing spaces allowed), `read` parses a file's front matter with
real line numbers for the validator, and `add_fields` adds the generator's fields (edit link,
breadcrumbs, the language of a page's text) as one JSON value per line, which YAML reads as it is."""

from __future__ import annotations

import json
from pathlib import Path

from portal.files import reading
from portal.files.yamlfile import Document, Problem, parse_yaml

FENCE = "---"
# The first line after the front matter of every generated page: a Markdown link definition, which
# renders as nothing; portal.engine.rawhtml reads it as "this page's HTML is the generator's".
GENERATED_MARKER = "[//]: # (portal:generated)"


def add_fields(text: str, fields: dict[str, object]) -> str:
    """`text` with `fields` added to its front matter (a new block if it has none). A field the
    front matter already sets on a line of its own is replaced. Line ends become \\n."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not fields:
        return text
    lines = [f"{key}: {_json(value)}" for key, value in fields.items()]
    head, body = split(text)
    if head is None:
        return "\n".join([FENCE, *lines, FENCE, ""]) + text
    kept = [line for line in head if line.split(":", 1)[0] not in fields]
    return "\n".join([FENCE, *kept, *lines, FENCE, ""]) + body


def _json(value: object) -> str:
    """`value` as JSON (which YAML reads as it is), with <, > and & as \\u escapes: the same value
    once read, and no markup in the file (a summary's text goes into the head's fields)."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def split(text: str) -> tuple[list[str] | None, str]:
    """(the front matter's lines, the rest of the text); (None, text) without front matter."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        return None, text
    for i, line in enumerate(lines[1:], start=1):
        if line.rstrip() in (FENCE, "..."):
            return lines[1:i], "\n".join(lines[i + 1 :])
    return None, text


MAX_BYTES = 256 * 1024


def read(path: Path, display: str, what: str = "a case study", keep: dict[str, str] | None = None) -> tuple[Document | None, list[Problem]]:
    """The front matter of the Markdown file at `path` as a Document whose line N is the file's
    line N (a BOM and Windows line ends are accepted), or the problems that prevent reading it.
    With `keep`, the whole text (line ends made \\n) is kept under `display`: the file is read once."""
    try:
        raw = reading.read_bytes(path)
    except OSError as exc:
        return None, [Problem(display, 1, f"cannot read the file ({exc.strerror})")]
    if len(raw) > MAX_BYTES:
        return None, [Problem(display, 1, f"{what} must be at most {MAX_BYTES // 1024} KB, got {len(raw) // 1024} KB")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, [Problem(display, line, f"file must be saved as UTF-8 text, got the byte 0x{raw[exc.start]:02X}; save it again as UTF-8")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if keep is not None:
        keep[display] = text
    head, _ = split(text)
    first = text.split("\n", 1)[0]
    if head is None and first.rstrip() == FENCE:
        return None, [Problem(display, 1, "the front matter opened by '---' on line 1 must be closed by a second '---' line, got no closing '---'")]
    if head is None:
        got = repr(first.strip()[:60]) if first.strip() else "an empty first line"
        return None, [Problem(display, 1, f"{what} must start with a '---' line, then its fields (title:, city:, ...), then a closing '---' line, got {got}")]
    if not any(ln.strip() and not ln.lstrip().startswith("#") for ln in head):
        return None, [Problem(display, 1, "the front matter between the '---' lines must hold the fields (title:, city:, ...), got nothing")]
    doc, problems = parse_yaml("\n" + "\n".join(head) + "\n", display)
    # parse_yaml speaks of "profiles"; here it is a file's front matter.
    return doc, [Problem(p.file, p.line, p.message.replace("profiles", "front matter").replace("a profile", "front matter")) for p in problems]


def mark_generated(text: str) -> str:
    """`text` (with front matter, as add_fields writes it) with GENERATED_MARKER as the first line
    after the front matter."""
    head, body = split(text)
    if head is None:
        return f"{GENERATED_MARKER}\n{text}"
    cut = len(text) - len(body)
    return f"{text[:cut]}{GENERATED_MARKER}\n{body}"
