"""Pictures named in city profiles (`images:`): making web derivatives (portal.validate.pictures
checks the files). `derive` makes the responsive derivatives (several widths, WebP plus a JPEG or PNG
fallback, metadata stripped, EXIF rotation applied) and caches them by content hash in
`.cache/images/` (git-ignored, outside site/), so an unchanged picture is never re-encoded.
"""
from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image, ImageOps

from portal.validate.pictures import FORMATS, IMAGES_DIR, MIN_WIDTH  # noqa: F401 (used by derive; re-exported)

CACHE_DIR = ".cache/images"
WIDTHS = (320, 640, 1024, 1600)  # derivative widths (never upscaled); the largest is the full image
# Bump when the encoding settings change: the cache key includes it.
ENCODER = "v1 webp q80 m4; jpeg q82 progressive; png optimize"

log = logging.getLogger("mkdocs.plugins.portal.images")


@dataclass
class Stats:
    """What `derive` did in this process (reported by the build and measured by tests)."""

    encoded: int = 0  # pictures whose derivatives were made now
    reused: int = 0  # pictures whose derivatives came from the cache
    seconds: float = 0.0  # time spent encoding

    def __str__(self) -> str:
        return f"picture derivatives: {self.encoded} encoded, {self.reused} reused from the cache ({self.seconds:.2f} s encoding)"


STATS = Stats()
_memo: dict[str, "Derived"] = {}  # content key -> derivatives already resolved in this process


@dataclass(frozen=True)
class Variant:
    name: str  # file name, e.g. 3f2a9c0d1e2b4a5c-640.webp
    width: int
    height: int
    mime: str


@dataclass(frozen=True)
class Derived:
    """The derivatives of one picture."""

    key: str
    webp: tuple[Variant, ...]
    fallback: tuple[Variant, ...]  # JPEG, or PNG for pictures with transparency

    @property
    def full(self) -> Variant:
        """The largest fallback: what the link and the lightbox show."""
        return self.fallback[-1]

    @property
    def card(self) -> Variant:
        """The fallback <img> src: the smallest variant at least 640 wide (or the largest)."""
        return next((v for v in self.fallback if v.width >= 640), self.fallback[-1])

    def files(self) -> tuple[Variant, ...]:
        return self.webp + self.fallback


def content_key(path: Path) -> str:
    """The cache key: the picture's bytes and the encoder settings."""
    digest = hashlib.sha256(ENCODER.encode())
    digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def _widths(width: int) -> list[int]:
    top = min(width, WIDTHS[-1])
    return [w for w in WIDTHS if w < top] + [top]


def _encode(path: Path, key: str, folder: Path) -> dict:
    with Image.open(path) as im:
        im = ImageOps.exif_transpose(im)
        alpha = im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info)
        im = im.convert("RGBA" if alpha else "RGB")
        meta: dict[str, list] = {"webp": [], "fallback": []}
        for width in _widths(im.width):
            height = max(1, round(im.height * width / im.width))
            small = im if width == im.width else im.resize((width, height), Image.Resampling.LANCZOS)
            for kind, fmt, ext, mime, options in (
                ("webp", "WEBP", "webp", "image/webp", {"quality": 80, "method": 4}),
                ("fallback", "PNG" if alpha else "JPEG", "png" if alpha else "jpg", "image/png" if alpha else "image/jpeg",
                 {"optimize": True} if alpha else {"quality": 82, "progressive": True, "optimize": True}),
            ):
                name = f"{key}-{width}.{ext}"
                buf = io.BytesIO()
                small.save(buf, fmt, **options)  # no exif= / icc: metadata (GPS, camera) is dropped
                (folder / name).write_bytes(buf.getvalue())
                meta[kind].append([name, width, height, mime])
    return meta


def derive(root: Path, rel: str) -> Derived:
    """The derivatives of the (already inspected) picture `rel`, from the cache or made now."""
    path = root / rel
    key = content_key(path)
    folder = root / CACHE_DIR / key
    if key in _memo and all((folder / v.name).is_file() for v in _memo[key].files()):
        return _memo[key]
    meta_file = folder / "meta.json"
    meta = None
    if meta_file.is_file():
        try:
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
            if not all((folder / v[0]).is_file() for kind in ("webp", "fallback") for v in meta[kind]):
                meta = None
        except (ValueError, KeyError, TypeError):
            meta = None
    if meta is None:
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        meta = _encode(path, key, folder)
        STATS.seconds += time.perf_counter() - started
        tmp = meta_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(meta), encoding="utf-8")
        os.replace(tmp, meta_file)  # written last: a cache entry with meta.json is complete
        STATS.encoded += 1
    else:
        STATS.reused += 1
    _memo[key] = Derived(key, tuple(Variant(*v) for v in meta["webp"]), tuple(Variant(*v) for v in meta["fallback"]))
    return _memo[key]


def derive_all(root: Path, cities) -> int:
    """The derivation step: the derivatives of every picture the profiles declare, made or found
    in the cache before any page is written (the pages only read them, in one process or two);
    the number of pictures."""
    pictures = [picture.file for city in cities for picture in city.images]
    for rel in pictures:
        derive(root, rel)
    return len(pictures)


def prune(root: Path, keep: set[str]) -> int:
    """Delete cache entries of pictures no profile names any more; the number deleted."""
    folder = root / CACHE_DIR
    removed = 0
    for entry in sorted(folder.iterdir()) if folder.is_dir() else []:
        if entry.is_dir() and entry.name not in keep:
            for file in entry.iterdir():
                file.unlink()
            entry.rmdir()
            removed += 1
    return removed


def variant_bytes(root: Path, derived: Derived, variant: Variant) -> bytes:
    return (root / CACHE_DIR / derived.key / variant.name).read_bytes()
