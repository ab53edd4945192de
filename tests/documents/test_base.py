"""The shared page template: letterhead, marking, footer, page numbers, dates, escaping."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from apdesk.documents.base import OFFICIAL_SENSITIVE, DocumentSpec, build_pdf
from apdesk.documents.styles import format_date, grid_table, styles, tick
from tests.documents.conftest import GENERATED_ON, pdf_pages, pdf_text, render_png


def _paragraphs(count: int) -> list[Paragraph]:
    return [Paragraph("Placement review notes. " * 30, styles().body) for _ in range(count)]


def _spec(letterhead, **changes) -> DocumentSpec:
    return DocumentSpec("Test document", letterhead, GENERATED_ON, **changes)


@pytest.mark.parametrize(
    ("day", "text"),
    [(date(2026, 11, 28), "28 Nov 2026"), (date(2027, 3, 1), "1 Mar 2027"), (None, "\u2013")],
)
def test_dates_are_british_and_short(day, text):
    assert format_date(day) == text


def test_every_page_has_marking_top_and_bottom_and_a_page_number(letterhead):
    pages = pdf_pages(build_pdf(_spec(letterhead), [_paragraphs(12)]))
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert page.count(OFFICIAL_SENSITIVE) == 2
        assert f"Page {number} of {len(pages)}" in page
        assert "Generated 28 Nov 2026" in page


def test_letterhead_on_first_page_and_running_header_after(letterhead):
    pages = pdf_pages(build_pdf(_spec(letterhead), [_paragraphs(12)]))
    assert "Meadow Lane, Oakfield, Northshire, OK1 2AB" in pages[0]
    assert "URN 123456" in pages[0] and "office@oakfield.sch.uk" in pages[0]
    assert "Oakfield Community School" in pages[1] and "Test document" in pages[1]
    assert "Meadow Lane" not in pages[1]


def test_sections_are_numbered_on_their_own(letterhead):
    progress: list[tuple[int, int]] = []
    pdf = build_pdf(
        _spec(letterhead),
        [_paragraphs(12), _paragraphs(1)],
        on_progress=lambda *a: progress.append(a),
    )
    pages = pdf_pages(pdf)
    assert "Page 1 of 1" in pages[-1] and "Meadow Lane" in pages[-1]
    assert f"Page 1 of {len(pages) - 1}" in pages[0]
    assert progress == [(0, 2), (1, 2), (2, 2)]


def test_no_marking_when_none_and_footer_text_on_every_page(letterhead):
    spec = _spec(letterhead, marking=None, footer_text="Audit chain head 9f3c")
    pages = pdf_pages(build_pdf(spec, [_paragraphs(12)]))
    assert all(OFFICIAL_SENSITIVE not in page for page in pages)
    assert all("Audit chain head 9f3c" in page for page in pages)


def test_landscape_pages_are_wider_than_tall(letterhead):
    pdf = build_pdf(_spec(letterhead, landscape=True), [_paragraphs(1)])
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert float(box.width) > float(box.height)


def test_text_from_the_store_is_escaped_not_read_as_markup(letterhead):
    table = grid_table(["Name", "Note"], [["Zoë <b>O'Brien</b> & Wiśniewska", "a < b"]], [200, 200])
    text = pdf_text(build_pdf(_spec(letterhead), [[table]]))
    assert "Zoë <b>O'Brien</b> & Wiśniewska" in text
    assert "a < b" in text


def test_same_input_gives_the_same_bytes_and_the_generation_date(letterhead):
    first = build_pdf(_spec(letterhead), [_paragraphs(2)])
    assert first == build_pdf(_spec(letterhead), [_paragraphs(2)])
    info = PdfReader(io.BytesIO(first)).metadata
    assert info.creation_date.date() == GENERATED_ON
    assert info.title == "Test document"


def test_tick_renders(letterhead, tmp_path):
    pdf = build_pdf(_spec(letterhead), [[Paragraph(f"Done {tick()}", styles().body)]])
    assert render_png(pdf, tmp_path)
