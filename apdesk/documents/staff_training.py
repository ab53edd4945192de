"""The staff training list (§14, Annex B §6): who has read the policy, and who is trained.

One row per member of staff still at school (with an account or without one): the policy
version read and when, AP-procedures and safeguarding training with the last valid day, each
marked lapsed or lapsing in red. Printed for the Headteacher's file and for an inspector.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Spacer

from apdesk.documents.base import DocumentSpec, build_pdf
from apdesk.documents.parts import letterhead_for
from apdesk.documents.styles import esc, grid_table, styles
from apdesk.domain.entities import School
from apdesk.domain.training import StaffTraining, Standing, TrainingState

__all__ = ["render_staff_training"]

HEADER = ["Member of staff", "AP policy read", "AP-procedures training", "Safeguarding training"]
RED = colors.HexColor("#A4262C").hexval()[2:]
AMBER = colors.HexColor("#8A5A00").hexval()[2:]


def _cell(state: TrainingState) -> Paragraph:
    s = styles()
    if state.standing is Standing.LAPSED:
        return Paragraph(f'<font color="#{RED}"><b>Lapsed:</b> {esc(state.text)}</font>', s.cell)
    if state.standing is Standing.LAPSING:
        return Paragraph(f'<font color="#{AMBER}"><b>Lapsing:</b> {esc(state.text)}</font>', s.cell)
    return Paragraph(esc(state.text[:1].upper() + state.text[1:]), s.cell)


def _who(record: StaffTraining) -> Paragraph:
    job = f"<br/><font size='8'>{esc(record.job_title)}</font>" if record.job_title else ""
    return Paragraph(esc(record.name) + job, styles().cell)


def render_staff_training(
    rows: Sequence[tuple[StaffTraining, Sequence[TrainingState]]],
    school: School,
    generated_on: date,
    policy_version: str,
) -> bytes:
    """The list as PDF bytes: `rows` pair each record with its three standings today."""
    s = styles()
    spec = DocumentSpec("Staff training list", letterhead_for(school), generated_on)
    width = spec.frame_width
    current = [(r, st) for r, st in rows if r.active]
    lapsed = sum(1 for _, st in current if any(x.standing is Standing.LAPSED for x in st))
    story: list[Flowable] = [
        Paragraph("Staff awareness and training", s.title),
        Paragraph(
            esc(
                f"Alternative Provision Policy v{policy_version} (§14, Annex B §6). "
                f"{len(current)} member(s) of staff; {lapsed} with something lapsed."
            ),
            s.body,
        ),
        Spacer(1, 6),
    ]
    table_rows = [
        [
            Paragraph(
                esc(record.name)
                + (
                    f"<br/><font size='8'>{esc(record.job_title)}</font>"
                    if record.job_title
                    else ""
                ),
                s.cell,
            ),
            *(_cell(state) for state in states),
        ]
        for record, states in current
    ]
    story.append(
        grid_table(
            [
                "Member of staff",
                "AP policy read",
                "AP-procedures training",
                "Safeguarding training",
            ],
            table_rows or [["No staff on the list.", "", "", ""]],
            [0.28 * width, 0.24 * width, 0.24 * width, 0.24 * width],
        )
    )
    return build_pdf(spec, [story])
