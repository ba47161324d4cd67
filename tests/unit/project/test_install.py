"""Hashed installs: every package in requirements.lock carries its hashes, make installs with
--require-hashes, and pip refuses a file whose hash does not match (proved offline, on a wheel made here)."""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT

LOCK = ROOT / "requirements.lock"


def requirements() -> list[str]:
    """The lock file's requirements, each with its continuation lines joined."""
    text = re.sub(r"\\\n\s*", " ", LOCK.read_text(encoding="utf-8"))
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def test_every_locked_package_is_pinned_with_a_hash():
    reqs = requirements()
    assert len(reqs) > 40
    for req in reqs:
        assert re.match(r"^[A-Za-z0-9._-]+==[^\s;]+", req), f"not pinned: {req}"
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", req), f"no hash: {req}"


def test_make_installs_with_require_hashes():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements.lock" in makefile


def wheel(folder: Path) -> Path:
    """A minimal valid wheel of a package 'lcp-probe' 1.0, built here (no network)."""
    path = folder / "lcp_probe-1.0-py3-none-any.whl"
    files = {
        "lcp_probe.py": b"VALUE = 1\n",
        "lcp_probe-1.0.dist-info/METADATA": b"Metadata-Version: 2.1\nName: lcp-probe\nVersion: 1.0\n",
        "lcp_probe-1.0.dist-info/WHEEL": b"Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = "".join(
        f"{name},sha256={base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()},{len(data)}\n" for name, data in files.items()
    )
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
        zf.writestr("lcp_probe-1.0.dist-info/RECORD", record + "lcp_probe-1.0.dist-info/RECORD,,\n")
    return path


def pip_install(folder: Path, digest: str) -> subprocess.CompletedProcess:
    req = folder / "req.txt"
    req.write_text(f"lcp-probe==1.0 --hash=sha256:{digest}\n", encoding="utf-8")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--no-index",
            "--find-links",
            str(folder),
            "--require-hashes",
            "--target",
            str(folder / "target"),
            "-r",
            str(req),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_tampered_hash_is_refused(tmp_path: Path):
    good = hashlib.sha256(wheel(tmp_path).read_bytes()).hexdigest()
    assert pip_install(tmp_path, good).returncode == 0
    tampered = ("0" if good[0] != "0" else "1") + good[1:]
    proc = pip_install(tmp_path, tampered)
    assert proc.returncode != 0 and "DO NOT MATCH THE HASHES" in proc.stderr, proc.stderr


def pins(pyproject_text: str) -> dict[str, str]:
    """The exact pins of pyproject.toml's dependencies and extras, by normalised name."""
    import tomllib

    project = tomllib.loads(pyproject_text)["project"]
    found = {}
    for req in project["dependencies"] + [r for extra in project.get("optional-dependencies", {}).values() for r in extra]:
        name, _, version = req.partition("==")
        found[re.sub(r"[-_.]+", "-", name.strip()).lower()] = version.strip()
    return found


def lock_mismatches(pyproject_text: str, lock_reqs: list[str]) -> list[str]:
    locked = {}
    for req in lock_reqs:
        name, _, rest = req.partition("==")
        locked[re.sub(r"[-_.]+", "-", name).lower()] = rest.split()[0]
    return [
        f"pyproject.toml pins {name}=={version}, requirements.lock has {locked.get(name, 'nothing')}"
        for name, version in pins(pyproject_text).items()
        if locked.get(name) != version
    ]


def test_pyproject_pins_are_the_locked_versions():
    """make installs requirements.lock, not pyproject.toml: a pin changed without re-locking (as a
    Dependabot pull request does, see .github/dependabot.yml) would test the old version."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert len(pins(text)) > 15 and all(pins(text).values())
    assert lock_mismatches(text, requirements()) == []
    bumped = text.replace('"mkdocs-material==9.8.2"', '"mkdocs-material==9.8.3"')
    assert bumped != text
    assert lock_mismatches(bumped, requirements()) == ["pyproject.toml pins mkdocs-material==9.8.3, requirements.lock has 9.8.2"]
