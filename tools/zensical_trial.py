"""The Zensical trial (issue 15, part 3): build the site with the newest Zensical that installs
here and print what differs from the MkDocs build. A report, not a CI gate: it exits 0 once the
report is printed, whatever it says; non-zero only when it cannot run (no MkDocs build, no venv).

    make zensical-trial                       # or: .venv/bin/python tools/zensical_trial.py
    .venv/bin/python tools/zensical_trial.py --reuse-mkdocs --report /tmp/report.txt

What it does, all under .cache/ (git-ignored; nothing tracked is changed):
1. a throwaway venv (.cache/zensical-venv/) with the newest `zensical` the registry serves that
   installs (newest first; each refusal and its reason printed), plus `zensical-i18n` if it exists;
2. `portal generate` (the project's CLI), then a copy of the project (mkdocs.yml with site_dir
   patched, content/, overrides/) in .cache/zensical-trial/project/, built with Zensical; where
   Zensical stops on a known problem, a labelled workaround is applied to the copy and the build
   retried (each stop and each workaround is in the report);
3. the MkDocs build (`mkdocs build --strict -d .cache/zensical-trial/mkdocs-site`, or reused with
   --reuse-mkdocs), then `compare_sites()` over both folders: pages missing per language,
   case-study extras, edit links, the not-translated notice, broken internal links (the project's
   own checker, portal links), inline scripts and styles the site's CSP blocks.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# What the MkDocs build has and Zensical may lack, found by markers in the built HTML.
CASE_STUDY_EXTRAS_MARKER = "sdg-targets"  # id of the first section the extras append (portal/case-study-extras.md)
PORTAL_NOTICE_CLASS = "lcp-notice--untranslated"  # overrides/partials/untranslated-notice.html
ENGINE_NOTICE_CLASS = "md-i18n-notice"  # zensical-i18n's own untranslated-page notice
# <script type> values that are data, not code: a CSP never blocks them.
DATA_SCRIPT_TYPES = ("application/json", "application/ld+json", "importmap", "text/template", "text/x-template")
EXAMPLES = 5  # examples listed per finding


# ---------------------------------------------------------------------------------------------
# The report: a pure function of two built site folders
# ---------------------------------------------------------------------------------------------


@dataclass
class PageFacts:
    """What the report needs from one built HTML page."""

    edit_links: tuple[str, ...] = ()  # repository paths the page's edit links point at
    extras: bool = False  # carries the case-study extras marker
    portal_notice: bool = False
    engine_notice: bool = False
    csp: str | None = None  # the Content-Security-Policy <meta>, if any
    inline_scripts: tuple[str, ...] = ()  # first characters of each inline script (code, not data)
    inline_handlers: int = 0  # on...= attributes
    inline_styles: tuple[str, ...] = ()  # first characters of each <style> element and style= attribute


@dataclass
class SiteFacts:
    pages: dict[str, PageFacts]  # site-relative path of each .html file -> facts
    other_files: frozenset[str]  # every other file
    broken_links: list[str]  # "file: element attr='url': reason" (portal links)


@dataclass
class Report:
    languages: tuple[str, ...]
    pages: dict[str, tuple[int, int]] = field(default_factory=dict)  # language -> (mkdocs, zensical)
    missing_pages: dict[str, list[str]] = field(default_factory=dict)  # language -> paths
    extra_pages: dict[str, list[str]] = field(default_factory=dict)
    missing_files: dict[str, int] = field(default_factory=dict)  # top folder -> count (not pages)
    extra_files: dict[str, int] = field(default_factory=dict)
    extras_mkdocs: list[str] = field(default_factory=list)  # case-study pages with the extras
    extras_missing: list[str] = field(default_factory=list)  # ... of which Zensical lacks them
    edit: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # engine -> kind -> pages
    edit_differs: list[str] = field(default_factory=list)  # "page: mkdocs -> zensical"
    notice: dict[str, list[str]] = field(default_factory=dict)  # "mkdocs"/"zensical"/"zensical (engine's)"
    notice_missing: list[str] = field(default_factory=list)
    broken: dict[str, list[str]] = field(default_factory=dict)  # engine -> broken links
    csp: dict[str, dict[str, object]] = field(default_factory=dict)  # engine -> figures


def _csp_allows_inline(csp: str | None, directive: str) -> bool:
    """Whether a CSP lets inline code of this kind run (no CSP, or 'unsafe-inline' without a
    nonce or hash, which would switch 'unsafe-inline' off)."""
    if not csp:
        return True
    sources = None
    for part in csp.split(";"):
        words = part.split()
        if words and words[0].lower() == directive:
            sources = [w.lower() for w in words[1:]]
    if sources is None:
        for part in csp.split(";"):
            words = part.split()
            if words and words[0].lower() == "default-src":
                sources = [w.lower() for w in words[1:]]
    if sources is None:
        return True
    hashed = any(s.startswith(("'nonce-", "'sha256-", "'sha384-", "'sha512-")) for s in sources)
    return "'unsafe-inline'" in sources and not hashed


def page_facts(path: Path, repo_url: str) -> PageFacts:
    import lxml.html

    tree = lxml.html.parse(str(path))
    facts = PageFacts()
    edit_prefix = repo_url.rstrip("/") + "/edit/"
    edits, scripts, styles = [], [], []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        classes = (element.get("class") or "").split()
        if element.get("id") == CASE_STUDY_EXTRAS_MARKER:
            facts.extras = True
        if PORTAL_NOTICE_CLASS in classes:
            facts.portal_notice = True
        if ENGINE_NOTICE_CLASS in classes:
            facts.engine_notice = True
        if tag == "a" and (element.get("href") or "").startswith(edit_prefix):
            # .../edit/<branch>/<path in the repository>
            rest = element.get("href")[len(edit_prefix) :].split("#")[0].split("?")[0]
            edits.append(rest.split("/", 1)[1] if "/" in rest else rest)
        if tag == "meta" and (element.get("http-equiv") or "").lower() == "content-security-policy":
            facts.csp = element.get("content") or ""
        if tag == "script" and not element.get("src"):
            kind = (element.get("type") or "").strip().lower()
            code = " ".join((element.text or "").split())
            if kind not in DATA_SCRIPT_TYPES and code:
                scripts.append(code[:60])
        if tag == "style":
            styles.append("<style>" + " ".join((element.text or "").split())[:60])
        if element.get("style") is not None:
            styles.append(f'style="{element.get("style")[:60]}"')
        facts.inline_handlers += sum(1 for name in element.attrib if name.lower().startswith("on"))
    facts.edit_links = tuple(dict.fromkeys(edits))
    facts.inline_scripts = tuple(scripts)
    facts.inline_styles = tuple(styles)
    return facts


def site_facts(site: Path, repo_url: str, broken_links: Callable[[Path], list[str]]) -> SiteFacts:
    pages, others = {}, set()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            pages[rel] = page_facts(path, repo_url)
        else:
            others.add(rel)
    return SiteFacts(pages, frozenset(others), broken_links(site))


def project_broken_links(site: Path) -> list[str]:
    """The project's own link checker (make links): targets, fragments and the sitemap."""
    from portal.site.linkcheck import check_links, site_url

    return check_links(site, site_url(ROOT)).broken


def _language(rel: str, languages: tuple[str, ...]) -> str:
    first = rel.split("/", 1)[0]
    return first if first in languages[1:] else languages[0]


def _unprefixed(rel: str, languages: tuple[str, ...]) -> list[str]:
    """The parts of a site-relative path without its language folder."""
    parts = rel.split("/")
    return parts[1:] if parts[0] in languages[1:] else parts


def _top(rel: str) -> str:
    return rel.split("/", 1)[0] + "/" if "/" in rel else rel


def compare_sites(
    mkdocs: Path,
    zensical: Path,
    *,
    languages: tuple[str, ...],
    repo_url: str,
    tracked: Iterable[str],
    generated: Iterable[str],
    broken_links: Callable[[Path], list[str]] = project_broken_links,
) -> Report:
    """Compare the MkDocs build (the reference) with the Zensical build of the same content.
    `languages` starts with the default one (built at the root); `tracked` are the repository's
    files (git ls-files), `generated` the files `portal generate` wrote (edit links there point
    at nothing a contributor can edit)."""
    tracked, generated = frozenset(tracked), frozenset(generated)
    reference = site_facts(mkdocs, repo_url, broken_links)
    trial = site_facts(zensical, repo_url, broken_links)
    report = Report(languages=languages)

    by_language: dict[str, tuple[set[str], set[str]]] = {lang: (set(), set()) for lang in languages}
    for index, facts in enumerate((reference, trial)):
        for rel in facts.pages:
            by_language[_language(rel, languages)][index].add(rel)
    for lang, (ours, theirs) in by_language.items():
        report.pages[lang] = (len(ours), len(theirs))
        report.missing_pages[lang] = sorted(ours - theirs)
        report.extra_pages[lang] = sorted(theirs - ours)
    report.missing_files = dict(Counter(_top(r) for r in reference.other_files - trial.other_files))
    report.extra_files = dict(Counter(_top(r) for r in trial.other_files - reference.other_files))

    for rel, facts in reference.pages.items():
        if facts.extras and _unprefixed(rel, languages)[:1] == ["case-studies"] and len(_unprefixed(rel, languages)) > 2:
            report.extras_mkdocs.append(rel)
            if not (rel in trial.pages and trial.pages[rel].extras):
                report.extras_missing.append(rel)

    for engine, facts in (("mkdocs", reference), ("zensical", trial)):
        kinds: dict[str, list[str]] = {"with an edit link": [], "to a generated file": [], "to a file not in the repository": []}
        for rel, page in facts.pages.items():
            if page.edit_links:
                kinds["with an edit link"].append(rel)
            if any(target in generated for target in page.edit_links):
                kinds["to a generated file"].append(rel)
            elif any(target not in tracked for target in page.edit_links):
                kinds["to a file not in the repository"].append(rel)
        report.edit[engine] = kinds
    for rel, page in reference.pages.items():
        theirs = trial.pages.get(rel)
        if theirs is not None and page.edit_links != theirs.edit_links:
            ours_text = ", ".join(page.edit_links) or "none"
            theirs_text = ", ".join(theirs.edit_links) or "none"
            report.edit_differs.append(f"{rel}: {ours_text} -> {theirs_text}")

    report.notice = {
        "mkdocs": sorted(r for r, p in reference.pages.items() if p.portal_notice),
        "zensical": sorted(r for r, p in trial.pages.items() if p.portal_notice),
        "zensical (engine's own notice)": sorted(r for r, p in trial.pages.items() if p.engine_notice),
    }
    report.notice_missing = [r for r in report.notice["mkdocs"] if not (r in trial.pages and (trial.pages[r].portal_notice or trial.pages[r].engine_notice))]

    for engine, facts in (("mkdocs", reference), ("zensical", trial)):
        report.broken[engine] = facts.broken_links
        snippets: Counter[str] = Counter()
        style_snippets: Counter[str] = Counter()
        blocked_pages, handler_pages, style_pages, with_csp = [], [], [], 0
        for rel, page in facts.pages.items():
            with_csp += page.csp is not None
            if page.inline_scripts and not _csp_allows_inline(page.csp, "script-src"):
                blocked_pages.append(rel)
                snippets.update(page.inline_scripts)
            if page.inline_handlers and not _csp_allows_inline(page.csp, "script-src"):
                handler_pages.append(rel)
            if page.inline_styles and not _csp_allows_inline(page.csp, "style-src"):
                style_pages.append(rel)
                style_snippets.update(page.inline_styles)
        report.csp[engine] = {
            "pages": len(facts.pages),
            "with CSP": with_csp,
            "scripts blocked": blocked_pages,
            "snippets": snippets,
            "handlers blocked": handler_pages,
            "styles blocked": style_pages,
            "style snippets": style_snippets,
        }
    return report


def _examples(items: list[str]) -> list[str]:
    lines = [f"      {item}" for item in items[:EXAMPLES]]
    if len(items) > EXAMPLES:
        lines.append(f"      ... and {len(items) - EXAMPLES} more")
    return lines


def _reason(broken: str) -> str:
    """The kind of a broken link, without its page, address or target: for counting."""
    reason = broken.split(": ", 2)[-1]
    reason = re.sub(r"(?<=[ =])'[^']*'", "'...'", reason)
    return re.sub(r"\b(no file|in) \S+$", r"\1 ...", reason)


def format_report(report: Report, *, versions: dict[str, str] | None = None, findings: Iterable[str] = ()) -> str:
    out: list[str] = ["Zensical trial: what differs from the MkDocs build (reference)", ""]
    if versions:
        out.append("Engines")
        out += [f"  {name} {version}" for name, version in versions.items()]
        out.append("")
    findings = list(findings)
    if findings:
        out.append("Build findings (what Zensical stopped on or ignored, and each workaround applied to the copy)")
        out += [f"  - {line}" for line in findings]
        out.append("")

    out.append("Pages per language (HTML files by output path): mkdocs / zensical / missing / extra")
    for lang in report.languages:
        ours, theirs = report.pages[lang]
        out.append(f"  {lang}: {ours} / {theirs} / {len(report.missing_pages[lang])} / {len(report.extra_pages[lang])}")
    for lang in report.languages:
        if report.missing_pages[lang]:
            out.append(f"    missing in {lang}:")
            out += _examples(report.missing_pages[lang])
        if report.extra_pages[lang]:
            out.append(f"    only in Zensical's {lang}:")
            out += _examples(report.extra_pages[lang])
    if report.missing_files or report.extra_files:
        out.append("  Other files (not pages), by top folder:")
        for folder, count in sorted(report.missing_files.items()):
            out.append(f"    missing {folder}: {count}")
        for folder, count in sorted(report.extra_files.items()):
            out.append(f"    only in Zensical {folder}: {count}")
    out.append("")

    out.append(
        f'Case-study extras (id="{CASE_STUDY_EXTRAS_MARKER}" on case-studies/ pages): '
        f"{len(report.extras_mkdocs)} pages in MkDocs, missing on {len(report.extras_missing)} in Zensical"
    )
    out += _examples(report.extras_missing)
    out.append("")

    out.append("Edit links (pages)")
    for engine, kinds in report.edit.items():
        out.append(f"  {engine}: " + ", ".join(f"{len(pages)} {kind}" for kind, pages in kinds.items()))
        for kind, pages in kinds.items():
            if kind != "with an edit link" and pages:
                out.append(f"    {kind}:")
                out += _examples(pages)
    out.append(f"  pages whose edit link differs from MkDocs's: {len(report.edit_differs)}")
    out += _examples(report.edit_differs)
    out.append("")

    out.append(f"Not-translated notice (class {PORTAL_NOTICE_CLASS}; Zensical's own: {ENGINE_NOTICE_CLASS})")
    for name, pages in report.notice.items():
        out.append(f"  {name}: {len(pages)} pages")
    out.append(f"  pages with the notice in MkDocs and none in Zensical: {len(report.notice_missing)}")
    out += _examples(report.notice_missing)
    if not report.notice["mkdocs"]:
        out.append(
            "  (no page falls back to the default language in this content: the comparison is vacuous;"
            " the portal's notice depends on the i18n plugin's i18n_file_locale/i18n_page_locale)"
        )
    out.append("")

    out.append("Broken internal links (portal links, as make links)")
    for engine, broken in report.broken.items():
        out.append(f"  {engine}: {len(broken)}")
        reasons = Counter(_reason(line) for line in broken)
        for reason, count in reasons.most_common(EXAMPLES):
            out.append(f"      {count} x {reason}")
        out += _examples(broken)
    out.append("")

    out.append("Content-Security-Policy (the <meta> of overrides/main.html)")
    for engine, figures in report.csp.items():
        out.append(
            f"  {engine}: {figures['with CSP']} of {figures['pages']} pages carry a CSP; "
            f"{len(figures['scripts blocked'])} pages have inline scripts it blocks, "
            f"{len(figures['handlers blocked'])} inline event handlers, "
            f"{len(figures['styles blocked'])} inline styles it blocks"
        )
        for snippet, count in figures["snippets"].most_common(EXAMPLES):
            out.append(f"      {count} x <script>{snippet}...")
        for snippet, count in figures["style snippets"].most_common(EXAMPLES):
            out.append(f"      {count} x {snippet}...")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# Installing Zensical
# ---------------------------------------------------------------------------------------------


def _run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, text=True, capture_output=True, **kwargs)


def _pip_error(result: subprocess.CompletedProcess) -> str:
    lines = [line for line in (result.stderr + result.stdout).splitlines() if line.startswith("ERROR:")]
    return lines[0][len("ERROR: ") :] if lines else f"pip exited {result.returncode}"


def available_versions(pip: list[str], name: str) -> list[str]:
    """The versions the registry serves, newest first (pip index versions), or [] if none."""
    result = _run([*pip, "index", "versions", name])
    for line in result.stdout.splitlines():
        if line.startswith("Available versions:"):
            return [v.strip() for v in line.split(":", 1)[1].split(",") if v.strip()]
    return []


def installed_version(python: Path, name: str) -> str | None:
    result = _run([str(python), "-c", f"import importlib.metadata as m; print(m.version({name!r}))"])
    return result.stdout.strip() if result.returncode == 0 else None


def ensure_zensical(venv: Path, *, max_tries: int, log: Callable[[str], None]) -> list[str]:
    """Install the newest zensical that installs (and zensical-i18n if it exists) into `venv`.
    Returns the lines saying what was tried and why; the choice is kept in the venv, and the
    probing is skipped while the registry's newest versions are the ones probed last time."""
    python = venv / "bin" / "python"
    if not python.exists():
        log(f"creating {venv}")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(python), "-m", "pip", "--disable-pip-version-check"]
    zensical_versions = available_versions(pip, "zensical")
    i18n_versions = available_versions(pip, "zensical-i18n")
    if not zensical_versions:
        raise SystemExit("zensical-trial: the registry serves no zensical (pip index versions zensical)")
    state_file = venv / "zensical-trial.json"
    newest = {"zensical": zensical_versions[0], "zensical-i18n": i18n_versions[0] if i18n_versions else None}
    if state_file.exists():
        state = json.loads(state_file.read_text())
        if state.get("newest") == newest and installed_version(python, "zensical") == state.get("zensical"):
            return [*state["lines"], f"(probe of {state['date']} reused: the registry's newest versions are unchanged)"]
    lines = [
        f"registry: zensical {', '.join(zensical_versions[:8])}{' ...' if len(zensical_versions) > 8 else ''}; "
        f"zensical-i18n {', '.join(i18n_versions) or 'not served'}"
    ]
    chosen = None
    for version in zensical_versions[:max_tries]:
        for with_i18n in (True, False) if i18n_versions else (False,):
            wanted = [f"zensical=={version}"] + (["zensical-i18n"] if with_i18n else [])
            log(f"trying pip install {' '.join(wanted)}")
            result = _run([*pip, "install", "--quiet", "--dry-run", *wanted])
            label = " ".join(wanted)
            if result.returncode == 0:
                lines.append(f"tried {label}: installs")
                chosen = wanted
                break
            lines.append(f"tried {label}: refused ({_pip_error(result)})")
        if chosen:
            break
    if not chosen:
        raise SystemExit(f"zensical-trial: none of the newest {max_tries} zensical versions installs here:\n  " + "\n  ".join(lines))
    result = _run([*pip, "install", "--quiet", *chosen])
    if result.returncode != 0:
        raise SystemExit(f"zensical-trial: pip install {' '.join(chosen)} failed: {_pip_error(result)}")
    got = {name: installed_version(python, name) for name in ("zensical", "zensical-i18n")}
    lines.append(
        "chosen: "
        + ", ".join(f"{n} {v}" for n, v in got.items() if v)
        + ("" if chosen[0] == f"zensical=={zensical_versions[0]}" else f" (newest that installs; the registry's newest is {zensical_versions[0]})")
    )
    state_file.write_text(json.dumps({"newest": newest, "zensical": got["zensical"], "lines": lines, "date": time.strftime("%Y-%m-%d %H:%M")}))
    return lines


# ---------------------------------------------------------------------------------------------
# Building with Zensical, from a copy
# ---------------------------------------------------------------------------------------------

LANGUAGE_IMPORT = '{% import "partials/language.html" as lang with context %}'


def workaround_python_globals(overrides: Path) -> str:
    """MiniJinja has none of the Python globals the MkDocs hook gives the templates (portal_t ...):
    define each called one as a stub macro at the top of each template calling it. portal_t and
    portal_tn print their key in brackets; the others print nothing (an empty trail, no date)."""
    changed = []
    for path in sorted(overrides.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        names = sorted(set(re.findall(r"\b(portal_\w+)\s*\(", text)))
        if not names:
            continue
        stubs = "".join(
            "{%% macro %s(a=none, b=none, c=none, d=none) %%}%s{%% endmacro %%}" % (name, "[{{ a }}]" if name in ("portal_t", "portal_tn") else "")
            for name in names
        )
        path.write_text(stubs + text, encoding="utf-8")
        changed.append(f"{path.relative_to(overrides).as_posix()} ({', '.join(names)})")
    return "stub macros for the hook's Python globals in " + "; ".join(changed)


def workaround_language_import(overrides: Path) -> str:
    """Material's templates see `lang` from base.html; MiniJinja's includes do not: each copied
    Material partial using lang.t() imports partials/language.html itself (as Zensical's own do)."""
    changed = []
    for path in sorted(overrides.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        if "lang.t(" in text and 'import "partials/language.html"' not in text:
            path.write_text(LANGUAGE_IMPORT + "\n" + text, encoding="utf-8")
            changed.append(path.relative_to(overrides).as_posix())
    return "added the `lang` import to " + ", ".join(changed)


# (pattern of Zensical's error, what it means, workaround)
KNOWN_STOPS: list[tuple[re.Pattern, str, Callable[[Path], str]]] = [
    (
        re.compile(r"unknown function: (\w+) is unknown \(in ([^)]*)\)"),
        "a template calls a Python global of the MkDocs hook ({0}, in {1}): MiniJinja has no Python globals",
        workaround_python_globals,
    ),
    (
        re.compile(r"undefined has no method named t \(in ([^)]*)\)"),
        "a copied Material partial uses `lang` without importing it (in {0})",
        workaround_language_import,
    ),
]


def make_project_copy(repo: Path, project: Path, site_dir: str) -> list[str]:
    """A copy Zensical can build: mkdocs.yml (only site_dir changed), content/, overrides/.
    zensical-i18n wants the site folder inside the project and not hidden, so the copy is the
    project root; the repository's files stay untouched."""
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    docs_dir = re.search(r"^docs_dir:\s*(\S+)", config, re.M)
    docs_dir = docs_dir.group(1) if docs_dir else "docs"
    custom_dir = re.search(r"^\s+custom_dir:\s*(\S+)", config, re.M)
    if re.search(r"^site_dir:", config, re.M):
        config = re.sub(r"^site_dir:.*$", f"site_dir: {site_dir}", config, flags=re.M)
    else:
        config = config.rstrip("\n") + f"\n# zensical-trial: built into the copy's own folder\nsite_dir: {site_dir}\n"
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(repo / docs_dir, project / docs_dir)
    if custom_dir:
        shutil.copytree(repo / custom_dir.group(1), project / custom_dir.group(1))
    notes = ["built from a copy (.cache/zensical-trial/project): mkdocs.yml with site_dir set, content/, overrides/"]
    ignored = [key for key in ("hooks",) if re.search(rf"^{key}:", config, re.M)]
    plugins = re.findall(r"^  - (\w[\w-]*)", config.split("\nplugins:", 1)[1].split("\n\n")[0], re.M) if "\nplugins:" in config else []
    if ignored or [p for p in plugins if p != "i18n"]:
        notes.append(
            f"mkdocs.yml's {', '.join(ignored + [p for p in plugins if p != 'i18n'])}: "
            "not run by Zensical (no hooks, no third-party plugins), and it says nothing about it"
        )
    return notes


def build_with_zensical(venv: Path, project: Path, *, log: Callable[[str], None], max_rounds: int = 6) -> tuple[bool, list[str]]:
    """Build the copy; on a known stop apply its workaround to the copy and build again.
    Returns (built, findings)."""
    i18n = venv / "bin" / "zensical-i18n"
    command = [str(i18n if i18n.exists() else venv / "bin" / "zensical"), "build", "--clean"]
    findings: list[str] = []
    applied: set[str] = set()
    env = {k: v for k, v in os.environ.items() if k != "PORTAL_LANGUAGE"}
    for round_ in range(1, max_rounds + 1):
        log(f"zensical build, round {round_}: {' '.join(Path(c).name if i == 0 else c for i, c in enumerate(command))}")
        started = time.monotonic()
        result = _run(command, cwd=project, env=env)
        output = result.stdout + result.stderr
        if result.returncode == 0:
            findings.append(f"built in {time.monotonic() - started:.1f} s (round {round_})")
            warnings = [line for line in output.splitlines() if "warning" in line.lower()]
            findings += [f"Zensical warned: {line.strip()}" for line in dict.fromkeys(warnings)][:EXAMPLES]
            return True, findings
        errors = [line for line in output.splitlines() if "Error" in line or "error" in line]
        error = next((line for line in errors if "RuntimeError" in line), errors[-1] if errors else output[-300:])
        for pattern, meaning, workaround in KNOWN_STOPS:
            match = pattern.search(output)
            if match and workaround.__name__ not in applied:
                findings.append("STOP: " + meaning.format(*match.groups()) + f"\n      Zensical: {error.strip()}")
                findings.append("WORKAROUND (copy only): " + workaround(project / "overrides"))
                applied.add(workaround.__name__)
                break
        else:
            findings.append(f"STOP, no known workaround: {error.strip()}")
            return False, findings
    findings.append(f"still failing after {max_rounds} rounds")
    return False, findings


# ---------------------------------------------------------------------------------------------
# The script
# ---------------------------------------------------------------------------------------------


def _bin(name: str) -> str:
    local = ROOT / ".venv" / "bin" / name
    return str(local) if local.exists() else name


def generated_files(repo: Path, docs_dir: str, tracked: frozenset[str]) -> frozenset[str]:
    """Files under the docs folder that git does not track: what `portal generate` wrote."""
    docs = repo / docs_dir
    return frozenset(p.relative_to(repo).as_posix() for p in docs.rglob("*") if p.is_file() and p.relative_to(repo).as_posix() not in tracked)


def config_facts(repo: Path) -> tuple[tuple[str, ...], str, str]:
    """(languages, default first; repo_url; docs_dir) from mkdocs.yml, read as MkDocs reads it."""
    from mkdocs.config import load_config

    config = load_config(str(repo / "mkdocs.yml"))
    i18n = config.plugins["i18n"].config
    languages = [lang.locale for lang in i18n.languages]
    default = next(lang.locale for lang in i18n.languages if lang.default)
    ordered = (default, *[lang for lang in languages if lang != default])
    return ordered, config.repo_url or "", Path(config.docs_dir).name


def engine_versions(python: Path) -> dict[str, str]:
    import importlib.metadata as metadata

    versions = {name: metadata.version(name) for name in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n")}
    for name in ("zensical", "zensical-i18n"):
        versions[name] = installed_version(python, name) or "not installed"
    return versions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--work", type=Path, default=ROOT / ".cache" / "zensical-trial", help="folder for the copy and both builds (default .cache/zensical-trial)"
    )
    parser.add_argument("--venv", type=Path, default=ROOT / ".cache" / "zensical-venv", help="the throwaway venv for Zensical (default .cache/zensical-venv)")
    parser.add_argument("--reuse-mkdocs", action="store_true", help="reuse the MkDocs build of an earlier run in WORK/mkdocs-site, if there is one")
    parser.add_argument("--max-tries", type=int, default=12, help="zensical versions to try, newest first")
    parser.add_argument("--report", type=Path, help="also write the report to this file")
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        print(f"zensical-trial: {message}", file=sys.stderr, flush=True)

    work, venv = args.work.resolve(), args.venv.resolve()
    work.mkdir(parents=True, exist_ok=True)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    os.environ.pop("PORTAL_LANGUAGE", None)  # every language, in both builds

    install_lines = ensure_zensical(venv, max_tries=args.max_tries, log=log)
    for line in install_lines:
        log(line)

    log("portal generate")
    result = subprocess.run([_bin("portal"), "--root", str(ROOT), "generate"], text=True, capture_output=True)
    if result.returncode != 0:
        print(result.stdout + result.stderr, file=sys.stderr)
        raise SystemExit("zensical-trial: portal generate failed")

    languages, repo_url, docs_dir = config_facts(ROOT)
    project = work / "project"
    findings = make_project_copy(ROOT, project, "site")
    built, build_findings = build_with_zensical(venv, project, log=log)
    findings += build_findings

    mkdocs_site = work / "mkdocs-site"
    if args.reuse_mkdocs and (mkdocs_site / "index.html").exists():
        log(f"reusing the MkDocs build in {mkdocs_site}")
    else:
        log(f"mkdocs build --strict -d {mkdocs_site}")
        result = subprocess.run([_bin("mkdocs"), "build", "--strict", "-d", str(mkdocs_site)], cwd=ROOT, text=True, capture_output=True)
        if result.returncode != 0:
            print(result.stdout[-3000:] + result.stderr[-3000:], file=sys.stderr)
            raise SystemExit("zensical-trial: the MkDocs build (the reference) failed")
        # make build's last step: the search index, after the engine (not a hook).
        result = subprocess.run([_bin("portal"), "search-index", str(mkdocs_site)], text=True, capture_output=True)
        if result.returncode != 0:
            print(result.stdout + result.stderr, file=sys.stderr)
            raise SystemExit("zensical-trial: the search index of the MkDocs build (the reference) failed")
    if built:
        # The same step after Zensical: search does not depend on the engine.
        log("portal search-index (Zensical's site)")
        result = subprocess.run([_bin("portal"), "search-index", str(project / "site")], text=True, capture_output=True)
        outcome = (result.stdout or result.stderr).strip().splitlines()
        findings.append(
            f"portal search-index over Zensical's site: {outcome[-1] if outcome else 'no output'}"
            + ("" if result.returncode == 0 else f" (exit {result.returncode})")
        )

    tracked = frozenset(_run(["git", "-C", str(ROOT), "ls-files"]).stdout.splitlines())
    versions = engine_versions(venv / "bin" / "python")
    header = ["Zensical versions"] + [f"  {line}" for line in install_lines]
    if built:
        log("comparing the two sites")
        zensical_site = project / "site"
        report = compare_sites(
            mkdocs_site, zensical_site, languages=languages, repo_url=repo_url, tracked=tracked, generated=generated_files(ROOT, docs_dir, tracked)
        )
        text = format_report(report, versions=versions, findings=findings)
        text += f"\nSites: MkDocs {mkdocs_site}, Zensical {zensical_site}\n"
    else:
        text = (
            "Zensical trial: Zensical did not build the site; no comparison\n\n"
            + "\n".join(f"  {k} {v}" for k, v in versions.items())
            + "\n\n"
            + "\n".join(f"  - {line}" for line in findings)
            + "\n"
        )
    text = "\n".join(header) + "\n\n" + text
    print(text, end="")
    if args.report:
        args.report.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
