"""Contained speed-ups for MkDocs 1.6 + mkdocs-static-i18n 1.3.1, with byte-identical output.

The i18n plugin builds the site once per language in one process. Measured on the real site
(bench/run.py, cProfile), these costs do not depend on our pages and are cut here (site search
is Pagefind, run once after the build by src/portal/site/search.py: nothing of the i18n plugin's
search merging runs):

1. File handling. In every language build the plugin turns every file into a per-language File
   (`suffix.create_i18n_file`) for the build and for the alternates of every page in every
   language: about 21 calls per page per build, a quarter of a 1,000-city build under the
   profiler, most of it in pathlib. The result depends only on the file's paths and the
   languages, which are the same in all six builds, so `create_i18n_file` runs once per file (for
   the default language) and every other call returns a fresh File with its attributes, the
   current language's folder, address and alternates set as the plugin sets them.
2. The sitemap. Every language build renders sitemap.xml (every page of the languages built so
   far, with their alternates) into the site's root, overwriting the previous language's; only
   the last build's survives, so it is rendered in the last build only. (404.html is rendered in
   every build: the hook keeps each language's, see portal.site.siteoutput.)
3. Template compilation. MkDocs makes a new Jinja environment for every language build, so every
   Material template is compiled six times. A shared in-memory bytecode cache (Jinja's own API,
   keyed by template name and source checksum, and here by the environment's settings) compiles
   each template once per process.

4. Theme folders. The i18n plugin puts its sitemap folder in front of the theme folders again in
   every language build (9 folders by the sixth), which also defeated the shared bytecode cache
   (keyed by the folders); repeats are dropped, and the theme's files (Material's icons: thousands)
   are listed once per build command instead of once per language.
5. Two processes. portal.engine.parallel builds the later half of the languages in a forked child.
6. Anchors of generated pages. MkDocs runs an HTML parser over every page to collect the anchors
   its raw HTML defines (`_RawHTMLPreprocessor`, for checking `#anchor` links): an eighth of the
   engine step. On a page the generator marked (portal.engine.rawhtml), the same set is read
   with the regular expression of the generator's tags (`rawhtml.anchor_ids`); anything else
   (an unmarked page, a comment, a script, a bare `<`) goes to MkDocs' parser.
7. The navigation. On the pages outside it (four in five) Material's navigation is the same for
   every page of a folder: drawn once per folder and language build (portal.engine.fragments,
   installed by the on_env hook).

`install()` is idempotent; PORTAL_PLAIN_BUILD=1 turns everything off, and
tests/site/engine/test_build_speed.py checks that the plain and the optimized builds write identical files.

The patches replace private functions, so they are applied only to the versions they were written
for (WRITTEN_FOR, below) and only when every function they replace or call is there. Otherwise
`install()` patches nothing, logs one line saying why (package, version found, version expected)
and the build takes the plain path, as with PORTAL_PLAIN_BUILD=1. A new MkDocs, ProperDocs or
i18n plugin release is added to WRITTEN_FOR once the plain and the optimized builds of it are
identical (tests/site/engine/test_build_speed.py).
"""

from __future__ import annotations

import importlib
import importlib.metadata
import logging
import os
from pathlib import PurePath
from urllib.parse import quote as urlquote

from jinja2 import BytecodeCache, FileSystemLoader
from jinja2.bccache import Bucket

from portal.engine import parallel, rawhtml

log = logging.getLogger("mkdocs.plugins.portal.speedups")
PLAIN_ENV = "PORTAL_PLAIN_BUILD"

# The versions the patches here and in portal.engine.parallel were written for and checked on. The engine
# is the package `import mkdocs` gives: MkDocs, or ProperDocs 1.6.7 (PyPI `properdocs`, a MkDocs
# 1.x fork; its `properdocs` command makes every `mkdocs.*` import load `properdocs.*`, which has
# the same private functions). Under ProperDocs the `mkdocs` distribution is usually installed too
# (Material and the i18n plugin require it), so its version says nothing about the engine in use.
WRITTEN_FOR: dict[str, tuple[str, ...]] = {
    "mkdocs": ("1.6.1",),
    "properdocs": ("1.6.7",),
    "mkdocs-static-i18n": ("1.3.1",),
}
ENGINES = ("mkdocs", "properdocs")

# What install() replaces ("module:attribute"); portal.engine.parallel lists its own.
PATCHED = (
    "mkdocs.commands.build:_build_theme_template",
    "mkdocs.structure.pages:_RawHTMLPreprocessor.run",
    "mkdocs_static_i18n.suffix:create_i18n_file",
    "jinja2:FileSystemLoader.list_templates",
)
USED = ("mkdocs.structure.files:File",)  # read by the replacements

_refusal: str | None = None  # why the speed-ups are off in this process (checked once)
_checked = False


def enabled() -> bool:
    """False with PORTAL_PLAIN_BUILD=1, or once install() has refused to patch this process."""
    return os.environ.get(PLAIN_ENV, "") in ("", "0") and _refusal is None


# --- the version guard ----------------------------------------------------------------------------


def installed_version(distribution: str) -> str | None:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def engine() -> str:
    """The package `import mkdocs` gives: 'mkdocs', or 'properdocs' under ProperDocs' command."""
    import mkdocs

    return mkdocs.__name__


def resolve(name: str):
    """The object at "module:attr.attr", or None if the module or an attribute is missing."""
    module, _, path = name.partition(":")
    try:
        obj = importlib.import_module(module)
    except ImportError:
        return None
    for part in path.split("."):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj


def refusal() -> str | None:
    """Why the patches must not be applied here, or None if they were written for what is installed."""
    try:
        engine_package = engine()
    except ImportError as error:
        return f"mkdocs cannot be imported ({error})"
    if engine_package not in ENGINES:
        return f"mkdocs is imported from the package {engine_package!r}; written for {' or '.join(ENGINES)}"
    found = {}
    for distribution in (engine_package, "mkdocs-static-i18n"):
        found[distribution] = installed_version(distribution)
        if found[distribution] not in WRITTEN_FOR[distribution]:
            return (
                f"{distribution} {found[distribution] or '(not installed)'} is installed; written for {distribution} {' or '.join(WRITTEN_FOR[distribution])}"
            )
    absent = [name for name in PATCHED + USED + parallel.PATCHED + parallel.USED if resolve(name) is None]
    if absent:
        versions = ", ".join(f"{d} {v}" for d, v in found.items())
        return f"{', '.join(absent)} not found in {versions}"
    return None


# --- 1. per-language File objects -----------------------------------------------------------------

_original_create = None
_FILE = None
_file_memo: dict[tuple, dict] = {}


def _memo_create_i18n_file(file, current_language, default_language, all_languages, config):
    """suffix.create_i18n_file, computed once per file: the plugin's own function runs for the
    default language, and another language's File is derived from it. The plugin's function uses
    the current language in four places only (its folder before the destination, the address made
    from that destination, `locale_alternate_of` and `alternates`); the rest is the same for every
    language (tests/unit/engine/test_speedups.py compares both for every page of the site)."""
    key = (
        file.src_uri,
        file.dest_uri,
        file.inclusion,
        default_language,
        tuple(all_languages),
        config.docs_dir,
        config.site_dir,
        config.use_directory_urls,
    )
    state = _file_memo.get(key)
    if state is None:
        made = _original_create(file, default_language, default_language, all_languages, config)
        state = _file_memo[key] = dict(made.__dict__)
        if current_language == default_language:
            return made
    made = object.__new__(_FILE)
    made.__dict__.update(state)
    if current_language != default_language:
        # As the plugin: dest_path = Path(current) / the default's, its absolute path, then its url.
        dest_uri = PurePath(current_language, state["dest_uri"]).as_posix()
        made.__dict__["dest_uri"] = dest_uri
        made.__dict__["abs_dest_path"] = os.path.normpath(os.path.join(config.site_dir, os.path.normpath(dest_uri)))
        url = _FILE._get_url(made, config.use_directory_urls)
        if PurePath(url).as_posix() == ".":
            url = urlquote(current_language + "/")
        made.__dict__["url"] = url
        made.locale_alternate_of = current_language
    made.alternates = {current_language: made}
    return made


# --- 2. the sitemap once --------------------------------------------------------------------------

LAST_BUILD_ONLY = ("sitemap.xml",)
_original_theme_template = None


def is_last_language_build(i18n) -> bool:
    """The i18n plugin builds the default language, then the others in their configured order."""
    others = [lang for lang in i18n.build_languages if lang != i18n.default_language]
    return i18n.current_language == (others[-1] if others else i18n.default_language)


_deferred_args: tuple | None = None


def _theme_template_in_last_build(template_name, env, files, config, nav):
    global _deferred_args
    i18n = config.plugins.get("i18n")
    if template_name in LAST_BUILD_ONLY and i18n is not None:
        if parallel.active():  # the last language is built in the other process: render after the merge
            _deferred_args = (template_name, env, files, config, nav)
            return None
        if not is_last_language_build(i18n):
            return None  # the last language's build writes it, as it overwrote this one before
    return _original_theme_template(template_name, env, files, config, nav)


def render_deferred_sitemap() -> None:
    """After a parallel build's merge: render the sitemap as the last language's build would have.
    Its template reads only the i18n plugin's page lists (now complete) and config.site_url."""
    global _deferred_args
    args, _deferred_args = _deferred_args, None
    if args is not None:
        _original_theme_template(*args)


# --- 3. one compilation per template per process ------------------------------------------------


class SharedBytecodeCache(BytecodeCache):
    """Compiled template code shared by the per-language Jinja environments of one process.
    It keeps the code objects themselves (immutable; Jinja runs them in each environment's own
    namespace), not marshalled bytes: unmarshalling Material's templates in every language build
    cost more than a tenth of a second per build."""

    def __init__(self) -> None:
        self.store: dict[str, tuple[str, object]] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        checksum, code = self.store.get(bucket.key, (None, None))
        if code is not None and checksum == bucket.checksum:  # same source as when it was compiled
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = (bucket.checksum, bucket.code)


_caches: dict[tuple, SharedBytecodeCache] = {}


def _settings(env) -> tuple:
    """What compiled template code depends on besides the source."""
    auto = env.autoescape
    return (
        tuple(sorted(env.extensions)),
        getattr(auto, "__qualname__", auto),
        env.optimized,
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        type(env.loader).__qualname__,
        tuple(getattr(env.loader, "searchpath", ())),
    )


def share_compiled_templates(env) -> None:
    """Give this Jinja environment the process's bytecode cache for environments set up like it."""
    if enabled() and env.bytecode_cache is None:
        env.bytecode_cache = _caches.setdefault(_settings(env), SharedBytecodeCache())


# --- 4. theme folders listed once ---------------------------------------------------------------


def dedupe_theme_dirs(config) -> None:
    """The i18n plugin puts its sitemap folder in front of the theme folders in every language
    build, so the list grows (4, 5, ... 9 folders) and every template lookup and listing walks the
    repeats. A folder listed again after itself never changes which file is found: drop repeats."""
    if enabled():
        dirs = config.theme.dirs
        dirs[:] = list(dict.fromkeys(dirs))


_listings: dict[tuple, list[str]] = {}
_original_list_templates = None


def _listed_once(self) -> list[str]:
    """FileSystemLoader.list_templates, once per build command: every language build lists
    Material's thousands of theme files (icons) again to find its static files."""
    key = (tuple(self.searchpath), self.encoding, self.followlinks)
    if key not in _listings:
        _listings[key] = _original_list_templates(self)
    return list(_listings[key])


def new_build() -> None:
    """A new top-level build (not a language rebuild): theme folders may have changed (serve)."""
    _listings.clear()


# --- 6. anchors of generated pages ---------------------------------------------------------------

_original_raw_html_run = None


def _raw_html_anchors(self, lines: list[str]) -> list[str]:
    """_RawHTMLPreprocessor.run: on a marked generated page, its anchors without the HTML parser."""
    if lines and lines[0] == rawhtml.MARKER:
        try:
            self.present_anchor_ids = rawhtml.anchor_ids("\n".join(lines))
            return lines
        except rawhtml.Unsure:
            pass
    return _original_raw_html_run(self, lines)


# --- installation -------------------------------------------------------------------------------


def install() -> bool:
    """Patch the i18n plugin (once); True if the speed-ups are active. Patches nothing, and logs
    one line, if the installed MkDocs (or ProperDocs) or i18n plugin is not the version they were
    written for or lacks a function they replace."""
    global _refusal, _checked
    if not enabled():
        return False
    if not _checked:
        _checked = True
        _refusal = refusal()
        if _refusal is not None:
            log.info("Speed-ups off, building the plain way: %s (src/portal/engine/speedups.py WRITTEN_FOR)", _refusal)
            return False
    global _original_create, _FILE
    from mkdocs.structure.files import File
    from mkdocs_static_i18n import suffix

    global _original_theme_template
    from mkdocs.commands import build as mkdocs_build

    if _original_theme_template is None:
        _original_theme_template = mkdocs_build._build_theme_template
        mkdocs_build._build_theme_template = _theme_template_in_last_build
    if _original_create is None:
        _FILE = File
        _original_create = suffix.create_i18n_file
        suffix.create_i18n_file = _memo_create_i18n_file
    global _original_list_templates
    if _original_list_templates is None:
        _original_list_templates = FileSystemLoader.list_templates
        FileSystemLoader.list_templates = _listed_once
    global _original_raw_html_run
    from mkdocs.structure import pages

    if _original_raw_html_run is None and rawhtml.checked_version():
        _original_raw_html_run = pages._RawHTMLPreprocessor.run
        pages._RawHTMLPreprocessor.run = _raw_html_anchors
    parallel.install(render_deferred_sitemap, enabled)
    return True
