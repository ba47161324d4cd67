"""The field reference of a city profile, in each language, at /field-reference/.

Generated from the validator's field list (rules.FIELDS: order, required, JSON type), the allowed
values the rules accept (regions, award years, languages) and the examples in cities/_template.yml,
so it cannot drift from what `portal check` enforces. Descriptions: strings/contribute.yml.
"""
from __future__ import annotations

from collections.abc import Iterator

from portal.model.cities import CITIES_DIR, TEMPLATE
from portal.model.loader import Model
from portal.i18n.languages import LANGUAGES
from portal.site.render import render
from portal.validate.profile import FIELDS, REGIONS
from portal.authoring.scaffold import template_blocks
from portal.site.pages import GeneratedFile, Site, localized_path

FOLDER = "field-reference"
GUIDE_URL = "../contribute/"  # the hand-written guide (content/contribute.md), same language


def examples(template: str) -> dict[str, str]:
    """Each field's example: its value lines in the template, without the comments."""
    _, blocks = template_blocks(template)
    return {key: "\n".join(ln for ln in lines if not ln.startswith("#")) for key, lines in blocks.items()}


def allowed(key: str, award_years: tuple[int, ...]) -> list[tuple[str, str | None]]:
    """(value as written in the file, what it means in the reader's language: a region or language id)."""
    if key == "region":
        return [(name, region_id) for name, region_id in REGIONS.items()]
    if key in ("names", "summary"):
        return [(lang, lang) for lang in LANGUAGES]
    if key == "names_source":
        return [("geonames", None)]
    if key == "awards":
        return [(str(year), None) for year in award_years]
    return []


def pages(network_: Model, site: Site) -> Iterator[GeneratedFile]:
    path = network_.root / CITIES_DIR / TEMPLATE
    template = path.read_text(encoding="utf-8") if path.is_file() else ""  # no template, no examples
    samples = examples(template)
    years = network_.award_years
    fields = [
        {"key": key, "anchor": key.replace("_", "-"), "type": kind, "required": required,
         "example": samples.get(key, ""), "allowed": allowed(key, years)}
        for key, (kind, required, _) in FIELDS.items()
    ]
    for lang in LANGUAGES:
        text = render("field-reference.md", lang, fields=fields, guide_url=GUIDE_URL)
        yield GeneratedFile(localized_path(f"{FOLDER}/index", lang), text)
