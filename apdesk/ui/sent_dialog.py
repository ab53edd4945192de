"""After letters or notices are printed: record each as sent to parents (§10), the day, how
and to whom, or leave it for later (Today raises one still unsent a few school days on).

The dialog is offered only to someone who may record contacts with parents. It refuses
nothing itself: each row chosen goes through `services.parents.record_sent`, and a row the
rules refuse is named, with its reason, while the others are kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from apdesk.domain.enums import SentBy
from apdesk.domain.errors import InvalidInput
from apdesk.domain.formatting import format_date
from apdesk.domain.labels import label
from apdesk.domain.text import LINE_MAX
from apdesk.services import parents as parent_service
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.services.parents import PrintedLetter
from apdesk.ui.forms import ChoiceCombo, DateEdit, enum_choices
from apdesk.ui.widgets import note_label, problem_label, say

NOT_YET = "Not sent yet"


class SentRow:
    """One printed letter's fields: the day it went, how, and to whom."""

    def __init__(self, printed: PrintedLetter, today: date) -> None:
        self.printed = printed
        c = printed.contact
        printed_on = format_date(c.printed_on) if c.printed_on else "?"
        what = f"{printed.pupil}: {label(c.kind).lower()}, printed {printed_on}"
        self.title = QLabel(what)
        self.title.setWordWrap(True)
        self.on = DateEdit(f"Date sent for {printed.pupil}")
        self.on.set_value(today)
        self.how = ChoiceCombo(f"How sent for {printed.pupil}", enum_choices(SentBy), NOT_YET)
        self.to = QComboBox()
        self.to.setEditable(True)
        self.to.setAccessibleName(f"Sent to for {printed.pupil}")
        self.to.addItems(list(printed.carers))
        line = self.to.lineEdit()
        assert line is not None
        line.setMaxLength(LINE_MAX)
        line.setPlaceholderText("the parent or carer")

    def chosen(self) -> tuple[int, date, SentBy, str] | None:
        """What to record, or None when it is left as not yet sent."""
        how = self.how.value()
        if how is None:
            return None
        day = self.on.value()
        assert day is not None
        return self.printed.id, day, how, self.to.currentText()


class SentDialog(QDialog):
    """Record the letters just printed as sent, or leave them for later."""

    def __init__(
        self, printed: Sequence[PrintedLetter], today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Record the letters as sent")
        self.setAccessibleName("Record the letters as sent")
        self.rows = [SentRow(p, today) for p in printed]
        layout = QVBoxLayout(self)
        layout.addWidget(
            note_label(
                "Once a letter or notice has gone to the parents, record the day, how it went "
                "and to whom (§10). Leave one as “Not sent yet” to record it later on the "
                "placement's Parents page."
            )
        )
        grid = QGridLayout()
        for column, text in enumerate(("Letter", "Sent on", "How", "To")):
            header = QLabel(f"<b>{text}</b>")
            grid.addWidget(header, 0, column)
        for i, row in enumerate(self.rows, start=1):
            grid.addWidget(row.title, i, 0)
            grid.addWidget(row.on, i, 1)
            grid.addWidget(row.how, i, 2)
            grid.addWidget(row.to, i, 3)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(3, 1)
        layout.addLayout(grid)
        self.problem = problem_label()
        layout.addWidget(self.problem)
        box = QDialogButtonBox()
        self.record = box.addButton("&Record as sent", QDialogButtonBox.ButtonRole.AcceptRole)
        self.record.setAccessibleName("Record as sent")
        later = box.addButton("&Later", QDialogButtonBox.ButtonRole.RejectRole)
        later.setAccessibleName("Later")
        box.accepted.connect(self._check)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.resize(860, 160 + 48 * len(self.rows))

    def chosen(self) -> list[tuple[int, date, SentBy, str]]:
        return [c for row in self.rows if (c := row.chosen()) is not None]

    def _check(self) -> None:
        try:
            chosen = self.chosen()
        except InvalidInput as exc:
            say(self.problem, str(exc))
            return
        if not chosen:
            say(self.problem, "Choose how at least one was sent, or press Later.")
            return
        self.accept()


def record_chosen(
    svc: AppServices, actor: Actor, chosen: Sequence[tuple[int, date, SentBy, str]]
) -> list[str]:
    """Record each chosen letter as sent; what was refused, one sentence per letter."""
    refused = []
    for contact_id, day, how, to in chosen:
        try:
            parent_service.record_sent(svc, actor, contact_id, day, how, to)
        except InvalidInput as exc:
            refused.append(f"{label(how)} to {to or '?'}: {exc}")
    return refused
