"""The Jinja environment for generated pages; their templates live in src/portal/site/templates/."""
from __future__ import annotations

import html
import json
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import markupsafe

from portal.i18n import localize
from portal.site import worldmap
from portal.site.citation import source_date
from portal.i18n.languages import DEFAULT, LANGUAGES, direction, plural_json, t, tn

TEMPLATES = Path(__file__).resolve().with_name("templates")  # the generator's own, apart from the theme's (overrides/)


def front_matter_value(value: object) -> markupsafe.Markup:
    """A value for YAML front matter: HTML-escaped (Material prints titles unescaped), JSON-quoted."""
    return markupsafe.Markup(json.dumps(html.escape(str(value), quote=False), ensure_ascii=False))


def host(url: str) -> str:
    """'https://www.uil.unesco.org/en/x' -> 'uil.unesco.org': a source link's short text."""
    return urlsplit(url).netloc.removeprefix("www.")


def heading_anchor(anchor_id: str) -> markupsafe.Markup:
    """A stable heading id in Markdown attribute syntax: '## Title {#facts}'."""
    if not anchor_id.replace("-", "").isalnum():
        raise ValueError(f"invalid anchor id {anchor_id!r}")
    return markupsafe.Markup("{#" + anchor_id + "}")


def sentence(text: str) -> str:
    """A sentence with one final period: a date that ends in an abbreviation ('дек. 2024 г.') put
    before the sentence's own period would otherwise give 'г..'."""
    return text[:-1] if text.endswith("..") and not text.endswith("...") else text


@cache
def environment(templates: Path = TEMPLATES) -> jinja2.Environment:
    """Autoescaping, strict environment: every value from data is escaped, every name must exist."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["fm"] = front_matter_value
    env.filters["host"] = host
    env.filters["sentence"] = sentence
    env.globals.update(
        languages=LANGUAGES,
        default_language=DEFAULT,
        direction=direction,
        country_name=localize.country_name,
        region_name=localize.region_name,
        language_name=localize.language_name,
        number=localize.number,
        coordinate=localize.coordinate,
        anchor=heading_anchor,
        map_point=worldmap.project,
        map_size=(worldmap.WIDTH, worldmap.HEIGHT),
        cluster_names=worldmap.names,
        source_date=source_date,
    )
    return env


def keep_compiled_templates(folder: Path) -> None:
    """Keep the compiled templates in `folder` between runs (Jinja's own bytecode cache: a template
    whose source changed is compiled again)."""
    folder.mkdir(parents=True, exist_ok=True)
    environment().bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))


def render(template: str, lang: str, **values: object) -> str:
    """Render `template` for `lang`; in templates `_(key, **fmt)` gives the UI string in that language,
    `_n(key, count, **fmt)` its CLDR plural form for `count`, `_forms(key)` all its forms as JSON."""
    def _(key: str, **fmt: object) -> str:
        text = t(key, lang)
        return text.format(**fmt) if fmt else text

    def _n(key: str, count: int, **fmt: object) -> str:
        return tn(key, lang, count, **fmt)

    def _forms(key: str) -> str:
        return plural_json(key, lang)

    return environment().get_template(template).render(lang=lang, _=_, _n=_n, _forms=_forms, **values)
