"""Fonts: an embedded family when the machine has one, else the PDF base fonts, ticks either way."""

from __future__ import annotations

import pytest

from apdesk.documents import fonts
from apdesk.documents.annex_a import render_annex_a
from apdesk.documents.parent_letter import PlacementLetter, render_parent_letter
from apdesk.documents.styles import styles
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
