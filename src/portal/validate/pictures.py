"""The rule for a picture a profile names (`images: - file:`): a real JPEG, PNG or WebP file under
cities/images/, read with Pillow (its content, not its extension, is trusted), small enough to
publish and wide enough for a card."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from PIL import Image, UnidentifiedImageError

IMAGES_DIR = "cities/images"  # where pictures named in profiles live
MAX_BYTES = 15 * 1024 * 1024  # a camera JPEG is a few MB
MAX_PIXELS = 50_000_000  # 50 megapixels; Pillow's own bomb guard is 89 MP
MIN_WIDTH = 320  # a card is 320 px wide at 1x
FORMATS = {"JPEG": (".jpg", ".jpeg"), "PNG": (".png",), "WEBP": (".webp",)}


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
