"""The house style of every APDesk document: colours, paragraph styles, tables, dates, ticks.

One accent colour (a calm deep blue), generous whitespace, tables with a light grid and a
shaded header row. Text from the store always passes through ``esc`` before it reaches a
Paragraph, whose markup would otherwise read a pupil's "<" or "&" as a tag.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from apdesk.documents.fonts import font_set, printable

__all__ = [
    "ACCENT",
    "ACCENT_TINT",
    "GRID",
    "MUTED",
    "TEXT",
    "Styles",
    "esc",
    "format_date",
    "grid_table",
    "key_value_table",
    "styles",
    "tick",
]

ACCENT = colors.HexColor("#1F4E79")
ACCENT_TINT = colors.HexColor("#E8EEF5")
GRID = colors.HexColor("#C3CCD6")
MUTED = colors.HexColor("#5B6570")
TEXT = colors.HexColor("#1B1F24")


def tick() -> str:
    """Paragraph markup for ✔: the embedded font's glyph, else ZapfDingbats' (a base PDF font)."""
    return "\u2714" if font_set().has_tick else '<font name="ZapfDingbats">4</font>'


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(day: date | None, missing: str = "\N{EN DASH}") -> str:
    """British short date, "28 Nov 2026", without depending on the machine's locale."""
    if day is None:
        return missing
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def esc(text: object) -> str:
    """Any value as Paragraph markup, printable in the documents' fonts; None becomes ""."""
    return "" if text is None else escape(printable(str(text)))


@dataclass(frozen=True)
class Styles:
    """Paragraph styles shared by all documents."""

    title: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_header: ParagraphStyle
    cell_header_centre: ParagraphStyle
    label: ParagraphStyle
    centre: ParagraphStyle


def _style(name: str, parent: ParagraphStyle, **changes: object) -> ParagraphStyle:
    return ParagraphStyle(name, parent=parent, **changes)


@cache
def styles() -> Styles:
    """Build (once) the paragraph styles in the registered font family."""
    f = font_set()
    body = ParagraphStyle(
        "body", fontName=f.regular, fontSize=10, leading=14, textColor=TEXT, spaceAfter=6
    )
    cell = _style("cell", body, fontSize=9, leading=12, spaceAfter=0)
    header = _style("cell_header", cell, fontName=f.bold, textColor=ACCENT)
    heading = {"fontName": f.bold, "keepWithNext": 1}
    return Styles(
        title=_style("title", body, fontSize=17, leading=21, textColor=ACCENT, spaceAfter=10,
                     **heading),
        h1=_style("h1", body, fontSize=12.5, leading=16, textColor=ACCENT, spaceBefore=12,
                  spaceAfter=5, **heading),
        h2=_style("h2", body, fontSize=10.5, leading=14, spaceBefore=8, spaceAfter=3, **heading),
        body=body,
        small=_style("small", body, fontSize=8.5, leading=11.5, textColor=MUTED, spaceAfter=4),
        cell=cell,
        cell_header=header,
        cell_header_centre=_style("cell_header_centre", header, alignment=TA_CENTER),
        label=_style("label", cell, fontName=f.bold, textColor=MUTED),
        centre=_style("centre", cell, alignment=TA_CENTER),
    )  # fmt: skip


def cellify(value: object, style: ParagraphStyle) -> Flowable:
    return value if isinstance(value, Flowable) else Cell(esc(value), style)


#: The grid's look: a shaded header row, a light grid, cells padded alike.
GRID_PADDING = (
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("TOPPADDING", (0, 0), (-1, -1), 4),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ("LEFTPADDING", (0, 0), (-1, -1), 5),
    ("RIGHTPADDING", (0, 0), (-1, -1), 5),
)
GRID_STYLE = (
    ("BACKGROUND", (0, 0), (-1, 0), ACCENT_TINT),
    ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
    ("INNERGRID", (0, 1), (-1, -1), 0.4, GRID),
    ("BOX", (0, 0), (-1, -1), 0.6, GRID),
    *GRID_PADDING,
)


class Cell(Paragraph):  # type: ignore[misc]  # ReportLab has no type hints
    """A Paragraph that lays its lines out once for a width.

    A table wraps each cell to measure its row, again when it splits at a page and again
    when it draws it; the lines are the same each time, and breaking them was most of a long
    table's time."""

    _wrapped_at: float | None = None
    _size: tuple[float, float] = (0.0, 0.0)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if availWidth != self._wrapped_at:
            self._size = super().wrap(availWidth, availHeight)
            self._wrapped_at = availWidth
        return self._size


def header_cells(header: Sequence[object]) -> list[Flowable]:
    return [cellify(v, styles().cell_header) for v in header]


def grid_table(
    header: Sequence[object],
    rows: Sequence[Sequence[object]],
    col_widths: Sequence[float],
) -> Table:
    """A table with a shaded, repeated header row and a light grid.

    Strings are escaped and wrapped in Paragraphs; Flowables (e.g. a Paragraph holding
    markup such as ``tick()``) are placed as they are.
    """
    s = styles()
    data = [header_cells(header)]
    data += [[cellify(v, s.cell) for v in row] for row in rows]
    table = Table(data, colWidths=list(col_widths), repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(GRID_STYLE))
    return table


def key_value_table(pairs: Sequence[tuple[str, object]], col_widths: Sequence[float]) -> Table:
    """Label and value rows (e.g. "Provider" / "Riverside Learning Centre")."""
    s = styles()
    data = [[Paragraph(esc(k), s.label), cellify(v, s.cell)] for k, v in pairs]
    table = Table(data, colWidths=list(col_widths), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table
