"""File > Retention review…: what is past its retention period, and disposing of it.

For the Headteacher and the DSL (`Permission.DISPOSE_RECORDS`; the menu entry is not there
for anyone else). The review lists, pupil by pupil, the file or the attendance marks that
the school's periods (File > School and terms…) no longer require it to keep. Dispose of…
says in plain words exactly what will be deleted, asks why (kept in the audit log) and
deletes only when Delete for good is pressed, through `services.retention.dispose`.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from apdesk.domain.formatting import format_date
from apdesk.domain.permissions import Permission
from apdesk.domain.retention import RecordClass, RetentionPeriods
from apdesk.services import retention
from apdesk.services.retention import DueLine
from apdesk.ui.context import UiContext
from apdesk.ui.document_view import open_when_unlocked
from apdesk.ui.errors import show_message
from apdesk.ui.models import ROW_ROLE, Column, RowTableModel
from apdesk.ui.submit_dialog import SubmitDialog
from apdesk.ui.tabs.common.base import fit_columns, make_table
from apdesk.ui.widgets import note_label, text_edit

TITLE = "Retention review"


def how_many(counts: dict[str, int]) -> str:
    """'1 placement, 2 carers': each kind of record with its count, one without its s."""
    return ", ".join(
        f"{n} {what[:-1] if n == 1 and what.endswith('s') else what}"
        for what, n in counts.items()
        if n
    )


COLUMNS: tuple[Column[DueLine], ...] = (
    Column("Pupil", lambda r: r.pupil),
    Column("Born", lambda r: format_date(r.date_of_birth), sort_key=lambda r: r.date_of_birth),
    Column("Records", lambda r: r.what),
    Column("Kept until", lambda r: format_date(r.kept_until), sort_key=lambda r: r.kept_until),
    Column("What would go", lambda r: how_many(r.counts), tooltip=lambda r: how_many(r.counts)),
)


def periods_text(periods: RetentionPeriods) -> str:
    return (
        f"The school keeps attendance marks {periods.attendance} years from the day they were "
        f"recorded, and a pupil's child-protection and AP file until they are {periods.ap_cp} "
        f"({periods.sen} for a pupil with SEN); the Headteacher sets these periods in School and "
        "terms. Anything listed here may now be disposed of; nothing goes until you say so."
    )


def what_goes(line: DueLine, periods: RetentionPeriods) -> str:
    """Exactly what a disposal deletes, in plain words."""
    whose = f"{line.pupil} (born {format_date(line.date_of_birth)})"
    if line.record is RecordClass.ATTENDANCE:
        return (
            f"{whose}: {how_many(line.counts)} more than {periods.attendance} years old. "
            "Their file and newer marks stay."
        )
    return (
        f"{whose}: the whole child-protection and AP file, which is {how_many(line.counts)}, the "
        "actions linked to them, and the pupil's own record (names, date of birth, UPN, carers). "
        "An incident shared with a pupil whose file is still kept stays, without this pupil."
    )


def open_retention(ctx: UiContext, parent: QWidget) -> RetentionDialog | None:
    if not ctx.may(Permission.DISPOSE_RECORDS):
        return None
    dialog = RetentionDialog(ctx, parent)
    dialog.finished.connect(dialog.deleteLater)
    open_when_unlocked(parent, dialog)
    dialog.reload()
    return dialog


class RetentionDialog(QDialog):
    listed = Signal()
    disposed = Signal(object)  # the counts of what went

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        self.resize(900, 520)
        self.current = RetentionPeriods()
        self.periods = note_label(periods_text(self.current))
        self.model: RowTableModel[DueLine] = RowTableModel(COLUMNS)
        self.view = make_table("Records past their retention period")
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._chosen())
        self.view.activated.connect(lambda *_: self.ask_dispose())
        self.empty = note_label("Nothing is past its retention period today.")
        self.empty.hide()  # until the list has loaded
        self.dispose_button = QPushButton("&Dispose of…")
        self.dispose_button.setAccessibleName("Dispose of")
        self.dispose_button.clicked.connect(self.ask_dispose)
        beside = QHBoxLayout()
        beside.addWidget(self.empty, 1)
        beside.addStretch(1)
        beside.addWidget(self.dispose_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.periods)
        layout.addWidget(self.view, 1)
        layout.addLayout(beside)
        layout.addWidget(buttons)
        self._chosen()

    def reload(self) -> None:
        svc, actor = self.ctx.services, self.ctx.actor
        self.ctx.run(
            lambda: (retention.periods(svc, actor), retention.review(svc, actor)),
            lambda got: self._show(*got),
            parent=self,
            label="Looking for records past their period…",
        )

    def _show(self, periods: RetentionPeriods, lines: list[DueLine]) -> None:
        self.current = periods
        self.periods.setText(periods_text(periods))
        self.model.set_rows(lines)
        fit_columns(self.view, 260)
        self.view.resizeRowsToContents()
        self.empty.setVisible(not lines)
        if lines:
            self.view.selectRow(0)
        self._chosen()
        self.listed.emit()

    def chosen(self) -> DueLine | None:
        index = self.view.currentIndex()
        row = index.data(ROW_ROLE) if index.isValid() else None
        return row if isinstance(row, DueLine) else None

    def _chosen(self) -> None:
        self.dispose_button.setEnabled(self.chosen() is not None)

    def ask_dispose(self) -> DisposeDialog | None:
        line = self.chosen()
        if line is None:
            return None
        dialog = DisposeDialog(line, self.current, self)
        svc, actor = self.ctx.services, self.ctx.actor

        def submit() -> None:
            why = dialog.reason.toPlainText()
            self.ctx.worker.run(
                lambda: retention.dispose(svc, actor, line.pupil_id, line.record, why),
                lambda counts: self._disposed(dialog, line, counts),
                dialog.refused,
                label="Deleting…",
                parent=dialog,
            )

        dialog.submitted.connect(submit)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.dispose_dialog = dialog
        return dialog

    def _disposed(self, dialog: DisposeDialog, line: DueLine, counts: dict[str, int]) -> None:
        dialog.finished_ok()
        done = how_many(counts)
        self.told = show_message(
            self,
            f"Disposed of {line.pupil}'s {line.what[:1].lower()}{line.what[1:]}: {done}. The "
            "audit log keeps that this was done, by whom and why, and nothing of what the "
            "records said.",
            TITLE,
        )
        self.reload()
        self.disposed.emit(counts)


class DisposeDialog(SubmitDialog):
    """Names what goes, asks why, and deletes only on Delete for good."""

    def __init__(
        self, line: DueLine, periods: RetentionPeriods, parent: QWidget | None = None
    ) -> None:
        super().__init__(f"Dispose of {line.pupil}'s records?", parent)
        self.line = line
        self.what = note_label(f"This deletes for good: {what_goes(line, periods)}")
        self.what.setAccessibleName("What will be deleted")
        self.reason = text_edit(
            "Reason", "for example: past the retention period at the annual review", 3
        )
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        delete = self.buttons.addButton(
            "&Delete for good", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        delete.setAccessibleName("Delete for good")
        delete.clicked.connect(self.accept)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        cancel.setDefault(True)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.what)
        layout.addWidget(
            note_label(
                "It cannot be undone. The audit log keeps that the disposal happened, who did it, "
                "when and why, with how many of each kind of record, and nothing of what they "
                "said. Copies in backups made before now go when those backups are deleted."
            )
        )
        layout.addWidget(note_label("Why are these records being disposed of?"))
        layout.addWidget(self.reason)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(600)
