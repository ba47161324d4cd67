"""New files from templates: a city profile (from cities/_template.yml) and a case study.

Arguments are validated by the same rules as the check (rules.py), before anything is written;
an existing file is never overwritten.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from portal.files.yamlfile import Problem, parse_yaml, read_yaml
from portal.model import network
from portal.model.cities import CITIES_DIR, DATA_DIR, TEMPLATE, profile_files
from portal.validate.profile import FIELDS, FIRST_YEAR, REGIONS, SLUG, Context, check_profile

CASE_STUDIES_DIR = Path("case-studies")
# The targets of SDG 4 and SDG 11 (UN resolution A/RES/70/1), used when data/sdg_targets.csv is absent.
SDG_TARGETS = tuple(f"{g}.{t}" for g in (4, 11) for t in (*range(1, 8), "a", "b", "c"))
THEME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class ScaffoldError(Exception):
    """Invalid arguments: one message per problem, each naming the option."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("\n".join(messages))


class FileExists(Exception):
    """The file to write is already there."""


@dataclass(frozen=True)
class CityArgs:
    slug: str
    name: str
    country: str
    region: str
    sources: tuple[str, ...]
    joined: int | None = None
    website: str | None = None


OPTION = {"name": "--name", "country": "--country", "region": "--region", "sources": "--source", "joined": "--joined", "website": "--website"}


def _scalar(value: object) -> str:
    """One YAML scalar, quoted where YAML needs it (NO, 'yes', ': ', ...)."""
    text = yaml.safe_dump(value, allow_unicode=True, width=10_000, default_flow_style=True)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def template_blocks(template: str) -> tuple[list[str], dict[str, list[str]]]:
    """The template's header comment and, per field, its block of lines (comments + value lines)."""
    lines = template.splitlines()
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    header, fields = blocks[0], {}
    for block in blocks[1:]:
        key_line = next((ln for ln in block if ln and not ln.startswith("#") and not ln.startswith(" ")), None)
        if key_line:
            fields[key_line.split(":", 1)[0]] = block
    return header, fields


def city_text(args: CityArgs, template: str) -> str:
    """The new profile: the template's explanations, the given values, other fields commented out."""
    _, blocks = template_blocks(template)
    values: dict[str, list[str]] = {
        "name": [f"name: {_scalar(args.name)}"],
        "country": [f"country: {_scalar(args.country)}"],
        "region": [f"region: {_scalar(args.region)}"],
        "sources": ["sources:", *(f"  - {_scalar(s)}" for s in args.sources)],
    }
    if args.joined is not None:
        values["joined"] = [f"joined: {_scalar(args.joined)}"]
    if args.website:
        values["website"] = [f"website: {_scalar(args.website)}"]
    out = [
        "# yaml-language-server: $schema=city.schema.json",
        f"# Profile of {args.name}, created with `portal new city` from cities/_template.yml.",
        "# Lines starting with '#' are comments. The optional fields below are commented out, with the",
        "# template's example values (Lyon): to use one, remove the '# ' in front of its lines and put",
        "# in this city's value, from a public source listed under 'sources'. Delete the others.",
        "# Every field is explained in cities/README.md and on the site's field reference page.",
    ]
    for key in FIELDS:
        block = blocks.get(key, [])
        comments = [ln for ln in block if ln.startswith("#")]
        body = [ln for ln in block if not ln.startswith("#")]
        out.append("")
        out.extend(comments)
        out.extend(values[key] if key in values else [f"# {ln}" for ln in body])
    return "\n".join(out) + "\n"


def _region(value: str) -> str:
    """Accept the English region name or its id (arab-states); return the name."""
    by_id = {v: k for k, v in REGIONS.items()}
    return by_id.get(value.strip(), value.strip())


def new_city(root: Path, args: CityArgs) -> Path:
    """Validate the arguments and write cities/<slug>.yml; return its path."""
    errors: list[str] = []
    if not SLUG.match(args.slug):
        errors.append(f"SLUG must be lowercase letters, digits and hyphens (it becomes the page address /cities/SLUG/), got {args.slug!r}")
    if not args.sources:
        errors.append("--source is required: give at least one public web page that supports the facts (--source https://...)")
    args = CityArgs(**{**args.__dict__, "region": _region(args.region), "country": args.country.strip()})
    rel = f"{CITIES_DIR}/{args.slug}.yml"
    path = root / rel
    if not errors and path.exists():
        raise FileExists(f"{rel} already exists; edit it instead (portal new never overwrites a file)")
    text = city_text(args, (root / CITIES_DIR / TEMPLATE).read_text(encoding="utf-8"))
    doc, problems = parse_yaml(text, rel)
    if doc is not None:
        problems = check_profile(doc, Context(award_years=network.award_years(root)))
    errors += [_option_message(p, doc) for p in problems if not (p.message.startswith("sources must") and not args.sources)]
    if errors:
        raise ScaffoldError(errors)
    if dup := _duplicate(root, args):
        raise ScaffoldError([f"--name: each city must have one profile, got '{args.name}' ({args.country}) again; it is already in {dup}"])
    path.write_text(text, encoding="utf-8")
    return path


def _option_message(problem: Problem, doc) -> str:
    """A rule's message, prefixed with the command-line option that gave the value."""
    if doc is not None:
        for path, line in doc.lines.items():
            if path and line == problem.line and path[0] in OPTION:
                return f"{OPTION[path[0]]}: {problem.message}"  # a source's line is ('sources', i)
    return problem.message


def _duplicate(root: Path, args: CityArgs) -> str | None:
    files, _ = profile_files(root)
    for path in files:
        doc, _ = read_yaml(path, path.name)
        if doc is not None and isinstance(doc.data, dict):
            name, country = doc.data.get("name"), doc.data.get("country")
            if isinstance(name, str) and name.strip().casefold() == args.name.strip().casefold() and country == args.country:
                return f"{CITIES_DIR}/{path.name}"
    return None


# ------------------------------------------------------------------------------------------------
# Case studies: a Markdown page with front matter, in the case-study format of the portal
# (case-studies/README.md): title, summary, city, year, sdg_targets, themes, sources,
# updated. The site build validates case studies in full; the scaffold checks its arguments.


@dataclass(frozen=True)
class CaseStudyArgs:
    slug: str
    cities: tuple[str, ...]
    title: str
    summary: str
    year: int
    targets: tuple[str, ...]
    themes: tuple[str, ...]
    sources: tuple[str, ...]


def sdg_targets(root: Path) -> tuple[str, ...]:
    """Target ids from data/sdg_targets.csv when the repository has it, else the official list."""
    path = root / DATA_DIR / "sdg_targets.csv"
    if path.is_file():
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        if rows and "target" in rows[0]:
            return tuple(r["target"].strip() for r in rows if r["target"].strip())
    return SDG_TARGETS


def theme_ids(root: Path) -> tuple[str, ...] | None:
    """Theme ids from data/themes.yml (every list of {id: ...} in it), or None without the file."""
    path = root / DATA_DIR / "themes.yml"
    if not path.is_file():
        return None
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return tuple(item["id"] for group in data.values() if isinstance(group, list) for item in group if isinstance(item, dict) and "id" in item)


def case_study_text(args: CaseStudyArgs, today: dt.date) -> str:
    city = _scalar(args.cities[0]) if len(args.cities) == 1 else "[" + ", ".join(_scalar(c) for c in args.cities) + "]"
    lines = [
        "---",
        f"title: {_scalar(args.title)}",
        f"summary: {_scalar(args.summary)}",
        f"city: {city}",
        f"year: {args.year}",
        f"sdg_targets: [{', '.join(_quoted(t) for t in args.targets)}]",
        f"themes: [{', '.join(_scalar(t) for t in args.themes)}]",
        "sources:",
        *(f"  - {_scalar(s)}" for s in args.sources),
        f"updated: {today.isoformat()}",
        "---",
        "",
        f"# {args.title}",
        "",
        "<!-- Created with `portal new case-study`. Write the case study here, in plain language: what",
        "     the city did, for whom, and what changed, with facts from the sources above only.",
        "     Translations go next to this file (" + ", ".join(f"{args.slug}.{l}.md" for l in ("fr", "es", "ar", "zh", "ru")) + ")",
        "     and hold only title, summary and updated in their front matter. -->",
        "",
    ]
    return "\n".join(lines)


def _quoted(target: str) -> str:
    return '"' + target + '"'  # quoted: YAML would read 4.10 as the number 4.1


def new_case_study(root: Path, args: CaseStudyArgs, today: dt.date | None = None) -> Path:
    """Validate the arguments and write case-studies/<slug>.md; return its path."""
    today = today or dt.date.today()
    errors: list[str] = []
    if not SLUG.match(args.slug):
        errors.append(f"SLUG must be lowercase letters, digits and hyphens (it becomes the page address), got {args.slug!r}")
    for city in args.cities:
        if not SLUG.match(city) or not (root / CITIES_DIR / f"{city}.yml").is_file():
            errors.append(f"--city must be the file name of a city profile without .yml (cities/<city>.yml), got {city!r}")
    for option, value, limit in (("--title", args.title, 200), ("--summary", args.summary, 500)):
        if not value.strip() or len(value) > limit or "\n" in value:
            errors.append(f"{option} must be one line of text of at most {limit} characters, got {value!r}")
    if not FIRST_YEAR <= args.year <= today.year:
        errors.append(f"--year must be a year from {FIRST_YEAR} (the network's launch) to {today.year}, got {args.year}")
    known = sdg_targets(root)
    for target in args.targets:
        if target not in known:
            errors.append(f"--target must be an SDG 4 or SDG 11 target such as 4.3 or 11.a, got {target!r}")
    themes = theme_ids(root)
    for theme in args.themes:
        if themes is not None and theme not in themes:
            errors.append(f"--theme must be a theme id from data/themes.yml ({', '.join(themes)}), got {theme!r}")
        elif themes is None and not THEME.match(theme):
            errors.append(f"--theme must be lowercase words joined by hyphens, such as equity-inclusion, got {theme!r}")
    for url in args.sources:
        if not re.match(r"^https?://[^\s/]+\.[^\s]+$", url):
            errors.append(f"--source must be a web address starting with https:// or http://, got {url!r}")
    for option, values in (("--city", args.cities), ("--target", args.targets), ("--theme", args.themes), ("--source", args.sources)):
        if len(set(values)) != len(values):
            errors.append(f"each {option} must be given once, got {', '.join(sorted({v for v in values if values.count(v) > 1}))} twice")
    if errors:
        raise ScaffoldError(errors)
    rel = CASE_STUDIES_DIR / f"{args.slug}.md"
    path = root / rel
    if path.exists():
        raise FileExists(f"{rel.as_posix()} already exists; edit it instead (portal new never overwrites a file)")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(case_study_text(args, today), encoding="utf-8")
    return path
