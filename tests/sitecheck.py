"""Reading a built site as a whole, for the site-wide quality gates (HTML, accessibility; the link
check itself is `portal links`, src/portal/site/linkcheck.py).

Nothing here knows which pages exist: every function walks whatever the build wrote, so pages
added by new page families are covered when they land.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import threading
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from portal.site import linkcheck
from portal.site.linkcheck import LinkReport, html_files, language_of, page_url, resolve  # noqa: F401 (used by the tests)
from tests.conftest import LANGUAGES, ROOT

DEFAULT_LANGUAGE = LANGUAGES[0]
# Folders of the built site that hold no pages of their own.
NOT_PAGES = ("assets", "search")


@functools.cache
def site_url() -> str:
    """The deployed address (mkdocs.yml's site_url, or $SITE_URL), with a trailing slash."""
    return linkcheck.site_url(ROOT)


def site_path() -> str:
    """The path the site is served under, e.g. '/learning-cities-portal/' on GitHub Pages."""
    return urlsplit(site_url()).path or "/"


def check_links(site: Path) -> LinkReport:
    """The link check of `portal links`, with this repository's site_url."""
    return linkcheck.check_links(site, site_url())


CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')


def _article_classes(path: Path) -> frozenset[str]:
    """The class names used inside a page's <article> (its content, without the site's frame)."""
    html = path.read_text(encoding="utf-8")
    start, end = html.find("<article"), html.find("</article>")
    return frozenset(c for m in CLASS_ATTRIBUTE.finditer(html[max(start, 0) : end]) for c in m.group(1).split())


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
        clean = "/" + clean[len(self.prefix) :] if clean.startswith(self.prefix) else "/.missing/"
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
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
