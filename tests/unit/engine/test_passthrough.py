"""The share pictures copied once into the site, out of the engine's file list."""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File, Files, InclusionLevel

from portal.engine.passthrough import Passthrough


def files_in(docs: Path, site: Path) -> Files:
    found = []
    for path in sorted(docs.rglob("*")):
        if path.is_file():
            rel = path.relative_to(docs).as_posix()
            f = File(rel, str(docs), str(site), use_directory_urls=True)
            if path.name.startswith("."):
                f.inclusion = InclusionLevel.EXCLUDED
            found.append(f)
    return Files(found)


def test_the_share_pictures_leave_the_engine_and_are_copied_once(tmp_path: Path):
    docs, site = tmp_path / "content", tmp_path / "site"
    for rel, data in {
        "share/a1.png": b"png a",
        "share/b2.png": b"png b",
        "share/.gitignore": b"*\n",
        "media/x.webp": b"webp",
        "cities/lyon.md": b"# Lyon",
        "share/index.md": b"# a page",
    }.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_bytes(data)
    files = files_in(docs, site)
    moved = Passthrough()
    moved.take(files)
    left = sorted(f.src_uri for f in files)
    # Pages, other folders and excluded files stay with the engine.
    assert left == ["cities/lyon.md", "media/x.webp", "share/.gitignore", "share/index.md"]
    moved.take(files_in(docs, site))  # a second language build: the same files, taken again
    assert moved.publish(site) == 2
    assert (site / "share" / "a1.png").read_bytes() == b"png a" and (site / "share" / "b2.png").read_bytes() == b"png b"
    assert not (site / "share" / ".gitignore").exists()
    assert moved.publish(site) == 0  # published once per build
