"""Reading a built site as a whole, for the site-wide quality gates (links, HTML, accessibility).

Nothing here knows which pages exist: every function walks whatever the build wrote, so pages
added by new page families are covered when they land.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import posixpath
import re
import threading
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html

from .conftest import LANGUAGES, ROOT

DEFAULT_LANGUAGE = LANGUAGES[0]
# Folders of the built site that hold no pages of their own.
NOT_PAGES = ("assets", "search")
# Attributes that point at another resource, per element.
URL_ATTRIBUTES = {
    "a": ("href",), "area": ("href",), "link": ("href",), "img": ("src", "srcset"),
    "script": ("src",), "iframe": ("src",), "source": ("src", "srcset"), "video": ("src", "poster"),
    "audio": ("src",), "track": ("src",), "embed": ("src",), "object": ("data",), "form": ("action",),
}


@functools.cache
def site_url() -> str:
    """The deployed address (mkdocs.yml's site_url, or $SITE_URL), with a trailing slash."""
    from mkdocs.config import load_config

    url = load_config(str(ROOT / "mkdocs.yml")).site_url or "/"
    return url if url.endswith("/") else url + "/"


def site_path() -> str:
    """The path the site is served under, e.g. '/learning-cities-portal/' on GitHub Pages."""
    return urlsplit(site_url()).path or "/"


def html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.is_file())


def page_url(site: Path, path: Path) -> str:
    """Site-relative URL path of a built file: cities/lyon/index.html -> /cities/lyon/index.html."""
    return "/" + path.relative_to(site).as_posix()


def language_of(rel: str) -> str:
    """Language of a site-relative path ('fr/cities/x/index.html' -> 'fr')."""
    first = rel.split("/", 1)[0]
    return first if first in LANGUAGES[1:] else DEFAULT_LANGUAGE


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


def resolve(site: Path, base: str, url: str) -> tuple[Path | None, str, str | None]:
    """Where `url`, found in the page at site-relative URL `base`, leads in the built site:
    (file or None, fragment, problem or None). External URLs give (None, '', None)."""
    prefix = site_path()
    deployed = site_url()
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


def check_links(site: Path) -> LinkReport:
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
                if urlsplit(url).scheme.lower() in ("http", "https", "mailto", "tel") and not url.startswith(site_url()):
                    report.external[url].add(rel)
                    continue
                target, fragment, problem = resolve(site, base, url)
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
            if not url.startswith(site_url()):
                report.broken.append(f"sitemap.xml: {url!r}: not an address of this site ({site_url()})")
                continue
            _, _, problem = resolve(site, "/sitemap.xml", url)
            if problem:
                report.broken.append(f"sitemap.xml: {url!r}: {problem}")
    return report


CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')


def _article_classes(path: Path) -> frozenset[str]:
    """The class names used inside a page's <article> (its content, without the site's frame)."""
    html = path.read_text(encoding="utf-8")
    start, end = html.find("<article"), html.find("</article>")
    return frozenset(c for m in CLASS_ATTRIBUTE.finditer(html[max(start, 0):end]) for c in m.group(1).split())


def representative_pages(site: Path, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """Pages of every kind in `lang`, as site-relative URLs ('', 'cities/lyon/', 'fr/404.html').

    Pages are grouped by top-level section and folder depth (the home page; about/; cities/<x>/;
    sdg/<x>/ ...). From each group, pages are taken until every class name used in the group's
    article content appears in a taken page: the page with the most not-yet-seen classes first,
    the larger on a tie. So a group of similar pages gives one page, and a group that mixes kinds
    (SDG goals and targets, cities with and without awards) gives one of each. The language's 404
    page is added. Built from what exists, so new sections join without a list to edit."""
    root = site if lang == DEFAULT_LANGUAGE else site / lang
    groups: dict[tuple[str, int], dict[Path, frozenset[str]]] = defaultdict(dict)
    for index in sorted(root.rglob("index.html")):
        rel = index.relative_to(root).parts[:-1]  # folder parts; () is the home page
        if rel and (rel[0] in NOT_PAGES or (lang == DEFAULT_LANGUAGE and rel[0] in LANGUAGES)):
            continue
        groups[(rel[0] if rel else "", len(rel))][index] = _article_classes(index)
    chosen: list[Path] = []
    for pages in groups.values():
        unseen = frozenset().union(*pages.values())
        while True:
            best = max(pages, key=lambda p: (len(pages[p] & unseen), p.stat().st_size, str(p)))
            chosen.append(best)
            unseen -= pages.pop(best)
            if not unseen or not pages:
                break
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    urls = [prefix + "/".join(p.relative_to(root).parts[:-1]) + ("/" if p.parent != root else "") for p in chosen]
    if (root / "404.html").is_file():
        urls.append(prefix + "404.html")
    return sorted(urls)


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under its deployment path and answers missing paths like GitHub Pages:
    status 404 with the site's root 404.html."""

    site: Path
    prefix: str

    def translate_path(self, path: str) -> str:
        clean = urlsplit(path).path
        clean = "/" + clean[len(self.prefix):] if clean.startswith(self.prefix) else "/.missing/"
        return super().translate_path(clean)

    def send_error(self, code, message=None, explain=None):
        page = self.site / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def serve_like_pages(site: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve `site` on a loopback port as GitHub Pages would: (base URL with the path, server)."""
    handler = type("Handler", (_PagesHandler,), {"site": site, "prefix": site_path()})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}{site_path()}", server


def node_tool(*parts: str) -> Path:
    """A file of the pinned npm test tools (package.json; `make test` runs `npm ci`)."""
    return ROOT / "node_modules" / Path(*parts)



# --- In the browser ----------------------------------------------------------------------------

# Runs before any script of each page: records Content-Security-Policy violations.
WATCH_SCRIPT = """
window.__lcp = {csp: []};
document.addEventListener("securitypolicyviolation", (e) => {
  window.__lcp.csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
});
"""


@dataclass
class Watch:
    """What happened in a browser page beyond its own business: requests to other hosts, dialogs,
    script errors, console errors, policy violations."""

    foreign: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)

    def csp(self, page) -> list[str]:
        reported = page.evaluate("window.__lcp ? window.__lcp.csp : ['the watch script did not run']")
        return reported + [m for m in self.console if "Content Security Policy" in m]


@contextlib.contextmanager
def watched_page(browser, base: str, **context_args) -> Iterator[tuple[object, Watch]]:
    """A fresh page whose requests to anything but `base`'s origin are refused and recorded, and
    whose dialogs (alert, confirm, prompt), uncaught errors and console errors are recorded."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base))
    context = browser.new_context(**context_args)
    context.add_init_script(WATCH_SCRIPT)
    page = context.new_page()
    watch = Watch()

    def guard(route):
        url = route.request.url
        if url.startswith(origin + "/") or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            watch.foreign.append(url)
            route.abort()

    def dialog(d):
        watch.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.route("**/*", guard)
    page.on("dialog", dialog)
    page.on("pageerror", lambda exc: watch.errors.append(str(exc)))
    page.on("console", lambda msg: msg.type == "error" and watch.console.append(msg.text))
    try:
        yield page, watch
    finally:
        context.close()


def run_axe(page) -> list[str]:
    """axe-core's serious and critical violations on the current page, one line per rule."""
    page.evaluate(node_tool("axe-core", "axe.min.js").read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['impact']} {v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:5]]}"
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]


def main(argv: list[str]) -> int:
    """`python -m tests.sitecheck [SITE]`: broken links of a built site, then its external links."""
    site = Path(argv[0] if argv else "site")
    report = check_links(site)
    for line in report.broken:
        print(f"broken: {line}")
    for url, files in sorted(report.external.items()):
        print(f"external: {url} ({len(files)} page(s), e.g. {min(files)})")
    print(f"{report.checked} links checked, {len(report.broken)} broken, {len(report.external)} external (not fetched)")
    return 1 if report.broken else 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
