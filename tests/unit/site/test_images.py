"""Pictures' derivatives (portal.site.images): made once and cached, written by the media family.

All pictures are generated here with Pillow (tests/pictures.py): no real photo is used. The rules
on pictures in profiles are tested in tests/unit/validate/test_pictures.py.
"""

from __future__ import annotations

import io
from pathlib import Path

from lxml import etree
from PIL import Image

from portal.model.loader import load
from portal.site import images
from portal.site.generate import render_all
from portal.site.pages import Site
from tests.pictures import add_images, entry, make_image
from tests.unit.validate.test_pictures import repo  # noqa: F401  (the fixture: Cork's profile in a throw-away repository)

def test_derivatives_widths_formats_and_metadata(tmp_path: Path):
    src = make_image(tmp_path / "cities/images/wide.jpg", (2000, 1000))
    with Image.open(src) as im:  # add EXIF (camera, GPS-like data) to check it is dropped
        exif = im.getexif()
        exif[0x010F] = "TestCamera"
        im.save(src, "JPEG", exif=exif)
    derived = images.derive(tmp_path, "cities/images/wide.jpg")
    assert [(v.width, v.height) for v in derived.webp] == [(320, 160), (640, 320), (1024, 512), (1600, 800)]
    assert [v.mime for v in derived.fallback] == ["image/jpeg"] * 4 and derived.full.width == 1600 and derived.card.width == 640
    for variant in derived.files():
        data = images.variant_bytes(tmp_path, derived, variant)
        with Image.open(io.BytesIO(data)) as im:
            assert im.format == ("WEBP" if variant.name.endswith(".webp") else "JPEG")
            assert im.size == (variant.width, variant.height)
            assert not im.getexif()


def test_transparent_png_falls_back_to_png_and_small_pictures_are_not_upscaled(tmp_path: Path):
    make_image(tmp_path / "cities/images/logo.png", (500, 400), fmt="PNG", alpha=True)
    derived = images.derive(tmp_path, "cities/images/logo.png")
    assert [v.width for v in derived.fallback] == [320, 500]
    assert {v.mime for v in derived.fallback} == {"image/png"}


def test_cache_reencodes_nothing_when_unchanged(tmp_path: Path):
    make_image(tmp_path / "cities/images/a.jpg")
    first = images.STATS.encoded
    derived = images.derive(tmp_path, "cities/images/a.jpg")
    assert images.STATS.encoded == first + 1
    stamps = {v.name: (tmp_path / images.CACHE_DIR / derived.key / v.name).stat().st_mtime_ns for v in derived.files()}
    images._memo.clear()  # as in a new process: only the disk cache remains
    again = images.derive(tmp_path, "cities/images/a.jpg")
    assert images.STATS.encoded == first + 1 and again == derived
    assert stamps == {v.name: (tmp_path / images.CACHE_DIR / derived.key / v.name).stat().st_mtime_ns for v in again.files()}
    make_image(tmp_path / "cities/images/a.jpg", colour="#aa0000")  # changed content: a new key, encoded once
    changed = images.derive(tmp_path, "cities/images/a.jpg")
    assert changed.key != derived.key and images.STATS.encoded == first + 2


def test_incomplete_cache_entry_is_remade(tmp_path: Path):
    make_image(tmp_path / "cities/images/a.jpg")
    derived = images.derive(tmp_path, "cities/images/a.jpg")
    (tmp_path / images.CACHE_DIR / derived.key / derived.webp[0].name).unlink()
    images._memo.clear()
    before = images.STATS.encoded
    assert images.derive(tmp_path, "cities/images/a.jpg") == derived
    assert images.STATS.encoded == before + 1


def test_media_family_writes_derivatives_and_emblems(repo: Path):
    make_image(repo / "cities/images/cork.jpg", (800, 600))
    add_images(repo, "cork", entry("cities/images/cork.jpg", "A test field"))
    files = render_all(load(repo), Site(edit_root=""))
    media = {f.path: f.text for f in files["media"]}
    derived = images.derive(repo, "cities/images/cork.jpg")
    assert {f"media/{v.name}" for v in derived.files()} | {"media/emblems/cork-2015.svg", "media/emblems/cork-2024.svg"} == set(media)
    svg = etree.fromstring(media["media/emblems/cork-2024.svg"].encode())
    # No names in other scripts: one emblem for every language, the Latin name and the year.
    assert [" ".join("".join(t.itertext()).split()) for t in svg.iter("{http://www.w3.org/2000/svg}text")] == ["Cork", "2024"]
    gallery = next(f.text for f in files["awards"] if f.path == "awards/2015.fr.md")
    assert f'href="../../../media/{derived.full.name}"' in gallery
    assert (
        f'srcset="../../../media/{derived.webp[0].name} 320w, ../../../media/{derived.webp[1].name} 640w, ../../../media/{derived.webp[2].name} 800w"'
        in gallery
    )
    assert 'width="640" height="480" alt="A test field" lang="en" loading="lazy"' in gallery  # no French alt: English, marked
    english = next(f.text for f in files["awards"] if f.path == "awards/2015.md")
    assert 'width="640" height="480" alt="A test field" loading="lazy"' in english


def test_cache_entries_of_removed_pictures_are_pruned(repo: Path):
    make_image(repo / "cities/images/cork.jpg", (800, 600))
    add_images(repo, "cork", entry("cities/images/cork.jpg", "A test field"))
    render_all(load(repo), Site(edit_root=""))
    (old,) = [p.name for p in (repo / images.CACHE_DIR).iterdir()]
    make_image(repo / "cities/images/cork.jpg", (800, 600), colour="#aa0000")  # replaced picture
    render_all(load(repo), Site(edit_root=""))
    (new,) = [p.name for p in (repo / images.CACHE_DIR).iterdir()]
    assert new != old
