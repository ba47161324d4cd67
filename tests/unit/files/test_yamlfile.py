"""The safe YAML reader: plain data only, line numbers kept, hostile input refused quickly."""

from __future__ import annotations

import time
from pathlib import Path

from portal.files.yamlfile import parse_yaml, read_yaml


def test_lines_of_keys_and_list_items():
    doc, problems = parse_yaml("# c\nname: Lyon\nsources:\n  - https://a.org\n  - https://b.org\n", "x.yml")
    assert problems == []
    assert doc.data == {"name": "Lyon", "sources": ["https://a.org", "https://b.org"]}
    assert (doc.line("name"), doc.line("sources"), doc.line("sources", 1)) == (2, 3, 5)


def test_billion_laughs_is_refused_at_once():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join('*' + chr(97 + i) for _ in range(9))}]\n" for i in range(8)
    )
    start = time.perf_counter()
    doc, problems = parse_yaml(bomb, "bomb.yml")
    assert time.perf_counter() - start < 1
    assert doc is None
    assert [str(p) for p in problems] == [
        "bomb.yml:1: YAML anchors and aliases ('&name', '*name') are not allowed in profiles, got anchor 'a'; write the value out in full"
    ]


def test_python_object_tags_are_not_constructed():
    doc, problems = parse_yaml("name: !!python/object/apply:os.system ['echo pwned']\n", "x.yml")
    assert doc is None
    assert [str(p) for p in problems] == ["x.yml:1: YAML tags are not allowed in profiles, got the tag '!!python/object/apply:os.system'; write a plain value"]
    doc, problems = parse_yaml("name: !!binary aGVsbG8=\n", "x.yml")
    assert [str(p) for p in problems] == ["x.yml:1: YAML tags are not allowed in profiles, got the tag '!!binary'; write a plain value"]


def test_deep_nesting_is_refused_without_crashing():
    doc, problems = parse_yaml("a: " + "[" * 100_000 + "]" * 100_000, "deep.yml")
    assert doc is None
    assert str(problems[0]) == "deep.yml:1: blocks are nested more than 8 levels deep; a profile needs at most 3"


def test_bom_and_crlf_files_read_like_plain_ones(tmp_path: Path):
    path = tmp_path / "x.yml"
    path.write_bytes(b"\xef\xbb\xbfname: Lyon\r\ncountry: FR\r\n")
    doc, problems = read_yaml(path, "cities/x.yml")
    assert problems == []
    assert doc.data == {"name": "Lyon", "country": "FR"}
    assert doc.line("country") == 2


def test_huge_file_is_refused(tmp_path: Path):
    path = tmp_path / "x.yml"
    path.write_text("notes: " + "x" * 300_000 + "\n", encoding="utf-8")
    doc, problems = read_yaml(path, "cities/x.yml")
    assert doc is None
    assert str(problems[0]) == "cities/x.yml:1: file is larger than 256 KB, got 292 KB; a profile holds a few facts and short texts"


def test_two_documents_are_refused():
    doc, problems = parse_yaml("name: a\n---\nname: b\n", "x.yml")
    assert doc is None
    assert str(problems[0]) == "x.yml:3: a profile must be one YAML document, got 2 (remove the '---' separator)"
