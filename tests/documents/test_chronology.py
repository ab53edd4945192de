"""The chronology document: its lines in order, the narrative only when given, the marking."""

from __future__ import annotations

from datetime import datetime

from apdesk.documents.chronology import render_chronology
from apdesk.domain.chronology import ChronologyEntry
from tests.documents import fixtures as fx
from tests.documents.conftest import GENERATED_ON, pdf_pages, pdf_text, render_png

ENTRIES = [
    ChronologyEntry(datetime(2026, 9, 7), "placement", "Placement at Riverside started", ("p", 1)),
    ChronologyEntry(
        datetime(2026, 9, 9, 14, 5),
        "incident",
        "Child-on-child abuse (victim)",
        ("incident", 2),
        all_day=False,
        detail="What happened: Pushed <hard> & hurt.\nActions taken: Parents told.",
    ),
    ChronologyEntry(datetime(2026, 9, 10), "referral", "Referral to Police", ("incident", 2)),
]


def test_lines_in_order_with_narrative_marking_and_who_printed_it(tmp_path) -> None:
    pdf = render_chronology(
        fx.amelia(), ENTRIES, fx.school(), GENERATED_ON, "Sam Patel, DSL", ("CP plan",)
    )
    words = pdf_text(pdf)
    assert all(page.count("OFFICIAL-SENSITIVE") >= 2 for page in pdf_pages(pdf))
    assert "9 Sep 2026 14:05 Incident Child-on-child abuse (victim)" in words
    assert "What happened: Pushed <hard> & hurt." in words
    assert "Printed by Sam Patel, DSL Printed on 28 Nov 2026" in words
    assert words.index("Riverside started") < words.index("Pushed") < words.index("to Police")
    assert render_png(pdf, tmp_path)


def test_without_narratives_it_says_they_are_left_out_and_an_empty_one_says_so() -> None:
    bare = [e for e in ENTRIES if not e.detail]
    words = pdf_text(
        render_chronology(fx.amelia(), bare, fx.school(), GENERATED_ON, "X", narratives=False)
    )
    assert "Incident narratives are left out" in words and "Safeguarding" not in words
    empty = pdf_text(render_chronology(fx.amelia(), [], fx.school(), GENERATED_ON, "X"))
    assert "Nothing is recorded for this pupil yet." in empty
