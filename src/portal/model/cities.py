"""Loading cities/ into validated City records. The one place where profiles are read."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from portal.files.paths import CITIES_DIR, DATA_DIR, NOT_PROFILES, TEMPLATE  # noqa: F401 (re-exported)
from portal.files.yamlfile import Document, Problem, read_yaml
from portal.validate.filenames import profile_files
from portal.validate.profile import REGIONS, Context, check_profile


@dataclass(frozen=True)
class Picture:
    """A picture named in a profile (`images:`): a checked file under cities/images/."""

    file: str  # repository-relative, e.g. cities/images/lyon-library.jpg
    alt: dict[str, str]  # per language; "en" always present
    credit: str
    license: str

    def alt_in(self, lang: str) -> str:
        return self.alt.get(lang, self.alt["en"])


@dataclass(frozen=True)
class City:
    """One validated member city."""

    slug: str
    file: str  # repository-relative path, e.g. cities/lyon.yml
    name: str
    country: str
    region: str  # region id, e.g. "europe-north-america"
    sources: tuple[str, ...]
    names: dict[str, str] = field(default_factory=dict)
    names_source: dict[str, str] = field(default_factory=dict)  # lang -> geonames, cldr, texts, transcribed or a page address
    joined: int | None = None
    awards: tuple[int, ...] = ()
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    website: str | None = None
    summary: dict[str, str] = field(default_factory=dict)
    summary_sources: tuple[str, ...] = ()
    reader_note: dict[str, str] = field(default_factory=dict)  # shown to readers, per language
    images: tuple[Picture, ...] = ()

    def name_in(self, lang: str) -> str:
        return self.names.get(lang, self.name)

    def name_from_geonames(self, lang: str) -> bool:
        """Whether the name shown in `lang` was imported from GeoNames (to credit it)."""
        return self.names_source.get(lang) == "geonames" and lang in self.names


class ProfileErrors(Exception):
    """Raised with every problem found; `str()` lists them one per line."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


def _city(slug: str, doc: Document) -> City:
    d = doc.data
    coords = d.get("coordinates") or {}
    sources = d["sources"] if isinstance(d["sources"], list) else [d["sources"]]
    return City(
        slug=slug,
        file=doc.file,
        name=d["name"].strip(),
        names={k: v.strip() for k, v in (d.get("names") or {}).items()},
        names_source=dict(d.get("names_source") or {}),
        country=d["country"],
        region=REGIONS[d["region"]],
        joined=d.get("joined"),
        awards=tuple(sorted(d.get("awards") or ())),
        lat=float(coords["lat"]) if coords else None,
        lon=float(coords["lon"]) if coords else None,
        geonames_id=d.get("geonames_id"),
        website=(d.get("website") or "").strip() or None,
        summary={k: v.strip() for k, v in (d.get("summary") or {}).items()},
        summary_sources=tuple(s.strip() for s in ([d["summary_sources"]] if isinstance(d.get("summary_sources"), str) else d.get("summary_sources") or ())),
        sources=tuple(s.strip() for s in sources),
        reader_note={k: v.strip() for k, v in (d.get("reader_note") or {}).items()},
        images=tuple(
            Picture(i["file"].strip(), {k: v.strip() for k, v in i["alt"].items()}, i["credit"].strip(), i["license"].strip()) for i in d.get("images") or ()
        ),
    )


def read_profiles(root: Path, award_years: tuple[int, ...]) -> tuple[list[City], dict[str, Document], list[Problem]]:
    """Read and check every profile under root/cities: the valid cities, their documents, and
    every problem (a profile with a problem is not among the cities)."""
    ctx = Context(award_years=award_years, root=Path(root))
    files, problems = profile_files(Path(root))
    docs: dict[str, Document] = {}
    cities: list[City] = []
    for path in files:
        rel = f"{CITIES_DIR}/{path.name}"
        doc, found = read_yaml(path, rel)
        if doc is not None:
            found = check_profile(doc, ctx)
        problems.extend(found)
        if doc is not None and not found:
            docs[path.stem] = doc
            cities.append(_city(path.stem, doc))
    return cities, docs, problems
