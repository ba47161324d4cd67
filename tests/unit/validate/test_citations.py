"""The registry of cited pages (data/sources.yml): loaded into the model, and each citation rule
failing, with its file, line and fix, when it should (portal.validate.citations)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from portal.model.loader import load
from portal.model.sources_registry import Source
from tests.conftest import ROOT, restrict_awards
from tests.conftest import load_problems as problems

CORK_SOURCE = "https://www.ucc.ie/en/greencampus/practice/teaching-and-learning/community-academic-research-links/"
NEW = "https://www.corkcity.ie/en/news/learning-festival-2026.html"
PREPROD = "https://preprod.uil.unesco.org/city/cork"
ENTRY = 'title: "Learning festival 2026"\n  publisher: "Cork City Council"\n  date: "2026-03"\n  language: en\n  kind: city\n'


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Cork's profile, one case study about it, the home page and the real data (award list and
    reasons restricted to Cork): everything it cites is in the real registry."""
    (tmp_path / "cities").mkdir()
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copy2(ROOT / "cities" / "cork.yml", tmp_path / "cities")
    restrict_awards(tmp_path)
    (tmp_path / "case-studies").mkdir()
    shutil.copy2(ROOT / "case-studies" / "cork-lifelong-learning-festival.md", tmp_path / "case-studies")
    (tmp_path / "content").mkdir()
    shutil.copy2(ROOT / "content" / "index.md", tmp_path / "content")
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def register(repo: Path, url: str, body: str = ENTRY) -> int:
    """Add an entry at the end of the registry; the line of its key."""
    path = repo / "data" / "sources.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + f'"{url}":\n  {body}', encoding="utf-8")
    return text.count("\n") + 1


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_the_registry_is_loaded_into_the_model(repo: Path):
    model = load(repo)
    source = model.sources[CORK_SOURCE]
    assert isinstance(source, Source) and source.title and source.publisher and source.kind in ("academic", "other", "official")
    assert model.case_studies.studies  # the case study loaded: its sources are registered too


def test_the_real_registry_describes_every_cited_page():
    model = load(ROOT)
    assert len(model.sources) > 300
    assert not [u for u in model.sources if "preprod." in u]


def test_an_unregistered_profile_source_is_located_with_the_fix(repo: Path):
    edit(repo / "cities" / "cork.yml", f"  - {CORK_SOURCE}", f"  - {CORK_SOURCE}\n  - {NEW}")
    line = line_of(repo / "cities" / "cork.yml", NEW)
    assert problems(repo) == [
        f"cities/cork.yml:{line}: each cited page must be described in data/sources.yml, got '{NEW}' which is not there; "
        "add it to data/sources.yml with title:, publisher:, date: (if known), language: and kind: "
        "(the page's own title; verified: false and a [description] if you cannot open the page)"
    ]
    register(repo, NEW)
    assert load(repo).sources[NEW].title == "Learning festival 2026"


def test_a_registered_page_without_a_title_is_refused_where_it_is_cited_and_in_the_registry(repo: Path):
    edit(repo / "cities" / "cork.yml", f"  - {CORK_SOURCE}", f"  - {CORK_SOURCE}\n  - {NEW}")
    at = register(repo, NEW, ENTRY.replace('title: "Learning festival 2026"', 'title: ""'))
    found = problems(repo)
    assert f"data/sources.yml:{at + 1}: {NEW}: title must not be empty, got ''; write the text or remove the line" in found
    assert any(p.startswith(f"cities/cork.yml:{line_of(repo / 'cities' / 'cork.yml', NEW)}: ") and "with no title there" in p for p in found)


UNESCO_2015 = "https://uil.unesco.org/lifelong-learning/project/cork-city-celebrates-receiving-unesco-learning-city-award-2015"
CITING = {  # a place of each kind that cites a page -> (file, an address it cites, replaced by NEW)
    "summary_sources": ("cities/cork.yml", UNESCO_2015),  # first cited in summary_sources:
    "case study": ("case-studies/cork-lifelong-learning-festival.md", "https://www.echolive.ie/corkviews/arid-40183563.html"),
    "award reason": ("data/award-reasons/2015.yml", UNESCO_2015),
    "award list": ("data/learning_city_awards.csv", "https://uil.unesco.org/lifelong-learning/learning-cities/2015-unesco-learning-city-award"),
    "conference list": ("data/conferences.csv", "https://iigh.unu.edu/news/news/unesco-3rd-international-conference-on-learning-cities.html"),
    "network growth": ("data/network_growth.csv", None),  # the source of the first row
    "home page": ("content/index.md", "https://en.unesco.org/news/learning-cities-drivers-inclusion-and-sustainability"),
}


@pytest.mark.parametrize("where", list(CITING))
def test_every_kind_of_citation_must_be_registered(repo: Path, where: str):
    file, url = CITING[where]
    path = repo / file
    url = url or path.read_text(encoding="utf-8").splitlines()[1].rsplit(",", 1)[1]
    edit(path, url, NEW)
    assert problems(repo) == [
        f"{file}:{line_of(path, NEW)}: each cited page must be described in data/sources.yml, got '{NEW}' which is not there; "
        "add it to data/sources.yml with title:, publisher:, date: (if known), language: and kind: "
        "(the page's own title; verified: false and a [description] if you cannot open the page)"
    ]


def test_a_pre_production_address_is_refused_where_it_is_cited_and_where_it_is_registered(repo: Path):
    edit(repo / "cities" / "cork.yml", f"  - {CORK_SOURCE}", f"  - {CORK_SOURCE}\n  - {PREPROD}")
    at = register(repo, PREPROD)
    fix = (
        "which readers cannot open ('https://preprod.uil.unesco.org/city/cork'); cite the public page (uil.unesco.org/...) instead, "
        "or remove the source if none exists"
    )
    assert problems(repo) == [
        f"data/sources.yml:{at}: a registered address must be a public page, got an address on the pre-production server preprod.uil.unesco.org, {fix}",
        f"cities/cork.yml:{line_of(repo / 'cities' / 'cork.yml', PREPROD)}: each cited page must be a public page, got an address on the pre-production server preprod.uil.unesco.org, {fix}",
    ]


def test_a_pre_production_address_is_refused_even_if_only_registered(repo: Path):
    at = register(repo, "http://preprod.uil.unesco.org/lifelong-learning/x")
    found = problems(repo)
    assert len(found) == 1 and found[0].startswith(f"data/sources.yml:{at}: a registered address must be a public page") and "(uil.unesco.org/...)" in found[0]


@pytest.mark.parametrize(
    "field, what",
    [
        ("title", "the page's own title"),
        ("publisher", "who publishes the page"),
        ("language", "the page's language, e.g. en"),
        ("kind", "official | government | city | press | aggregator | blog | academic | other"),
    ],
)
def test_a_registry_entry_needs_its_fields(repo: Path, field: str, what: str):
    at = register(repo, NEW, "\n  ".join(line.strip() for line in ENTRY.splitlines() if not line.strip().startswith(field + ":")) + "\n")
    assert problems(repo) == [f"data/sources.yml:{at}: {NEW}: each source needs '{field}:' ({what}), got no '{field}:' line; add it"]


@pytest.mark.parametrize(
    "bad, message",
    [
        ("kind: newspaper", "kind must be one of official, government, city, press, aggregator, blog, academic, other, got 'newspaper'"),
        ('date: "2026-13"', "date must exist in the calendar, got '2026-13'; write it in quotes"),
        ('date: "2026-02-30"', "date must exist in the calendar, got '2026-02-30'; write it in quotes"),
        ('date: "March 2026"', 'date must be text such as "2019-02-07", "2019-02" or "2019", got \'March 2026\'; write it in quotes'),
        ("date: 2026", 'date must be text such as "2019-02-07", "2019-02" or "2019", got 2026; write it in quotes'),
        ("date: 2026-03-01", 'date must be text such as "2019-02-07", "2019-02" or "2019", got the date 2026-03-01; write it in quotes'),
        ("language: English", "language must be the page's ISO 639-1 code in lower case, such as en, fr or zh, got 'English'"),
        ("verified: true", "verified may only be false (the title could not be read on the page), got true; remove the line if you read the title on the page"),
        ("titel: Festival", "unknown field, got 'titel'; did you mean 'title'?"),
    ],
)
def test_each_registry_rule_fails_when_it_should(repo: Path, bad: str, message: str):
    key = bad.split(":")[0]
    body = "\n".join(line for line in ENTRY.splitlines() if not line.strip().startswith(key + ":")) + f"\n  {bad}\n"
    at = register(repo, NEW, body)
    found = problems(repo)
    assert len(found) == 1, found
    line = at + body.count("\n")  # the bad line is the entry's last
    assert found[0].startswith(f"data/sources.yml:{line}: {NEW}: {message}"), found[0]
