"""A second engine: ProperDocs (PyPI `properdocs`, a maintained fork of MkDocs 1.x, pinned next to
MkDocs in pyproject.toml) builds the real site strictly, and writes what MkDocs writes: the same
files, byte for byte, except the `<meta name="generator">` line of each HTML page.

So the project can switch engines (README, "Building with ProperDocs") the day MkDocs 1.x or a
plugin stops working, and CI notices when the two drift apart. Both builds run in place, like the
`built_site` build, so the sitemap dates come from the same last commit (SOURCE_DATE_EPOCH,
portal.site.siteoutput.pin_build_date).
"""
from __future__ import annotations

import difflib
import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import LANGUAGES, ROOT, Build, copy_repo, run_build
from tests.site.engine.test_build_speed import one_city_per_region

pytestmark = pytest.mark.build

# The one line that differs: Material's base.html writes `mkdocs-{{ mkdocs_version }}`, which
# ProperDocs fills with "ProperDocs <version>".
GENERATOR = re.compile(rb'^[ \t]*<meta name="generator" content="([^"]*)">\r?\n', re.M)

# Other differences allowed between the two builds, file (site path) -> reason. None is needed
# today: the sitemap's dates and its gzip header come from SOURCE_DATE_EPOCH, the search bundle and
# everything else from the same sources. Add an entry only with the reason it differs.
ALLOWED: dict[str, str] = {}

SHOWN = 10  # differing files named in a failure message
DIFF_LINES = 60  # lines of the first file's unified diff in a failure message


def pinned(name: str) -> str:
    """The version pyproject.toml pins for the distribution `name`."""
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    versions = [d.split("==", 1)[1].strip() for d in deps if d.split("==", 1)[0].strip().lower() == name]
    assert len(versions) == 1, f"pyproject.toml: no single pin for {name}: {deps}"
    return versions[0]


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def comparable(path: str, data: bytes) -> bytes:
    """The bytes to compare: an HTML page without its generator line, any other file as it is."""
    return GENERATOR.sub(b"", data, count=1) if path.endswith(".html") else data


@dataclass
class Comparison:
    """Two builds of the same sources, compared file by file."""

    first: Path
    second: Path
    only_first: list[str] = field(default_factory=list)
    only_second: list[str] = field(default_factory=list)
    compared: list[str] = field(default_factory=list)
    differing: list[str] = field(default_factory=list)  # beyond the generator line and ALLOWED
    generators: tuple[Counter, Counter] = field(default_factory=lambda: (Counter(), Counter()))

    def report(self) -> str:
        """The first differing files, and a unified diff of the first one."""
        lines = [f"{len(self.differing)} of {len(self.compared)} files differ beyond the generator line:"]
        lines += [f"  {path}" for path in self.differing[:SHOWN]]
        if len(self.differing) > SHOWN:
            lines.append(f"  ... and {len(self.differing) - SHOWN} more")
        if self.differing:
            path = self.differing[0]
            a = comparable(path, (self.first / path).read_bytes())
            b = comparable(path, (self.second / path).read_bytes())
            try:
                diff = list(difflib.unified_diff(a.decode("utf-8").splitlines(), b.decode("utf-8").splitlines(),
                                                 f"mkdocs/{path}", f"properdocs/{path}", lineterm="", n=2))
            except UnicodeDecodeError:
                first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
                diff = [f"binary {path}: {len(a)} and {len(b)} bytes, first difference at byte {first}"]
            lines += [line[:400] for line in diff[:DIFF_LINES]] + ([f"... ({len(diff) - DIFF_LINES} more diff lines)"] if len(diff) > DIFF_LINES else [])
        return "\n".join(lines)


def compare(first: Path, second: Path) -> Comparison:
    result = Comparison(first, second)
    a, b = files(first), files(second)
    result.only_first, result.only_second = sorted(a - b), sorted(b - a)
    result.compared = sorted(a & b)
    for path in result.compared:
        x, y = (first / path).read_bytes(), (second / path).read_bytes()
        if path.endswith(".html"):
            for data, counter in zip((x, y), result.generators, strict=True):
                counter[tuple(m.decode() for m in GENERATOR.findall(data))] += 1
        if x != y and comparable(path, x) != comparable(path, y) and path not in ALLOWED:
            result.differing.append(path)
    return result


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real content built strictly by ProperDocs (in place, as `built_site` is)."""
    build = run_build(ROOT, tmp_path_factory.mktemp("properdocs-site"), engine="properdocs")
    assert build.returncode == 0, f"strict ProperDocs build failed:\n{build.output[-5000:]}"
    return build


@pytest.fixture(scope="module")
def comparison(built_site: Build, properdocs_site: Build) -> Comparison:
    return compare(built_site.site, properdocs_site.site)


def test_properdocs_build_is_strict_and_clean(properdocs_site: Build):
    problems = [ln for ln in properdocs_site.output.splitlines() if re.match(r"^(WARNING|ERROR)\b", ln)]
    assert not problems, "\n".join(problems[:20])


def test_both_engines_run_the_speed_ups(built_site: Build, properdocs_site: Build):
    """The comparison covers the patched code paths (portal.engine.speedups, portal.engine.parallel) under both
    engines: neither build fell back to the plain way (the version guard logs why when it does)."""
    for engine, build in (("MkDocs", built_site), ("ProperDocs", properdocs_site)):
        refused = [ln for ln in build.output.splitlines() if "Speed-ups off" in ln]
        assert not refused, f"{engine}: {refused}"


def test_both_engines_log_one_build_time(built_site: Build, properdocs_site: Build):
    """The per-language builds' "Documentation built in" lines are quieted under both engines
    (ProperDocs logs them under its own name: portal.engine.parallel quiets that logger too)."""
    for engine, build in (("MkDocs", built_site), ("ProperDocs", properdocs_site)):
        assert build.output.count("Documentation built in") == 1, f"{engine}: {build.output.count('Documentation built in')}"


def test_both_engines_write_the_same_files(comparison: Comparison):
    assert not comparison.only_first and not comparison.only_second, (
        f"only in the MkDocs build: {comparison.only_first[:SHOWN]} ({len(comparison.only_first)})\n"
        f"only in the ProperDocs build: {comparison.only_second[:SHOWN]} ({len(comparison.only_second)})")


def test_every_file_is_identical_except_the_generator_line(comparison: Comparison):
    assert not comparison.differing, comparison.report()


def test_allowed_differences_are_still_needed(comparison: Comparison):
    """An entry of ALLOWED that no longer differs (or names no file) is removed, with its reason."""
    stale = [path for path in ALLOWED if path not in comparison.compared
             or comparable(path, (comparison.first / path).read_bytes()) == comparable(path, (comparison.second / path).read_bytes())]
    assert not stale, f"ALLOWED entries that no longer differ: {stale}"


def test_the_generator_line_names_each_engine(comparison: Comparison):
    """Every page has one generator line naming the pinned engine that built it: a build that
    silently ran the other engine (say, the second process of portal.engine.parallel) would show here."""
    material = pinned("mkdocs-material")
    expected = (f"mkdocs-{pinned('mkdocs')}, mkdocs-material-{material}",
                f"mkdocs-ProperDocs {pinned('properdocs')}, mkdocs-material-{material}")
    pages = sum(1 for path in comparison.compared if path.endswith(".html"))
    for engine, counter, line in zip(("MkDocs", "ProperDocs"), comparison.generators, expected, strict=True):
        assert counter == Counter({(line,): pages}), f"{engine} generator lines (per page): {dict(counter.most_common(5))}"


def test_the_comparison_covers_every_language_and_the_sitemap(comparison: Comparison):
    """Not a vacuous comparison: every language's pages, the sitemap (with its dates) and the
    search bundle are among the compared files."""
    compared = set(comparison.compared)
    others = tuple(f"{lang}/" for lang in LANGUAGES if lang != "en")
    for lang in LANGUAGES:
        prefix = "" if lang == "en" else f"{lang}/"
        assert {f"{prefix}index.html", f"{prefix}members/index.html"} <= compared, lang
        pages = [p for p in compared if p.endswith(".html") and (p.startswith(prefix) if prefix else not p.startswith(others))]
        assert len(pages) >= 150, f"{lang}: {len(pages)} pages"
    assert {"sitemap.xml", "sitemap.xml.gz", "pagefind/pagefind-entry.json"} <= compared
    assert "<lastmod>" in (comparison.first / "sitemap.xml").read_text(encoding="utf-8")


PROBE_HOOK = """import logging


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri.startswith("about.") and config.theme["language"] == "zh":
        logging.getLogger("mkdocs.plugins.portal.probe").warning("probe: a warning in zh")
    return markdown
"""


def test_properdocs_strict_mode_fails_on_a_warning_logged_under_the_mkdocs_name(tmp_path: Path):
    """The portal's modules log to `mkdocs.plugins.portal.*` loggers; ProperDocs counts warnings
    on its own `properdocs` logger, under which it hangs the `mkdocs` one. A warning in zh (a
    language the second process builds, see portal.engine.parallel) still fails the strict build."""
    repo = copy_repo(tmp_path / "repo", cities=one_city_per_region())
    (repo / "hooks" / "probe_hook.py").write_text(PROBE_HOOK, encoding="utf-8")
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    hooks = "hooks:\n  - hooks/portal_hooks.py\n"
    assert hooks in config
    (repo / "mkdocs.yml").write_text(config.replace(hooks, hooks + "  - hooks/probe_hook.py\n"), encoding="utf-8")
    build = run_build(repo, tmp_path / "site", engine="properdocs")
    assert build.returncode != 0, build.output[-3000:]
    assert "WARNING -  probe: a warning in zh" in build.output and "Aborted with 1 warnings in strict mode!" in build.output, build.output[-3000:]
