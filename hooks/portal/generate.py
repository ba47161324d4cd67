"""Run every page family and bring content/ up to date: write changed files, delete stale ones."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .cities import Network
from .pages import GeneratedFile, Site, families

DOCS_DIR = "content"


@dataclass
class Report:
    written: int = 0
    unchanged: int = 0
    removed: int = 0

    @property
    def total(self) -> int:
        return self.written + self.unchanged

    def __str__(self) -> str:
        return f"generated pages: {self.total} ({self.written} written, {self.unchanged} unchanged, {self.removed} stale removed)"


def render_all(network: Network, site: Site) -> dict[str, list[GeneratedFile]]:
    """Every generated file, by the content/ folder (family) that owns it. Pure: writes nothing."""
    return {folder: list(family(network, site)) for folder, family in families().items()}


def sync(docs_dir: Path, generated: dict[str, list[GeneratedFile]]) -> Report:
    """Write files whose text changed (so `mkdocs serve` does not loop) and delete stale ones."""
    report = Report()
    for folder, files in generated.items():
        root = docs_dir / folder
        wanted = {root / f.path.removeprefix(f"{folder}/"): f.text for f in files}
        for path, text in wanted.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            data = text.encode("utf-8")
            if path.is_file() and path.read_bytes() == data:
                report.unchanged += 1
            else:
                path.write_bytes(data)
                report.written += 1
        for path in sorted(root.rglob("*"), reverse=True) if root.is_dir() else []:
            if path.is_file() and path not in wanted:
                path.unlink()
                report.removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return report


def generate(network: Network, site: Site, docs_dir: Path | None = None) -> Report:
    """Generate every page family into docs_dir (default: <root>/content)."""
    return sync(docs_dir or network.root / DOCS_DIR, render_all(network, site))
