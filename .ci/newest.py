"""The newest versions pyproject.toml allows, and the report of a build with them
(.github/workflows/newest.yml; standard library only, so it runs before anything is installed).

pyproject.toml pins every direct dependency exactly (`mkdocs==1.6.1`): read literally, the newest
allowed version is the locked one. Here "allowed" means the pinned major series, the range in
which a release promises not to break its users: `name>=X.Y.Z,<X+1` (so mkdocs>=1.6.1,<2: MkDocs 2
is another program; mkdocs-material>=9.8.1,<10; a 0.y version: <1). Calendar versions (a major of
20 or more, like pycountry 26.2.16) get no upper bound: a new year breaks nothing. HELD keeps the
upper bounds pyproject.toml gives a reason for. Transitive dependencies are left free: pip takes
the newest the direct ones accept.

    python .ci/newest.py requirements [pyproject.toml]      # print the requirements
    python .ci/newest.py report --lock requirements.lock --step NAME=LOG:OUTCOME ...
        # Markdown report to stdout (and the job summary, and the outputs `failed` and `report`
        # when run in GitHub Actions): which packages moved away from the lock, each step's
        # outcome (success, failure, skipped), the end of each failed step's log. Run it with
        # the interpreter that was tested: it reads that environment's installed versions.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import re
import secrets
import sys
import tomllib
from pathlib import Path

# Upper bounds kept, each with what pyproject.toml says (a test checks that it still says so).
HELD = {
    "hypothesis": ("<6.136", "6.136+ breaks hypothesis-jsonschema"),
}
CALENDAR_MAJOR = 20  # a major version this high is a year: no upper bound
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?P<extras>\[[^\]]*\])?\s*==\s*(?P<version>[0-9][^;\s]*)\s*(?P<marker>;.*)?$")
TAIL_LINES = 60  # of each failed step's log in the report
REPORT_LIMIT = 60_000  # characters: an issue body holds 65,536


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def relax(requirement: str) -> str:
    """`name==X.Y.Z` -> `name>=X.Y.Z,<X+1` (see the module's text); anything else unchanged."""
    match = PIN.match(requirement.strip())
    if not match:
        return requirement.strip()
    name, version = match["name"], match["version"]
    major = int(re.match(r"\d+", version)[0])
    bounds = [f">={version}"]
    if major < CALENDAR_MAJOR:
        bounds.append(f"<{major + 1}")
    held = HELD.get(normalise(name))
    if held:
        bounds.append(held[0])
    return f"{name}{match['extras'] or ''}{','.join(bounds)}{match['marker'] or ''}"


def newest_requirements(pyproject: Path) -> list[str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        requirements += extra
    return [relax(r) for r in requirements]


def locked_versions(lock: Path) -> dict[str, str]:
    versions = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", line)
        if match:
            versions[normalise(match[1])] = match[2]
    return versions


def installed_versions() -> dict[str, str]:
    return {normalise(d.metadata["Name"]): d.version for d in importlib.metadata.distributions() if d.metadata["Name"]}


def tail(path: Path, lines: int = TAIL_LINES) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:]).replace("```", "` ` `")


def report(lock: Path, steps: list[tuple[str, Path, str]]) -> tuple[bool, str]:
    """(whether a step failed, the Markdown report)."""
    locked, installed = locked_versions(lock), installed_versions()
    moved = sorted((name, locked[name], installed[name]) for name in locked.keys() & installed.keys() if locked[name] != installed[name])
    added = sorted(set(installed) - set(locked) - {"learning-cities-portal", "pip", "setuptools", "wheel"})
    failed = [(name, log, outcome) for name, log, outcome in steps if outcome == "failure"]  # not "skipped"
    out = ["Built with the newest versions pyproject.toml allows (`.ci/newest.py`: each direct dependency's pinned major series), not `requirements.lock`.", ""]
    out += ["| step | outcome |", "| --- | --- |"] + [f"| {name} | {outcome} |" for name, _, outcome in steps] + [""]
    if moved:
        out += ["Newer than the lock:", ""] + [f"- {name} {old} → {new}" for name, old, new in moved] + [""]
    else:
        out += ["Every locked package is at its locked version.", ""]
    if added:
        out += ["Not in the lock: " + ", ".join(f"{n} {installed[n]}" for n in added), ""]
    for name, log, _ in steps:
        refusal = [ln for ln in _lines(log) if "Speed-ups off" in ln]
        if refusal:
            out += [f"The speed-ups fell back to the plain build ({name}): `{refusal[0].strip()}`", ""]
            break
    for name, log, outcome in failed:
        out += [f"### {name}: {outcome}", "", f"The last {TAIL_LINES} lines of its log:", "", "```", tail(log), "```", ""]
    if failed:
        out += [
            "To reproduce: `python .ci/newest.py requirements > newest.txt`, then in a fresh virtual "
            "environment `pip install -r newest.txt && pip install --no-deps -e .`, and run the failed step."
        ]
    text = "\n".join(out)
    if len(text) > REPORT_LIMIT:
        text = text[:REPORT_LIMIT] + "\n```\n\n(cut: see the run's logs)"
    return bool(failed), text


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


def _step(value: str) -> tuple[str, Path, str]:
    name, _, rest = value.partition("=")
    log, _, outcome = rest.rpartition(":")
    if not name or not log or not outcome:
        raise argparse.ArgumentTypeError(f"expected NAME=LOG:OUTCOME, got {value!r}")
    return name, Path(log), outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=".ci/newest.py", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    req = commands.add_parser("requirements", help="print the newest allowed requirements")
    req.add_argument("pyproject", nargs="?", type=Path, default=Path("pyproject.toml"))
    rep = commands.add_parser("report", help="report a build with them (Markdown)")
    rep.add_argument("--lock", type=Path, default=Path("requirements.lock"))
    rep.add_argument("--step", type=_step, action="append", default=[], help="NAME=LOG:OUTCOME (a step's log file and its outcome)")
    args = parser.parse_args(argv)
    if args.command == "requirements":
        print("\n".join(newest_requirements(args.pyproject)))
        return 0
    failed, text = report(args.lock, args.step)
    print(text)
    if os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as summary:
            summary.write(text + "\n")
    if os.environ.get("GITHUB_OUTPUT"):
        delimiter = f"REPORT_{secrets.token_hex(16)}"
        with open(os.environ["GITHUB_OUTPUT"], "a", encoding="utf-8") as output:
            output.write(f"failed={'true' if failed else 'false'}\nreport<<{delimiter}\n{text}\n{delimiter}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
