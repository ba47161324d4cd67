"""Fields the generator adds to a page's YAML front matter (edit link, breadcrumbs, the language of
a page's text): one JSON value per line, which YAML reads as it is, before the closing `---`."""
from __future__ import annotations

import json

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
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()]
    head, body = split(text)
    if head is None:
        return "\n".join([FENCE, *lines, FENCE, ""]) + text
    kept = [line for line in head if line.split(":", 1)[0] not in fields]
    return "\n".join([FENCE, *kept, *lines, FENCE, ""]) + body


def split(text: str) -> tuple[list[str] | None, str]:
    """(the front matter's lines, the rest of the text); (None, text) without front matter. Read as
    the case-study validator reads it (casestudies.split_front_matter): an opening `---` line, a
    closing `---` or `...` line, trailing spaces allowed."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        return None, text
    for i, line in enumerate(lines[1:], start=1):
        if line.rstrip() in (FENCE, "..."):
            return lines[1:i], "\n".join(lines[i + 1:])
    return None, text


def mark_generated(text: str) -> str:
    """`text` (with front matter, as add_fields writes it) with GENERATED_MARKER as the first line
    after the front matter."""
    head, body = split(text)
    if head is None:
        return f"{GENERATED_MARKER}\n{text}"
    cut = len(text) - len(body)
    return f"{text[:cut]}{GENERATED_MARKER}\n{body}"
