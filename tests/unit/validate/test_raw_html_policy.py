"""Raw HTML policy (src/portal/validate/html_policy.py): refused in case-study bodies outside a short
allowlist, refused in every YAML text field; each problem at its real file line, with the fix."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from portal.model.loader import load
from tests.conftest import ROOT
from tests.unit.validate import test_casestudies as cs
from tests.unit.validate import test_rules as profiles

STUDY = "cork-iclc3-2017"


def study_repo(tmp_path: Path, appended: str, lang: str = "") -> tuple[Path, str, int]:
    """A repository whose case study (English, or its `lang` translation) has `appended` as its
    last lines; the file's name and the line of the first appended line."""
    name = f"{STUDY}.{lang}.md" if lang else f"{STUDY}.md"
    files = [ROOT / "case-studies" / f"{STUDY}.md"] + ([ROOT / "case-studies" / name] if lang else [])
    root = cs.repo_with(tmp_path, *files)
    path = root / "case-studies" / name
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    line = text.count("\n") + 1
    path.write_text(text + appended + "\n", encoding="utf-8")
    return root, f"case-studies/{name}", line


def test_the_real_content_passes():
    proc = subprocess.run([str(Path(sys.executable).with_name("portal")), "--root", str(ROOT), "check"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "40 case studies OK." in proc.stdout + proc.stderr


def test_the_allowlist_covers_what_the_case_studies_use():
    """The existing case studies use <span lang dir> for phrases in another language, and pass."""
    spans = sum(p.read_text(encoding="utf-8").count('<span lang="') for p in (ROOT / "case-studies").glob("*.md"))
    assert spans >= 30


def test_a_script_is_refused_at_its_line(tmp_path: Path):
    root, name, line = study_repo(tmp_path, "<script>alert(1)</script>")
    assert cs.problems(root) == [
        f"{name}:{line}: <script> is not allowed in a case study: it could run code or load another page; remove it "
        "(write the text in Markdown; a picture or video is linked with [text](https://...))",
        f"{name}:{line}: </script> is not allowed in a case study: it could run code or load another page; remove it "
        "(write the text in Markdown; a picture or video is linked with [text](https://...))",
    ]


def test_an_event_handler_is_refused_in_a_translation(tmp_path: Path):
    root, name, line = study_repo(tmp_path, 'Texte.\n\nUn <span lang="en" onerror="alert(1)">mot</span>.', lang="fr")
    assert cs.problems(root) == [f"{name}:{line + 2}: the attribute onerror= in <span> runs code and is not allowed in a case study; remove onerror=..."]


def test_an_image_with_onerror_is_refused(tmp_path: Path):
    root, name, line = study_repo(tmp_path, "<img src=x onerror=alert(1)>")
    [problem] = cs.problems(root)
    assert problem.startswith(f"{name}:{line}: raw HTML <img> is not allowed in a case study, got <img src=x onerror=alert(1)>; write Markdown instead")


@pytest.mark.parametrize(
    "link",
    [
        "[x](javascript:alert(1))",
        "[x]( JaVa&#115;cript:alert(1))",
        "![x](data:image/svg+xml;base64,PHN2Zz4=)",
        "<javascript:alert(1)>",
        "[x]: javascript:alert(1)",
    ],
)
def test_a_javascript_or_data_link_in_markdown_is_refused(tmp_path: Path, link: str):
    root, name, line = study_repo(tmp_path, f"Read more.\n{link}")
    [problem] = cs.problems(root)
    scheme = "data:" if "data:" in link else "javascript:"
    assert problem.startswith(f"{name}:{line + 1}: a link to a {scheme} address is not allowed in a case study, got ")
    assert problem.endswith("; link to a web page (https://...) or remove the link")


@pytest.mark.parametrize("tag", ["iframe src=https://example.org", "style", "object data=x", "embed src=x"])
def test_tags_that_load_or_run_something_are_refused(tmp_path: Path, tag: str):
    root, name, line = study_repo(tmp_path, f"<{tag}>")
    [problem] = cs.problems(root)
    assert problem == (
        f"{name}:{line}: <{tag.split()[0]}> is not allowed in a case study: it could run code or load another page; remove it "
        "(write the text in Markdown; a picture or video is linked with [text](https://...))"
    )


def test_allowed_tags_code_and_autolinks_pass(tmp_path: Path):
    allowed = (
        'CO<sub>2</sub> fell by 5<sup>%</sup>; <abbr title="Sustainable Development Goals">SDGs</abbr><br>\n'
        "A `<script>` shown as code, and <https://example.org>.\n\n```html\n<script>alert(1)</script>\n```\n"
    )
    root, _, _ = study_repo(tmp_path, allowed)
    assert [s.slug for s in load(root).case_studies.studies] == [STUDY]


def test_an_attribute_outside_the_allowlist_is_refused(tmp_path: Path):
    root, name, line = study_repo(tmp_path, '<span style="color:red">red</span>')
    assert cs.problems(root) == [f"{name}:{line}: the attribute style= is not allowed on <span> in a case study (only dir, lang); remove it"]


def test_html_in_a_case_study_title_is_refused(tmp_path: Path):
    root = cs.repo_with(tmp_path, ROOT / "case-studies" / f"{STUDY}.md")
    path = root / "case-studies" / f"{STUDY}.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, ln in enumerate(lines) if ln.startswith("title:"))
    lines[at] = 'title: "Cork <b>2017</b>"'
    path.write_text("\n".join(lines), encoding="utf-8")
    assert cs.problems(root) == [
        f"case-studies/{STUDY}.md:{at + 1}: title is plain text and may not contain HTML, got '<b>'; "
        "write plain text (the site sets the paragraphs, links and direction itself)"
    ]


def test_html_in_a_profile_summary_and_alt_is_refused(tmp_path: Path):
    root = profiles.repo_with(tmp_path)
    shutil.copy2(ROOT / "cities" / "cork.yml", root / "cities")
    path = root / "cities" / "cork.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index("  en: >-", next(i for i, ln in enumerate(lines) if ln == "summary:"))
    lines[at + 1] = '    Cork <img src=x onerror="alert(1)"> builds a learning city.'
    path.write_text("\n".join(lines), encoding="utf-8")
    assert profiles.problems(root) == [
        f"cities/cork.yml:{at + 1}: summary.en is plain text and may not contain HTML, got '<img src=x onerror=\"alert(1)\">'; "
        "write plain text (the site sets the paragraphs, links and direction itself)"
    ]


def test_html_in_an_award_reason_is_refused(tmp_path: Path):
    root = profiles.repo_with(tmp_path)
    path = root / "data" / "award-reasons" / "2015.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index("cork:")
    at = next(i for i in range(start, len(lines)) if lines[i].strip() == "en: >-")
    lines[at + 1] = "      Cork <script>alert(1)</script> won."
    path.write_text("\n".join(lines), encoding="utf-8")
    found = profiles.problems(root)
    assert found == [
        f"data/award-reasons/2015.yml:{at + 1}: cork: reason.en is plain text and may not contain HTML, got '<script>'; "
        "write plain text (the site sets the paragraphs, links and direction itself)"
    ], found
