""".ci/newest.py: the newest versions pyproject.toml allows (each pin's major series) for the weekly
build (.github/workflows/newest.yml), and its report."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

SCRIPT = ROOT / ".ci" / "newest.py"
spec = importlib.util.spec_from_file_location("newest", SCRIPT)
newest = importlib.util.module_from_spec(spec)
spec.loader.exec_module(newest)


def test_a_pin_becomes_its_major_series():
    assert newest.relax("mkdocs==1.6.1") == "mkdocs>=1.6.1,<2"
    assert newest.relax("mkdocs-material==9.8.1") == "mkdocs-material>=9.8.1,<10"
    assert newest.relax("pypinyin==0.55.0") == "pypinyin>=0.55.0,<1"
    assert newest.relax("pycountry==26.2.16") == "pycountry>=26.2.16"  # a calendar version: no upper bound
    assert newest.relax("hypothesis==6.135.0") == "hypothesis>=6.135.0,<7,<6.136"  # held (pyproject.toml says why)
    assert newest.relax("foo[bar]==2.0 ; python_version < '3.12'") == "foo[bar]>=2.0,<3; python_version < '3.12'"
    assert newest.relax("already>=1,<3") == "already>=1,<3"


def test_every_direct_dependency_is_relaxed_none_dropped():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    reqs = newest.newest_requirements(ROOT / "pyproject.toml")
    direct = re.findall(r'^\s*"([A-Za-z0-9._-]+)==', text, flags=re.M)
    assert len(direct) > 15 and [r.split(">=")[0] for r in reqs] == direct
    assert "mkdocs>=1.6.1,<2" in reqs and "mkdocs-static-i18n>=1.3.1,<2" in reqs
    assert not [r for r in reqs if "==" in r]


def test_held_bounds_are_still_what_pyproject_says():
    """A hold outlives its reason only until this test: pyproject.toml must still give it."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for name, (_, reason) in newest.HELD.items():
        line = next(ln for ln in text.splitlines() if ln.strip().startswith(f'"{name}=='))
        assert reason in line, (name, line)


def test_the_report_names_moved_packages_failures_and_the_speedups_fallback(tmp_path: Path, monkeypatch):
    lock = tmp_path / "requirements.lock"
    lock.write_text(
        "mkdocs==1.6.1 \\\n    --hash=sha256:00\n    # via x\nmkdocs-static-i18n==1.3.1 \\\n    --hash=sha256:00\npyyaml==6.0.3\n", encoding="utf-8"
    )
    monkeypatch.setattr(newest, "installed_versions", lambda: {"mkdocs": "1.6.1", "mkdocs-static-i18n": "1.4.0", "pyyaml": "6.0.3", "newdep": "1.0"})
    build, unit = tmp_path / "build.log", tmp_path / "unit.log"
    build.write_text(
        "INFO - Speed-ups off, building the plain way: mkdocs-static-i18n 1.4.0 is installed; written for mkdocs-static-i18n 1.3.1\n", encoding="utf-8"
    )
    unit.write_text("\n".join(f"line {i}" for i in range(200)) + "\nFAILED tests/unit/engine/test_speedups.py::x\n", encoding="utf-8")
    failed, text = newest.report(
        lock,
        [
            ("install", tmp_path / "i.log", "success"),
            ("strict build", build, "success"),
            ("unit tests", unit, "failure"),
            ("npm tools", tmp_path / "n.log", "skipped"),
        ],
    )
    assert failed
    assert "- mkdocs-static-i18n 1.3.1 → 1.4.0" in text and "mkdocs 1.6.1 →" not in text
    assert "Not in the lock: newdep 1.0" in text
    assert "fell back to the plain build" in text and "written for mkdocs-static-i18n 1.3.1" in text
    assert "### unit tests: failure" in text and "FAILED tests/unit/engine/test_speedups.py::x" in text
    assert "line 100" not in text and "line 199" in text  # the end of the log only
    assert "### npm tools" not in text  # skipped is not failed
    ok, text = newest.report(lock, [("strict build", build, "success")])
    assert not ok and "###" not in text


def test_the_report_sets_the_workflow_outputs(tmp_path: Path):
    lock = tmp_path / "requirements.lock"
    lock.write_text("pyyaml==6.0.3\n", encoding="utf-8")
    log = tmp_path / "unit.log"
    log.write_text("boom\n", encoding="utf-8")
    out, summary = tmp_path / "out", tmp_path / "summary"
    env = {"GITHUB_OUTPUT": str(out), "GITHUB_STEP_SUMMARY": str(summary), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "report", "--lock", str(lock), "--step", f"unit tests={log}:failure"], capture_output=True, text=True, env=env, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    written = out.read_text(encoding="utf-8")
    assert written.startswith("failed=true\nreport<<REPORT_")
    delimiter = written.splitlines()[1].split("<<")[1]
    assert written.rstrip("\n").endswith(delimiter) and "boom" in written
    assert "boom" in summary.read_text(encoding="utf-8") and "boom" in proc.stdout
