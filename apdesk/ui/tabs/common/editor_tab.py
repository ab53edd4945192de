"""A list beside one record editor: select a row to load it, New to start one, Save to save.

Pupils, Providers, Placements and Incidents are all this shape; each names its editor and
the permission that lets someone add a record.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import SignalInstance

from apdesk.domain.permissions import Permission
from apdesk.ui.context import UiContext
from apdesk.ui.detail import DetailPanel
from apdesk.ui.tabs.common.base import Editor, ListDetailTab


class RecordEditor(Editor, Protocol):
    """The editor of one kind of record beside an `EditorTab`'s list (`PupilEditor`, ...):
    its panel, `saved` (emitted with the stored record's id), and loading or starting one."""

    panel: DetailPanel
    saved: SignalInstance

    def load(self, record_id: int) -> None: ...

    def start_new(self) -> None: ...


class EditorTab(ListDetailTab):
    """Subclasses set `edit_permission` and pass their `RecordEditor` to `__init__`."""

    edit_permission: Permission
    editor: RecordEditor

    def __init__(self, ctx: UiContext, editor: RecordEditor) -> None:
        self.editor = editor
        super().__init__(ctx, editor.panel)
        editor.saved.connect(self.record_saved)

    def can_create(self) -> bool:
        return self.ctx.may(self.edit_permission)

    def show_row(self, row: Any | None) -> None:
        if row is None:
            self.editor.tracker.forget()
            self.editor.panel.show_placeholder()
        else:
            self.editor.load(row.id)

    def new_record(self) -> None:
        if self.can_create() and self.settle(revert=False):
            self.clear_selection()
            self.start_new()
            self.showing_new()

    def start_new(self) -> None:
        self.editor.start_new()

    def save_record(self) -> None:
        self.editor.save()
