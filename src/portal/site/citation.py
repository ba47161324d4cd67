"""What a citation shows besides its title: the page's date in the reader's language.

The citation itself is a template (templates/partials/citation.html) fed with the registry's
Source (portal.model.sources_registry); this module formats its date, which may be a day, a
month or a year, with CLDR through Babel.
"""
from __future__ import annotations

from datetime import date

from babel.dates import format_date, format_skeleton

from portal.i18n.localize import locale


def source_date(text: str, lang: str) -> str:
    """'2019-02-07' -> '7 février 2019', '2019-02' -> 'février 2019', '2019' -> '2019' (in `lang`)."""
    parts = [int(p) for p in text.split("-")]
    day = date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    if len(parts) == 3:
        return format_date(day, format="long", locale=locale(lang))
    return format_skeleton("yMMMM" if len(parts) == 2 else "y", day, locale=locale(lang))
