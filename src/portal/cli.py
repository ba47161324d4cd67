"""The `portal` command: check the data, scaffold new files, report translation coverage, export schemas.

  portal check [PATH ...]     validate city profiles and case studies (all, or only the files given);
                              file:line messages, or GitHub Actions annotations when GITHUB_ACTIONS=true
  portal new city SLUG ...    write cities/SLUG.yml from cities/_template.yml (validated arguments)
  portal new case-study SLUG  write case-studies/SLUG.md in the case-study format (validated arguments)
  portal coverage             translation coverage per language and field
  portal generate             write the generated pages into content/ (what the build does first)
  portal search-index [SITE]  index a built site for search (make build's last step; the hook while serving)
  portal links [SITE]         check every internal link of a built site (exit 1 if one is broken)
  portal schema [NAME]        print (or --write) the JSON Schemas
  portal import-names         add city names per language from GeoNames' catalogs (libgeonames-common)

Exit codes: 0 success; 1 problems found in the data; 2 wrong command-line use or invalid argument
values; 3 the file to create already exists (nothing is ever overwritten).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from portal.files.yamlfile import Problem
from portal.i18n.languages import LANGUAGES
from portal.model import casestudies, network, siteconfig
from portal.model.cities import CITIES_DIR, NOT_PROFILES, ProfileErrors
from portal.model.loader import load
from portal.site.build import SiteSources
from portal.site.coverage import KINDS, as_dict, coverage, names_to_review
from portal.validate.schema import SCHEMA_FILE, schema_text

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_EXISTS = 0, 1, 2, 3
EXIT_CODES = """exit codes:
  0  success
  1  problems found in the data (each printed as file:line: message)
  2  wrong use of the command, or an invalid argument value
  3  the file to create already exists (nothing is overwritten)"""


def _root(args: argparse.Namespace) -> Path:
    return Path(args.root).resolve()


# ---------------------------------------------------------------------------------------------
# GitHub Actions workflow commands: https://docs.github.com/actions/reference/workflow-commands-for-github-actions


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    """`::error file=cities/x.yml,line=12::message`, escaped as the workflow-command syntax requires."""
    return f"::error file={_escape_property(problem.file)},line={problem.line}::{_escape_data(problem.message)}"


def in_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS", "").lower() == "true"


def report_problems(problems: list[Problem], fmt: str) -> None:
    github = fmt == "github" or (fmt == "auto" and in_github_actions())
    for problem in problems:
        if github:
            print(annotation(problem), flush=True)
        else:
            print(problem, file=sys.stderr)


# ---------------------------------------------------------------------------------------------


def _selected(root: Path, paths: list[str]) -> tuple[set[str], list[str]]:
    """Repository-relative profile paths among `paths`; and the paths that do not exist."""
    wanted, missing = set(), []
    for raw in paths:
        path = Path(raw)
        full = path if path.is_absolute() else Path.cwd() / path
        if not full.exists():
            missing.append(raw)
            continue
        try:
            rel = full.resolve().relative_to(root).as_posix()
        except ValueError:
            missing.append(raw)
            continue
        folder, _, name = rel.rpartition("/")
        if (folder == CITIES_DIR and name not in NOT_PROFILES) or (
            folder in (casestudies.CASE_STUDIES_DIR, casestudies.GENERATED_DIR)  # the second: misplaced (casestudies.misplaced)
            and name.endswith(".md")
            and name not in casestudies.NOT_CASE_STUDIES
        ):
            wanted.add(rel)
    return wanted, missing


def cmd_check(args: argparse.Namespace) -> int:
    root = _root(args)
    wanted: set[str] | None = None
    if args.paths:
        wanted, missing = _selected(root, args.paths)
        if missing:
            for raw in missing:
                print(f"portal check: no such file in the repository: {raw}", file=sys.stderr)
            return EXIT_USAGE
        if not wanted:
            print("No city profiles or case studies among the given files; nothing to check.")
            return EXIT_OK
    library = None
    try:
        net = load(root)
        library = net.case_studies
        problems: list[Problem] = []
    except ProfileErrors as exc:
        net, problems = None, exc.problems
    if wanted is not None:
        # Problems in those files, and duplicates of them reported on another file.
        problems = [p for p in problems if p.file in wanted or any(p.message.endswith(f"it is already in {w}") for w in wanted)]
    if problems:
        report_problems(problems, args.format)
        print(f"{len(problems)} problem(s) found; fix them and run 'portal check' again.", file=sys.stderr)
        return EXIT_PROBLEMS
    if wanted is not None:
        profiles = sum(1 for w in wanted if w.startswith(f"{CITIES_DIR}/"))
        studies = len(wanted) - profiles
    else:
        profiles = len(net.cities)
        studies = len(library.studies) if (root / casestudies.CASE_STUDIES_DIR).is_dir() else 0
    if profiles or not studies:
        print(f"{profiles} city profile{'s' if profiles != 1 else ''} OK.")
    if studies:
        print(f"{studies} case stud{'ies' if studies != 1 else 'y'} OK.")
    return EXIT_OK


GENERATOR_LOG = "mkdocs.plugins.portal"  # under MkDocs' logger, so that the engine shows it while serving


def generate_jobs() -> int:
    """Processes for `portal generate`: as for the engine's build (portal.engine.parallel.jobs:
    two on two cores or more, one with PORTAL_BUILD_JOBS=1), one with PORTAL_PLAIN_BUILD=1; at
    most two (the city pages and the rest)."""
    from portal.engine import parallel, speedups

    return min(2, parallel.jobs()) if speedups.enabled() else 1


def cmd_generate(args: argparse.Namespace) -> int:
    root = _root(args)
    # The generator's own log lines (picture derivatives: ...), which MkDocs shows when it runs it.
    logger = logging.getLogger(GENERATOR_LOG)
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    settings = siteconfig.read(root)  # the engine's own values, unless given here
    sources = SiteSources(root, jobs=generate_jobs())
    problems = sources.refresh(
        repo_url=settings.repo_url if args.repo_url is None else args.repo_url,
        edit_uri=settings.edit_uri if args.edit_uri is None else args.edit_uri,
        site_url=settings.site_url if args.site_url is None else args.site_url,
    )
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in city profiles or case studies: fix the lines above (file:line: rule, got value).", file=sys.stderr)
        return EXIT_PROBLEMS
    print(sources.report)
    return EXIT_OK


def cmd_search_index(args: argparse.Namespace) -> int:
    from portal.site import search  # needs the Pagefind binary only here

    try:
        print(search.build_index(Path(args.site)))
    except search.SearchIndexError as error:
        print(f"portal search-index: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def cmd_links(args: argparse.Namespace) -> int:
    from portal.site import linkcheck

    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"portal links: no built site in {site}/; run `make build` first", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_PROBLEMS if linkcheck.main(site, _root(args)) else EXIT_OK


# Every JSON Schema the project publishes: name -> (file, function of the repository root).
def schemas() -> dict[str, tuple[Path, object]]:
    return {"city": (SCHEMA_FILE, lambda root: schema_text(network.award_years(root)))}


def cmd_schema(args: argparse.Namespace) -> int:
    root = _root(args)
    known = schemas()
    if args.list:
        for name, (path, _) in known.items():
            print(f"{name}\t{path.as_posix()}")
        return EXIT_OK
    names = [args.name] if args.name else list(known)
    if args.name and args.name not in known:
        print(f"portal schema: unknown schema, got {args.name!r}; the schemas are {', '.join(known)}", file=sys.stderr)
        return EXIT_USAGE
    for name in names:
        path, make = known[name]
        text = make(root)
        if args.write:
            (root / path).write_text(text, encoding="utf-8")
            print(f"wrote {path.as_posix()}")
        elif args.name or len(names) == 1:
            sys.stdout.write(text)
    if not args.write and len(names) > 1:
        # Several schemas on stdout: one JSON object {name: schema}.
        sys.stdout.write(json.dumps({n: json.loads(known[n][1](root)) for n in names}, ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def _load(root: Path):
    try:
        return load(root, case_studies=False), []  # profiles, awards and reasons: what coverage and sources need
    except ProfileErrors as exc:
        return None, exc.problems


def cmd_sources(args: argparse.Namespace) -> int:
    from portal.model import sources

    citations = sources.cited(_root(args))
    if not args.check:
        for c in citations:
            print(c)
        return EXIT_OK
    results = sources.check(citations, timeout=args.timeout)
    text = sources.report(citations, results)
    if args.report:
        Path(args.report).write_text(text, encoding="utf-8")
    print(text, end="")
    return EXIT_PROBLEMS if any(s != "ok" for s in results.values()) else EXIT_OK


def cmd_coverage(args: argparse.Namespace) -> int:
    root = _root(args)
    try:
        net, problems = load(root), []
    except ProfileErrors:
        net, problems = _load(root)  # case studies with problems: coverage of the rest
    if net is None:
        report_problems(problems, "text")
        print("Translation coverage needs valid profiles: fix the problems above first.", file=sys.stderr)
        return EXIT_PROBLEMS
    from portal.site.pages import families

    report = coverage(net, skip_folders=set(families()))
    if args.lang:
        report = [c for c in report if c.lang in args.lang]
    if args.format == "json":
        data = as_dict(report)
        data["names_to_review"] = [r.__dict__ for r in names_to_review(net) if not args.lang or r.lang in args.lang]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    print("Translation coverage: texts written in each language (the rest falls back to English).")
    print(f"{'language':<10}" + "".join(f"{k:>18}" for k in KINDS))
    for cov in report:
        cells = []
        for status in cov.kinds():
            pct = "-" if status.percent is None else f"{status.percent}%"
            cells.append(f"{len(status.translated)}/{status.total} {pct:>5}")
        print(f"{cov.lang:<10}" + "".join(f"{c:>18}" for c in cells))
    if args.details:
        for cov in report:
            for status in cov.kinds():
                if status.fallback:
                    print(f"\n{cov.lang} {status.kind} falling back to English ({len(status.fallback)}):")
                    for item in status.fallback:
                        print(f"  {item}")
    review = names_to_review(net)
    transcribed = [r for r in review if r.why == "transcribed"]
    absent = [r for r in review if r.why != "transcribed"]
    print(
        f"\nNames to review: {len(transcribed)} written by transcription rules, {len(absent)} not used by the same language's texts about the city"
        + ("" if args.details else " (--details lists them)")
    )
    if args.details:
        for r in review:
            print(f"  {r.file} {r.lang}: {r.name} ({r.why})")
    print(
        "\nnames: a city's name in the language (needed where the script differs);"
        " summary: cities with a description; reasons: award reasons (data/award-reasons/); pages: hand-written pages in content/."
    )
    return EXIT_OK


def _positive_year(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a year such as 2024, got {text!r}") from None


def _scaffold_failed(command: str, exc: Exception) -> int:
    """Report a refused scaffold: invalid arguments (exit 2) or an existing file (exit 3)."""
    from portal.authoring.scaffold import FileExists

    for message in getattr(exc, "messages", None) or [str(exc)]:
        print(f"{command}: {message}", file=sys.stderr)
    return EXIT_EXISTS if isinstance(exc, FileExists) else EXIT_USAGE


def cmd_new_city(args: argparse.Namespace) -> int:
    from portal.authoring.scaffold import CityArgs, FileExists, ScaffoldError, new_city

    try:
        path = new_city(
            _root(args),
            CityArgs(
                slug=args.slug,
                name=args.name,
                country=args.country,
                region=args.region,
                sources=tuple(args.source or ()),
                joined=args.joined,
                website=args.website,
            ),
        )
    except (ScaffoldError, FileExists) as exc:
        return _scaffold_failed("portal new city", exc)
    rel = path.relative_to(_root(args)).as_posix()
    print(f"wrote {rel}: fill in the optional fields you have a source for, then run 'portal check {rel}'.")
    return EXIT_OK


def cmd_new_case_study(args: argparse.Namespace) -> int:
    from portal.authoring.scaffold import CaseStudyArgs, FileExists, ScaffoldError, new_case_study

    try:
        path = new_case_study(
            _root(args),
            CaseStudyArgs(
                slug=args.slug,
                cities=tuple(args.city),
                title=args.title,
                summary=args.summary,
                year=args.year,
                targets=tuple(args.target),
                themes=tuple(args.theme),
                sources=tuple(args.source),
            ),
        )
    except (ScaffoldError, FileExists) as exc:
        return _scaffold_failed("portal new case-study", exc)
    print(f"wrote {path.relative_to(_root(args)).as_posix()}: write the text, with facts from its sources only.")
    return EXIT_OK


def cmd_import_names(args: argparse.Namespace) -> int:
    from portal.authoring.import_names import ImportError_, import_names

    root = _root(args)
    files = None
    if args.paths:
        files = [Path(p).resolve() for p in args.paths]
        missing = [p for p, f in zip(args.paths, files) if not f.is_file()]
        if missing:
            print(f"portal import-names: no such profile, got {', '.join(missing)}", file=sys.stderr)
            return EXIT_USAGE
    try:
        outcomes, problems = import_names(root, Path(args.locale_dir), files, write=not args.dry_run)
    except ImportError_ as exc:
        print(f"portal import-names: {exc}", file=sys.stderr)
        return EXIT_USAGE
    report_problems(problems, "text")
    added = kept = 0
    for o in outcomes:
        if o.added:
            added += len(o.added)
            print(
                f"{o.file}:{o.line}: {'would add' if args.dry_run else 'added'} "
                + ", ".join(
                    f"{lang} {f.name}" + (f" (from {f.locale}, converted to Simplified)" if f.locale in ("zh", "zh_TW") else "") for lang, f in o.added.items()
                )
            )
        for lang in o.corrected:
            print(f"{o.file}:{o.line}: names.{lang} differs from GeoNames: corrected by hand, kept and now counted as hand-written")
        for lang, name in o.other_script.items():
            print(f"{o.file}:{o.line}: {lang} name {name!r} in GeoNames is not in the language's script or has characters a name may not have; not imported")
        kept += len(o.kept) + len(o.corrected)
        if o.unknown_id:
            print(f"{o.file}:{o.line}: geonames_id is in none of the catalogs; no name imported")
    changed = sum(o.text is not None for o in outcomes)
    print(
        f"{added} name{'s' if added != 1 else ''} {'to add' if args.dry_run else 'added'} in {changed} profile{'s' if changed != 1 else ''}; "
        f"{kept} hand-written name{'s' if kept != 1 else ''} that differ from GeoNames kept; "
        f"{sum(o.unknown_id for o in outcomes)} geonames_id not in the catalogs."
    )
    return EXIT_PROBLEMS if problems else EXIT_OK


def parser() -> argparse.ArgumentParser:
    fmt = argparse.RawDescriptionHelpFormatter
    p = argparse.ArgumentParser(
        prog="portal",
        description="Learning Cities Portal: check data, scaffold new files, report translations, generate pages.",
        epilog=EXIT_CODES,
        formatter_class=fmt,
    )
    p.add_argument("--root", default=".", help="the repository folder (default: the current folder)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    c = sub.add_parser(
        "check",
        help="validate city profiles and case studies (file:line messages; exit 1 on problems)",
        epilog=EXIT_CODES,
        formatter_class=fmt,
        description="Validate city profiles: every problem as file:line: message. With PATHs (as pre-commit passes them), "
        "report only problems in those files. In GitHub Actions (GITHUB_ACTIONS=true) problems are printed as "
        "::error annotations, shown on the pull request's changed lines.",
    )
    c.add_argument("paths", nargs="*", metavar="PATH", help="check only these files (other files are ignored; default: every profile)")
    c.add_argument(
        "--format",
        choices=("auto", "text", "github"),
        default="auto",
        help="text: file:line: message; github: ::error annotations; auto (default): github when GITHUB_ACTIONS=true",
    )
    c.set_defaults(func=cmd_check)

    n = sub.add_parser(
        "new",
        help="create a city profile or case study from the template",
        epilog=EXIT_CODES,
        formatter_class=fmt,
        description="Create a new file from the template. Arguments are checked by the same rules as 'portal check'; an existing file is never overwritten.",
    )
    nsub = n.add_subparsers(dest="kind", required=True, metavar="KIND")
    nc = nsub.add_parser(
        "city",
        help="write cities/SLUG.yml from cities/_template.yml",
        epilog=EXIT_CODES,
        formatter_class=fmt,
        description="Write cities/SLUG.yml: the given values, and the template's optional fields as comments to fill in.",
    )
    nc.add_argument("slug", metavar="SLUG", help="file name without .yml, the page address: lowercase letters, digits, hyphens (e.g. lyon)")
    nc.add_argument("--name", required=True, help="the city's name as UNESCO lists it (e.g. 'Câmara de Lobos')")
    nc.add_argument("--country", required=True, help="ISO 3166-1 alpha-2 code, two capital letters (e.g. FR, KE, NO)")
    nc.add_argument("--region", required=True, help="UNESCO region, e.g. 'Europe and North America' (or its id, e.g. europe-north-america)")
    nc.add_argument("--source", action="append", required=True, metavar="URL", help="a public web page supporting the facts; required, repeat for more")
    nc.add_argument("--joined", type=_positive_year, metavar="YEAR", help="year the city joined the network (only with a source)")
    nc.add_argument("--website", metavar="URL", help="the city's official website")
    nc.set_defaults(func=cmd_new_city)
    ns = nsub.add_parser(
        "case-study",
        help="write case-studies/SLUG.md",
        epilog=EXIT_CODES,
        formatter_class=fmt,
        description="Write case-studies/SLUG.md in the case-study format (case-studies/README.md): "
        "front matter (title, summary, city, year, sdg_targets, themes, sources, updated) and a heading, "
        "for you to write the text under.",
    )
    ns.add_argument("slug", metavar="SLUG", help="file name without .md: lowercase letters, digits, hyphens (e.g. nanjing-2024)")
    ns.add_argument("--city", action="append", required=True, metavar="CITY", help="the city's profile name, as in cities/CITY.yml; repeat for several")
    ns.add_argument("--title", required=True, help="the case study's title, one line")
    ns.add_argument("--summary", required=True, help="one or two sentences on what the city did (shown in lists and feeds)")
    ns.add_argument("--year", required=True, type=_positive_year, help="the year of the activity described")
    ns.add_argument(
        "--target", action="append", required=True, metavar="TARGET", help="an SDG 4 or SDG 11 target it advances (e.g. 4.3, 11.a); repeat for more"
    )
    ns.add_argument("--theme", action="append", required=True, metavar="THEME", help="a theme id from data/themes.yml (e.g. equity-inclusion); repeat for more")
    ns.add_argument("--source", action="append", required=True, metavar="URL", help="a public web page supporting the facts; repeat for more")
    ns.set_defaults(func=cmd_new_case_study)

    cov = sub.add_parser(
        "coverage",
        help="translation coverage per language and field",
        epilog=EXIT_CODES,
        formatter_class=fmt,
        description="How much is written in each language: hand-written pages, city names and city summaries. "
        "What is missing falls back to English (with a notice on the page).",
    )
    cov.add_argument("--lang", action="append", choices=[lang for lang in LANGUAGES if lang != "en"], help="only this language; repeat for more")
    cov.add_argument("--format", choices=("text", "json"), default="text", help="text table (default) or JSON")
    cov.add_argument("--details", action="store_true", help="list every page and city that falls back to English")
    cov.set_defaults(func=cmd_coverage)

    g = sub.add_parser(
        "generate",
        help="write generated pages into content/",
        epilog=EXIT_CODES,
        formatter_class=fmt,
        description="Validate the profiles and case studies and write the generated pages into content/ and the theme's data into overrides/generated/ (the build's first step: make build runs it before the engine).",
    )
    g.add_argument("--repo-url", default=None, help="repository URL for 'edit this page' links (default: repo_url of mkdocs.yml)")
    g.add_argument("--edit-uri", default=None, help="edit path under the repository, e.g. edit/main/content/ (default: edit_uri of mkdocs.yml)")
    g.add_argument("--site-url", default=None, help="the deployed site's address, for absolute links in feeds (default: site_url of mkdocs.yml)")
    g.set_defaults(func=cmd_generate)

    si = sub.add_parser(
        "search-index",
        help="index a built site for search (Pagefind, one index per language)",
        epilog=EXIT_CODES,
        formatter_class=fmt,
        description="Index the built site in SITE for search, one Pagefind index per language, into SITE/pagefind/ (make build runs it after the engine).",
    )
    si.add_argument("site", nargs="?", default="site", help="the built site's folder (default: site)")
    si.set_defaults(func=cmd_search_index)

    lk = sub.add_parser(
        "links",
        help="check every internal link of a built site",
        epilog=EXIT_CODES,
        formatter_class=fmt,
        description="Follow every link, picture, script and sitemap address of the built site in SITE, with fragments; list external addresses without fetching them. Exit 1 if a link is broken.",
    )
    lk.add_argument("site", nargs="?", default="site", help="the built site's folder (default: site)")
    lk.set_defaults(func=cmd_links)

    src = sub.add_parser(
        "sources",
        help="list the cited web pages; --check asks each whether it still answers",
        epilog=EXIT_CODES,
        formatter_class=fmt,
        description="Every web address cited in profiles, case studies, award reasons and the award data, as 'file:line url'. "
        "With --check, ask each page once (needs the network) and report those that do not answer; exit 1 if any.",
    )
    src.add_argument("--check", action="store_true", help="ask every page (HEAD, then GET) and report the ones that do not answer")
    src.add_argument("--report", metavar="FILE", help="with --check, also write the report (Markdown) to FILE")
    src.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for each page (default 20)")
    src.set_defaults(func=cmd_sources)

    s = sub.add_parser(
        "schema",
        help="print or write the JSON Schemas",
        epilog=EXIT_CODES,
        formatter_class=fmt,
        description="Print a JSON Schema (or, without NAME, all of them), or write them to their files with --write.",
    )
    s.add_argument("name", nargs="?", metavar="NAME", help="one schema (see --list); default: all")
    s.add_argument("--write", action="store_true", help=f"write to the schema files (e.g. {SCHEMA_FILE.as_posix()})")
    s.add_argument("--list", action="store_true", help="list the schemas and their files")
    s.set_defaults(func=cmd_schema)

    im = sub.add_parser(
        "import-names",
        help="add city names per language from GeoNames' gettext catalogs",
        epilog=EXIT_CODES,
        formatter_class=fmt,
        description="Add to each profile with a geonames_id the names it lacks in fr, es, ar, ru and zh, from GeoNames' "
        "catalogs as Debian's libgeonames-common ships them (<DIR>/<locale>/LC_MESSAGES/geonames.mo; Chinese "
        "from zh_CN, else zh or zh_TW converted to Simplified), and record each under names_source (geonames). "
        "A name without a names_source entry is hand-written and never changed; an imported name edited by hand "
        "becomes hand-written. Only the added lines change in each file.",
    )
    im.add_argument("paths", nargs="*", metavar="PATH", help="only these profiles (default: every profile in cities/)")
    from portal.authoring.import_names import DEFAULT_LOCALE_DIR

    im.add_argument(
        "--locale-dir",
        default=str(DEFAULT_LOCALE_DIR),
        metavar="DIR",
        help=f"the folder of the catalogs (default: {DEFAULT_LOCALE_DIR}, where apt-get install libgeonames-common puts them)",
    )
    im.add_argument("--dry-run", action="store_true", help="print what would be added; change no file")
    im.set_defaults(func=cmd_import_names)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
