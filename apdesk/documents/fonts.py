"""Fonts for every document: APDesk's own DejaVu family, embedded, so each PC prints the same.

Pupils' and parents' names are not all Latin-1 (Wiśniewska, Dvořák, Nguyễn, محمد), and the
fourteen PDF base fonts cannot show such letters. So the documents embed the DejaVu family
bundled in ``resources/fonts`` (see ``apdesk.assets``); only if that copy is missing (a
damaged install) do they try a system DejaVu or Arial, and last Helvetica and Courier.
The tick ✔ always shows: it is drawn with the embedded font when it has the glyph (DejaVu
does, Arial does not), else with the ZapfDingbats base font (see ``styles.tick``).

Text reaches the page through ``printable``: right-to-left runs (Arabic, Hebrew) are shaped
and put in visual order, since ReportLab draws glyphs left to right as given, and a
character the font has no glyph for (an emoji, say) becomes one placeholder, never a box.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import arabic_reshaper
from bidi import get_display
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from apdesk import assets

__all__ = ["PLACEHOLDER", "FontSet", "font_set", "printable"]

PLACEHOLDER = "\N{REPLACEMENT CHARACTER}"  # what a character with no glyph prints as


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
        (assets.fonts_dir(), _DEJAVU),
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


# Strong right-to-left letters: Hebrew, Arabic (with Syriac, Thaana, NKo) and their
# presentation forms.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
# Joiners, variation selectors, skin tones and tags: parts of an emoji sequence, or no
# glyph of their own. Dropped where the font lacks them, so a sequence gives one placeholder.
_SEQUENCE_PARTS = re.compile(
    "[\u200c\u200d\u20e3\ufe00-\ufe0f\U0001f3fb-\U0001f3ff\U000e0000-\U000e007f]"
)


@cache
def _covered(fonts: FontSet) -> frozenset[int] | None:
    """Code points both text faces can draw (None: base fonts, so Windows-1252).

    Regular and bold only: DejaVu's obliques have no Arabic, and no document prints italics.
    """
    if not fonts.embedded:
        return None
    regular, bold = (pdfmetrics.getFont(name).face for name in (fonts.regular, fonts.bold))
    return frozenset(regular.charToGlyph) & frozenset(bold.charToGlyph)


def _has_glyph(char: str, covered: frozenset[int] | None) -> bool:
    if char in "\n\t":
        return True
    if covered is None:
        try:
            char.encode("cp1252")
        except UnicodeEncodeError:
            return False
        return True
    return ord(char) in covered


@cache
def _covers_ascii(fonts: FontSet) -> bool:
    covered = _covered(fonts)
    return all(_has_glyph(chr(code), covered) for code in range(0x20, 0x7F))


def printable(text: str) -> str:
    """Text as the documents' fonts can draw it, in the order ReportLab must draw it.

    Right-to-left runs are shaped (Arabic letters take their joined forms) and reordered
    for a left-to-right line, so "Amelia محمد" prints as a reader expects. Then each
    character with no glyph (an emoji the font lacks, or a family of them joined by
    zero-width joiners, with its skin tones and variation selectors) becomes one
    ``PLACEHOLDER``.
    """
    if text.isascii() and text.isprintable() and _covers_ascii(font_set()):
        return text  # most of a register: nothing to shape, reorder or replace
    text = unicodedata.normalize("NFC", text)
    if _RTL.search(text):
        text = get_display(arabic_reshaper.reshape(text), base_dir="L")
    covered = _covered(font_set())
    placeholder = PLACEHOLDER if _has_glyph(PLACEHOLDER, covered) else "?"
    out: list[str] = []
    replaced = joined = False  # the last character was replaced; then a joiner followed
    for char in text:
        if _SEQUENCE_PARTS.match(char):
            if replaced:
                joined = joined or char == "\u200d"
            elif _has_glyph(char, covered):
                out.append(char)
        elif _has_glyph(char, covered):
            out.append(char)
            replaced = joined = False
        elif not joined:
            out.append(placeholder)
            replaced = True
        else:
            joined = False  # one emoji joined to the one before: no second placeholder
    return "".join(out)
