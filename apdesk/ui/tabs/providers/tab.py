"""Providers: approved, lapsed or not vetted (with the reason), sites, contacts and checks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QColor

from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.services import providers as provider_service
from apdesk.services.providers import ProviderRow
from apdesk.ui import colours
from apdesk.ui.context import UiContext
from apdesk.ui.list_tools import ListFilter, ValueChoice
from apdesk.ui.models import CENTRE, Column
from apdesk.ui.tabs.common.editor_tab import EditorTab
from apdesk.ui.tabs.providers.editor import ProviderEditor

STATE_COLOURS = {"Approved": colours.GOOD, "Lapsed": colours.BAD, "Not vetted": colours.WARN}


def state_colour(row: ProviderRow) -> QColor | None:
    return STATE_COLOURS.get(row.state)


COLUMNS: tuple[Column[ProviderRow], ...] = (
    Column("Name", lambda r: r.name),
    Column("Kind", lambda r: r.kind),
    Column("Status", lambda r: r.state, background=state_colour),
    Column(
        "Why",
        lambda r: r.reasons[0] if r.reasons else "",
        tooltip=lambda r: "\n".join(r.reasons) or None,
    ),
    Column("Sites", lambda r: r.sites, align=CENTRE),
    Column("Pupils placed", lambda r: r.live_placements, align=CENTRE),
)


PROVIDER_FILTERS: tuple[ListFilter, ...] = (
    ValueChoice(
        "Status",
        "Any status",
        lambda r: r.state,
        sort_key=lambda state: list(STATE_COLOURS).index(state) if state in STATE_COLOURS else 9,
    ),
)


class ProvidersTab(EditorTab):
    title = "Providers"
    editor: ProviderEditor
    kinds = frozenset({RecordKind.PROVIDER})
    permission = Permission.VIEW_PROVIDERS
    reload_on = frozenset(
        {RecordKind.PROVIDER, RecordKind.PLACEMENT}
    )  # evidence files change no list row
    columns = COLUMNS
    filters = PROVIDER_FILTERS
    new_label = "&New provider"

    edit_permission = Permission.EDIT_PROVIDERS

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, ProviderEditor(ctx))

    def load_rows(self) -> Sequence[Any]:
        return provider_service.list_providers(self.ctx.services, self.ctx.actor)
