"""Pupils: the list with current placement and flags, the record, and the chronology.

Child-protection flags (and the chronology) appear only for roles that may see them; for
others the column, the boxes and the timeline are simply not there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from apdesk.domain.enums import PlacementStatus
from apdesk.domain.labels import label
from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.services import pupils as pupil_service
from apdesk.services.changes import Change
from apdesk.services.pupils import PupilRow
from apdesk.ui import colours
from apdesk.ui.bus import entities
from apdesk.ui.context import UiContext
from apdesk.ui.list_tools import Choice, ListFilter, ValueChoice
from apdesk.ui.models import CENTRE, Column
from apdesk.ui.tabs.common.editor_tab import EditorTab
from apdesk.ui.tabs.pupils.editor import PupilEditor

CHRONOLOGY_KINDS = frozenset(
    {RecordKind.REVIEW, RecordKind.INCIDENT, RecordKind.ATTENDANCE, RecordKind.ACTION}
)


def pupil_columns(sees_cp: bool) -> list[Column[PupilRow]]:
    """What matters most first: who, any safeguarding flag (if allowed), where they are."""
    columns: list[Column[PupilRow]] = [Column("Name", lambda r: r.name)]
    if sees_cp:
        columns.append(
            Column(
                "Flags",
                lambda r: ", ".join(r.flags),
                foreground=lambda r: colours.BAD_TEXT if r.flags else None,
            )
        )
    columns += [
        Column("Provider", lambda r: r.provider),
        Column("Placement", lambda r: r.placement_status),
        Column(
            "Year",
            lambda r: "" if r.year_group is None else r.year_group,
            sort_key=lambda r: r.year_group if r.year_group is not None else -1,
            align=CENTRE,
        ),
        Column("SEN", lambda r: r.sen),
        Column("UPN", lambda r: r.upn),
    ]
    return columns


ACTIVE = label(PlacementStatus.ACTIVE)
IN_PROGRESS = {label(s) for s in (PlacementStatus.PROPOSED, PlacementStatus.AUTHORISED)}
LIVE = {ACTIVE, *IN_PROGRESS}

PUPIL_FILTERS: tuple[ListFilter, ...] = (
    Choice(
        "Placement",
        "All pupils",
        (
            ("Active placement only", lambda r: r.placement_status == ACTIVE),
            ("Proposed or authorised", lambda r: r.placement_status in IN_PROGRESS),
            ("No live placement", lambda r: r.placement_status not in LIVE),
        ),
    ),
    ValueChoice(
        "Year group",
        "Any year",
        lambda r: r.year_group,
        text=lambda year: f"Year {year}",
        sort_key=lambda year: year,
    ),
)


class PupilsTab(EditorTab):
    title = "Pupils"
    editor: PupilEditor
    kinds = frozenset({RecordKind.PUPIL})
    permission = Permission.VIEW_PUPILS
    reload_on = frozenset({RecordKind.PUPIL, RecordKind.PLACEMENT, RecordKind.PROVIDER})
    new_label = "&New pupil"
    filters = PUPIL_FILTERS

    edit_permission = Permission.EDIT_PUPILS

    def __init__(self, ctx: UiContext) -> None:
        self.columns = pupil_columns(ctx.may(Permission.VIEW_CP_FLAGS))
        super().__init__(ctx, PupilEditor(ctx))
        self.editor.open_record.connect(self.open_record)

    def _on_changed(self, changes: tuple[Change, ...]) -> None:
        super()._on_changed(changes)
        if entities(changes) & CHRONOLOGY_KINDS and not entities(changes) & self.reload_on:
            self.editor.reload_chronology()  # the list is unchanged; the timeline is not

    def load_rows(self) -> Sequence[Any]:
        return pupil_service.list_pupils(self.ctx.services, self.ctx.actor)

    def start_new(self) -> None:
        self.editor.start_new()
