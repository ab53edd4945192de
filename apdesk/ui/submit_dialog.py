"""A form that asks a service before it closes, keeping what was typed if it is refused.

Account forms, disposal, subject access, CP file receipts, pupil records and parents'
contacts all open one: `submitted` once the form's own checks pass; the owner runs the
service on the worker and answers with `finished_ok()` or `refused(exc)`.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from apdesk.ui.errors import user_message
from apdesk.ui.widgets import problem_label, say


class SubmitDialog(QDialog):
    """A form that asks the service before it closes: `submitted` once the form's own checks
    pass; the owner then calls `finished_ok()` or `refused(exc)` (which keeps the typing)."""

    submitted = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.problem = problem_label()
        self.buttons: QDialogButtonBox | None = None

    def problem_text(self) -> str:
        return ""

    def accept(self) -> None:
        problem = self.problem_text()
        say(self.problem, problem)
        if not problem:
            self._busy(True)
            self.submitted.emit()

    def finished_ok(self) -> None:
        self._busy(False)
        super().accept()

    def refused(self, exc: BaseException) -> None:
        self._busy(False)
        say(self.problem, user_message(exc))

    def _busy(self, busy: bool) -> None:
        if self.buttons is not None:
            self.buttons.setEnabled(not busy)
