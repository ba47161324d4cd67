"""Build the site's languages in two processes, writing exactly what one process writes.

mkdocs-static-i18n builds the default language, then every other language, one after the other,
in one process (about 2 s each for the real site). With two cores, the languages are split into
two runs of consecutive languages (en fr es | ar zh ru): once MkDocs has cleaned the site folder
(the default language's `on_files`), the process forks. The child builds the later run while the
parent builds the earlier one. The child then sends back what the i18n plugin gathers across
languages: the per-language page lists that the sitemap is drawn from (as small records holding
what the sitemap template reads). It also sends back what the portal keeps per language (each 404
page), and exits. The parent merges all of it in language order, as if it had built every
language itself, and writes the sitemap and the 404 pages; the search index is built from the
finished site after that (src/portal/site/search.py).

Both processes write into the same site folder. Page files differ per language. Files that every
language build copies (theme assets, media) are copied atomically (temporary file, then rename),
so neither process ever sees the other's half-written copy. The sitemap is written once, by the
parent, after the child has finished.

Off (one process, the i18n plugin's own loop) with PORTAL_BUILD_JOBS=1 or PORTAL_PLAIN_BUILD=1,
for rebuilds while serving (the server's threads run; its first build, before them, forks),
without os.fork, with one core, or with fewer than three languages. A warning in strict mode or
an error in the child fails the build with the child's message, as it would in one process;
tests/site/engine/test_build_speed.py compares the files with a plain one-process build.
"""

from __future__ import annotations

import logging
import os
import pickle
import shutil
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, Protocol

log = logging.getLogger("mkdocs.plugins.portal.parallel")
JOBS_ENV = "PORTAL_BUILD_JOBS"
# What install() replaces, and what the child calls ("module:attribute"): portal.engine.speedups checks
# that each is there before patching anything.
PATCHED = (
    "mkdocs_static_i18n.plugin:build",
    "mkdocs_static_i18n.reconfigure:ExtendedPlugin.reconfigure_search_index",
    "mkdocs.utils:copy_file",
)
USED = ("mkdocs.commands.build:build", "mkdocs.utils:clean_directory", "mkdocs_static_i18n.utils:I18nLoggingFilter")
PAGE_FIELDS = ("is_link", "canonical_url", "abs_url", "update_date")  # what sitemap.xml reads of a page


class Shared(Protocol):
    """Per-language state a hook keeps in memory (e.g. the 404 pages): sent from child to parent."""

    def export(self) -> Any: ...

    def merge(self, data: Any) -> None: ...


@dataclass
class Split:
    """A running parallel build: the child's pid, its pipe and the languages it builds."""

    pid: int
    reader: int
    languages: tuple[str, ...]
    shared: list[Shared] = field(default_factory=list)
    cpu_at_fork: float = 0.0  # this process's CPU seconds when it forked (for the debug log)


_split: Split | None = None
_original_build = None
_original_reindex = None
_original_copy_file = None
_deferred_sitemap = None  # a callable set by portal.engine.speedups: renders the sitemap after the merge
_in_child = False


def jobs() -> int:
    value = os.environ.get(JOBS_ENV, "")
    if value.isdigit() and int(value) > 0:
        return int(value)
    return min(2, os.cpu_count() or 1)


def active() -> bool:
    """True in the child, and in the parent between the fork and the merge."""
    return _split is not None or _in_child


def split_languages(languages: list[str]) -> tuple[list[str], list[str]]:
    """Two runs of consecutive languages: the parent's (with the default, built first) and the child's."""
    half = (len(languages) + 1) // 2
    return languages[:half], languages[half:]


def can_fork(i18n) -> bool:
    return (
        _speedups_enabled()
        and jobs() >= 2
        and hasattr(os, "fork")
        and threading.active_count() == 1
        and i18n is not None
        and not getattr(i18n, "building", False)
        and len(i18n.build_languages) >= 3
        and "--dirty" not in sys.argv
        and "--dirtyreload" not in sys.argv
    )


# --- the child -----------------------------------------------------------------------------------


def sitemap_records(files: list) -> list:
    """What the i18n plugin's sitemap.xml reads of a language's pages, as plain picklable records."""

    def page(p):
        if p is None:
            return None
        return SimpleNamespace(**{k: getattr(p, k) for k in PAGE_FIELDS if hasattr(p, k)})

    return [
        SimpleNamespace(url=f.url, page=page(f.page), alternates={lang: SimpleNamespace(url=a.url, page=page(a.page)) for lang, a in f.alternates.items()})
        for f in files
    ]


def _run_child(config, languages: list[str], writer: int, shared: list[Shared]) -> None:
    """Build `languages` as the i18n plugin's loop would, send the results to the parent, exit."""
    from mkdocs import utils
    from mkdocs.commands.build import build
    from mkdocs_static_i18n.utils import I18nLoggingFilter

    global _in_child
    _in_child = True
    status = 0
    try:
        i18n = config.plugins["i18n"]
        i18n.building = True  # as in the plugin's loop: the hooks and the plugin see a language rebuild
        utils.clean_directory = lambda directory: directory  # never clean the parent's output
        quiet = I18nLoggingFilter()
        quiet.filtered_prefixes.update({"Documentation built in", "Building documentation to directory"})
        logging.getLogger(build.__module__).addFilter(quiet)  # properdocs.commands.build under ProperDocs
        for language in languages:
            i18n.current_language = language
            build(config, dirty=False)
        payload = {
            "sitemap": {lang: sitemap_records(i18n.i18n_files_per_language[lang]) for lang in languages},
            "shared": [s.export() for s in shared],
        }
    except BaseException as error:  # noqa: BLE001 - everything goes back to the parent, which fails the build
        payload = {"error": (type(error).__name__, str(error))}
        status = 1
    try:
        data = pickle.dumps(payload)
        view = memoryview(data)
        while view:
            view = view[os.write(writer, view) :]
        os.close(writer)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


def fork_languages(config, shared: list[Shared]) -> bool:
    """At the default language's on_files: start the child for the later languages. True if forked."""
    global _split
    i18n = config.plugins.get("i18n")
    if _split is not None or not can_fork(i18n):
        return False
    _, later = split_languages(list(i18n.build_languages))
    sys.stdout.flush()
    sys.stderr.flush()
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(reader)
        _run_child(config, later, writer, shared)  # never returns
    os.close(writer)
    _split = Split(pid, reader, tuple(later), shared, time.process_time())
    return True


# --- the parent ----------------------------------------------------------------------------------


def _receive(split: Split) -> dict:
    chunks = []
    while chunk := os.read(split.reader, 1 << 20):
        chunks.append(chunk)
    os.close(split.reader)
    _, status, usage = os.wait4(split.pid, 0)
    mine = os.times()
    log.debug(
        "parallel build: %.2f s CPU before the fork; since, this process %.2f s, the child (%s) %.2f s",
        split.cpu_at_fork,
        mine.user + mine.system - split.cpu_at_fork,
        ", ".join(split.languages),
        usage.ru_utime + usage.ru_stime,
    )
    try:
        payload = pickle.loads(b"".join(chunks))
    except Exception:  # noqa: BLE001 - the child died before it could answer
        payload = {"error": ("ChildDied", f"the build of {', '.join(split.languages)} stopped (exit status {status})")}
    return payload


def finish(i18n) -> None:
    """In the parent, after its own languages: wait for the child and merge its results in order."""
    global _split
    split, _split = _split, None
    payload = _receive(split)
    if "error" in payload:
        from mkdocs.exceptions import Abort, PluginError

        kind, message = payload["error"]
        if kind == "Abort":
            raise Abort(message)
        raise PluginError(f"building {', '.join(split.languages)}: {kind}: {message}")
    for lang in split.languages:  # the child's languages come after the parent's: same order as one process
        i18n.i18n_files_per_language[lang] = payload["sitemap"][lang]
    for target, data in zip(split.shared, payload["shared"]):
        target.merge(data)
    if _deferred_sitemap is not None:
        _deferred_sitemap()
    log.info("Built %s in a second process (%s=1 builds every language in one)", ", ".join(split.languages), JOBS_ENV)


def abandon() -> None:
    """The parent's build failed: stop the child, it must not write into the site folder any more."""
    global _split
    split, _split = _split, None
    if split is None:
        return
    try:
        os.kill(split.pid, signal.SIGTERM)
        os.waitpid(split.pid, 0)
    except OSError:
        pass
    os.close(split.reader)


# --- patches of the i18n plugin's loop --------------------------------------------------------------


def _loop_build(config, dirty: bool = False):
    """The i18n plugin's per-language `build`: skip the languages the child builds. The plugin
    quiets the per-language "Documentation built in" lines on the `mkdocs.commands.build` logger;
    under ProperDocs the engine logs them as `properdocs.commands.build`: quiet that one too."""
    if _split is not None and config.plugins["i18n"].current_language in _split.languages:
        return None
    from mkdocs_static_i18n.utils import I18nLoggingFilter

    engine_log = logging.getLogger(_original_build.__module__)
    quiet = I18nLoggingFilter()
    quiet.filtered_prefixes.update({"Documentation built in", "Building documentation to directory"})
    engine_log.addFilter(quiet)
    try:
        return _original_build(config, dirty=dirty)
    finally:
        engine_log.removeFilter(quiet)


def _merge_then_reindex(self, config):
    """The i18n plugin's last step after its loop of languages (where it would merge the search
    plugin's entries; the portal has none): merge the child's results first."""
    if _split is not None:
        finish(self)
    return _original_reindex(self, config)


# Output path -> (source, its size, its modification time) of every file this process copied. The
# i18n plugin's language builds each copy every static file (the theme, the share pictures, the
# picture derivatives: some 2,600 files) to the same place; the first copy is enough.
_copied: dict[str, tuple[str, int, int]] = {}


def _atomic_copy_file(source_path: str, output_path: str) -> None:
    """mkdocs.utils.copy_file, once per file and process, and through a temporary file and a
    rename: both processes copy the same theme and media files, and neither may see the other's
    half-written file."""
    if not _speedups_enabled():
        return _original_copy_file(source_path, output_path)
    if os.path.isdir(output_path):
        output_path = os.path.join(output_path, os.path.basename(source_path))
    stat = os.stat(source_path)
    copied = (source_path, stat.st_size, stat.st_mtime_ns)
    if _copied.get(output_path) == copied and os.path.isfile(output_path):
        return  # copied by an earlier language build, from the same file, unchanged since
    if _split is None and not _in_child:
        _original_copy_file(source_path, output_path)
    else:
        os.makedirs(os.path.dirname(output_path), exist_ok=True)
        temporary = f"{output_path}.{os.getpid()}.tmp"
        shutil.copyfile(source_path, temporary)
        os.replace(temporary, output_path)
    _copied[output_path] = copied


def _speedups_enabled() -> bool:
    """Whether the speed-ups run in this process: False until portal.engine.speedups installs this
    module (it passes its own check), so the second process never starts without them."""
    return _enabled is not None and _enabled()


_enabled = None  # speedups.enabled, handed over by install()


def install(render_sitemap, enabled) -> None:
    """Patch the i18n plugin's loop (once). `render_sitemap` renders the deferred sitemap;
    `enabled` says whether the speed-ups still run. Called by portal.engine.speedups.install(),
    after its version guard."""
    global _original_build, _original_reindex, _original_copy_file, _deferred_sitemap, _enabled
    _enabled = enabled
    from mkdocs import utils
    from mkdocs_static_i18n import plugin
    from mkdocs_static_i18n.reconfigure import ExtendedPlugin

    _deferred_sitemap = render_sitemap
    if _original_build is None:
        _original_build = plugin.build
        plugin.build = _loop_build
    if _original_reindex is None:
        _original_reindex = ExtendedPlugin.reconfigure_search_index
        ExtendedPlugin.reconfigure_search_index = _merge_then_reindex
    if _original_copy_file is None:
        _original_copy_file = utils.copy_file
        utils.copy_file = _atomic_copy_file
