"""No file of the repository names a folder of one machine (a maintainer's checkout, a home folder)."""

from __future__ import annotations

import subprocess

from tests.conftest import ROOT

MACHINE_FOLDERS = ("/work/", "/root/", "/home/", "/Users/")


def tracked_text_files() -> list[str]:
    out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [name for name in out.splitlines() if not name.endswith((".png", ".jpg", ".webp", ".lock", ".json"))]


def test_no_tracked_file_names_a_folder_of_one_machine():
    found = []
    for name in tracked_text_files():
        path = ROOT / name
        if name == "tests/unit/project/test_no_machine_paths.py" or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [f"{name}: {folder}" for folder in MACHINE_FOLDERS if folder in text]
    assert not found, found
