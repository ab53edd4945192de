"""The form for recording a review: who came, progress on each objective, concerns, actions,
and the next date (suggested by the schedule rule, which the person may change).
"""

from __future__ import annotations

import html
from datetime import date, timedelta

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from apdesk.domain.entities import Action, Objective, ObjectiveProgress, Review, ReviewAttendee
from apdesk.domain.enums import ActionSource, AttendeeParty, ReviewKind
from apdesk.domain.labels import label
from apdesk.ui.forms import ChoiceCombo, DateEdit, enum_choices, section
from apdesk.ui.widgets import line_edit, text_edit

RATINGS = [(text, text) for text in ("Not started", "Some progress", "On track", "Achieved")]
#: Who may attend, in two columns: the review's own parties, then the other agencies (§16).
PARTIES = tuple(AttendeeParty)
ACTION_DAYS = 7


class ReviewForm(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.placement = ChoiceCombo("Placement", blank="Choose a placement")
        self.kind = ChoiceCombo("Kind of review", enum_choices(ReviewKind))
        self.held_on = DateEdit("Held on")
        self.next_on = DateEdit("Next review", optional=True)
        box, form = section("Review")
        form.addRow("&Placement", self.placement)
        form.addRow("&Kind", self.kind)
        form.addRow("&Held on", self.held_on)
        self.form = form
        self.attendees: dict[AttendeeParty, tuple[QCheckBox, QLineEdit]] = {}
        who = self._attendee_section()
        self.progress_box, self.progress_form = section("Progress against each objective")
        self.attendance_note = text_edit("Attendance since the last review", lines=2)
        self.concerns = text_edit("Concerns", lines=3)
        self.action_lines = text_edit("Actions", "One action per line; each is due in a week.", 3)
        notes, notes_form = section("Notes")
        notes_form.addRow("&Attendance", self.attendance_note)
        notes_form.addRow("&Concerns", self.concerns)
        notes_form.addRow("Ac&tions", self.action_lines)
        notes_form.addRow("&Next review", self.next_on)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (box, who, self.progress_box, notes):
            layout.addWidget(widget)
        self.objectives: list[tuple[Objective, QLineEdit, ChoiceCombo]] = []

    def _attendee_section(self) -> QWidget:
        box, _ = section("Who attended")
        grid = QGridLayout()
        half = (len(PARTIES) + 1) // 2
        for index, party in enumerate(PARTIES):
            check = QCheckBox(label(party))
            hint = "name and role" if party is AttendeeParty.OTHER else "name"
            name = line_edit(f"Name ({label(party)})", hint)
            row, column = index % half, 2 * (index // half)
            grid.addWidget(check, row, column)
            grid.addWidget(name, row, column + 1)
            self.attendees[party] = (check, name)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        layout = box.layout()
        assert isinstance(layout, QFormLayout)
        layout.addRow(grid)
        return box

    def start(self, kind: ReviewKind, held_on: date, objectives: list[Objective]) -> None:
        self.kind.set_value(kind)
        self.held_on.set_value(held_on)
        self.next_on.set_value(None)
        for check, name in self.attendees.values():
            check.setChecked(False)
            name.clear()
        for edit in (self.attendance_note, self.concerns, self.action_lines):
            edit.clear()
        self._objective_rows(objectives)

    def _objective_rows(self, objectives: list[Objective]) -> None:
        while self.progress_form.rowCount():
            self.progress_form.removeRow(0)
        self.objectives = []
        for objective in objectives:
            note = line_edit(f"Progress: {objective.target}", "what has changed")
            rating = ChoiceCombo("Rating", RATINGS)
            row = QWidget()
            grid = QGridLayout(row)
            grid.setContentsMargins(0, 0, 0, 0)
            grid.addWidget(note, 0, 0)
            grid.addWidget(rating, 0, 1)
            title = QLabel(
                f"<b>{html.escape(label(objective.area))}:</b> {html.escape(objective.target)}"
            )
            title.setWordWrap(True)
            self.progress_form.addRow(title)
            self.progress_form.addRow(row)
            self.objectives.append((objective, note, rating))
        self.progress_box.setVisible(bool(objectives))

    def review(self, placement_id: int) -> Review:
        held = self.held_on.value()
        assert held is not None
        return Review(
            placement_id,
            self.kind.value(),
            held,
            attendees=[
                ReviewAttendee(party, name.text().strip())
                for party, (check, name) in self.attendees.items()
                if check.isChecked()
            ],
            progress=[
                ObjectiveProgress(o.id, note.text().strip(), rating.value())
                for o, note, rating in self.objectives
            ],
            attendance_note=self.attendance_note.toPlainText().strip(),
            concerns=self.concerns.toPlainText().strip(),
            next_review_on=self.next_on.value(),
        )

    def follow_ups(
        self, today: date, owner: int, pupil_id: int | None, placement_id: int
    ) -> list[Action]:
        lines = [line.strip() for line in self.action_lines.toPlainText().splitlines()]
        return [
            Action(
                line,
                today + timedelta(days=ACTION_DAYS),
                today,
                owner_id=owner,
                source=ActionSource.REVIEW,
                pupil_id=pupil_id,
                placement_id=placement_id,
            )
            for line in lines
            if line
        ]
