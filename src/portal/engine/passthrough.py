"""Generated static files the engine need not read: the share pictures (content/share/, some
2,300 PNGs, one copy for every language).

Left to the engine, every language build lists them, lets mkdocs-static-i18n localize each one and
copies them again: six times the files and the bytes, about a third of the engine step's wall time
on the real site. Taken out of the engine's file list at each build's `on_files`, they are copied
once into the built site after the last language, at the same addresses. An engine without the hook
copies them itself from content/: the output is the same either way (tests/site/test_build_speed.py
compares with the plain build).
"""

from __future__ import annotations

from pathlib import Path

from portal.files.placing import place
from portal.site.sharecards import FOLDER

FOLDERS = (FOLDER,)


class Passthrough:
    """The static files taken out of the engine's hands in this build, and their publication."""

    def __init__(self, folders: tuple[str, ...] = FOLDERS) -> None:
        self.folders = folders
        self.taken: dict[str, str] = {}  # the file's address in the site -> its source file

    def take(self, files) -> None:
        """Remove the static files under `folders` from the engine's file list (MkDocs Files),
        remembering them for publish()."""
        for file in list(files):
            if file.inclusion.is_excluded():  # e.g. the folder's .gitignore: the engine publishes neither
                continue
            if file.src_uri.split("/", 1)[0] in self.folders and not file.is_documentation_page():
                self.taken[file.dest_uri] = file.abs_src_path
                files.remove(file)

    def publish(self, site_dir: Path) -> int:
        """Put every file taken into the site (a hard link where the file system allows); the number of files."""
        made: set[Path] = set()
        for dest, source in sorted(self.taken.items()):
            out = site_dir / dest
            if out.parent not in made:
                out.parent.mkdir(parents=True, exist_ok=True)
                made.add(out.parent)
            place(out, source=Path(source))  # a link where the file system allows: the same bytes
        count = len(self.taken)
        self.taken.clear()
        return count
