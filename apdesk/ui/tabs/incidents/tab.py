"""Incidents (DSL, deputy DSL and Headteacher only): the list with category, how long the
provider took to tell the school, and status; opening a record is audited by the service.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QColor

from apdesk.domain.enums import IncidentStatus
from apdesk.domain.labels import label
from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.services import incidents as incident_service
from apdesk.services.incidents import IncidentRow
from apdesk.ui import colours
from apdesk.ui.context import UiContext
from apdesk.ui.list_tools import Choice, ListFilter
from apdesk.ui.models import Column
from apdesk.ui.tabs.common.editor_tab import EditorTab
from apdesk.ui.tabs.incidents.editor import IncidentEditor


def _status_colour(row: IncidentRow) -> QColor | None:
    return colours.WARN if row.status == "Open" else None


COLUMNS: tuple[Column[IncidentRow], ...] = (
    Column("When", lambda r: r.occurred_at, sort_key=lambda r: r.occurred_at),
    Column("Category", lambda r: r.category),
    Column("Status", lambda r: r.status, background=_status_colour),
    Column("Pupils", lambda r: r.pupils, tooltip=lambda r: r.pupils),
    Column(
        "School told",
        lambda r: r.delay,
        background=lambda r: colours.BAD if r.late else None,  # not the same school day (§18)
    ),
    Column("Provider", lambda r: r.provider),
)


OPEN, CLOSED = label(IncidentStatus.OPEN), label(IncidentStatus.CLOSED)

INCIDENT_FILTERS: tuple[ListFilter, ...] = (
    Choice(
        "Status",
        "Open and closed",
        (("Open", lambda r: r.status == OPEN), ("Closed", lambda r: r.status == CLOSED)),
    ),
)


class IncidentsTab(EditorTab):
    title = "Incidents"
    kinds = frozenset({RecordKind.INCIDENT})
    permission = Permission.VIEW_INCIDENTS
    reload_on = frozenset({RecordKind.INCIDENT, RecordKind.PUPIL, RecordKind.PROVIDER})
    columns = COLUMNS
    filters = INCIDENT_FILTERS
    new_label = "&Log an incident"

    edit_permission = Permission.EDIT_INCIDENTS

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, IncidentEditor(ctx))

    def load_rows(self) -> Sequence[Any]:
        return incident_service.list_incidents(self.ctx.services, self.ctx.actor)
