"""The committed JSON Schema (cities/city.schema.json) matches the validator's fields (portal.validate.schema)."""

from __future__ import annotations

import json

import jsonschema
import pytest

from portal.files.yamlfile import read_yaml
from portal.model import network
from portal.validate.profile import FIELDS
from portal.validate.schema import SCHEMA_FILE, schema_text
from tests.conftest import ROOT


def test_committed_schema_is_up_to_date():
    expected = schema_text(network.award_years(ROOT))
    assert (ROOT / SCHEMA_FILE).read_text(encoding="utf-8") == expected, "run: portal schema --write"


def test_schema_accepts_every_real_profile_and_documents_every_field():
    schema = json.loads((ROOT / SCHEMA_FILE).read_text(encoding="utf-8"))
    assert list(schema["properties"]) == list(FIELDS)
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted((ROOT / "cities").glob("*.yml")):
        doc, problems = read_yaml(path, path.name)
        assert not problems
        assert not list(validator.iter_errors(doc.data)), path.name


@pytest.mark.parametrize("field", list(FIELDS))
def test_field_reference_and_template_mention_every_field(field: str):
    assert f"| `{field}` |" in (ROOT / "cities" / "README.md").read_text(encoding="utf-8")
    assert f"\n{field}:" in (ROOT / "cities" / "_template.yml").read_text(encoding="utf-8")


def test_every_profile_declares_the_schema():
    for path in (ROOT / "cities").glob("*.yml"):
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=city.schema.json\n"), path.name


# The award years of profiles are checked against data/learning_city_awards.csv by the loader (portal.model.load)
# itself (portal.model.awards.check; tests/unit/validate/test_awards.py).
