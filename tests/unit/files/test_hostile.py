"""Hostile and broken inputs (tests/fixtures/hostile/): each is rejected with `file:line: message`
and no traceback; inert/ holds markup in text fields, refused by the raw-HTML rule and, without
that rule, kept as plain text for the templates to escape.

The build and browser half is tests/browser/test_hostile.py (it builds the inert profile and reads it in Chromium).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from portal.files.yamlfile import MAX_BYTES
from portal.model.cities import ProfileErrors
from portal.model.loader import load
from tests.conftest import ROOT, register_cited

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
LYON = "name: Lyon\ncountry: FR\nregion: Europe and North America\nsources:\n  - https://www.uil.unesco.org/en/learning-cities\n"

# file -> (line, a part of the message that names the rule and the value)
REJECTED: dict[str, tuple[int, str]] = {
    "billion-laughs.yml": (5, "YAML anchors and aliases ('&name', '*name') are not allowed in profiles, got anchor 'a'"),
    "merge-key-alias.yml": (6, "YAML anchors and aliases ('&name', '*name') are not allowed in profiles, got alias 'base'"),
    "python-object.yml": (5, "YAML tags are not allowed in profiles, got the tag '!!python/object/apply:os.system'"),
    "custom-tag.yml": (5, "YAML tags are not allowed in profiles, got the tag '!include'"),
    "javascript-website.yml": (5, 'website must be a web address starting with https:// or http://, got "javascript:alert('),
    "javascript-mixed-case.yml": (6, 'each source must be a web address starting with https:// or http://, got "  JaVaScRiPt:alert('),
    "data-url.yml": (5, "website must be a web address starting with https:// or http://, got 'data:text/html;base64,"),
    "protocol-relative.yml": (5, "website must be a web address starting with https:// or http://, got '//evil.example/'"),
    "file-url.yml": (6, "each source must be a web address starting with https:// or http://, got 'file:///etc/passwd'"),
    "event-handler-name.yml": (2, "name may contain letters, digits, spaces and ' ’ . , ( ) - only, got \"Lyon<img src=x onerror="),
    "bidi-override.yml": (6, "summary.en must not contain control or text-direction characters, got 'Visit \\u202egro.live"),
    "control-characters.yml": (5, "maintainer_notes must not contain control or text-direction characters, got '\\x1b[2J"),
    "deep-nesting.yml": (5, "blocks are nested more than 8 levels deep"),
    "two-documents.yml": (8, "a profile must be one YAML document, got 2"),
    "key-injection.yml": (6, "keys must be plain words, got a list or mapping as a key"),
}
# Second problems in the same file (every problem is reported, not only the first).
ALSO: dict[str, list[tuple[int, str]]] = {
    "protocol-relative.yml": [(7, 'each source must be a web address starting with https:// or http://, got "https://example.org/ onmouseover=')],
    "file-url.yml": [(7, "each source must be a web address starting with https:// or http://, got '../../../../etc/passwd'")],
    "event-handler-name.yml": [(4, "names.fr may contain letters, digits, spaces and ' ’ . , ( ) - only, got 'Lyon\" onmouseover=")],
}


def generated_cases() -> dict[str, tuple[bytes, int, str]]:
    """Inputs whose exact bytes matter (kept out of git): name -> (bytes, line, message part)."""
    huge_summary = LYON + "summary:\n  en: " + "x" * 3001 + "\nsummary_sources: [https://example.org/lyon]\n"
    return {
        "huge-file.yml": ((LYON + "maintainer_notes: " + "y" * MAX_BYTES + "\n").encode(), 1, "file is larger than 256 KB, got 256 KB"),
        "huge-summary.yml": (huge_summary.encode(), 7, "summary.en must be at most 3000 characters, got 3001 characters"),
        "huge-line-count.yml": (
            (LYON + "maintainer_notes: >-\n" + "  z\n" * 60000).encode(),
            6,
            "maintainer_notes must be at most 1000 characters, got 119999 characters",
        ),
        "huge-integer.yml": ((LYON + "joined: " + "9" * 5000 + "\n").encode(), 6, "a value must be an ordinary number or text, got a value of 5000 characters"),
        "huge-hex-integer.yml": (
            (LYON + "geonames_id: 0x" + "f" * 5000 + "\n").encode(),
            6,
            "a value must be an ordinary number or text, got a value of 5002 characters",
        ),
        "impossible-date.yml": (
            (LYON + "joined: 2016-02-30\n").encode(),
            6,
            "a date must exist in the calendar (YYYY-MM-DD), got '2016-02-30'; correct it, or put the text in quotes",
        ),
        "utf16.yml": (LYON.encode("utf-16"), 1, "file must be saved as UTF-8 text, got the byte 0xFF; save it again as UTF-8"),
        "nul-byte.yml": (LYON.replace("region", "reg\x00ion").encode(), 3, "file contains a NUL character; it is not a text file"),
        "latin1-crlf.yml": (LYON.replace("Lyon", "Besançon").replace("\n", "\r\n").encode("latin-1"), 1, "file must be saved as UTF-8 text, got the byte 0xE7"),
    }


def repo_with(tmp_path: Path, files: dict[str, bytes]) -> Path:
    """A repository with only `files` in cities/; the award list keeps its header and no winner
    (the build refuses winners without a profile), and so there are no award reasons either."""
    (tmp_path / "cities").mkdir(parents=True)
    shutil.copytree(ROOT / "data", tmp_path / "data", ignore=shutil.ignore_patterns("award-reasons"))
    awards = tmp_path / "data" / "learning_city_awards.csv"
    awards.write_text(awards.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    for name, data in files.items():
        (tmp_path / "cities" / name).write_bytes(data)
    return tmp_path


def problems_of(tmp_path: Path, name: str, data: bytes) -> list[str]:
    repo = repo_with(tmp_path / name, {name: data})
    with pytest.raises(ProfileErrors) as err:
        load(repo)
    return [str(p) for p in err.value.problems]


@pytest.mark.parametrize("name", sorted(REJECTED))
def test_hostile_file_is_rejected_at_its_line(tmp_path, name):
    start = time.perf_counter()
    found = problems_of(tmp_path, name, (HOSTILE / "rejected" / name).read_bytes())
    assert time.perf_counter() - start < 2, "hostile input must be rejected quickly"
    for line, part in [REJECTED[name], *ALSO.get(name, [])]:
        prefix = f"cities/{name}:{line}: "
        assert any(p.startswith(prefix) and part in p for p in found), f"expected {prefix}...{part}... in {found}"
    assert all(re.match(rf"cities/{re.escape(name)}:\d+: \S", p) for p in found), found


@pytest.mark.parametrize("name", sorted(generated_cases()))
def test_broken_bytes_are_rejected_at_their_line(tmp_path, name):
    data, line, part = generated_cases()[name]
    found = problems_of(tmp_path, name, data)
    assert any(p.startswith(f"cities/{name}:{line}: ") and part in p for p in found), found


def test_every_file_in_the_corpus_is_covered():
    on_disk = {p.name for p in (HOSTILE / "rejected").glob("*.yml")}
    assert on_disk == set(REJECTED), "add each new hostile file to REJECTED with its line and message"


def test_a_link_out_of_cities_is_refused_without_reading_its_target(tmp_path):
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("name: LCP-SECRET\n", encoding="utf-8")
    repo = repo_with(tmp_path / "repo", {"lyon.yml": LYON.encode()})
    os.symlink(secret, repo / "cities" / "paris.yml")
    with pytest.raises(ProfileErrors) as err:
        load(repo)
    found = [str(p) for p in err.value.problems]
    assert found == [f"cities/paris.yml:1: a city profile must be a file inside cities/, got a link to '{secret}'; copy the profile into cities/ instead"]
    assert "LCP-SECRET" not in "".join(found)


def test_check_command_reports_the_whole_corpus_without_a_traceback(tmp_path):
    files = {p.name: p.read_bytes() for p in (HOSTILE / "rejected").glob("*.yml")}
    files.update({name: data for name, (data, _, _) in generated_cases().items()})
    repo = repo_with(tmp_path, files)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "portal", "--root", str(repo), "check"], capture_output=True, text=True, timeout=120)
    assert time.perf_counter() - start < 30
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = proc.stderr.strip().splitlines()
    assert lines[-1].endswith("problem(s) found; fix them and run 'portal check' again.")
    named = {line.split(":", 1)[0] for line in lines[:-1]}
    assert named == {f"cities/{name}" for name in files}, "every hostile file is reported"
    assert all(re.match(r"cities/[a-z0-9.-]+\.yml:\d+: \S", line) for line in lines[:-1]), lines


def test_bom_and_line_endings_do_not_change_what_is_read(tmp_path):
    variants = {
        "lf.yml": LYON.encode(),
        "bom-crlf.yml": b"\xef\xbb\xbf" + LYON.replace("\n", "\r\n").encode(),
        "cr.yml": LYON.replace("\n", "\r").encode(),
    }
    cities = {}
    for name, data in variants.items():
        repo = repo_with(tmp_path / name, {"lyon.yml": data})
        (city,) = load(repo).cities
        cities[name] = city
    assert cities["bom-crlf.yml"] == cities["lf.yml"] == cities["cr.yml"]
    assert cities["lf.yml"].name == "Lyon"


def test_markup_in_text_fields_is_refused_and_else_kept_as_plain_text(tmp_path, monkeypatch):
    """Text fields are plain text: portal check refuses markup in them, each at its line
    (src/portal/validate/html_policy.py); without that rule the loader keeps it verbatim and the
    templates escape it (tests/browser/test_hostile.py builds it so)."""
    repo = repo_with(tmp_path, {"hostile.yml": (HOSTILE / "inert" / "script-everywhere.yml").read_bytes()})
    register_cited(repo)
    with pytest.raises(ProfileErrors) as refused:
        load(repo)
    assert [(p.line, p.message.split(" is plain text")[0]) for p in refused.value.problems] == [
        (10, "summary.en"),
        (27, "summary.fr"),
        (28, "summary.ar"),
        (30, "summary.ru"),
        (34, "reader_note.en"),
    ]
    from portal.validate import profile as rules

    monkeypatch.setattr(rules, "plain_text_problem", lambda value, field: None)
    (city,) = load(repo).cities
    assert city.summary["en"].startswith('<script>alert("LCP-PWNED")</script>')
    assert city.website.startswith('https://example.org/"onmouseover=')
