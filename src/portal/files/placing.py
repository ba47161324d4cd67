"""Putting a file's bytes at a path: written, or a hard link to a cached file that holds them.

The build writes thousands of files whose bytes already sit in a cache (the share pictures: some
2,300 PNGs in .cache/share, copied into content/share by `portal generate` and into the site
after the engine). A hard link gives the same file for the cost of a directory entry; where the
file system refuses one (another device, no links), the bytes are written. A file that is already
there is replaced, never written over in place: it may be a link to a cached file, which must not
change with it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def place(path: Path, data: bytes | None = None, source: Path | None = None) -> None:
    """`path` holding `data` (or `source`'s bytes): a hard link to `source` if there is one and the
    file system allows it, else written (from `data`, or copied from `source`)."""
    if path.is_symlink() or path.exists():
        path.unlink()
    if source is not None:
        try:
            os.link(source, path)
            return
        except OSError:
            pass
    if data is not None:
        path.write_bytes(data)
    elif source is not None:
        shutil.copyfile(source, path)
    else:
        raise ValueError(f"nothing to place at {path}")
