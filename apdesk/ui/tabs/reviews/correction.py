"""Correcting a held review: the parts a correction may change (kind, date, the notes and
the next date), shown as they were; the editor then asks why and calls
`services.corrections.correct_review`, which applies the same rules as recording.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from apdesk.domain.entities import Review
from apdesk.domain.enums import ReviewKind
from apdesk.ui.forms import ChoiceCombo, DateEdit, dates_ok, enum_choices
from apdesk.ui.widgets import note_label, text_edit


class ReviewCorrectionDialog(QDialog):
    def __init__(self, review: Review, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Correct a review")
        self.setAccessibleName("Correct a review")
        self.review = review
        self.kind = ChoiceCombo("Kind of review", enum_choices(ReviewKind))
        self.kind.set_value(review.kind)
        self.held_on = DateEdit("Held on")
        self.held_on.set_value(review.held_on)
        self.attendance_note = text_edit("Attendance since the last review", lines=2)
        self.attendance_note.setPlainText(review.attendance_note)
        self.concerns = text_edit("Concerns", lines=3)
        self.concerns.setPlainText(review.concerns)
        self.next_on = DateEdit("Next review", optional=True)
        self.next_on.set_value(review.next_review_on)
        form = QFormLayout()
        form.addRow("&Kind", self.kind)
        form.addRow("&Held on", self.held_on)
        form.addRow("&Attendance", self.attendance_note)
        form.addRow("&Concerns", self.concerns)
        form.addRow("&Next review", self.next_on)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton("Co&rrect…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            note_label(
                "Put right what was recorded wrongly. Who attended and the progress notes stay "
                "as recorded; the old and new values and your reason go in the audit log."
            )
        )
        layout.addLayout(form)
        layout.addWidget(buttons)

    def accept(self) -> None:
        if dates_ok(self):  # a date that is not one is explained under its field
            super().accept()

    def corrected(self) -> Review:
        held = self.held_on.value()
        assert held is not None  # dates_ok refused an empty one
        return replace(
            self.review,
            kind=self.kind.value(),
            held_on=held,
            attendance_note=self.attendance_note.toPlainText().strip(),
            concerns=self.concerns.toPlainText().strip(),
            next_review_on=self.next_on.value(),
        )
