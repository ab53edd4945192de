"""Incidents (DSL, deputy DSL and Headteacher only): the list with category, how long the
provider took to tell the school, and status; opening a record is audited by the service.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QColor

from apdesk.domain.permissions import Permission
from apdesk.services import incidents as incident_service
from apdesk.services.incidents import IncidentRow
from apdesk.ui import colours
from apdesk.ui.context import UiContext
from apdesk.ui.models import Column
from apdesk.ui.tabs.base import ListDetailTab
from apdesk.ui.tabs.incident_editor import IncidentEditor


def _status_colour(row: IncidentRow) -> QColor | None:
    return colours.WARN if row.status == "Open" else None


COLUMNS: tuple[Column[IncidentRow], ...] = (
    Column("When", lambda r: r.occurred_at, sort_key=lambda r: r.occurred_at),
    Column("Category", lambda r: r.category),
    Column("Status", lambda r: r.status, background=_status_colour),
    Column("Pupils", lambda r: r.pupils, tooltip=lambda r: r.pupils),
    Column("School told", lambda r: r.delay),
    Column("Provider", lambda r: r.provider),
)


class IncidentsTab(ListDetailTab):
    title = "Incidents"
    kinds = frozenset({"incident"})
    permission = Permission.VIEW_INCIDENTS
    reload_on = frozenset({"incident", "pupil", "provider"})
    columns = COLUMNS
    new_label = "&Log an incident"

    def __init__(self, ctx: UiContext) -> None:
        self.editor = IncidentEditor(ctx)
        super().__init__(ctx, self.editor.panel)
        self.editor.saved.connect(self.select_key)

    def load_rows(self) -> Sequence[Any]:
        return incident_service.list_incidents(self.ctx.services, self.ctx.actor)

    def can_create(self) -> bool:
        return self.ctx.may(Permission.EDIT_INCIDENTS)

    def show_row(self, row: IncidentRow | None) -> None:
        if row is None:
            self.editor.panel.show_placeholder()
        else:
            self.editor.load(row.id)

    def new_record(self) -> None:
        if self.can_create():
            self.clear_selection()
            self.editor.start_new()

    def save_record(self) -> None:
        self.editor.save()
