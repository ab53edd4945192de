"""Fonts: an embedded family when the machine has one, else the PDF base fonts, ticks either way."""

from __future__ import annotations

import dataclasses
import unicodedata
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics

from apdesk import assets
from apdesk.documents import fonts
from apdesk.documents.annex_a import render_annex_a
from apdesk.documents.parent_letter import PlacementLetter, render_parent_letter
from apdesk.documents.styles import styles
from apdesk.domain.entities import Carer
from tests.documents import fixtures as fx
from tests.documents.conftest import GENERATED_ON, pdf_text, render_png


@pytest.fixture
def base_fonts_only(monkeypatch):
    """As on a machine with no TrueType font found: Helvetica, Courier and ZapfDingbats."""
    monkeypatch.setattr(fonts, "_candidates", list)
    fonts.font_set.cache_clear()
    styles.cache_clear()
    yield fonts.font_set()
    fonts.font_set.cache_clear()
    styles.cache_clear()


def test_fallback_uses_base_fonts_and_still_renders(base_fonts_only, tmp_path):
    assert base_fonts_only.regular == "Helvetica" and not base_fonts_only.has_tick
    school = fx.school()
    annex = render_annex_a(fx.amelia_placement(), fx.amelia(), fx.riverside(), school, GENERATED_ON)
    assert b"/ZapfDingbats" in annex  # the tick
    assert "Log of provider name" in pdf_text(annex)
    letter = PlacementLetter(fx.amelia_placement(), fx.amelia(), fx.riverside())
    assert render_png(render_parent_letter(letter, school, GENERATED_ON), tmp_path)


def test_an_embedded_family_is_used_when_found():
    found = fonts.font_set()
    if not found.embedded:
        pytest.skip("no TrueType family on this machine")
    assert found.regular.startswith("AP")


ARABIC = "محمد الأحمد"


def _letter_for(*carers: str) -> bytes:
    pupil = dataclasses.replace(
        fx.amelia(),
        legal_first_name="Zoë",
        legal_last_name="Wiśniewska",
        carers=[Carer(name, "Parent", "07700 900001") for name in carers],
    )
    letter = PlacementLetter(fx.amelia_placement(), pupil, fx.riverside())
    return render_parent_letter(letter, fx.school(), GENERATED_ON)


def test_documents_use_the_bundled_dejavu_family():
    found = fonts.font_set()
    assert found.embedded and found.has_tick
    for name in (found.regular, found.bold, found.mono):
        assert Path(pdfmetrics.getFont(name).face.filename).parent == assets.fonts_dir()
    assert (assets.fonts_dir() / "LICENSE").is_file()


def test_polish_and_arabic_names_print_as_written(tmp_path):
    pdf = _letter_for("Joanna Wiśniewska", ARABIC)
    text = pdf_text(pdf)
    assert "Zoë" in text and "Joanna Wiśniewska" in text
    assert b"DejaVuSans" in pdf  # the embedded subset
    # Drawn in joined (presentation) forms, which a reader's copy turns back into the name.
    assert any("\ufe70" <= char <= "\ufefc" for char in text)
    assert ARABIC in unicodedata.normalize("NFKC", text)
    shaped = fonts.printable(ARABIC)  # in visual order: reversed and decomposed, the name
    assert unicodedata.normalize("NFKC", shaped[::-1]) == ARABIC
    assert render_png(pdf, tmp_path)


def test_right_to_left_words_inside_a_line_keep_the_line_left_to_right():
    line = fonts.printable(f"Amelia {ARABIC} Smith")
    assert line.startswith("Amelia ") and line.endswith(" Smith")
    assert line[len("Amelia ") : -len(" Smith")] == fonts.printable(ARABIC)
    assert fonts.printable("Zofia Dvořák-Nguyễn") == "Zofia Dvořák-Nguyễn"


def test_an_emoji_the_font_lacks_prints_as_one_placeholder_not_a_box():
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # man, woman, girl, joined
    thumbs = "\U0001f44d\U0001f3fd"  # thumbs up, medium skin tone
    assert fonts.printable(f"Joanna {family} K") == f"Joanna {fonts.PLACEHOLDER} K"
    assert fonts.printable(f"{thumbs}{thumbs}") == fonts.PLACEHOLDER * 2
    assert fonts.printable("王小明") == fonts.PLACEHOLDER * 3
    text = pdf_text(_letter_for(f"Joanna {family} Wiśniewska"))
    assert f"Joanna {fonts.PLACEHOLDER} Wiśniewska" in text
    assert "\u200d" not in text and "\U0001f468" not in text


def test_with_base_fonts_only_letters_outside_windows_1252_become_question_marks(base_fonts_only):
    assert fonts.printable("Zoë Wiśniewska") == "Zoë Wi?niewska"
    assert set(fonts.printable(ARABIC)) == {"?", " "}
