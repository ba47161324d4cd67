"""The rule that ties the award list to the profiles: every winner in data/learning_city_awards.csv
has a profile with the same name and country code, whose `awards:` lists exactly the rounds the
list gives it."""

from __future__ import annotations

from portal.files.yamlfile import Document, Problem
from portal.validate.shapes import City, Round

AWARDS_FILE = "data/learning_city_awards.csv"


def check(rounds: list[Round], cities: list[City], docs: dict[str, Document], complete: bool = True) -> list[Problem]:
    """Disagreements between the award list (`rounds`, from load) and the profiles.

    `complete` is false when some profiles failed their own checks: a winner whose profile is
    among them is then not reported as missing (its file's own problem is reported instead)."""
    problems: list[Problem] = []
    by_key = {(c.name, c.country): c for c in cities}
    listed: dict[tuple[str, str], dict[int, int]] = {}  # (name, iso2) -> {year: line in the CSV}
    for rnd in rounds:
        for w in rnd.winners:
            listed.setdefault((w.city, w.iso2), {})[rnd.year] = w.line
            if complete and (w.city, w.iso2) not in by_key:
                same_name = [c for c in cities if c.name.casefold() == w.city.casefold()]
                hint = (
                    f"; {same_name[0].file} has '{same_name[0].name}' ({same_name[0].country})"
                    if same_name
                    else "; add a profile in cities/ (copy cities/_template.yml)"
                )
                problems.append(
                    Problem(
                        AWARDS_FILE, w.line, f"each award winner must have a city profile with the same name and country code, got '{w.city}' ({w.iso2}){hint}"
                    )
                )
    for city in cities:
        doc = docs.get(city.slug)
        years = listed.get((city.name, city.country), {})
        line = doc.line("awards") if doc is not None else 1
        extra = [y for y in city.awards if y not in years]
        missing = [y for y in sorted(years) if y not in city.awards]
        for y in extra:
            index = list(doc.data.get("awards") or []).index(y) if doc is not None else 0
            at = doc.line("awards", index) if doc is not None else line
            problems.append(
                Problem(city.file, at, f"award years must be rounds in which {AWARDS_FILE} lists the city ('{city.name}', {city.country}), got {y}")
            )
        for y in missing:
            problems.append(
                Problem(
                    city.file,
                    line,
                    f"awards must list every round in which {AWARDS_FILE} lists the city (line {years[y]}), got no {y}; add it: awards: [{', '.join(map(str, sorted({*city.awards, *missing})))}]",
                )
            )
    return problems
