"""The tests mirror the product's layout, so the tests of src/portal/<folder>/x.py are found from its
path: tests/unit/<folder>/ (always), and tests/site/, tests/browser/, tests/property/ under the same
folder names where a real build, Chromium or Hypothesis tests it. The kind stays the top folder (the
Makefile, .ci/run and CI select suites by it); see docs/architecture.md, "Where the tests live"."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT

KINDS = ("unit", "site", "browser", "property")
# Test folders that name no folder of src/portal: what each tests instead (that file or folder must exist).
NOT_PRODUCT = {
    "cli": "src/portal/cli.py",  # the `portal` command
    "hooks": "hooks/portal_hooks.py",  # the MkDocs hook
    "project": "pyproject.toml",  # the project's own tooling: bench/, .ci/, tools/, workflows, the lock, tests/sitecheck.py
}


def product_folders(src: Path) -> set[str]:
    """The folders of the package (those with an __init__.py) below `src`, as paths relative to it."""
    return {p.parent.relative_to(src).as_posix() for p in src.rglob("__init__.py") if p.parent != src}


def folders_below(kind_root: Path) -> list[Path]:
    """Every folder below a suite's folder, __pycache__ and the like left out."""
    return sorted(p for p in kind_root.rglob("*") if p.is_dir() and not any(part.startswith(("__", ".")) for part in p.relative_to(kind_root).parts))


def mirror_problems(tests: Path, src: Path) -> list[str]:
    """What breaks the mirror between `tests` (holding unit/, site/, ...) and the package folder `src`."""
    products = product_folders(src)
    allowed = products | set(NOT_PRODUCT)
    found = []
    unit = tests / "unit"
    for path in sorted(unit.glob("test_*.py")):
        found.append(f"tests/unit/{path.name}: move it into tests/unit/<folder>/ named after what it tests (one of: {', '.join(sorted(allowed))})")
    for folder in folders_below(unit):
        rel = folder.relative_to(unit).as_posix()
        if rel not in allowed:
            found.append(f"tests/unit/{rel}/: names no folder of src/portal ({', '.join(sorted(products))}) nor one of {', '.join(sorted(NOT_PRODUCT))}")
    for product in sorted(products):
        if not list((unit / product).glob("test_*.py")):
            found.append(f"src/portal/{product}/: has no tests in tests/unit/{product}/")
    for kind in KINDS[1:]:
        for folder in folders_below(tests / kind):
            rel = folder.relative_to(tests / kind).as_posix()
            # The built site's suites may drop the leading site/ (tests/site/pages/ tests src/portal/site/pages/).
            if rel not in allowed and f"site/{rel}" not in products:
                found.append(f"tests/{kind}/{rel}/: names no folder of src/portal ({', '.join(sorted(products))}) nor one of {', '.join(sorted(NOT_PRODUCT))}")
    for kind in KINDS:
        for folder in [tests / kind, *folders_below(tests / kind)]:
            if not (folder / "__init__.py").is_file():
                found.append(
                    f"{folder.relative_to(tests.parent).as_posix()}/: needs an empty __init__.py (test modules of the same name live in several folders)"
                )
    return found


def test_the_tests_mirror_the_product_folders():
    assert mirror_problems(ROOT / "tests", ROOT / "src" / "portal") == []


@pytest.mark.parametrize("name", sorted(NOT_PRODUCT))
def test_each_non_product_test_folder_names_what_it_tests(name: str):
    assert (ROOT / NOT_PRODUCT[name]).exists(), NOT_PRODUCT[name]
    assert name not in product_folders(ROOT / "src" / "portal"), f"{name} is a product folder now: drop it from NOT_PRODUCT"


def touch(path: Path, text: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A small mirrored repository: src/portal/{model,site,site/pages}/ and their tests."""
    for folder in ("model", "site", "site/pages"):
        touch(tmp_path / "src/portal" / folder / "__init__.py")
        touch(tmp_path / "tests/unit" / folder / "__init__.py")
        touch(tmp_path / "tests/unit" / folder / "test_a.py")
    for kind in KINDS:
        touch(tmp_path / "tests" / kind / "__init__.py")
    touch(tmp_path / "tests/site/pages/__init__.py")
    touch(tmp_path / "tests/site/pages/test_home.py")
    touch(tmp_path / "tests/browser/test_whole_site.py")
    assert mirror_problems(tmp_path / "tests", tmp_path / "src/portal") == []
    return tmp_path


def test_a_unit_test_at_the_top_is_refused(tree: Path):
    touch(tree / "tests/unit/test_x.py")
    assert mirror_problems(tree / "tests", tree / "src/portal") == [
        "tests/unit/test_x.py: move it into tests/unit/<folder>/ named after what it tests (one of: cli, hooks, model, project, site, site/pages)"
    ]


@pytest.mark.parametrize("folder", ["unit/widgets", "unit/site/widgets", "site/widgets", "browser/widgets", "property/widgets"])
def test_a_folder_named_after_nothing_is_refused(tree: Path, folder: str):
    touch(tree / "tests" / folder / "__init__.py")
    touch(tree / "tests" / folder / "test_x.py")
    assert mirror_problems(tree / "tests", tree / "src/portal") == [
        f"tests/{folder}/: names no folder of src/portal (model, site, site/pages) nor one of {', '.join(sorted(NOT_PRODUCT))}"
    ]


def test_a_product_folder_without_unit_tests_is_refused(tree: Path):
    touch(tree / "src/portal/engine/__init__.py")
    assert mirror_problems(tree / "tests", tree / "src/portal") == ["src/portal/engine/: has no tests in tests/unit/engine/"]
    touch(tree / "tests/unit/engine/__init__.py")
    touch(tree / "tests/unit/engine/test_speedups.py")
    assert mirror_problems(tree / "tests", tree / "src/portal") == []


def test_a_test_folder_without_init_is_refused(tree: Path):
    (tree / "tests/unit/site/pages/__init__.py").unlink()
    assert mirror_problems(tree / "tests", tree / "src/portal") == [
        "tests/unit/site/pages/: needs an empty __init__.py (test modules of the same name live in several folders)"
    ]


def test_data_folders_of_the_package_need_no_tests(tree: Path):
    touch(tree / "src/portal/site/templates/home.md")  # templates, strings, country names: no __init__.py
    assert mirror_problems(tree / "tests", tree / "src/portal") == []
