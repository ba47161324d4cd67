"""Rules for file names and places: a profile is cities/<name>.yml, a case study
case-studies/<name>[.<language>].md, nothing is written into the generated folders. Each
function returns the files that pass and a located problem for each that does not."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from portal.files.paths import CASE_STUDIES_DIR, CITIES_DIR, GENERATED_DIR, INDEX, NOT_CASE_STUDIES, NOT_PROFILES
from portal.files.yamlfile import Problem
from portal.i18n.languages import DEFAULT, LANGUAGES
from portal.validate.profile import SLUG


def profile_files(root: Path) -> tuple[list[Path], list[Problem]]:
    """The profile files in cities/, and problems with files that cannot be profiles."""
    folder = root / CITIES_DIR
    files: list[Path] = []
    problems: list[Problem] = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        rel = f"{CITIES_DIR}/{path.name}"
        if path.name in NOT_PROFILES or path.name.startswith("."):
            continue
        if path.is_symlink():
            problems.append(
                Problem(rel, 1, f"a city profile must be a file inside cities/, got a link to '{os.readlink(path)}'; copy the profile into cities/ instead")
            )
        elif path.is_dir():
            problems.append(Problem(rel, 1, f"cities/ holds one .yml file per city and no folders, got the folder '{path.name}'"))
        elif path.suffix != ".yml":
            problems.append(Problem(rel, 1, f"a city profile's file name must end in .yml, got '{path.name}'; rename it to '{path.stem.lower()}.yml'"))
        elif not SLUG.match(path.stem):
            problems.append(
                Problem(rel, 1, f"a city profile's file name must be lowercase letters, digits and hyphens (it becomes the page address), got '{path.name}'")
            )
        else:
            files.append(path)
    if not files and not problems:
        problems.append(Problem(f"{CITIES_DIR}/", 1, "no city profiles found; add one from cities/_template.yml"))
    return files, problems


def case_study_files(root: Path) -> tuple[dict[str, dict[str, Path]], list[Problem]]:
    """{slug: {lang: path}} of the case-study files, and problems with misnamed files."""
    folder = root / CASE_STUDIES_DIR
    found: dict[str, dict[str, Path]] = {}
    problems: list[Problem] = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        rel = f"{CASE_STUDIES_DIR}/{path.name}"
        if path.name.startswith(".") or path.is_dir() or path.name in NOT_CASE_STUDIES:
            continue
        parts = path.name.split(".")
        if parts[-1] != "md":
            continue  # images and other assets next to the case studies
        stem, lang = (parts[0], parts[1]) if len(parts) == 3 else (parts[0], DEFAULT) if len(parts) == 2 else (path.name, "")
        if stem == INDEX:
            continue
        if lang not in LANGUAGES or (len(parts) == 3 and lang == DEFAULT):
            problems.append(
                Problem(
                    rel,
                    1,
                    f"a case study's file name must be <name>.md or <name>.<language>.md with a language among {', '.join(l for l in LANGUAGES if l != DEFAULT)}, got '{path.name}'",
                )
            )
        elif not SLUG.match(stem):
            problems.append(
                Problem(rel, 1, f"a case study's file name must be lowercase letters, digits and hyphens (it becomes the page address), got '{path.name}'")
            )
        else:
            found.setdefault(stem, {})[lang] = path
    return found, problems


def misplaced_case_studies(root: Path) -> list[Problem]:
    """Case studies committed (or staged) in content/case-studies/, where they were written before
    the generator copied them there: the build would replace that folder and lose them."""
    try:
        proc = subprocess.run(["git", "-C", str(root), "ls-files", "--", GENERATED_DIR], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return []  # not a git checkout: nothing there is committed
    return [
        Problem(
            rel,
            1,
            f"case studies are written in {CASE_STUDIES_DIR}/ now ({GENERATED_DIR}/ is generated from it, "
            f"and the build would delete this file), got a file here; move it to {CASE_STUDIES_DIR}/{rel.rsplit('/', 1)[-1]}",
        )
        for rel in proc.stdout.splitlines()
        if rel.endswith(".md")
    ]
