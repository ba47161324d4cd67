"""Where things are in a project: the folders the generator reads, and the files in them that are
not content. One place for these names; the loaders, the rules and the commands import them."""

from __future__ import annotations

CITIES_DIR = "cities"  # one YAML profile per member city
DATA_DIR = "data"  # network-level reference data
TEMPLATE = "_template.yml"  # the profile template (cities/_template.yml), not a profile
NOT_PROFILES = {TEMPLATE, "README.md", "city.schema.json", "images"}  # images/: pictures named in profiles

CASE_STUDIES_DIR = "case-studies"  # one Markdown file per case study and language
GENERATED_DIR = f"content/{CASE_STUDIES_DIR}"  # written by the generator; case studies' place before 2026-12
INDEX = "index"  # index.md: the hand-written intro of the case-study list page, not a case study
NOT_CASE_STUDIES = {"README.md"}  # the format reference (excluded from the site in mkdocs.yml)
REASONS_DIR = "data/award-reasons"  # why each city won the award, one file per round
