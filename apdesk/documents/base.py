"""The shared page template: letterhead, running header, marking, footer and page numbers.

Every document is built by ``build_pdf(spec, sections)``, which returns PDF bytes and writes
nothing to disk. A section starts on a fresh page with the full letterhead and is numbered
on its own ("Page 1 of 2"); a single document is one section, a batch of letters is many.
The protective marking (OFFICIAL-SENSITIVE by default) is printed at the top and bottom of
every page of anything holding personal data.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)

from apdesk.documents.fonts import font_set, printable
from apdesk.documents.numbering import NumberedCanvas
from apdesk.documents.styles import ACCENT, GRID, MUTED, TEXT, format_date

__all__ = ["MARGIN", "OFFICIAL_SENSITIVE", "DocumentSpec", "Letterhead", "build_pdf"]

OFFICIAL_SENSITIVE = "OFFICIAL-SENSITIVE"
MARGIN = 18 * mm
_FIRST_TOP = 42 * mm  # space above the frame on a section's first page (letterhead)
_LATER_TOP = 26 * mm  # space above the frame on later pages (running header)
_BOTTOM = 30 * mm  # space below the frame (footer, marking)


@dataclass(frozen=True)
class Letterhead:
    """What the top of the first page says about the school."""

    name: str
    address_lines: tuple[str, ...] = ()
    urn: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class DocumentSpec:
    """Everything about a document except its content."""

    title: str
    letterhead: Letterhead
    generated_on: date
    marking: str | None = OFFICIAL_SENSITIVE
    footer_text: str | None = None
    landscape: bool = False

    @property
    def pagesize(self) -> tuple[float, float]:
        size: tuple[float, float] = landscape(A4) if self.landscape else A4
        return size

    @property
    def frame_width(self) -> float:
        return float(self.pagesize[0] - 2 * MARGIN)


def _draw_marking(canv: Canvas, spec: DocumentSpec) -> None:
    if not spec.marking:
        return
    width, height = spec.pagesize
    canv.setFont(font_set().bold, 9)
    canv.setFillColor(TEXT)
    marking = printable(spec.marking)
    canv.drawCentredString(width / 2, height - 10 * mm, marking)
    canv.drawCentredString(width / 2, 8 * mm, marking)


def _draw_letterhead(canv: Canvas, spec: DocumentSpec) -> None:
    fonts, head = font_set(), spec.letterhead
    width, height = spec.pagesize
    name = printable(head.name)
    contacts = [printable(t) for t in (head.urn and f"URN {head.urn}", head.phone, head.email) if t]
    right_width = max((canv.stringWidth(t, fonts.regular, 8.5) for t in contacts), default=0)
    left_width = width - 2 * MARGIN - right_width - 10 * mm
    size = 15.0
    while size > 10 and canv.stringWidth(name, fonts.bold, size) > left_width:
        size -= 0.5
    canv.setFont(fonts.bold, size)
    canv.setFillColor(ACCENT)
    canv.drawString(MARGIN, height - 21 * mm, name)
    canv.setFont(fonts.regular, 8.5)
    canv.setFillColor(MUTED)
    address = simpleSplit(printable(", ".join(head.address_lines)), fonts.regular, 8.5, left_width)
    for row, line in enumerate(address[:2]):
        canv.drawString(MARGIN, height - (26.5 + 4 * row) * mm, line)
    for row, line in enumerate(contacts):
        canv.drawRightString(width - MARGIN, height - (19.5 + 4 * row) * mm, line)
    canv.setStrokeColor(ACCENT)
    canv.setLineWidth(1.2)
    canv.line(MARGIN, height - 35 * mm, width - MARGIN, height - 35 * mm)


def _draw_running_header(canv: Canvas, spec: DocumentSpec) -> None:
    fonts = font_set()
    width, height = spec.pagesize
    canv.setFont(fonts.bold, 8.5)
    canv.setFillColor(ACCENT)
    canv.drawString(MARGIN, height - 18 * mm, printable(spec.letterhead.name))
    canv.setFont(fonts.regular, 8.5)
    canv.setFillColor(MUTED)
    canv.drawRightString(width - MARGIN, height - 18 * mm, printable(spec.title))
    canv.setStrokeColor(GRID)
    canv.setLineWidth(0.6)
    canv.line(MARGIN, height - 20.5 * mm, width - MARGIN, height - 20.5 * mm)


def _draw_footer(canv: Canvas, spec: DocumentSpec) -> None:
    fonts = font_set()
    width = spec.pagesize[0]
    canv.setStrokeColor(GRID)
    canv.setLineWidth(0.6)
    canv.line(MARGIN, 19 * mm, width - MARGIN, 19 * mm)
    canv.setFont(fonts.regular, 8)
    canv.setFillColor(MUTED)
    canv.drawString(MARGIN, 14.5 * mm, f"Generated {format_date(spec.generated_on)}")
    if spec.footer_text:
        canv.setFont(fonts.mono, 6.5)
        canv.drawCentredString(width / 2, 21.5 * mm, printable(spec.footer_text))


def _decorate(first: bool, on_section: Callable[[], None], canv: Canvas, doc: Any) -> None:
    spec: DocumentSpec = doc.apdesk_spec
    canv.saveState()
    if first:
        on_section()
        canv.begin_section()
        _draw_letterhead(canv, spec)
    else:
        _draw_running_header(canv, spec)
    _draw_marking(canv, spec)
    _draw_footer(canv, spec)
    canv.restoreState()


def _templates(spec: DocumentSpec, on_section: Callable[[], None]) -> list[PageTemplate]:
    width, height = spec.pagesize

    def frame(top: float, name: str) -> Frame:
        return Frame(
            MARGIN,
            _BOTTOM,
            width - 2 * MARGIN,
            height - top - _BOTTOM,
            id=name,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )

    return [
        PageTemplate(
            "first",
            [frame(_FIRST_TOP, "first")],
            onPage=partial(_decorate, True, on_section),
            autoNextPageTemplate="later",
        ),
        PageTemplate(
            "later", [frame(_LATER_TOP, "later")], onPage=partial(_decorate, False, on_section)
        ),
    ]


def _joined(sections: Sequence[Sequence[Flowable]]) -> list[Flowable]:
    """One story: each section after the first starts a fresh page with the letterhead."""
    story: list[Flowable] = []
    for index, section in enumerate(sections):
        if index:
            story += [NextPageTemplate("first"), PageBreak()]
        story += list(section)
    return story


def _number_position(width: float, height: float) -> tuple[float, float]:
    return width - MARGIN, 14.5 * mm


def build_pdf(
    spec: DocumentSpec,
    sections: Sequence[Sequence[Flowable]],
    on_progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """Lay out the sections (each a list of flowables) and return the PDF's bytes.

    ``on_progress(done, total)`` is told as each section begins and when all are done.
    """
    total, started = len(sections), [0]

    def section_started() -> None:
        if on_progress is not None:
            on_progress(started[0], total)
        started[0] += 1

    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=spec.pagesize, title=spec.title, author=spec.letterhead.name,
        creator="APDesk", invariant=1, lang="en-GB",
        pageTemplates=_templates(spec, section_started),
    )  # fmt: skip
    doc.apdesk_spec = spec
    maker = partial(
        NumberedCanvas, generated_on=spec.generated_on, number_position=_number_position
    )
    doc.build(_joined(sections), canvasmaker=maker)
    if on_progress is not None:
        on_progress(total, total)
    return buffer.getvalue()
