"""`portal import-names`: a city's name in each site language, from GeoNames' gettext catalogs.

GeoNames (geonames.org, CC BY 4.0) publishes names tagged by language; Debian's package
`libgeonames-common` ships them as one gettext catalog per locale,
`<locale dir>/<locale>/LC_MESSAGES/geonames.mo`, where a message's id is a GeoNames id and its
text the place's name. For each profile with a `geonames_id` the importer adds the names the
profile lacks under `names:` and records them under `names_source:` (`<lang>: geonames`), which
the site uses to credit GeoNames. The profile text is edited in place, line by line: comments,
order and every other line stay as they were.

Never overwritten: a name without a `names_source` entry is hand-written. An imported name that
no longer equals the catalog's has been corrected by hand: its `names_source` entry is removed,
so it counts as hand-written from then on (to take GeoNames' name again, delete the line and
import again). A name equal to the Latin `name:` is not written (the page shows `name:`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from portal.files.yamlfile import Loader, Problem, read_yaml
from portal.validate.profile import bad_name_chars

SOURCE = "geonames"  # the one value of names_source.<lang> today
DEFAULT_LOCALE_DIR = Path("/usr/share/locale")
CATALOG = "LC_MESSAGES/geonames.mo"
# Site language -> catalogs to read, first found wins; Chinese: Simplified first, then the
# generic and Taiwanese catalogs converted to Simplified (OpenCC t2s).
LOCALES: dict[str, tuple[str, ...]] = {
    "fr": ("fr",),
    "es": ("es",),
    "ar": ("ar",),
    "ru": ("ru",),
    "zh": ("zh_CN", "zh", "zh_TW"),
}
TO_SIMPLIFIED = frozenset({"zh", "zh_TW"})
# The script a language's names are written in (Unicode character-name prefix): the Arabic
# catalog holds some romanised names (Dumyāţ), which are not Arabic names.
SCRIPTS = {"fr": "LATIN", "es": "LATIN", "ar": "ARABIC", "ru": "CYRILLIC", "zh": "CJK"}


class ImportError_(Exception):
    """A problem that stops the import: one line, shown as is."""


@cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """Traditional Chinese -> Simplified (OpenCC's t2s tables): '阿爾科巴薩' -> '阿尔科巴萨'."""
    return _t2s().convert(text)


def read_catalog(path: Path) -> dict[int, str]:
    """GeoNames id -> name from one .mo catalog; ImportError_ with a one-line reason if unreadable."""
    import io

    from babel.messages.mofile import read_mo

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportError_(f"{path}: cannot read the catalog ({exc.strerror})") from None
    try:
        catalog = read_mo(io.BytesIO(raw))
    except Exception as exc:  # OSError (bad magic number), struct.error, UnicodeDecodeError...: not a .mo file
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        raise ImportError_(f"{path}: not a valid gettext catalog (.mo file): {reason}; reinstall libgeonames-common or give another --locale-dir") from None
    names: dict[int, str] = {}
    for message in catalog:
        if isinstance(message.id, str) and message.id.isdigit() and isinstance(message.string, str) and message.string.strip():
            names[int(message.id)] = " ".join(message.string.split())
    return names


def in_script(name: str, lang: str) -> bool:
    """Whether every letter of `name` is in the script of `lang`."""
    import unicodedata

    return all(unicodedata.name(c, "").startswith(SCRIPTS[lang]) for c in name if c.isalpha())


@dataclass(frozen=True)
class Found:
    name: str
    locale: str  # the catalog it came from, e.g. zh_TW


def load_catalogs(folder: Path) -> dict[str, dict[int, Found]]:
    """Site language -> GeoNames id -> name, from the catalogs under `folder`."""
    if not folder.is_dir():
        raise ImportError_(
            f"{folder}: not a readable folder of gettext catalogs; install Debian's libgeonames-common "
            f"(it puts them in {DEFAULT_LOCALE_DIR}) or give the folder with --locale-dir"
        )
    found: dict[str, dict[int, Found]] = {}
    read = 0
    for lang, locales in LOCALES.items():
        merged: dict[int, Found] = {}
        for loc in locales:
            path = folder / loc / CATALOG
            if not path.exists():
                continue
            read += 1
            for gid, name in read_catalog(path).items():
                if gid not in merged:
                    merged[gid] = Found(simplified(name) if loc in TO_SIMPLIFIED else name, loc)
        found[lang] = merged
    if not read:
        wanted = ", ".join(f"{loc}/{CATALOG}" for locs in LOCALES.values() for loc in locs)
        raise ImportError_(f"{folder}: no GeoNames catalog found (looked for {wanted}); give the folder that holds them with --locale-dir")
    return found


# ---------------------------------------------------------------------------------------------
# Editing a profile's text


def scalar(value: str) -> str:
    """A YAML scalar, quoted only where YAML needs it."""
    plain = yaml.safe_dump(value, allow_unicode=True, width=10_000).removesuffix("\n...\n").strip()
    return json.dumps(value, ensure_ascii=False) if plain.startswith(("'", '"')) or "\n" in plain else plain


def _top_level(text: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    root = yaml.compose(text, Loader=Loader)
    return {k.value: (k, v) for k, v in root.value} if isinstance(root, yaml.MappingNode) else {}


def _end_line(node: yaml.Node) -> int:
    """The 0-based index of the line after a node's last line (a block ends at its last entry,
    not at the comments and blank lines that follow it)."""
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        return _end_line(last[1] if isinstance(last, tuple) else last)
    end = node.end_mark
    return end.line if end.column == 0 else end.line + 1


def _block_edit(lines: list[str], text: str, key: str, after: str, add: dict[str, str], remove: Iterable[str] = ()) -> list[str]:
    """Add `lang: value` entries to the top-level mapping `key` (created after the entry `after`
    when absent) and remove the entries `remove`; other lines are left as they are."""
    remove = set(remove)
    nodes = _top_level(text)
    if key not in nodes:
        if not add:
            return lines
        at = _end_line(nodes[after][1]) if after in nodes else len(lines)
        block = [f"{key}:\n"] + [f"  {lang}: {scalar(v)}\n" for lang, v in add.items()]
        return lines[:at] + block + lines[at:]
    key_node, value = nodes[key]
    if isinstance(value, yaml.MappingNode) and not value.flow_style and value.value:
        indent = " " * value.value[0][0].start_mark.column
        out = list(lines)
        at = _end_line(value)
        # Entries that span a single line each (names and sources always do) can be removed.
        for k, v in reversed(value.value):
            if k.value in remove and k.start_mark.line == v.end_mark.line:
                del out[k.start_mark.line]
                at -= 1
        kept = [k for k, _ in value.value if k.value not in remove]
        if not kept and not add:  # the block is now empty: remove its key line too
            del out[key_node.start_mark.line]
            return out
        return out[:at] + [f"{indent}{lang}: {scalar(v)}\n" for lang, v in add.items()] + out[at:]
    # A flow mapping ({zh: 北京}) or an empty value: rewrite the entry as a block.
    data = yaml.load(yaml.serialize(value), Loader=Loader) if isinstance(value, yaml.MappingNode) else None
    entries = {k: v for k, v in (data or {}).items() if k not in remove} | add
    first, last = key_node.start_mark.line, _end_line(value)
    block = [f"{key}:\n"] + [f"  {lang}: {scalar(str(v))}\n" for lang, v in entries.items()] if entries else []
    return lines[:first] + block + lines[last:]


@dataclass
class Outcome:
    """What the import did to one profile."""

    file: str
    added: dict[str, Found] = field(default_factory=dict)
    corrected: list[str] = field(default_factory=list)  # imported names changed by hand: now hand-written
    kept: list[str] = field(default_factory=list)  # hand-written names that differ from GeoNames
    same_as_latin: list[str] = field(default_factory=list)
    other_script: dict[str, str] = field(default_factory=dict)  # catalog names not in the script (or not valid names)
    unknown_id: bool = False
    line: int = 1  # the geonames_id line, for messages
    text: str | None = None  # the new text, when it changed


def plan(file: str, text: str, data: dict, catalogs: dict[str, dict[int, Found]]) -> Outcome:
    """The import's effect on one profile (`data` is its parsed, valid content)."""
    out = Outcome(file)
    gid = data.get("geonames_id")
    if not isinstance(gid, int) or isinstance(gid, bool):
        return out
    names = data.get("names") or {}
    source = data.get("names_source") or {}
    latin = str(data.get("name", "")).strip()
    if not any(gid in catalogs[lang] for lang in catalogs):
        out.unknown_id = True
    for lang, catalog in catalogs.items():
        found = catalog.get(gid)
        current = names.get(lang)
        if current is not None:
            if found is not None and current.strip() != found.name:
                (out.corrected if source.get(lang) == SOURCE else out.kept).append(lang)
            continue
        if found is None:
            continue
        if found.name.casefold() == latin.casefold():
            out.same_as_latin.append(lang)
            continue
        if not in_script(found.name, lang) or bad_name_chars(found.name):
            out.other_script[lang] = found.name
            continue
        out.added[lang] = found
    if out.added or out.corrected:
        lines = text.splitlines(keepends=True)
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        add = {lang: f.name for lang, f in out.added.items()}
        lines = _block_edit(lines, "".join(lines), "names", "name", add)
        lines = _block_edit(lines, "".join(lines), "names_source", "names", dict.fromkeys(add, SOURCE), out.corrected)
        new = "".join(lines)
        after = yaml.load(new, Loader=Loader)
        expected = dict(data)
        expected["names"] = {**names, **add}
        expected_source = {k: v for k, v in {**source, **dict.fromkeys(add, SOURCE)}.items() if k not in out.corrected}
        if expected_source:
            expected["names_source"] = expected_source
        else:
            expected.pop("names_source", None)
        if {k: after.get(k) for k in ("names", "names_source")} != {k: expected.get(k) for k in ("names", "names_source")} or {
            k: v for k, v in after.items() if k not in ("names", "names_source")
        } != {k: v for k, v in data.items() if k not in ("names", "names_source")}:
            raise ImportError_(
                f"{file}: could not add the names without changing other lines; add them by hand: "
                + ", ".join(f"{lang}: {f.name}" for lang, f in out.added.items())
            )
        out.text = new
    return out


def import_names(root: Path, locale_dir: Path, files: list[Path] | None = None, write: bool = True) -> tuple[list[Outcome], list[Problem]]:
    """Import into every profile under root/cities (or `files`); returns outcomes and unreadable files."""
    from portal.validate.filenames import profile_files

    catalogs = load_catalogs(locale_dir)
    paths, problems = profile_files(root) if files is None else (files, [])
    outcomes: list[Outcome] = []
    for path in paths:
        rel = path.relative_to(root).as_posix() if path.is_absolute() and path.is_relative_to(root) else path.as_posix()
        doc, found = read_yaml(path, rel)
        if doc is None or not isinstance(doc.data, dict):
            problems.extend(found or [Problem(rel, 1, "a profile must be a block of 'key: value' lines; skipped")])
            continue
        text = path.read_text(encoding="utf-8-sig")
        if not isinstance(doc.data.get("names") or {}, dict) or not isinstance(doc.data.get("names_source") or {}, dict):
            problems.append(Problem(rel, doc.line("names"), "names and names_source must be blocks of languages; fix them (portal check) and import again"))
            continue
        outcome = plan(rel, text, doc.data, catalogs)
        outcome.line = doc.line("geonames_id")
        if outcome.text is not None and write:
            path.write_text(outcome.text, encoding="utf-8")
        outcomes.append(outcome)
    return outcomes, problems
