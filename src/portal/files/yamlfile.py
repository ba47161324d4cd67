"""Safe YAML reading that keeps line numbers and turns every failure into a located message.

Only plain data is built (mappings, lists, strings, numbers, booleans, null, dates): no Python
object construction, no aliases or anchors (so no alias bombs), no duplicate keys, bounded size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from portal.files import reading

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_BYTES = 256 * 1024  # a city profile is a few KB; anything larger is a mistake
MAX_DEPTH = 8
MAX_INT_BITS = 63  # no field needs a larger whole number (and Python cannot print some huge ones)
PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp"))

Path_ = tuple  # a key path inside the document, e.g. ("summary", "fr")


@dataclass
class Problem:
    """One located error: `file:line: message`."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass
class Document:
    """A parsed YAML mapping with the line of every key path (1-based)."""

    file: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line(self, *path: Any) -> int:
        """Line of `path`, or of its nearest parent that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


class _Constructor(yaml.constructor.SafeConstructor):
    pass


def _line_of(exc: yaml.MarkedYAMLError) -> int:
    mark = exc.problem_mark or exc.context_mark
    return mark.line + 1 if mark else 1


_CONTEXTS = {
    "flow sequence": "the [...] list",
    "flow mapping": "the {...} block",
    "block sequence": "the list",
    "block mapping": "the block of keys",
    "block collection": "the block",
    "quoted scalar": "the quoted text",
}


def _reason(exc: yaml.MarkedYAMLError) -> str:
    """libyaml's problem, plus where the unfinished thing started when that is another line."""
    reason = exc.problem or "not valid YAML"
    if exc.context and exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
        what = next((v for k, v in _CONTEXTS.items() if k in exc.context), "the block")
        reason += f" (in {what} that starts on line {exc.context_mark.line + 1})"
    return reason


def read_yaml(path: Path, display: str, max_bytes: int = MAX_BYTES) -> tuple[Document | None, list[Problem]]:
    """Read `path` as a YAML document; `display` is the path shown in messages; a file over
    `max_bytes` is refused (a registry of hundreds of entries may allow more than a profile)."""
    try:
        raw = reading.read_bytes(path)
    except OSError as exc:
        return None, [Problem(display, 1, f"cannot read the file ({exc.strerror})")]
    if len(raw) > max_bytes:
        return None, [
            Problem(display, 1, f"file is larger than {max_bytes // 1024} KB, got {len(raw) // 1024} KB; a profile holds a few facts and short texts")
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, [Problem(display, line, f"file must be saved as UTF-8 text, got the byte 0x{raw[exc.start]:02X}; save it again as UTF-8")]
    return parse_yaml(text, display)


def parse_yaml(text: str, display: str) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text; see `read_yaml`."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        return None, [Problem(display, text.count("\n", 0, text.index("\x00")) + 1, "file contains a NUL character; it is not a text file")]
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return None, [Problem(display, 1, "file is empty; copy cities/_template.yml and fill it in")]
    try:
        depth = 0
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return None, [
                        Problem(display, event.start_mark.line + 1, f"blocks are nested more than {MAX_DEPTH} levels deep; a profile needs at most 3")
                    ]
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                kind = "alias" if isinstance(event, yaml.AliasEvent) else "anchor"
                return None, [
                    Problem(
                        display,
                        event.start_mark.line + 1,
                        f"YAML anchors and aliases ('&name', '*name') are not allowed in profiles, got {kind} '{event.anchor}'; write the value out in full",
                    )
                ]
        nodes = list(yaml.compose_all(text, Loader=Loader))
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in str(exc.problem):  # PyYAML 6.0.4 and later stop deep nesting themselves
            return None, [Problem(display, _line_of(exc), f"blocks are nested more than {MAX_DEPTH} levels deep; a profile needs at most 3")]
        return None, [Problem(display, _line_of(exc), f"not valid YAML: {_reason(exc)}; check the indentation and quoting on this line or the one before")]
    except yaml.YAMLError as exc:  # unmarked reader errors (e.g. control characters)
        return None, [Problem(display, 1, f"not valid YAML: {exc}")]
    except RecursionError:
        return None, [Problem(display, 1, "not valid for a profile: lists or blocks are nested far too deeply")]
    if len(nodes) != 1:
        line = nodes[1].start_mark.line + 1 if len(nodes) > 1 else 1
        return None, [Problem(display, line, f"a profile must be one YAML document, got {len(nodes)} (remove the '---' separator)")]
    doc = Document(display, None)
    problems: list[Problem] = []
    doc.data = _build(nodes[0], (), doc, problems, _Constructor())
    return (doc if not problems else None), problems


def _build(node: yaml.Node, path: Path_, doc: Document, problems: list[Problem], ctor: _Constructor) -> Any:
    """Turn a node into plain data, recording the line of every key path."""
    doc.lines.setdefault(path, node.start_mark.line + 1)
    if len(path) > MAX_DEPTH:
        problems.append(Problem(doc.file, node.start_mark.line + 1, f"blocks are nested more than {MAX_DEPTH} levels deep; a profile needs at most 3"))
        return None
    if node.tag not in PLAIN_TAGS:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        problems.append(Problem(doc.file, node.start_mark.line + 1, f"YAML tags are not allowed in profiles, got the tag '{tag}'; write a plain value"))
        return None
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(doc.file, key_node.start_mark.line + 1, "keys must be plain words, got a list or mapping as a key"))
                continue
            key = _scalar(key_node, doc, problems, ctor)
            if key in out:
                problems.append(
                    Problem(doc.file, key_node.start_mark.line + 1, f"the key '{key}' appears twice in the same block, got a second '{key}'; keep one")
                )
                continue
            doc.lines[path + (key,)] = key_node.start_mark.line + 1
            out[key] = _build(value_node, path + (key,), doc, problems, ctor)
            doc.lines[path + (key,)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), doc, problems, ctor) for i, item in enumerate(node.value)]
    return _scalar(node, doc, problems, ctor)


def _scalar(node: yaml.Node, doc: Document, problems: list[Problem], ctor: _Constructor) -> Any:
    """A plain value; values PyYAML cannot build (an impossible date, a number of thousands of
    digits) become located problems, not tracebacks."""
    line = node.start_mark.line + 1
    try:
        value = ctor.construct_object(node)
        if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
            raise OverflowError  # later messages and pages could not even print it
        return value
    except yaml.constructor.ConstructorError as exc:
        problems.append(Problem(doc.file, line, f"unsupported value: {exc.problem}"))
    except (ValueError, OverflowError):
        text = str(node.value)
        if node.tag.endswith(":timestamp"):
            problems.append(Problem(doc.file, line, f"a date must exist in the calendar (YYYY-MM-DD), got {text!r}; correct it, or put the text in quotes"))
        else:
            shown = text if len(text) <= 40 else f"a value of {len(text)} characters"
            problems.append(Problem(doc.file, line, f"a value must be an ordinary number or text, got {shown}; shorten it, or put the text in quotes"))
    return None
