"""Pupils > History…: who changed this pupil's records, when and why (the audit log).

The Headteacher and the DSL (who may read the audit log) see every audit row about the
pupil and the records that are theirs: their details, placements with their reviews,
objectives and letters home, AP referrals, social care and EHCP details, and the incidents
they are linked to (`audit_trail.pupil_trail`, as `apdesk audit --pupil` prints it). Newest
first; a search narrows it. Opening it is itself audited. Read only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from apdesk.domain.entities import Pupil
from apdesk.domain.permissions import Permission
from apdesk.services import audit_trail
from apdesk.services.audit_trail import HistoryLine
from apdesk.ui.context import UiContext
from apdesk.ui.document_view import open_when_unlocked
from apdesk.ui.models import Column, RowTableModel, SearchProxy
from apdesk.ui.tabs.common.base import fit_columns, make_table
from apdesk.ui.widgets import line_edit, note_label

COLUMNS: tuple[Column[HistoryLine], ...] = (
    Column("When", lambda line: line.when, lambda line: (line.at, line.row)),
    Column("Who", lambda line: line.who),
    Column("What", lambda line: line.what),
    Column("Details", lambda line: line.details),
    Column("Why", lambda line: line.why),
)
EXPLAIN = (
    "Every change recorded about this pupil and their placements, reviews, referrals and "
    "incidents: who made it, when, and the reason they gave. Free text is kept as a "
    "fingerprint, not the words. Opening this history is itself recorded."
)


def open_history(ctx: UiContext, parent: QWidget, pupil: Pupil) -> HistoryDialog | None:
    """The pupil's History, opened and loading; nothing for an unsaved pupil or a role that
    may not read the audit log."""
    if pupil.id is None or not ctx.may(Permission.VIEW_AUDIT):
        return None
    dialog = HistoryDialog(ctx, pupil, parent)
    dialog.finished.connect(dialog.deleteLater)
    open_when_unlocked(parent, dialog)
    dialog.reload()
    return dialog


class HistoryDialog(QDialog):
    def __init__(self, ctx: UiContext, pupil: Pupil, parent: QWidget | None) -> None:
        super().__init__(parent)
        assert pupil.id is not None
        self.ctx, self.pupil_id = ctx, pupil.id
        self.setWindowTitle(f"History: {pupil.display_name}")
        self.setAccessibleName("History")
        self.model: RowTableModel[HistoryLine] = RowTableModel(COLUMNS)
        self.proxy = SearchProxy(self.model, self)
        self.view = make_table("History")
        self.view.setModel(self.proxy)
        self.view.setWordWrap(True)
        self.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest first
        self.search = line_edit("Search the history", "Search (a name, a word, a date)")
        self.search.textChanged.connect(self.proxy.set_search)
        self.empty = note_label("Nothing about this pupil is in the audit log yet.")
        self.empty.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note_label(EXPLAIN))
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.resize(1000, 600)

    def reload(self) -> None:
        svc, actor, pupil_id = self.ctx.services, self.ctx.actor, self.pupil_id
        self.ctx.run(
            lambda: audit_trail.pupil_history(svc, actor, pupil_id), self._show, parent=self
        )

    def _show(self, lines: list[HistoryLine]) -> None:
        self.model.set_rows(lines)
        fit_columns(self.view, 320)
        self.view.resizeRowsToContents()
        self.empty.setVisible(not lines)
