"""Typing is never lost without asking: what an editor holds, whether it changed, and the question.

An editor keeps a `ChangeTracker` over the widgets a person types into. Right after a record
is shown the tracker notes what the fields say; the record has unsaved changes when they say
something else (so typing a letter and deleting it again is no change). Before the window
moves away from an edited record (another row, another tab, signing out, closing) it asks
"Save changes?" with Save, Discard and Cancel.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any

import shiboken6
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from apdesk.domain.errors import InvalidInput
from apdesk.ui.errors import show_error
from apdesk.ui.forms import first_date_problem
from apdesk.ui.lock_hold import run_modal
from apdesk.ui.widgets import say

SAVE_WAIT_MS = 60_000
Done = Callable[[bool], None]


class Answer(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def field_value(widget: QWidget) -> tuple[bool, Any]:
    """(True, what the field says) for a field a person types into, else (False, None)."""
    reader = getattr(widget, "tracked_value", None)
    if callable(reader):  # our own composite fields (a child list, a date field)
        return True, reader()
    if isinstance(widget, QLineEdit):
        return True, widget.text()
    if isinstance(widget, QPlainTextEdit):
        return True, widget.toPlainText()
    if isinstance(widget, QComboBox):
        value = getattr(widget, "value", None)
        return True, value() if callable(value) else widget.currentText()
    if isinstance(widget, QCheckBox):
        return True, widget.isChecked()
    if isinstance(widget, QAbstractSpinBox):
        return True, widget.text()
    return False, None


def form_state(roots: Sequence[QWidget]) -> list[Any]:
    """Everything the fields under `roots` say, in a fixed order (dialogs left out)."""
    state: list[Any] = []

    def walk(widget: QWidget) -> None:
        if isinstance(widget, QDialog) or widget.property("untracked"):
            return
        known, value = field_value(widget)
        if known:
            state.append((widget.accessibleName(), value))
            return
        if isinstance(widget, QAbstractButton):
            return
        for child in widget.children():
            if isinstance(child, QWidget):
                walk(child)

    for root in roots:
        walk(root)
    return state


class ChangeTracker:
    """Whether the fields under some widgets say something other than when last settled."""

    def __init__(self, roots: Sequence[QWidget]) -> None:
        self.roots = list(roots)
        self._settled: list[Any] | None = None

    def settle(self) -> None:
        """The fields now show the stored record (just loaded, or just saved).

        Each one-line field not being typed in shows the start of its text: Qt leaves the
        cursor at the end of what it was given, so a long address or provider name showed
        only its tail ("...ford, BK8 2LD") until someone clicked into it."""
        self._settled = form_state(self.roots)
        for root in self.roots:
            for line in root.findChildren(QLineEdit):
                if not line.hasFocus():
                    line.setCursorPosition(0)

    def forget(self) -> None:
        """Nothing is being edited (the record was put away, or its changes discarded)."""
        self._settled = None

    def changed(self) -> bool:
        return self._settled is not None and form_state(self.roots) != self._settled


def ask_to_save(parent: QWidget, what: str) -> Answer:
    """Save, Discard or Cancel for the unsaved changes to `what` ("Robin Testcase")."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Save changes?",
        f"Save the changes to {what}?" if what else "Save your changes?",
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setAccessibleName("Save changes?")
    box.setInformativeText("If you discard them, what you typed is lost.")
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    pressed = run_modal(box)
    if not shiboken6.isValid(box):
        return Answer.CANCEL
    box.deleteLater()
    if pressed == QMessageBox.StandardButton.Save:
        return Answer.SAVE
    if pressed == QMessageBox.StandardButton.Discard:
        return Answer.DISCARD
    return Answer.CANCEL


def wait_for_save(save: Callable[[Done], None]) -> bool:
    """Start a save on the worker and wait for its answer (input held meanwhile)."""
    result: list[bool] = []
    loop = QEventLoop()

    def done(ok: bool) -> None:
        result.append(ok)
        loop.quit()

    save(done)
    if not result:
        QTimer.singleShot(SAVE_WAIT_MS, loop.quit)
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    return bool(result and result[0])


class EditsRecord:
    """What the record editors share: a tracker over their fields and a Save button."""

    tracker: ChangeTracker
    panel: Any  # DetailPanel
    save_button: QWidget

    def has_changes(self) -> bool:
        return self.save_button.isVisibleTo(self.panel) and self.tracker.changed()

    def unsaved_what(self) -> str:
        title: str = self.panel.title.text()
        return f"the {title[0].lower()}{title[1:]}" if title.startswith("New ") else title

    def ready_to_save(self) -> bool:
        """Every date reads as a date; if not, the reason shows under it and in a message."""
        found = first_date_problem(self.tracker.roots)
        if found is None:
            return True
        field, text = found
        say(field.problem, text)
        field.setFocus()
        show_error(self.panel, InvalidInput(text))
        return False

    def answers(
        self, saved: Callable[[Any], object], done: Done | None
    ) -> tuple[Callable[[Any], None], Callable[[BaseException], None]]:
        """`on_done` and `on_failed` for a save: the fields now match the store."""

        def stored(record: Any) -> None:
            self.tracker.settle()
            saved(record.id)
            if done is not None:
                done(True)

        def failed(_exc: BaseException) -> None:
            if done is not None:
                done(False)

        return stored, failed
