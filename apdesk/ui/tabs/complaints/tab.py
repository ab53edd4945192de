"""Complaints about providers (§15): each one with its stage, the stage's deadline and the
outcome, beside the complaint's record. Overdue ones are red, open ones amber.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QColor

from apdesk.domain.labels import label
from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.services import complaints as complaint_service
from apdesk.services.complaints import ComplaintRow
from apdesk.ui import colours
from apdesk.ui.context import UiContext
from apdesk.ui.list_tools import Choice, ListFilter
from apdesk.ui.models import Column
from apdesk.ui.tabs.common.editor_tab import EditorTab
from apdesk.ui.tabs.complaints.editor import ComplaintEditor


def _colour(row: ComplaintRow) -> QColor | None:
    if not row.complaint.is_open:
        return None
    return colours.BAD if row.overdue else colours.WARN


COLUMNS: tuple[Column[ComplaintRow], ...] = (
    Column("Received", lambda r: r.complaint.received_on),
    Column("Complainant", lambda r: r.complaint.complainant),
    Column("Provider", lambda r: r.provider),
    Column("Pupil", lambda r: r.pupil),
    Column("Stage", lambda r: label(r.complaint.stage)),
    Column("Where it stands", lambda r: r.status, background=_colour),
)


COMPLAINT_FILTERS: tuple[ListFilter, ...] = (
    Choice(
        "Status",
        "Open and closed",
        (
            ("Open", lambda r: r.complaint.outcome is None),
            ("Overdue", lambda r: r.complaint.outcome is None and r.overdue),
            ("Closed", lambda r: r.complaint.outcome is not None),
        ),
    ),
)


class ComplaintsTab(EditorTab):
    title = "Complaints"
    kinds = frozenset({RecordKind.COMPLAINT})
    permission = Permission.MANAGE_COMPLAINTS
    reload_on = frozenset(
        {RecordKind.COMPLAINT, RecordKind.PROVIDER, RecordKind.PLACEMENT, RecordKind.SCHOOL}
    )
    columns = COLUMNS
    filters = COMPLAINT_FILTERS
    new_label = "&Record a complaint"

    edit_permission = Permission.MANAGE_COMPLAINTS

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, ComplaintEditor(ctx))

    def load_rows(self) -> Sequence[Any]:
        return complaint_service.list_complaints(self.ctx.services, self.ctx.actor)
