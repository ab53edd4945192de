"""The program's own files: found from a checkout, complete, and the icon as its script draws it."""

from __future__ import annotations

import hashlib
import importlib.util

from PIL import Image, ImageChops

from apdesk import assets

ICON_SIZES = {16, 24, 32, 48, 256}


def test_resources_are_found_with_the_icon_and_the_fonts_licence():
    assert assets.icon_png().is_file() and assets.icon_ico().is_file()
    assert "Bitstream" in (assets.fonts_dir() / "LICENSE").read_text(encoding="utf-8")


def test_the_bundled_fonts_are_the_pinned_copies():
    sums = (assets.fonts_dir() / "SHA256SUMS").read_text(encoding="utf-8").split("\n")
    pinned = dict(reversed(line.split()) for line in sums if line)
    assert len(pinned) == 6
    for name, digest in pinned.items():
        assert hashlib.sha256((assets.fonts_dir() / name).read_bytes()).hexdigest() == digest


def test_the_windows_icon_holds_every_size_windows_asks_for():
    with Image.open(assets.icon_ico()) as ico:
        sizes = {width for width, height in ico.info["sizes"] if width == height}
    assert sizes >= ICON_SIZES
    with Image.open(assets.icon_png()) as png:
        assert png.size == (256, 256) and png.mode == "RGBA"


def test_the_committed_icon_is_what_the_script_draws(tmp_path):
    spec = importlib.util.spec_from_file_location(
        "make_icons", assets.resources_dir() / "make_icons.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    png, _ = module.write(tmp_path)
    with Image.open(png) as drawn, Image.open(assets.icon_png()) as committed:
        difference = ImageChops.difference(drawn.convert("RGBA"), committed.convert("RGBA"))
        assert max(high for _, high in difference.getextrema()) <= 8
