"""Providers: approved, lapsed or not vetted (with the reason), sites, contacts and checks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QColor

from apdesk.domain.permissions import Permission
from apdesk.services import providers as provider_service
from apdesk.services.providers import ProviderRow
from apdesk.ui import colours
from apdesk.ui.context import UiContext
from apdesk.ui.models import CENTRE, Column
from apdesk.ui.tabs.base import ListDetailTab
from apdesk.ui.tabs.provider_editor import ProviderEditor

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


class ProvidersTab(ListDetailTab):
    title = "Providers"
    kinds = frozenset({"provider"})
    permission = Permission.VIEW_PROVIDERS
    reload_on = frozenset({"provider", "placement"})  # evidence files change no list row
    columns = COLUMNS
    new_label = "&New provider"

    def __init__(self, ctx: UiContext) -> None:
        self.editor = ProviderEditor(ctx)
        super().__init__(ctx, self.editor.panel)
        self.editor.saved.connect(self.select_key)

    def load_rows(self) -> Sequence[Any]:
        return provider_service.list_providers(self.ctx.services, self.ctx.actor)

    def can_create(self) -> bool:
        return self.ctx.may(Permission.EDIT_PROVIDERS)

    def show_row(self, row: ProviderRow | None) -> None:
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
