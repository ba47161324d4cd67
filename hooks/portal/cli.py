"""The `portal` command: check the data, generate pages, export the JSON Schema.

  portal check            validate every city profile and case study; file:line messages, exit 1 on any problem
  portal generate         write the generated pages into content/ (what the build does first)
  portal schema [--write] print (or write to cities/city.schema.json) the profile JSON Schema
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import casestudies, network
from .build import SiteSources
from .cities import DATA_DIR, ProfileErrors, load_network
from .schema import SCHEMA_FILE, schema_text


def _root(args: argparse.Namespace) -> Path:
    return Path(args.root).resolve()


def cmd_check(args: argparse.Namespace) -> int:
    try:
        net = load_network(_root(args))
        library = casestudies.load(net)
    except ProfileErrors as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) found; fix them and run 'portal check' again.", file=sys.stderr)
        return 1
    print(f"{len(net.cities)} city profiles OK.")
    print(f"{len(library.studies)} case studies OK.")
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    sources = SiteSources(_root(args))
    problems = sources.refresh(repo_url=args.repo_url, edit_uri=args.edit_uri, site_url=args.site_url)
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        return 1
    print(sources.report)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    root = _root(args)
    text = schema_text(network.award_years(root / DATA_DIR))
    if args.write:
        (root / SCHEMA_FILE).write_text(text, encoding="utf-8")
        print(f"wrote {SCHEMA_FILE}")
    else:
        sys.stdout.write(text)
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="portal", description="Learning Cities Portal: check data and generate pages.")
    p.add_argument("--root", default=".", help="the repository folder (default: the current folder)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    c = sub.add_parser("check", help="validate every city profile and case study (file:line messages; exit 1 on problems)")
    c.set_defaults(func=cmd_check)
    g = sub.add_parser("generate", help="write generated pages into content/")
    g.add_argument("--repo-url", default="", help="repository URL for 'edit this profile' links")
    g.add_argument("--edit-uri", default="", help="edit path under the repository, e.g. edit/main/content/")
    g.add_argument("--site-url", default="", help="the deployed site's address, for absolute links in feeds")
    g.set_defaults(func=cmd_generate)
    s = sub.add_parser("schema", help="print the JSON Schema of a city profile")
    s.add_argument("--write", action="store_true", help=f"write it to {SCHEMA_FILE}")
    s.set_defaults(func=cmd_schema)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
