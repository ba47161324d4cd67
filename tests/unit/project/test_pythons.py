"""Python 3.11 to 3.13: what pyproject.toml declares, and `make test-pythons` (.ci/test-pythons)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib

from tests.conftest import ROOT

SUPPORTED = ("3.11", "3.12", "3.13")


def test_pyproject_declares_python_3_11_to_3_13():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["requires-python"] == ">=3.11,<3.14"
    declared = [c.rsplit(" :: ", 1)[1] for c in project["classifiers"] if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)]
    assert declared == list(SUPPORTED)
    assert f"{sys.version_info.major}.{sys.version_info.minor}" in SUPPORTED


def test_the_make_target_runs_the_script_for_each_version():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "test-pythons: $(NODE_STAMP)\n\t@bash .ci/test-pythons $(PYTHONS)" in makefile
    assert "versions=(3.11 3.12 3.13)" in (ROOT / ".ci" / "test-pythons").read_text(encoding="utf-8")


def test_a_missing_interpreter_is_skipped_locally_and_fails_in_ci(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"PYENV_ROOT": str(tmp_path), "PATH": "/usr/bin:/bin"}
    local = subprocess.run(["bash", str(ROOT / ".ci" / "test-pythons"), "3.99"], capture_output=True, text=True, env=env, timeout=60)
    assert local.returncode == 0 and "3.99: not installed, skipped" in local.stdout, local.stdout + local.stderr
    ci = subprocess.run(["bash", str(ROOT / ".ci" / "test-pythons"), "3.99"], capture_output=True, text=True, env=env | {"CI": "true"}, timeout=60)
    assert ci.returncode == 1 and "3.99: not installed (required in CI)" in ci.stdout, ci.stdout + ci.stderr


def test_the_workflows_run_one_supported_python():
    """Every workflow's container (and the deploy job's setup-python) runs the same minor version,
    one that pyproject.toml supports and `make test-pythons` tests."""
    workflows = ROOT / ".github" / "workflows"
    text = {p.name: p.read_text(encoding="utf-8") for p in workflows.glob("*.yml")}
    images = {name: re.findall(r"image: python:(\d+\.\d+)\.\d+-bookworm", t) for name, t in text.items()}
    minors = {v for found in images.values() for v in found}
    assert {n for n, found in images.items() if found} == {"audit.yml", "newest.yml", "pr.yml", "sources.yml"}
    assert re.findall(r'python-version: "(\d+\.\d+)"', text["deploy.yml"]) == sorted(minors)
    assert len(minors) == 1 and minors <= set(SUPPORTED), minors
