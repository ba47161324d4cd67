"""`portal links SITE`: every internal link of a built site resolves.

Follows every href/src (and srcset, form action) of every HTML page, with its fragment, and every
address of the sitemap; lists external addresses without fetching them. Nothing here knows which
pages exist: it walks whatever the build wrote.
"""
from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html

from portal.i18n.languages import LANGUAGES
from portal.model import siteconfig


def site_url(root: Path) -> str:
    """The deployed address (the engine's site_url, or $SITE_URL), with a trailing slash."""
    url = siteconfig.read(root).site_url or "/"
    return url if url.endswith("/") else url + "/"


# Attributes that point at another resource, per element.
URL_ATTRIBUTES = {
    "a": ("href",), "area": ("href",), "link": ("href",), "img": ("src", "srcset"),
    "script": ("src",), "iframe": ("src",), "source": ("src", "srcset"), "video": ("src", "poster"),
    "audio": ("src",), "track": ("src",), "embed": ("src",), "object": ("data",), "form": ("action",),
}

def html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.is_file())


def page_url(site: Path, path: Path) -> str:
    """Site-relative URL path of a built file: cities/lyon/index.html -> /cities/lyon/index.html."""
    return "/" + path.relative_to(site).as_posix()


def language_of(rel: str) -> str:
    """Language of a site-relative path ('fr/cities/x/index.html' -> 'fr')."""
    first = rel.split("/", 1)[0]
    return first if first in LANGUAGES[1:] else LANGUAGES[0]


@dataclass
class LinkReport:
    broken: list[str] = field(default_factory=list)  # "file: attr='value': reason"
    external: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # url -> files
    checked: int = 0


class _Targets:
    """The ids and names in each built HTML file, parsed on first use."""

    def __init__(self) -> None:
        self._anchors: dict[Path, frozenset[str]] = {}

    def anchors(self, path: Path, tree=None) -> frozenset[str]:
        if path not in self._anchors:
            if tree is None:
                tree = lxml.html.parse(str(path))
            ids = tree.xpath("//@id | //a/@name")
            self._anchors[path] = frozenset(str(v) for v in ids)
        return self._anchors[path]


def _urls(element) -> Iterator[tuple[str, str]]:
    for attr in URL_ATTRIBUTES.get(element.tag, ()):
        value = element.get(attr)
        if value is None:
            continue
        if attr == "srcset":
            for candidate in value.split(","):
                if candidate.strip():
                    yield attr, candidate.strip().split()[0]
        else:
            yield attr, value.strip()


def resolve(site: Path, base: str, url: str, deployed: str = "/") -> tuple[Path | None, str, str | None]:
    """Where `url`, found in the page at site-relative URL `base`, leads in the built site deployed
    at `deployed`: (file or None, fragment, problem or None). External URLs give (None, '', None)."""
    prefix = urlsplit(deployed).path or "/"
    if url.startswith(deployed):  # an absolute link to our own site (canonical, sitemap)
        url = "/" + url[len(deployed):]
        absolute = True
    else:
        absolute = False
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        if parts.scheme in ("http", "https", "mailto", "tel", "data") or url.startswith("//"):
            return None, "", None
        return None, "", f"scheme '{parts.scheme}:' is not allowed"
    path = unquote(parts.path)
    if path.startswith("/") and not absolute:
        # Root-relative links (404 pages) must carry the deployment path, or they break on Pages.
        if not path.startswith(prefix):
            return None, "", f"absolute path outside the site's path {prefix!r}"
        path = "/" + path[len(prefix):]
    elif not path:
        path = base
    elif not path.startswith("/"):
        path = posixpath.join(posixpath.dirname(base), path)
    parts_out: list[str] = []
    for segment in path.split("/"):
        if segment == "..":
            if not parts_out:
                return None, "", "leads outside the site"
            parts_out.pop()
        elif segment not in ("", "."):
            parts_out.append(segment)
    normal = "/" + "/".join(parts_out) + ("/" if path.endswith("/") and parts_out else "")
    target = site / normal.lstrip("/")
    if normal.endswith("/") or target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return None, "", f"no file {target.relative_to(site).as_posix()}"
    return target, unquote(parts.fragment), None


def check_links(site: Path, site_url: str = "/") -> LinkReport:
    """Follow every href/src (and srcset, form action) of every HTML page, with fragments, and
    every <loc> of the sitemap; list external addresses without fetching them."""
    report = LinkReport()
    targets = _Targets()
    for path in html_files(site):
        base = page_url(site, path)
        tree = lxml.html.parse(str(path))
        targets.anchors(path, tree)
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            for attr, url in _urls(element):
                report.checked += 1
                rel = path.relative_to(site).as_posix()
                if urlsplit(url).scheme.lower() in ("http", "https", "mailto", "tel") and not url.startswith(site_url):
                    report.external[url].add(rel)
                    continue
                target, fragment, problem = resolve(site, base, url, site_url)
                if problem:
                    report.broken.append(f"{rel}: {element.tag} {attr}={url!r}: {problem}")
                elif target is not None and fragment and target.suffix == ".html":
                    if fragment not in targets.anchors(target):
                        report.broken.append(f"{rel}: {element.tag} {attr}={url!r}: no id or name {fragment!r} in {target.relative_to(site).as_posix()}")
    sitemap = site / "sitemap.xml"
    if sitemap.is_file():
        from lxml import etree

        for loc in etree.parse(str(sitemap)).iter("{*}loc", "{*}link"):
            url = loc.text or loc.get("href") or ""
            report.checked += 1
            if not url.startswith(site_url):
                report.broken.append(f"sitemap.xml: {url!r}: not an address of this site ({site_url})")
                continue
            _, _, problem = resolve(site, "/sitemap.xml", url, site_url)
            if problem:
                report.broken.append(f"sitemap.xml: {url!r}: {problem}")
    return report


def main(site: Path, root: Path) -> int:
    """Broken links of a built site (exit 1 if any), then its external links (not fetched)."""
    report = check_links(site, site_url(root))
    for line in report.broken:
        print(f"broken: {line}")
    for url, files in sorted(report.external.items()):
        print(f"external: {url} ({len(files)} page(s), e.g. {min(files)})")
    print(f"{report.checked} links checked, {len(report.broken)} broken, {len(report.external)} external (not fetched)")
    return 1 if report.broken else 0
