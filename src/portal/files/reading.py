"""Every input file is read from disk once per process: the loader, the rules that cross-check
files and the page families that copy a text all ask here (keyed by path, size and modification
time, so an edited file is read again; `portal generate` runs in a fresh process each time)."""

from __future__ import annotations

import functools
import io
import os
from pathlib import Path


@functools.cache
def _bytes(path: str, size: int, mtime_ns: int) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


def read_bytes(path: Path) -> bytes:
    """The content of `path` (OSError as Path.read_bytes raises it)."""
    st = os.stat(path)
    return _bytes(os.fspath(path), st.st_size, st.st_mtime_ns)


def read_text(path: Path, encoding: str = "utf-8") -> str:
    return read_bytes(path).decode(encoding)


def open_text(path: Path, encoding: str = "utf-8") -> io.StringIO:
    """A text stream over the content, newlines kept as written (for the csv module)."""
    return io.StringIO(read_bytes(path).decode(encoding), newline="")
