"""Every public page the data cites, where it is cited, and whether it still answers.

`portal sources` lists them (`file:line url`); `portal sources --check` asks each page once and
reports the ones that no longer answer, as Markdown for the scheduled workflow
(.github/workflows/sources.yml) that opens or updates an issue. Nothing here runs in the build
or the tests' real data: the check needs the network.
"""

from __future__ import annotations

import csv
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from portal.files import frontmatter, reading
from portal.files.yamlfile import Document, read_yaml
from portal.model import casestudies
from portal.model.cities import CITIES_DIR, profile_files
from portal.model.reasons import REASONS_DIR

DATA_FILES = ("data/learning_city_awards.csv", "data/conferences.csv", "data/network_growth.csv")
HOME_PAGES = "content/index*.md"  # the hand-written home page and its translations: front matter sources:
USER_AGENT = "learning-cities-portal source check (+https://github.com/unesco-uil/learning-cities-portal)"


@dataclass(frozen=True)
class Citation:
    url: str
    file: str  # repository-relative
    line: int
    key: str = ""  # the field that cites it in a YAML file: sources, summary_sources, website, ...

    def __str__(self) -> str:
        return f"{self.file}:{self.line} {self.url}"


def _yaml_urls(doc, keys: Iterable[tuple]) -> Iterator[Citation]:
    """URLs at the given key paths of a document; a list value gives one citation per item."""
    for path in keys:
        value = doc.data
        for k in path:
            value = value.get(k) if isinstance(value, dict) else None
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            url = item.get("url") if isinstance(item, dict) else item
            if isinstance(url, str) and url.strip().startswith(("http://", "https://")):
                at = (*path, i) if isinstance(value, list) else path
                yield Citation(url.strip(), doc.file, doc.line(*at), str(path[-1]))


def cited(root: Path, profiles: dict[str, Document] | None = None) -> list[Citation]:
    """Every web address cited in profiles, case studies, award reasons, the network data and the
    home page. `profiles`: documents already parsed, by file (cities/lyon.yml), not read again."""
    root = Path(root)
    found: list[Citation] = []
    files, _ = profile_files(root)
    for path in files:
        rel = f"{CITIES_DIR}/{path.name}"
        doc = (profiles or {}).get(rel) or read_yaml(path, rel)[0]
        if doc is not None and isinstance(doc.data, dict):
            found += _yaml_urls(doc, [("sources",), ("summary_sources",), ("website",)])
    folder = root / casestudies.CASE_STUDIES_DIR
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        doc, _ = frontmatter.read(path, f"{casestudies.CASE_STUDIES_DIR}/{path.name}")
        if doc is not None and isinstance(doc.data, dict):
            found += _yaml_urls(doc, [("sources",)])
    for path in sorted(root.glob(HOME_PAGES)):
        doc, _ = frontmatter.read(path, f"content/{path.name}", what="a page")
        if doc is not None and isinstance(doc.data, dict):
            found += _yaml_urls(doc, [("sources",)])
    for path in sorted((root / REASONS_DIR).glob("*.yml")):
        doc, _ = read_yaml(path, f"{REASONS_DIR}/{path.name}")
        if doc is not None and isinstance(doc.data, dict):
            found += _yaml_urls(doc, [(slug, "source") for slug in doc.data])
    for rel in DATA_FILES:
        path = root / rel
        if path.is_file():
            with reading.open_text(path) as fh:
                reader = csv.DictReader(fh)
                for row in reader:
                    url = (row.get("source") or "").strip()
                    if url.startswith(("http://", "https://")):
                        found.append(Citation(url, rel, reader.line_num))
    return found


def status(url: str, timeout: float = 20.0) -> str:
    """'ok', or why the page does not answer ('404', 'timeout', ...). HEAD first, then GET."""
    last = ""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                if response.status < 400:
                    return "ok"
                last = str(response.status)
        except urllib.error.HTTPError as exc:
            last = str(exc.code)
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            last = type(getattr(exc, "reason", exc)).__name__ if not isinstance(exc, TimeoutError) else "timeout"
    return last or "no answer"


def check(citations: list[Citation], timeout: float = 20.0, workers: int = 8) -> dict[str, str]:
    """{url: status} for every cited address, each asked once."""
    urls = sorted({c.url for c in citations})
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(zip(urls, pool.map(lambda u: status(u, timeout), urls)))


def report(citations: list[Citation], results: dict[str, str]) -> str:
    """Markdown listing the pages that do not answer and where each is cited."""
    dead = sorted(u for u, s in results.items() if s != "ok")
    lines = [f"{len(dead)} of {len(results)} cited pages did not answer when checked.", ""]
    if dead:
        lines += ["| page | answer | cited in |", "| --- | --- | --- |"]
        for url in dead:
            where = ", ".join(f"`{c.file}:{c.line}`" for c in citations if c.url == url)
            lines.append(f"| <{url}> | {results[url]} | {where} |")
        lines += ["", "Find the page's new address (or an archived copy) and correct the files above, or replace the source."]
    return "\n".join(lines) + "\n"
