"""Site-wide quality gates on the real build, every page in every language: links and anchors,
valid HTML (Nu HTML Checker), the Content-Security-Policy and no inline script, a 404 page per
language, and byte-identical rebuilds. Browser gates: tests/browser/test_quality_gates.py."""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess

import lxml.html
import pytest

from portal.i18n.languages import t

from tests.conftest import LANGUAGES, ROOT, missing, run_build
from tests.sitecheck import check_links, html_files, language_of, node_tool, site_path

pytestmark = pytest.mark.build

# The one Nu HTML Checker message we accept: Material writes autocomplete="off" on its two toggle
# checkboxes (drawer, search) to stop browsers restoring their state; the checker allows the
# attribute only on text-like inputs. Filtered by message AND by the element it is about.
ALLOWED_HTML_ERROR = (
    "Attribute “autocomplete” is only allowed when the input type is",
    re.compile(r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__(drawer|search)" autocomplete="off">'),
)
CSP = "Content-Security-Policy"


def test_no_broken_internal_link_or_anchor(built_site):
    report = check_links(built_site.site)
    assert report.checked > 10_000, "the link checker found almost nothing to check"
    assert not report.broken, f"{len(report.broken)} broken link(s):\n" + "\n".join(report.broken[:50])
    # External addresses are listed (python -m tests.sitecheck SITE), never fetched: only sane schemes.
    assert report.external, "city pages link to their sources"
    assert all(url.startswith(("https://", "http://", "mailto:")) for url in report.external)


def test_html_is_valid_in_every_page(built_site):
    if shutil.which("java") is None:
        missing("java is not installed (make test installs it)")
    jar = node_tool("vnu-jar", "build", "dist", "vnu.jar")
    if not jar.is_file():
        missing(f"{jar} is missing (make test runs npm ci)")
    proc = subprocess.run(
        ["java", "-Xss8m", "-jar", str(jar), "--skip-non-html", "--errors-only", "--format", "json", str(built_site.site)],
        capture_output=True, text=True, timeout=900,
    )
    messages = json.loads(proc.stderr or proc.stdout)["messages"]
    errors = [
        m for m in messages
        if not (m["message"].startswith(ALLOWED_HTML_ERROR[0]) and ALLOWED_HTML_ERROR[1].search(m.get("extract", "")))
    ]
    shown = [f"{m['url'].split(str(built_site.site), 1)[-1].lstrip('/')}:{m.get('lastLine', '?')}: {m['message']}" for m in errors]
    assert not errors, f"{len(errors)} HTML error(s):\n" + "\n".join(shown[:50])
    assert proc.returncode in (0, 1), proc.stderr[-2000:]


def test_every_page_forbids_inline_script_and_other_origins(built_site):
    """The policy is the first thing in <head> after the charset, before any script or style;
    no page carries an inline script, an event-handler attribute or a javascript: address."""
    problems = []
    pages = html_files(built_site.site)
    for path in pages:
        rel = path.relative_to(built_site.site).as_posix()
        tree = lxml.html.parse(str(path))
        head = tree.find("head")
        metas = head.xpath(f"meta[@http-equiv='{CSP}']")
        if len(metas) != 1:
            problems.append(f"{rel}: {len(metas)} {CSP} meta elements")
            continue
        policy = dict(d.strip().split(None, 1) for d in metas[0].get("content").split(";") if d.strip())
        # 'wasm-unsafe-eval': WebAssembly compilation only (Pagefind's search on the page when no
        # worker can run it: tests/browser/test_requests.py), never eval() or inline script.
        if policy.get("script-src") != "'self' 'wasm-unsafe-eval'" or policy.get("default-src") != "'self'" or policy.get("object-src") != "'none'":
            problems.append(f"{rel}: weak policy {policy}")
        before = metas[0].xpath("preceding::script | preceding::link[@rel='stylesheet'] | preceding::style")
        if before:
            problems.append(f"{rel}: {before[0].tag} before the {CSP} meta")
        for script in tree.iter("script"):
            # Data blocks, which no browser runs: Material's configuration, schema.org JSON-LD.
            if not script.get("src") and script.get("type") not in ("application/json", "application/ld+json"):
                problems.append(f"{rel}:{script.sourceline}: inline script")
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            for name, value in element.attrib.items():
                if name.lower().startswith("on"):
                    problems.append(f"{rel}:{element.sourceline}: event handler {name}=")
                if name in ("href", "src", "action", "formaction") and value.strip().lower().startswith(("javascript:", "vbscript:", "data:text")):
                    problems.append(f"{rel}:{element.sourceline}: {name}={value[:60]!r}")
        if tree.xpath("//base"):
            problems.append(f"{rel}: <base> element")
    assert len(pages) > 100
    assert not problems, "\n".join(problems[:50])


def test_each_language_has_its_own_404_page(built_site):
    prefix = site_path()
    for lang in LANGUAGES:
        rel = "404.html" if lang == LANGUAGES[0] else f"{lang}/404.html"
        path = built_site.site / rel
        assert path.is_file(), rel
        tree = lxml.html.parse(str(path))
        assert tree.getroot().get("lang") == lang, rel
        assert tree.find("body").get("dir") == ("rtl" if lang == "ar" else "ltr"), rel
        assert tree.findtext(".//article//h1").strip() == t("notfound.title", lang), rel
        # Served at any address, so every link is absolute (under the site's path) or external.
        for href in tree.xpath("//a/@href | //link/@href | //script/@src"):
            assert href.startswith((prefix, "https://", "#")), f"{rel}: relative link {href!r}"
        # The home page of every language is offered, each in its own language.
        homes = {a.get("hreflang"): a.get("href") for a in tree.xpath("//article//a[@hreflang]")}
        assert homes == {o: prefix + ("" if o == "en" else f"{o}/") for o in LANGUAGES if o != lang}, rel
        # The language switcher points at home pages, not at whichever page was built last.
        switch = tree.xpath("//a[contains(@class, 'md-select__link')]/@href")
        assert sorted(switch) == sorted(prefix + ("" if o == "en" else f"{o}/") for o in LANGUAGES), rel
    assert {language_of(p.relative_to(built_site.site).as_posix()) for p in built_site.site.rglob("404.html")} == set(LANGUAGES)


def test_two_builds_of_the_same_commit_are_byte_identical(built_site, tmp_path):
    second = run_build(ROOT, tmp_path / "site")
    assert second.returncode == 0, second.output[-3000:]

    def files(root):
        return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}

    first, again = files(built_site.site), files(second.site)
    only = sorted(set(first) ^ set(again))
    differ = [rel for rel in sorted(set(first) & set(again)) if first[rel].read_bytes() != again[rel].read_bytes()]
    assert len(first) > 1000
    assert "pagefind/pagefind-entry.json" in first  # the search bundle too (src/portal/site/search.py)
    assert not only, f"files in one build only: {only[:20]}"
    assert not differ, f"files that differ between two builds: {differ[:20]}"


def test_sitemap_dates_are_the_last_commit_date(built_site):
    proc = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"], capture_output=True, text=True)
    if proc.returncode != 0:
        missing("not a git checkout")
    day = dt.datetime.fromtimestamp(int(proc.stdout), dt.timezone.utc).date().isoformat()
    sitemap = (built_site.site / "sitemap.xml").read_text(encoding="utf-8")
    dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap))
    assert dates == {day}, f"sitemap dates {sorted(dates)[:5]} are not the commit's ({day})"
