"""Annex A: the ten items in the policy's words, each with its state and date."""

from __future__ import annotations

from datetime import date

from apdesk.documents.annex_a import render_annex_a
from apdesk.documents.fonts import font_set
from apdesk.domain.checklists import ANNEX_A, ANNEX_A_TITLE
from tests.documents import fixtures as fx
from tests.documents.conftest import GENERATED_ON, pdf_text, render_png


def _render(placement) -> bytes:
    return render_annex_a(placement, fx.amelia(), fx.riverside(), fx.school(), GENERATED_ON)


def test_every_item_is_worded_as_the_policy():
    text = pdf_text(_render(fx.amelia_placement()))
    assert ANNEX_A_TITLE in text
    assert len(ANNEX_A) == 10
    for number, item in enumerate(ANNEX_A, start=1):
        assert f"{number} {item.text}" in text


def test_states_and_dates_show_and_an_incomplete_checklist_says_so():
    text = pdf_text(_render(fx.amelia_placement()))
    assert "Not complete: 9 of 10 items are in place" in text
    assert "Transport arrangements and consent. Outstanding" in text
    assert text.count("20 Nov 2026") == 9
    if font_set().has_tick:
        assert text.count("\u2714") == 10  # the header and nine ticked items


def test_a_complete_checklist_says_so():
    placement = fx.amelia_placement()
    for state in placement.annex_a:
        state.done, state.done_on = True, date(2026, 11, 21)
    text = pdf_text(_render(placement))
    assert "Complete: all 10 items are in place." in text
    assert "Outstanding" not in text


def test_the_placement_is_identified():
    text = pdf_text(_render(fx.amelia_placement()))
    for expected in (
        "Amelia Kowalczyk (Year 9)",
        "Riverside Learning Centre",
        "2654321",
        "30 Nov 2026 to 12 Feb 2027",
        "OFFICIAL-SENSITIVE",
    ):
        assert expected in text


def test_annex_a_renders(tmp_path):
    assert len(render_png(_render(fx.amelia_placement()), tmp_path)) == 1
