"""The parent and carer feedback form (§10, Annex B 5.2), printed blank to send home.

The same four statements the school records from it (`apdesk.domain.parents.QUESTIONS`),
each with Yes / Partly / No / Not sure boxes, a box for comments, and whether it is given
during the placement or after it ended. One form per placement, named for the pupil and
the provider so a returned form finds its record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from apdesk.documents.base import DocumentSpec, build_pdf
from apdesk.documents.parts import ballot_box, fill_in_table, letterhead_for
from apdesk.documents.styles import ACCENT_TINT, GRID, esc, format_date, key_value_table, styles
from apdesk.domain.entities import School
from apdesk.domain.parents import QUESTIONS

__all__ = ["FeedbackFormFacts", "render_feedback_form"]

ANSWERS = ("Yes", "Partly", "No", "Not sure")


@dataclass(frozen=True)
class FeedbackFormFacts:
    pupil: str
    first_name: str
    provider: str
    start_date: date
    ended_on: date | None = None
    return_to: str = ""  # who at school the form goes back to


def _statements(width: float) -> Table:
    s = styles()
    box = ballot_box()
    header = [Paragraph("Please tick one box for each", s.cell_header)] + [
        Paragraph(a, s.cell_header_centre) for a in ANSWERS
    ]
    rows = [
        [Paragraph(esc(text), s.body)] + [Paragraph(f"<font size='14'>{box}</font>", s.centre)] * 4
        for _, text in QUESTIONS
    ]
    answer = 0.11 * width
    table = Table([header, *rows], colWidths=[width - 4 * answer] + [answer] * 4, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), ACCENT_TINT),
                ("INNERGRID", (0, 0), (-1, -1), 0.4, GRID),
                ("BOX", (0, 0), (-1, -1), 0.6, GRID),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 1), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 6),
            ]
        )
    )
    return table


def render_feedback_form(facts: FeedbackFormFacts, school: School, generated_on: date) -> bytes:
    """The blank form as PDF bytes."""
    s = styles()
    spec = DocumentSpec("Parent and carer feedback", letterhead_for(school), generated_on)
    width = spec.frame_width
    box = ballot_box()
    back = facts.return_to.strip() or "the school office"
    placement = f"{facts.provider}, from {format_date(facts.start_date)}"
    if facts.ended_on is not None:
        placement += f" to {format_date(facts.ended_on)}"
    story: list[Flowable] = [
        Paragraph("Parent and carer feedback", s.title),
        Paragraph(
            esc(
                f"We would like to know how {facts.first_name}'s alternative provision is "
                "going, or went. Please tick one box for each statement, add anything else "
                f"you would like us to know, and return the form to {back}. Your answers "
                "help us check that the placement is right for your child and are kept with "
                "the placement's record."
            ),
            s.body,
        ),
        key_value_table(
            [("Pupil", facts.pupil), ("Placement", placement)], [0.22 * width, 0.78 * width]
        ),
        Spacer(1, 8),
        Paragraph(
            f"<font size='12'>{box}</font> During the placement&nbsp;&nbsp;&nbsp;&nbsp;"
            f"<font size='12'>{box}</font> After the placement has ended",
            s.body,
        ),
        Spacer(1, 4),
        _statements(width),
        Spacer(1, 10),
        fill_in_table(["Anything else you would like to tell us"], [width], 150),
        Spacer(1, 10),
        fill_in_table(
            ["Your name", "Relationship to the child", "Date"],
            [0.42 * width, 0.34 * width, 0.24 * width],
            28,
        ),
        Spacer(1, 10),
        Paragraph(
            "For school use: received on ____________ recorded by ____________ "
            "(the placement's Parents page in APDesk).",
            s.small,
        ),
    ]
    return build_pdf(spec, [story])
