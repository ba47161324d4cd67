"""MkDocs hooks: thin adapters between MkDocs and the portal package (hooks/portal/).

The i18n plugin re-runs the whole build once per language, so every event below runs six times;
the expensive work (loading, validating, generating) runs once per process and input state.
"""
from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.pages import Page

from portal import breadcrumbs, crosslinks, parallel, search, speedups
from portal.build import SiteSources
from portal.languages import LANGUAGES, direction, plural_json, t, tn, url_prefix
from portal.pages import families, home
from portal.siteoutput import NotFoundPages, data_date, home_alternates, pin_build_date

GENERATED_FOLDERS = frozenset(families())  # content/ folders written by the generator

log = get_plugin_logger("portal")
_sources: SiteSources | None = None
_not_found = NotFoundPages()


# Reproducible builds: dates (sitemap) from the last commit, not the clock (SOURCE_DATE_EPOCH).
# Also the contained speed-ups of the i18n plugin and Jinja (identical output; PORTAL_PLAIN_BUILD=1
# disables them: hooks/portal/speedups.py). Priority -110: after the i18n plugin's on_config.
@event_priority(-110)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    pin_build_date(Path(config.config_file_path).parent)
    speedups.install()
    if not _in_language_rebuild(config):
        speedups.new_build()
    speedups.dedupe_theme_dirs(config)
    return config


# Generate content/ from cities/ before MkDocs lists the docs folder (once per changed input).
@event_priority(100)
def on_pre_build(config: MkDocsConfig) -> None:
    global _sources
    root = Path(config.config_file_path).parent
    if _sources is None or _sources.root != root:
        _sources = SiteSources(root)
    elif _in_language_rebuild(config):
        return  # the i18n plugin's nested build of another language: same inputs, same pages
    errors = _sources.refresh(repo_url=config.repo_url or "", edit_uri=config.edit_uri or "", site_url=config.site_url or "")
    if errors:
        for line in errors:
            log.error(line)
        raise PluginError(f"{len(errors)} problem(s) in city profiles or case studies: fix the lines above (file:line: rule, got value).")
    if _sources.report:
        log.info("%s", _sources.report)


def _in_language_rebuild(config: MkDocsConfig) -> bool:
    """True inside mkdocs-static-i18n's per-language re-builds (after the default language)."""
    i18n = config.plugins.get("i18n")
    return bool(getattr(i18n, "building", False))


# With two cores, build the later half of the languages in a second process, from here: the site
# folder is clean and the default language's build has not begun (hooks/portal/parallel.py).
@event_priority(100)
def on_files(files, config: MkDocsConfig):
    parallel.fork_languages(config, shared=[_not_found])
    return files


# A failed build stops the second process: it must not go on writing into the site folder.
def on_build_error(error: Exception) -> None:
    parallel.abandon()


# Point the page's edit link (in the footer: partials/footer.html) of a generated page at the file
# it came from (front matter `edit_source`), or hide it: a generated file is git-ignored.
# The home page (template home.html) gets its generated sections, in the language being built.
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    source = page.meta.get("edit_source")
    if source and _sources is not None:
        page.edit_url = _sources.edit_url(source)
    elif page.file.src_uri.split("/", 1)[0] in GENERATED_FOLDERS:
        page.edit_url = None
    if page.meta.get("template") == home.TEMPLATE and _sources is not None and _sources.network is not None:
        lang = config.theme.get("language") or "en"
        context["portal_home"] = Markup(_sources.home(lang, tuple(page.meta.get("sources") or ())))
    return context


# Append target badges, city cards, themes, related case studies and sources to hand-written case
# studies (and the list to content/case-studies/index.md), in the language being built.
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files) -> str:
    if _sources is None:
        return markdown
    i18n = config.plugins.get("i18n")
    lang = getattr(i18n, "current_language", None) or config.theme.get("language") or "en"
    extra = crosslinks.extra_markdown(_sources, page.file.src_uri, lang, getattr(page.file, "locale", None))
    return markdown.rstrip("\n") + "\n" + extra if extra else markdown


# Give theme templates the portal's UI strings: {{ portal_t("page.not_translated", lang) }}, and
# plural ones: {{ portal_tn("members.shown", lang, count) }}; the breadcrumbs of a page and the date
# of the data (the footer).
def on_env(env, config: MkDocsConfig, files):
    env.globals.update(
        portal_t=t, portal_tn=tn, portal_forms=plural_json, portal_languages=LANGUAGES, portal_direction=direction,
        portal_url_prefix=url_prefix, portal_breadcrumbs=breadcrumbs.trail, portal_data_date=data_date,
    )
    speedups.share_compiled_templates(env)
    return env


# The 404 page's language switcher points at each language's home page. (The i18n plugin sets
# extra.alternate both as an item and as an attribute; Material's template reads the attribute.)
def on_pre_template(template, template_name: str, config: MkDocsConfig):
    alternates = getattr(config.extra, "alternate", None)
    if template_name == "404.html" and isinstance(alternates, list):
        homes = home_alternates(alternates, urlsplit(config.site_url or "/").path)
        config.extra["alternate"] = homes
        config.extra.alternate = homes
    return template


# One 404 page per language: every language build renders 404.html into the same site_dir (the
# last language built would win); keep each rendering, and write them all once every language is
# built (priority -200, i18n no longer building: see the i18n notes).
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    if template_name == "404.html" and i18n is not None:
        _not_found.rendered(i18n.current_language, output)
    return output


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is None or not i18n.building:
        _not_found.write(Path(config.site_dir))
        _index_for_search(Path(config.site_dir))


# Site search: one Pagefind index per language, from the finished HTML (hooks/portal/search.py).
# `make dev` (--dirty, one language) skips it: the README says search lags behind there.
def _index_for_search(site: Path) -> None:
    if "--dirty" in sys.argv or "--dirtyreload" in sys.argv:
        return
    try:
        report = search.build_index(site)
    except search.SearchIndexError as error:
        raise PluginError(str(error)) from error
    log.info("%s", report)


# Rebuild on changes to profiles, network data and the generator while serving.
def on_serve(server, config: MkDocsConfig, builder) -> None:
    root = Path(config.config_file_path).parent
    for folder in ("cities", "data", "hooks/portal"):
        server.watch(str(root / folder))
