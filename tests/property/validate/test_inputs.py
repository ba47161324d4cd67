"""Property-based tests of the inputs communicators write (Hypothesis).

- Any profile the JSON Schema accepts either passes the validator and renders its six pages, or
  fails with `file:line: message` problems; never an exception.
- Arbitrary YAML text and arbitrary bytes, as a profile or as a case study, give only located
  problems (or pass); never an exception.
- Text the validator accepts comes out escaped in the HTML and well-formed in the JSON, CSV,
  GeoJSON and Atom outputs.

Profiles (tests/property/conftest.py): `ci` (the default, bounded, derandomized: `make test`) and
`fuzz` (`make fuzz`, long, prints how many examples it tried). A failing example found by the
fuzzer becomes a fixed regression test (`@example`) here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
from unittest import mock

import jsonschema
import markupsafe
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from lxml import etree

from portal.files import frontmatter
from portal.files.yamlfile import parse_yaml
from portal.i18n.languages import LANGUAGES
from portal.model import sdg
from portal.model.casestudies import load as load_case_studies
from portal.model.cities import City, _city
from portal.model.loader import Model
from portal.site.pages import Site, feeds, opendata
from portal.site.pages import city as city_pages
from portal.validate import casestudy as casestudy_rules
from portal.validate.profile import CONTROL, Context, check_profile
from tests.conftest import ROOT

SCHEMA = json.loads((ROOT / "cities" / "city.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
AWARD_YEARS = tuple(SCHEMA["properties"]["awards"]["items"]["enum"])
LOCATED = re.compile(r"^(cities|case-studies)/[\w.-]+:[1-9]\d*: \S")
FILE = "cities/fuzz.yml"
SITE = Site(edit_root="https://example.org/edit/main/", site_url="https://example.org/portal/")
REFERENCE = sdg.load(ROOT / "data")

# Text the validator lets through (no control or text-direction-override characters; rules.CONTROL),
# with right-to-left marks, combining characters, markup and long lines more likely than chance.
ALLOWED = st.characters(exclude_categories=["Cs", "Cc"], exclude_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
text = st.one_of(
    st.text(ALLOWED, min_size=1, max_size=60),
    st.text(st.sampled_from("aé北بп \u200f\u200e\u0301\u064b<>&\"'`{}[]()*#_!|\\\n\ufeff\ufffe\u2028]]>"), min_size=1, max_size=40),
    st.builds(lambda c, n: c * n, st.sampled_from(["x", "北", "ب\u0301", "<&>"]), st.integers(1000, 10_000)),
).filter(lambda v: v.strip() and not CONTROL.search(v))
# A city name as the validator accepts it (rules.NAME_CHARS): letters of any script, digits, a little punctuation.
name_text = st.text(st.one_of(st.characters(categories=["L", "M", "Nd"]), st.sampled_from(" '’.,()-–")), min_size=1, max_size=60).filter(lambda v: v.strip())


# Validator rules JSON Schema cannot express (see src/portal/validate/schema.py): letters of any script in
# names, a picture that exists (and is a readable image), a year not in the future, the host part
# of a web address, text that is only spaces.
SCHEMA_CANNOT_SAY = ("may contain letters, digits", "images.file", "images file", "joined must be a year", "must be a web address", "must not be empty")


def assert_located(problems: list) -> None:
    for p in problems:
        assert LOCATED.match(str(p)), f"not a file:line message: {p}"


def check_text(yaml_text: str) -> list:
    """What `portal check` does with one profile's text: parse, then every rule."""
    doc, problems = parse_yaml(yaml_text, FILE)
    if doc is not None and not problems:
        problems = check_profile(doc, Context(award_years=AWARD_YEARS, root=ROOT))
    assert_located(problems)
    return problems if doc is not None else problems or ["unparsed"]


def render_six(doc_text: str) -> list[str]:
    doc, _ = parse_yaml(doc_text, FILE)
    city = _city("fuzz", doc)
    return [city_pages.page(city, lang, SITE).text for lang in LANGUAGES]


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much], max_examples=settings().max_examples // 3)
@given(from_schema(SCHEMA))
@example(
    {"name": "Lyon", "country": "FR", "region": "Africa", "sources": ["https://example.org/"], "joined": 168513853566812590370689562780962985197}
)  # make fuzz found it
def test_a_profile_the_schema_accepts_passes_or_fails_with_located_problems(profile: dict):
    assume(VALIDATOR.is_valid(profile))  # hypothesis-jsonschema ignores dependentRequired
    yaml_text = yaml.safe_dump(profile, allow_unicode=True, sort_keys=False)
    problems = check_text(yaml_text)
    # The schema and the validator agree except where JSON Schema cannot say what the validator checks.
    for p in problems:
        assert any(part in p.message for part in SCHEMA_CANNOT_SAY), f"the schema accepts what the validator refuses: {p}"
    if not problems:
        pages = render_six(yaml_text)
        assert len(pages) == 6 and all(p.startswith("---\n") for p in pages)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=400))
@example("name: [\nunclosed")
@example("&a [*a, *a]")
@example("name: !!python/object:os.system ls")
@example("name: x\nname: y")
@example("? [a, b]\n: c")
def test_arbitrary_yaml_text_gives_only_located_problems(yaml_text: str):
    check_text(yaml_text)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
@example(b"\xef\xbb\xbfname: Lyon\r\n")
@example(b"name: \xff\xfe")
@example(b"\x00")
def test_arbitrary_bytes_as_a_profile_or_case_study_give_only_located_problems(tmp_path_factory, data: bytes):
    folder = tmp_path_factory.mktemp("bytes")
    path = folder / "fuzz.md"
    path.write_bytes(data)
    from portal.files.yamlfile import read_yaml

    doc, problems = read_yaml(path, FILE)
    if doc is not None and not problems:
        problems = check_profile(doc, Context(award_years=AWARD_YEARS, root=ROOT))
    assert_located(problems)
    doc, problems = frontmatter.read(path, "case-studies/fuzz.md")
    if doc is not None and not problems:
        ctx = casestudy_rules.Context(cities=frozenset({"lyon"}), reference=REFERENCE)
        problems = casestudy_rules.check(doc, ctx, casestudy_rules.CASE_STUDY_RULES)
    assert_located(problems)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=300))
@example("title: [\n")
@example("---")
def test_arbitrary_front_matter_gives_only_located_problems(tmp_path_factory, front: str):
    path = tmp_path_factory.mktemp("front") / "fuzz.md"
    path.write_text(f"---\n{front}\n---\nBody\n", encoding="utf-8")
    doc, problems = frontmatter.read(path, "case-studies/fuzz.md")
    if doc is not None and not problems:
        ctx = casestudy_rules.Context(cities=frozenset({"lyon"}), reference=REFERENCE)
        problems = casestudy_rules.check(doc, ctx, casestudy_rules.CASE_STUDY_RULES)
    assert_located(problems)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture], max_examples=settings().max_examples // 2)
@given(name=name_text, local=name_text, summary=text, notes=text, title=text)
@example(name="Lyon", local="Lyon", summary="a\u2028b <script>", notes="]]> & <", title="<b>t</b>\u200f")
def test_accepted_text_is_escaped_in_html_and_well_formed_in_data_files(tmp_path_factory, name, local, summary, notes, title):
    """Any text the validator's character rules accept (lengths aside): escaped in HTML, well-formed data."""
    title = title.strip()[:200]
    assume(title)
    city = City(
        slug="fuzz",
        file=FILE,
        name=name.strip(),
        country="FR",
        region="europe-north-america",
        sources=("https://example.org/s",),
        names={"fr": local.strip(), "ar": local.strip()},
        summary={"en": summary.strip()},
        summary_sources=("https://example.org/s",),
        reader_note={"en": notes.strip()},
        lat=45.7,
        lon=4.8,
    )
    root = tmp_path_factory.mktemp("site")
    shutil.copytree(ROOT / "data", root / "data")
    (root / "case-studies").mkdir(parents=True)
    study = {
        "title": title,
        "summary": "A summary.",
        "city": "fuzz",
        "year": 2020,
        "sdg_targets": ["4.3"],
        "themes": ["literacy"],
        "sources": ["https://example.org/s"],
        "updated": dt.date(2024, 1, 1),
    }
    (root / "case-studies" / "fuzz-study.md").write_text("---\n" + yaml.safe_dump(study, allow_unicode=True) + "---\nBody.\n", encoding="utf-8")
    network = Model(root=root, cities=[city], sdg=REFERENCE)
    # The raw HTML policy refuses markup in a title (tested in tests/unit/validate/test_raw_html_policy.py); with it off,
    # what the templates do with such a text is tested on its own: defence in depth.
    with mock.patch("portal.validate.casestudy.plain_text_problem", lambda value, field: None):
        network.case_studies = load_case_studies(root, frozenset({"fuzz"}), REFERENCE)

    for lang in LANGUAGES:
        page = city_pages.page(city, lang, SITE).text
        for value in (city.name_in(lang), city.reader_note.get("en", ""), *city.summary["en"].split("\n\n")):
            value = value.strip()
            if value and any(c in value for c in "<>&"):
                assert str(markupsafe.escape(value)) in page, (lang, value[:80])
        assert "<script" not in page  # a generated page has no script of its own: any would be injected
    files = {f.path: f.text for f in opendata.pages(network, SITE)}
    records = json.loads(files["open-data/members.json"])
    records = records["members"] if isinstance(records, dict) else records
    assert records[0]["name"] == city.name and records[0]["names"]["fr"] == city.names["fr"]
    geo = json.loads(files["open-data/members.geojson"])
    assert geo["features"][0]["properties"]["name"] == city.name
    rows = list(csv.DictReader(io.StringIO(files["open-data/members.csv"], newline="")))
    assert rows[0]["name"] == city.name
    for f in feeds.pages(network, SITE):
        tree = etree.fromstring(f.text.encode("utf-8"))  # well-formed XML, or lxml raises
        titles = tree.findall("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}title")
        assert [t.text for t in titles] == [title]


def test_non_characters_are_refused_where_xml_cannot_carry_them():
    """Regression (found by the fuzzer): U+FFFE in a text made the Atom feed ill-formed."""
    problems = check_text('name: Lyon\ncountry: FR\nregion: Africa\nsources: [https://example.org/]\nmaintainer_notes: "a\\ufffe"\n')
    assert [str(p) for p in problems] == [f"{FILE}:5: maintainer_notes must not contain control or text-direction characters, got 'a\\ufffe'"]


def test_a_source_urlsplit_cannot_read_is_a_located_problem():
    """Regression (found by the fuzzer): 'http://0.[' made urlsplit raise inside the validator."""
    problems = check_text("name: Lyon\ncountry: FR\nregion: Africa\nsources: ['http://0.[']\n")
    assert [str(p) for p in problems] == [f"{FILE}:4: each source must be a web address starting with https:// or http://, got 'http://0.['"]
