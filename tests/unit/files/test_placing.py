"""Files placed as written bytes or as hard links to a cached file (portal.files.placing)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from portal.files import placing


def test_a_cached_file_is_linked_and_a_replaced_file_leaves_the_cache_alone(tmp_path: Path):
    cache = tmp_path / "cache.png"
    cache.write_bytes(b"cached")
    out = tmp_path / "out.png"
    placing.place(out, b"cached", cache)
    assert out.read_bytes() == b"cached" and os.path.samefile(out, cache)
    placing.place(out, b"other")  # replaced, not written through the link
    assert out.read_bytes() == b"other" and cache.read_bytes() == b"cached"


def test_without_links_the_bytes_are_written_or_copied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def refuse(*args):
        raise OSError(errno.EXDEV, "cross-device link")

    monkeypatch.setattr(placing.os, "link", refuse)
    cache = tmp_path / "cache.png"
    cache.write_bytes(b"cached")
    placing.place(tmp_path / "a.png", b"cached", cache)
    placing.place(tmp_path / "b.png", source=cache)
    for name in ("a.png", "b.png"):
        assert (tmp_path / name).read_bytes() == b"cached" and not os.path.samefile(tmp_path / name, cache)
    with pytest.raises(ValueError):
        placing.place(tmp_path / "c.png")
