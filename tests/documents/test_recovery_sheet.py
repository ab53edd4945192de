"""The recovery sheet: the code, what it unlocks, where it lives and how to use it."""

from __future__ import annotations

from apdesk.documents.recovery_sheet import render_recovery_sheet
from tests.documents.conftest import GENERATED_ON, pdf_pages, pdf_text, render_png

CODE = "7KQ2-M9XD-4HTC-WB8P-ZR6N-3FJY-VA5S-QE9G"


def _sheet() -> bytes:
    return render_recovery_sheet("Oakfield Community School", "store-7f3a2c", CODE, GENERATED_ON)


def test_sheet_is_one_page_with_marking():
    pages = pdf_pages(_sheet())
    assert len(pages) == 1
    assert pages[0].count("OFFICIAL-SENSITIVE") == 2


def test_sheet_shows_the_code_in_groups_and_the_store():
    text = pdf_text(_sheet())
    assert "7KQ2-M9XD-4HTC-WB8P" in text and "ZR6N-3FJY-VA5S-QE9G" in text
    assert "store-7f3a2c" in text and "Oakfield Community School" in text
    assert "28 Nov 2026" in text


def test_sheet_says_where_to_keep_it_what_it_unlocks_and_how_to_use_it():
    text = pdf_text(_sheet())
    assert "school safe" in text
    assert "unlocks the encrypted APDesk store" in text
    assert "apdesk recover" in text.replace("\xa0", " ")
    assert "recovery screen" in text
    assert "Never photograph" in text and "email" in text


def test_an_ungrouped_code_is_grouped_in_fours():
    pdf = render_recovery_sheet("School", "s", "ABCDEFGHJKMN", GENERATED_ON)
    assert "ABCD-EFGH-JKMN" in pdf_text(pdf)


def test_sheet_renders(tmp_path):
    assert len(render_png(_sheet(), tmp_path)) == 1
