"""Pictures named in city profiles (`images:`): checking the files and making web derivatives.

`inspect` checks one declared file for real (Pillow reads its content; the extension is not
trusted). `derive` makes the responsive derivatives (several widths, WebP plus a JPEG or PNG
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

from PIL import Image, ImageOps, UnidentifiedImageError

IMAGES_DIR = "cities/images"  # where pictures named in profiles live
CACHE_DIR = ".cache/images"
MAX_BYTES = 15 * 1024 * 1024  # a camera JPEG is a few MB
MAX_PIXELS = 50_000_000  # 50 megapixels; Pillow's own bomb guard is 89 MP
MIN_WIDTH = 320  # a card is 320 px wide at 1x
WIDTHS = (320, 640, 1024, 1600)  # derivative widths (never upscaled); the largest is the full image
FORMATS = {"JPEG": (".jpg", ".jpeg"), "PNG": (".png",), "WEBP": (".webp",)}
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


def _display(value: object) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 80 else text[:77] + "...'"


def inspect(root: Path, value: object) -> str | None:
    """None if `value` names a usable picture under cities/images/, else the rule and the bad value."""
    where = f"images.file must be a JPEG, PNG or WebP file under {IMAGES_DIR}/ (e.g. {IMAGES_DIR}/lyon-library.jpg)"
    if not isinstance(value, str) or not value.strip():
        return f"{where}, got {_display(value)}"
    text = value.strip()
    if text.startswith(("/", "\\", "~")) or (len(text) > 1 and text[1] == ":") or "\\" in text:
        return f"{where}, a path relative to the repository, got the absolute path {_display(text)}"
    rel = PurePosixPath(text)
    if ".." in rel.parts or rel.parts[:2] != tuple(IMAGES_DIR.split("/")) or len(rel.parts) < 3:
        return f"{where}, got {_display(text)}, which is outside {IMAGES_DIR}/"
    base = root.resolve() / IMAGES_DIR  # not resolved itself: a linked images/ folder is outside too
    path = root / rel
    if not path.exists() and not path.is_symlink():
        return f"images.file must name a file that exists in the repository, got {_display(text)}, which does not exist"
    real = path.resolve()
    if base not in real.parents:
        return f"{where}, got {_display(text)}, a link to a file outside {IMAGES_DIR}/"
    if not real.is_file():
        return f"images.file must name a file, got {_display(text)}, which is a folder"
    try:
        size = real.stat().st_size
        if size > MAX_BYTES:
            return f"images.file must be at most {MAX_BYTES // (1024 * 1024)} MB, got {_display(text)} of {size / (1024 * 1024):.1f} MB; resize it"
        with Image.open(real) as im:
            kind = im.format
            width, height = im.size
            if width * height > MAX_PIXELS:
                return f"images.file must be at most {MAX_PIXELS // 1_000_000} megapixels, got {_display(text)} of {width}x{height}; resize it"
            im.verify()
        with Image.open(real) as im:
            im.load()  # verify() misses truncated data
    except Image.DecompressionBombError:
        return f"images.file must be at most {MAX_PIXELS // 1_000_000} megapixels, got {_display(text)}, which is far larger; resize it"
    except UnidentifiedImageError:
        return f"{where}, got {_display(text)}, which is not an image (its content is not JPEG, PNG or WebP)"
    except (OSError, SyntaxError, ValueError) as exc:
        return f"images.file must be a readable image, got {_display(text)}, which cannot be read ({exc})"
    if kind not in FORMATS:
        return f"{where}, got {_display(text)}, which is a {kind} image"
    if rel.suffix.lower() not in FORMATS[kind]:
        return f"the file name in images.file must end in its real type ({FORMATS[kind][0]}), got {_display(text)}, which is a {kind} image"
    if width < MIN_WIDTH:
        return f"images.file must be at least {MIN_WIDTH} pixels wide, got {_display(text)} of {width}x{height}"
    return None


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
