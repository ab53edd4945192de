"""Small lists inside a record (carers, sites, contacts, objectives, linked pupils).

A `ChildList` is a table over a record's child rows with Add, Edit and Remove buttons; the
rows are edited in a small dialog built from a field spec, and handed back as a new list
when the record is saved (the service keeps ids, so children stay attached). Once the record
can no longer be edited (a closed incident, a live placement), `allow_corrections` offers
Correct… and Void… on a stored row instead, which go through the corrections service.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from apdesk.domain.text import FIELD_LIMITS, LINE_MAX, TEXT_MAX
from apdesk.ui.forms import dates_ok
from apdesk.ui.lock_hold import run_modal
from apdesk.ui.models import ROW_ROLE, Column, RowTableModel
from apdesk.ui.tabs.common.base import fit_columns, make_table
from apdesk.ui.widgets import set_limit, text_edit

Field = tuple[str, str, Callable[[], QWidget]]  # attribute, label, widget factory


def lines(rows: int = 3) -> Callable[[], QWidget]:
    """A field of a few lines (an address, an objective), for a field spec."""
    return lambda: text_edit("", lines=rows)


def read_widget(widget: QWidget) -> Any:
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QLineEdit):
        return widget.text().strip()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText().strip()
    return widget.value()  # type: ignore[attr-defined]


def fill_widget(widget: QWidget, value: Any) -> None:
    if isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QLineEdit):
        widget.setText("" if value is None else str(value))
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText("" if value is None else str(value))
    else:
        widget.set_value(value)  # type: ignore[attr-defined]


def keep_within_limit(widget: QWidget, attribute: str) -> None:
    """The most the store keeps for this field (`domain.text.FIELD_LIMITS`), as in the forms."""
    limit = FIELD_LIMITS.get(attribute, LINE_MAX if isinstance(widget, QLineEdit) else TEXT_MAX)
    if isinstance(widget, QLineEdit):
        widget.setMaxLength(limit)
    elif isinstance(widget, QPlainTextEdit):
        set_limit(widget, limit)


class ChildDialog(QDialog):
    def __init__(
        self, title: str, fields: Sequence[Field], parent: QWidget, record: Any | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.widgets: dict[str, QWidget] = {}
        form = QFormLayout()
        for attribute, text, factory in fields:
            widget = factory()
            widget.setAccessibleName(text.replace("&", ""))
            keep_within_limit(widget, attribute)
            if record is not None:
                fill_widget(widget, getattr(record, attribute))
            self.widgets[attribute] = widget
            form.addRow(text, widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def accept(self) -> None:
        if dates_ok(self):  # a date that is not one is explained under its field
            super().accept()

    def values(self) -> dict[str, Any]:
        return {name: read_widget(widget) for name, widget in self.widgets.items()}


class ChildList(QWidget):
    """A record's child rows, editable in place when the editor allows it."""

    changed = Signal()

    def __init__(
        self,
        noun: str,
        columns: Sequence[Column[Any]],
        fields: Sequence[Field],
        make: Callable[..., Any],
    ) -> None:
        super().__init__()
        self.noun, self.fields, self.make = noun, fields, make
        self.model: RowTableModel[Any] = RowTableModel(columns, self)
        self.view = make_table(f"{noun.capitalize()}s")
        self.view.setSortingEnabled(False)
        self.view.setModel(self.model)
        self.view.setMinimumHeight(110)
        self.view.activated.connect(lambda _: self.edit())
        self.editable = True
        self.buttons = QHBoxLayout()
        for text, slot in (
            (f"Add {noun}…", self.add),
            ("Edit…", self.edit),
            ("Remove", self.remove),
        ):
            button = QPushButton(text)
            button.setAccessibleName(text.rstrip("…") + ("" if "Add" in text else f" {noun}"))
            button.clicked.connect(slot)
            self.buttons.addWidget(button)
        self.corrections = QHBoxLayout()
        self._correct: Callable[[Any, Any], None] | None = None
        self._void: Callable[[Any], None] | None = None
        for text, slot in (("Correct…", self.correct_chosen), ("Void…", self.void_chosen)):
            button = QPushButton(text)
            button.setAccessibleName(f"{text.rstrip('…')} {noun}")
            button.clicked.connect(slot)
            button.setVisible(False)
            self.corrections.addWidget(button)
        self.buttons.addLayout(self.corrections)
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(self.buttons)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.model.set_rows(rows)
        fit_columns(self.view, 220)

    def rows(self) -> list[Any]:
        return list(self.model.rows)

    def tracked_value(self) -> list[Any]:
        """What the list holds, for telling whether the record has unsaved changes."""
        return self.rows()

    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        correctable = not editable and self._correct is not None
        for button in self.findChildren(QPushButton):
            in_corrections = self.corrections.indexOf(button) >= 0
            button.setVisible(correctable if in_corrections else editable)

    def allow_corrections(
        self, correct: Callable[[Any, Any], None], void: Callable[[Any], None]
    ) -> None:
        """While the list is not editable: `correct(old, corrected)` and `void(row)`."""
        self._correct, self._void = correct, void
        self.set_editable(self.editable)

    def _chosen_stored(self) -> Any | None:
        index = self.view.currentIndex()
        row = index.data(ROW_ROLE) if index.isValid() else None
        return row if row is not None and getattr(row, "id", None) is not None else None

    def correct_chosen(self) -> None:
        old = self._chosen_stored()
        if old is None or self._correct is None:
            return
        dialog = ChildDialog(f"Correct {self.noun}", self.fields, self, old)
        if run_modal(dialog) == QDialog.DialogCode.Accepted:
            self._correct(old, dataclasses.replace(old, **dialog.values()))

    def void_chosen(self) -> None:
        row = self._chosen_stored()
        if row is not None and self._void is not None:
            self._void(row)

    def add(self) -> None:
        dialog = ChildDialog(f"Add {self.noun}", self.fields, self)
        if run_modal(dialog) == QDialog.DialogCode.Accepted:
            self.model.set_rows([*self.model.rows, self.make(**dialog.values())])
            self.changed.emit()

    def edit(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.editable:
            return
        old = index.data(ROW_ROLE)
        dialog = ChildDialog(f"Edit {self.noun}", self.fields, self, old)
        if run_modal(dialog) == QDialog.DialogCode.Accepted:
            rows = list(self.model.rows)
            rows[index.row()] = dataclasses.replace(old, **dialog.values())
            self.model.set_rows(rows)
            self.changed.emit()

    def remove(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            rows = list(self.model.rows)
            del rows[index.row()]
            self.model.set_rows(rows)
            self.changed.emit()
