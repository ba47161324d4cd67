"""MkDocs hooks: what the portal needs from the engine's events, and nothing else.

The pages come from `portal generate` (src/portal/), run before the engine (make build, CI, the
deploy workflow): a plain step that needs no engine. What stays here needs the engine's events;
each hook says why. The i18n plugin re-runs the build once per language, so every event below runs
six times per build.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from portal.engine import fragments, parallel, speedups
from portal.engine.passthrough import Passthrough
from portal.site import search
from portal.site.build import is_current
from portal.site.siteoutput import NotFoundPages, home_alternates, pin_build_date
from portal.site.themedata import permalink_title

log = get_plugin_logger("portal")
_command = "build"
_not_found = NotFoundPages()
_passthrough = Passthrough()  # the share pictures, copied once after the last language


# Why a hook: only the engine knows whether it serves (regenerate on each change) or builds once.
def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


# Why a hook: the sitemap's dates (SOURCE_DATE_EPOCH) and the speed-ups are read and patched inside
# the engine, before it builds. Priority -110: after the i18n plugin's on_config.
@event_priority(-110)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    pin_build_date(Path(config.config_file_path).parent)
    speedups.install()
    if not _in_language_rebuild(config):
        speedups.new_build()
    speedups.dedupe_theme_dirs(config)
    # The heading links' title is Markdown configuration (toc's permalink_title), one value for all
    # languages in mkdocs.yml: the i18n plugin overrides no Markdown setting per language.
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = permalink_title(config.theme["language"])
    return config


# Why a hook: `mkdocs serve` rebuilds when an input changes, and only the engine's rebuild says so:
# regenerate then. A build checks that `portal generate` ran on the inputs as they are.
@event_priority(100)
def on_pre_build(config: MkDocsConfig) -> None:
    if _in_language_rebuild(config):
        return  # the i18n plugin's nested build of another language: same inputs, same pages
    root = Path(config.config_file_path).parent
    settings = dict(repo_url=config.repo_url or "", edit_uri=config.edit_uri or "", site_url=config.site_url or "")
    if _command != "serve":
        if not is_current(root, **settings):
            raise PluginError(
                "content/ was generated from other inputs (cities/, case-studies/, data/, the home pages, "
                "or the generator's own code, UI strings and templates in src/portal/), "
                "for another site_url or before the last commit (the date of the data): "
                "run `portal generate` first (make build does)."
            )
        return
    if is_current(root, **settings):
        return
    # Serving: regenerate in a fresh process, so that an edit to the generator's own code or strings
    # counts as much as an edit to a profile (this process keeps the modules it imported).
    command = [
        sys.executable,
        "-m",
        "portal",
        "--root",
        str(root),
        "generate",
        "--repo-url",
        settings["repo_url"],
        "--edit-uri",
        settings["edit_uri"],
        "--site-url",
        settings["site_url"],
    ]
    env = dict(os.environ)
    if (root / "src" / "portal").is_dir():  # the project's own generator, as `make build` runs it
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(root / "src"), env.get("PYTHONPATH", "")) if p)
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    for line in done.stdout.splitlines():
        log.info("%s", line)
    if done.returncode != 0:
        for line in done.stderr.splitlines():
            log.error(line)
        raise PluginError("the pages could not be generated: fix the lines above (file:line: rule, got value).")


def _in_language_rebuild(config: MkDocsConfig) -> bool:
    """True inside mkdocs-static-i18n's per-language re-builds (after the default language)."""
    i18n = config.plugins.get("i18n")
    return bool(getattr(i18n, "building", False))


# Why a hook: the second process (half of the languages) must start inside the engine's build, once
# the site folder is clean and before the default language's pages are built (portal/parallel.py).
@event_priority(100)
def on_files(files, config: MkDocsConfig):
    if speedups.enabled():
        _passthrough.take(files)  # before the i18n plugin's on_files (priority -100)
    parallel.fork_languages(config, shared=[_not_found])
    return files


# Why a hook: a failed build must stop the second process before it writes more into the site.
def on_build_error(error: Exception) -> None:
    parallel.abandon()


# Why a hook: the engine makes a new Jinja environment per language; the speed-ups share compiled
# templates between them and keep the navigation drawn once per folder (identical output).
def on_env(env, config: MkDocsConfig, files):
    speedups.share_compiled_templates(env)
    fragments.install(env, speedups.enabled)
    return env


# Why a hook: the engine renders 404.html once per language into the one site folder (the last
# language would win), with the last page's language links. Keep each language's rendering, with
# links to each language's home page, and write them all once every language is built.
def on_pre_template(template, template_name: str, config: MkDocsConfig):
    alternates = getattr(config.extra, "alternate", None)
    if template_name == "404.html" and isinstance(alternates, list):
        homes = home_alternates(alternates, urlsplit(config.site_url or "/").path)
        config.extra["alternate"] = homes
        config.extra.alternate = homes  # i18n sets it as an item and an attribute; Material reads the attribute
    return template


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    if template_name == "404.html" and i18n is not None:
        _not_found.rendered(i18n.current_language, output)
    return output


# Why a hook: "every language is built" is an engine event (priority -200, i18n no longer
# building): the 404 pages are written then. While serving, the site is also indexed for search
# there, since the engine serves from a folder only it knows; a build leaves search to its own
# step after the engine (`portal search-index site`, as make build runs it).
@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is None or not i18n.building:
        _not_found.write(Path(config.site_dir))
        _passthrough.publish(Path(config.site_dir))
        if _command == "serve" and "--dirty" not in sys.argv and "--dirtyreload" not in sys.argv:  # make dev: search lags (README)
            _index_for_search(Path(config.site_dir))


def _index_for_search(site: Path) -> None:
    try:
        report = search.build_index(site)
    except search.SearchIndexError as error:
        raise PluginError(str(error)) from error
    log.info("%s", report)


# Why a hook: only the engine's server can watch files. Profiles, case studies, network data and
# the generator trigger a rebuild, which regenerates (on_pre_build).
def on_serve(server, config: MkDocsConfig, builder) -> None:
    root = Path(config.config_file_path).parent
    for folder in ("cities", "case-studies", "data", "src/portal"):
        server.watch(str(root / folder))
