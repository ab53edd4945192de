"""The shape the pupil record's per-pupil records dialogs share: Transfer CP file… and
Subject access….

Each lists one kind of record for the pupil (loaded on the worker), shows a note when there
is none, puts the buttons for the chosen record beside the list, and has a form below with
one action button and Close. Each opens only for a saved pupil and a role the service would
allow; for anyone else it is simply not made. What differs (the columns, the form, what the
action does, which buttons the chosen record enables) is the subclass's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from apdesk.domain.entities import Pupil
from apdesk.domain.permissions import Permission
from apdesk.ui.context import UiContext
from apdesk.ui.document_view import open_when_unlocked
from apdesk.ui.errors import user_message
from apdesk.ui.forms import section
from apdesk.ui.models import ROW_ROLE, Column, RowTableModel
from apdesk.ui.submit_dialog import SubmitDialog
from apdesk.ui.tabs.common.base import fit_columns, make_table
from apdesk.ui.widgets import note_label, problem_label, say

R = TypeVar("R")
D = TypeVar("D", bound="PupilRecordsDialog")  # type: ignore[type-arg]


def open_for_pupil(
    ctx: UiContext,
    parent: QWidget,
    pupil: Pupil,
    permission: Permission,
    make: Callable[[UiContext, Pupil, QWidget], D],
) -> D | None:
    """The dialog for `pupil`, opened and loading; nothing for an unsaved pupil or a role
    without `permission`."""
    if pupil.id is None or not ctx.may(permission):
        return None
    dialog = make(ctx, pupil, parent)
    dialog.finished.connect(dialog.deleteLater)
    open_when_unlocked(parent, dialog)
    dialog.reload()
    return dialog


def _plain(text: str) -> str:
    return text.replace("&", "").rstrip("…")


class PupilRecordsDialog(QDialog, Generic[R]):
    """A pupil's records of one kind above, a form to add one below.

    The subclass builds its form on `self.form`, says how to load the rows (`loader`) and
    which buttons the chosen row enables (`update_buttons`), and does its action."""

    listed = Signal()
    #: the pupil's newest row is chosen when the list loads
    choose_newest = False

    def __init__(
        self,
        ctx: UiContext,
        pupil: Pupil,
        parent: QWidget | None,
        *,
        title: str,
        explain: str,
        columns: Sequence[Column[R]],
        row_type: type[R],
        records: str,
        heading: str,
        empty: str,
        form_title: str,
        action: str,
        column_width: int,
    ) -> None:
        super().__init__(parent)
        assert pupil.id is not None
        self.ctx, self.pupil, self.pupil_id = ctx, pupil, pupil.id
        self.row_type, self.column_width = row_type, column_width
        self.setWindowTitle(f"{title}: {pupil.display_name}")
        self.setAccessibleName(title)
        self.model: RowTableModel[R] = RowTableModel(columns)
        self.view = make_table(records)
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.update_buttons())
        self.empty = note_label(empty)
        self.empty.hide()  # until the list has loaded
        self.beside = QHBoxLayout()
        self.beside.addWidget(self.empty, 1)
        self.beside.addStretch(1)
        self.box, self.form = section(form_title)
        self.problem = problem_label()
        self.buttons = QDialogButtonBox()
        self.action_button = self.buttons.addButton(action, QDialogButtonBox.ButtonRole.ActionRole)
        self.action_button.setAccessibleName(_plain(action))
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note_label(explain))
        layout.addWidget(QLabel(heading))
        layout.addWidget(self.view, 1)
        layout.addLayout(self.beside)
        layout.addWidget(self.box)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def beside_button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        """A button beside the list, for the chosen record (off until one is chosen)."""
        button = QPushButton(text)
        button.setAccessibleName(_plain(text))
        button.clicked.connect(slot)
        button.setEnabled(False)
        self.beside.addWidget(button)
        return button

    # The list -----------------------------------------------------------------------------
    def loader(self) -> Callable[[], list[R]]:
        """What loads the rows, run on the worker (so it must not touch widgets)."""
        raise NotImplementedError

    def update_buttons(self) -> None:
        """Enable the buttons beside the list for the chosen row."""

    def reload(self) -> None:
        self.ctx.run(self.loader(), self._show, parent=self)

    def _show(self, rows: list[R]) -> None:
        self.model.set_rows(rows)
        fit_columns(self.view, self.column_width)
        self.view.resizeRowsToContents()
        self.empty.setVisible(not rows)
        if rows and self.choose_newest:
            self.view.selectRow(len(rows) - 1)
        self.update_buttons()
        self.listed.emit()

    def chosen(self) -> R | None:
        index = self.view.currentIndex()
        row = index.data(ROW_ROLE) if index.isValid() else None
        return row if isinstance(row, self.row_type) else None

    def done_with(self, dialog: SubmitDialog) -> None:
        """A small dialog's work is saved: close it and show the list again."""
        dialog.finished_ok()
        self.reload()

    # The action ---------------------------------------------------------------------------
    def refused(self, exc: BaseException) -> None:
        """The action was refused: say why under the form, and let it be tried again."""
        self.action_button.setEnabled(True)
        say(self.problem, user_message(exc))
