"""The model: everything the portal knows, read from disk and validated once.

`load(root)` reads cities/, data/ and case-studies/ (each file once), checks every rule, resolves
award winners to their profiles and returns a `Model`; page families, `portal check`, `portal
coverage` and the serving hook are functions of it and never read those folders again. Every
problem is collected: `ProfileErrors` lists them all, each `path:line: message`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from portal.files.yamlfile import Problem
from portal.model import awards, casestudies, sdg, sources_registry
from portal.model import reasons as award_reasons
from portal.model import sources as cited_pages
from portal.model.cities import DATA_DIR, City, ProfileErrors, read_profiles
from portal.validate import awards as award_rules
from portal.validate import citations
from portal.validate import profile as rules


@dataclass
class Model:
    """The validated network: cities sorted by slug, award rounds with their winners' profiles,
    award reasons, case studies, the SDG reference and the registry of cited pages."""

    root: Path
    cities: list[City]
    rounds: list[awards.Round] = field(default_factory=list)
    winners: dict[int, list[City]] = field(default_factory=dict)  # award year -> winners' profiles, in the list's order
    reasons: dict[tuple[int, str], award_reasons.Reason] = field(default_factory=dict)  # (year, slug)
    case_studies: casestudies.Library = field(default_factory=lambda: casestudies.Library([]))
    sdg: sdg.Reference | None = None
    sources: dict[str, sources_registry.Source] = field(default_factory=dict)  # data/sources.yml, by cited address

    def reason(self, year: int, slug: str) -> award_reasons.Reason | None:
        """Why `slug` won in `year` (data/award-reasons/), where the portal has it."""
        return self.reasons.get((year, slug))

    def city(self, slug: str) -> City | None:
        return self._by_slug.get(slug)

    @property
    def _by_slug(self) -> dict[str, City]:
        if getattr(self, "_slugs", None) is None or len(self._slugs) != len(self.cities):
            self._slugs = {c.slug: c for c in self.cities}
        return self._slugs

    @property
    def data_dir(self) -> Path:
        return self.root / DATA_DIR

    @property
    def award_years(self) -> tuple[int, ...]:
        return tuple(r.year for r in self.rounds)


def load(root: Path, *, case_studies: bool = True) -> Model:
    """Read and validate everything under `root`; raise ProfileErrors listing every problem."""
    root = Path(root)
    rounds, award_problems = awards.load(root)
    cities, docs, problems = read_profiles(root, tuple(r.year for r in rounds))
    complete = not problems
    problems += rules.duplicates(cities, docs)
    problems += award_problems + award_rules.check(rounds, cities, docs, complete)
    model = Model(root=root, cities=cities, rounds=rounds)
    if not problems:
        by_key = {(c.name, c.country): c for c in cities}
        model.winners = {r.year: [by_key[(w.city, w.iso2)] for w in r.winners] for r in rounds}
        winners = [award_reasons.Round(year, tuple(c.slug for c in found)) for year, found in model.winners.items()]
        model.reasons, reason_problems = award_reasons.load(root, winners)
        problems += reason_problems
    model.sdg = sdg.load(root / DATA_DIR)
    if case_studies:
        try:
            model.case_studies = casestudies.load(root, frozenset(c.slug for c in cities), model.sdg)
        except ProfileErrors as exc:
            problems += exc.problems
    registry, registry_problems = sources_registry.read(root)
    problems += registry_problems
    if not registry_problems:
        problems += citations.check(registry, cited_pages.cited(root, {d.file: d for d in docs.values()}))
    model.sources = sources_registry.entries(registry)
    if problems:
        raise ProfileErrors(_unique(problems))
    return model


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[str] = set()
    return [p for p in problems if not (str(p) in seen or seen.add(str(p)))]
