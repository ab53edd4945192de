"""Placements: every placement with its status and Annex A progress, beside its record."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QColor

from apdesk.domain import checklists
from apdesk.domain.enums import PlacementStatus
from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.services import placements as placement_service
from apdesk.services.placements import PlacementRow
from apdesk.ui import colours
from apdesk.ui.context import UiContext
from apdesk.ui.list_tools import Choice, ListFilter, ValueChoice
from apdesk.ui.models import CENTRE, Column
from apdesk.ui.tabs.common.editor_tab import EditorTab
from apdesk.ui.tabs.placements.editor import PlacementEditor

STATUS_COLOURS = {
    PlacementStatus.PROPOSED: colours.WARN,
    PlacementStatus.AUTHORISED: colours.INFO,
    PlacementStatus.ACTIVE: colours.GOOD,
}


def _status_colour(row: PlacementRow) -> QColor | None:
    return STATUS_COLOURS.get(row.state)


COLUMNS: tuple[Column[PlacementRow], ...] = (
    Column("Pupil", lambda r: r.pupil),
    Column("Status", lambda r: r.status, background=_status_colour),
    Column("Provider", lambda r: r.provider),
    Column("Starts", lambda r: r.start_date),
    Column("Planned end", lambda r: r.planned_end_date),
    Column(
        "Annex A",
        lambda r: f"{r.annex_a_done} of {len(checklists.ANNEX_A)}",
        sort_key=lambda r: r.annex_a_done,
        align=CENTRE,
    ),
    Column("Reason", lambda r: r.reason),
)


ENDED = {PlacementStatus.ENDED, PlacementStatus.TERMINATED}

PLACEMENT_FILTERS: tuple[ListFilter, ...] = (
    Choice(
        "Status",
        "Any status",
        (
            ("Active", lambda r: r.state is PlacementStatus.ACTIVE),
            ("Not ended", lambda r: r.state not in ENDED),
            ("Ended or terminated", lambda r: r.state in ENDED),
        ),
    ),
    ValueChoice("Provider", "Any provider", lambda r: r.provider),
)


class PlacementsTab(EditorTab):
    title = "Placements"
    editor: PlacementEditor
    kinds = frozenset({RecordKind.PLACEMENT})
    permission = Permission.VIEW_PLACEMENTS
    reload_on = frozenset({RecordKind.PLACEMENT, RecordKind.PUPIL, RecordKind.PROVIDER})
    columns = COLUMNS
    filters = PLACEMENT_FILTERS
    new_label = "&New placement"

    edit_permission = Permission.EDIT_PLACEMENTS

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, PlacementEditor(ctx))

    def load_rows(self) -> Sequence[Any]:
        return placement_service.list_placements(self.ctx.services, self.ctx.actor)

    def select_key(self, key: object) -> None:
        """A placement's id, or ("ap_referral", id): a new placement prefilled from it."""
        if isinstance(key, tuple) and key[:1] == ("ap_referral",):
            if self.can_create() and self.settle(revert=False):
                self.clear_selection()
                self.editor.start_from_referral(key[1])
                self.showing_new()
            return
        super().select_key(key)
