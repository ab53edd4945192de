"""Fonts for every document: an embedded TrueType family if the machine has one, else base fonts.

Pupils' and parents' names are not all Latin-1 (Wiśniewska, Dvořák, Nguyễn), and the
fourteen PDF base fonts cannot show such letters. So the documents embed a TrueType family
when one is found: DejaVu (bundled beside this module in ``fonts/`` if present, or the
Linux system copy), else Arial (Windows, macOS). Only if none exists do they fall back to
Helvetica and Courier. The tick ✔ always shows: it is drawn with the
embedded font when it has the glyph (DejaVu does, Arial does not), else with the
ZapfDingbats base font, which every PDF viewer has (see ``styles.tick``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

__all__ = ["FontSet", "font_set"]


@dataclass(frozen=True)
class FontSet:
    """The registered font names documents use (family names work in Paragraph markup)."""

    regular: str
    bold: str
    italic: str
    bold_italic: str
    mono: str
    mono_bold: str
    embedded: bool
    has_tick: bool = False  # whether the regular font holds ✔ (U+2714)


_BASE = FontSet(
    "Helvetica",
    "Helvetica-Bold",
    "Helvetica-Oblique",
    "Helvetica-BoldOblique",
    "Courier",
    "Courier-Bold",
    embedded=False,
)

# Files per family: regular, bold, italic, bold italic, mono, mono bold.
_DEJAVU = (
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique.ttf",
    "DejaVuSans-BoldOblique.ttf",
    "DejaVuSansMono.ttf",
    "DejaVuSansMono-Bold.ttf",
)
_ARIAL_WINDOWS = ("arial.ttf", "arialbd.ttf", "ariali.ttf", "arialbi.ttf", "cour.ttf", "courbd.ttf")
_ARIAL_MAC = (
    "Arial.ttf",
    "Arial Bold.ttf",
    "Arial Italic.ttf",
    "Arial Bold Italic.ttf",
    "Courier New.ttf",
    "Courier New Bold.ttf",
)


def _candidates() -> list[tuple[Path, tuple[str, ...]]]:
    windows_fonts = Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts"
    return [
        (Path(__file__).with_name("fonts"), _DEJAVU),
        (Path("/usr/share/fonts/truetype/dejavu"), _DEJAVU),
        (Path("/usr/share/fonts/dejavu-sans-fonts"), _DEJAVU),
        (Path("/usr/share/fonts/TTF"), _DEJAVU),
        (windows_fonts, _ARIAL_WINDOWS),
        (Path("/System/Library/Fonts/Supplemental"), _ARIAL_MAC),
        (Path("/Library/Fonts"), _ARIAL_MAC),
    ]


def _register(folder: Path, files: tuple[str, ...]) -> FontSet | None:
    paths = [folder / name for name in files]
    if not all(path.is_file() for path in paths):
        return None
    names = ("APSans", "APSans-Bold", "APSans-Italic", "APSans-BoldItalic", "APMono", "APMono-Bold")
    try:
        for name, path in zip(names, paths, strict=True):
            pdfmetrics.registerFont(TTFont(name, str(path)))
    except (TTFError, OSError):
        return None
    pdfmetrics.registerFontFamily(
        "APSans", normal=names[0], bold=names[1], italic=names[2], boldItalic=names[3]
    )
    pdfmetrics.registerFontFamily("APMono", normal=names[4], bold=names[5])
    return FontSet(*names, embedded=True, has_tick=files is _DEJAVU)


@cache
def font_set() -> FontSet:
    """Register (once) and return the best font family this machine offers."""
    for folder, files in _candidates():
        found = _register(folder, files)
        if found is not None:
            return found
    return _BASE
