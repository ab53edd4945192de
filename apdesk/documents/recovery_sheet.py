"""The recovery sheet: the store's recovery code, printed once at set-up for the school safe.

The code unwraps the database key (the ``recovery`` key slot), so the sheet says plainly
what it unlocks, where it lives, how it is used and what must never happen to it. The code
is shown large, in a monospace font, in the groups a person types.
"""

from __future__ import annotations

import re
from datetime import date

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from apdesk.documents.base import DocumentSpec, Letterhead, build_pdf
from apdesk.documents.fonts import font_set
from apdesk.documents.styles import (
    ACCENT,
    ACCENT_TINT,
    GRID,
    esc,
    format_date,
    key_value_table,
    styles,
)

__all__ = ["render_recovery_sheet"]

_GROUPS_PER_LINE = 4

_KEEP = (
    "Keep this sheet in the school safe, in a sealed envelope, with the other "
    "emergency records. Do not keep it with the computer that runs APDesk."
)
_UNLOCKS = (
    "This code unlocks the encrypted APDesk store named above: every pupil, placement, "
    "attendance mark, review and safeguarding record in it. Anyone who has this code and a "
    "copy of the store's files can read all of them."
)
_WHEN = (
    "Only when APDesk cannot find its key in this computer's keyring: after a Windows "
    "profile or password reset, on a replacement computer, or to open a restored backup "
    "on another machine."
)
_HOW = (
    "When APDesk cannot unlock the store it opens its recovery screen: type the code there. "
    "Or run <font name='{mono}'>apdesk&nbsp;recover</font> from a command prompt. "
    "Capitals, spaces and dashes do not matter. APDesk then "
    "puts the key back in this computer's keyring and nothing is lost."
)
_NEVER = (
    "Never photograph, scan, copy or email this code, never type it into any other program "
    "or website, and never save it on a computer or in cloud storage. If you think someone "
    "who should not have it has seen it, ask the APDesk administrator to replace it at once "
    "and shred this sheet."
)


def _code_lines(recovery_code: str) -> list[str]:
    groups = [g for g in re.split(r"[\s\-]+", recovery_code.strip()) if g]
    if len(groups) == 1:
        word = groups[0]
        groups = [word[i : i + 4] for i in range(0, len(word), 4)]
    lines = range(0, len(groups), _GROUPS_PER_LINE)
    return ["-".join(groups[i : i + _GROUPS_PER_LINE]) for i in lines]


def _code_box(recovery_code: str, width: float) -> Table:
    rows = [[Paragraph(esc(line), _code_style())] for line in _code_lines(recovery_code)]
    table = Table(rows, colWidths=[width])
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.4, ACCENT),
                ("BACKGROUND", (0, 0), (-1, -1), ACCENT_TINT),
                ("TOPPADDING", (0, 0), (-1, 0), 10),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 10),
            ]
        )
    )
    return table


def _code_style() -> ParagraphStyle:
    return ParagraphStyle(
        "recovery_code",
        fontName=font_set().mono_bold,
        fontSize=21,
        leading=29,
        alignment=TA_CENTER,
        textColor=ACCENT,
    )


def _instruction(heading: str, text: str) -> list[Flowable]:
    s = styles()
    return [Paragraph(esc(heading), s.h2), Paragraph(text, s.body)]


def _sealed_block(width: float) -> Table:
    s = styles()
    cells = [Paragraph(label, s.label) for label in ("Sealed by", "Date", "Witness")]
    widths = [width * 0.4, width * 0.2, width * 0.4]
    # The empty second row leaves room for a handwritten name and signature.
    table = Table([cells, ["", "", ""]], colWidths=widths, rowHeights=[None, 12 * mm])
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, GRID),
                ("INNERGRID", (0, 0), (-1, -1), 0.4, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), ACCENT_TINT),
            ]
        )
    )
    return table


def render_recovery_sheet(
    school_name: str, store_id: str, recovery_code: str, created_on: date
) -> bytes:
    """The recovery sheet for one store, as PDF bytes (nothing is written to disk)."""
    s, mono = styles(), font_set().mono
    spec = DocumentSpec("APDesk recovery sheet", Letterhead(school_name), created_on)
    width = spec.frame_width
    story: list[Flowable] = [
        Paragraph("APDesk recovery sheet", s.title),
        key_value_table(
            [("School", school_name), ("Store", store_id), ("Code made", format_date(created_on))],
            [35 * mm, width - 35 * mm],
        ),
        Spacer(1, 3 * mm),
        Paragraph("Recovery code", s.h1),
        _code_box(recovery_code, width),
        Spacer(1, 4 * mm),
        *_instruction("Keep it in the school safe", esc(_KEEP)),
        *_instruction("What it unlocks", esc(_UNLOCKS)),
        *_instruction("When you need it", esc(_WHEN)),
        *_instruction("How to use it", _HOW.format(mono=mono)),
        *_instruction("Never", esc(_NEVER)),
        Spacer(1, 4 * mm),
        KeepTogether(_sealed_block(width)),
    ]
    return build_pdf(spec, [story])
