"""A placement's Parents page (§10, Annex B §5): what was sent to the parents and when, the
calls, meetings and messages, and the parents' feedback during and after the placement.

Anyone who may see parent contacts reads it (the Headteacher too); those who record them
(DSL, deputy, inclusion and attendance leads) have **Record a contact…** and **Record
feedback…**, each a form that stays open with what was typed if the service refuses it.
**Feedback form…** prints the blank form to send home. The rules are the service's
(`services.parents`); the page only lists and asks.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from apdesk.domain.entities import ParentContact, ParentFeedback
from apdesk.domain.enums import FeedbackAnswer, FeedbackStage, ParentContactKind, SentBy
from apdesk.domain.errors import InvalidInput
from apdesk.domain.formatting import format_date
from apdesk.domain.labels import label
from apdesk.domain.parents import QUESTIONS, contact_text, is_sent_kind
from apdesk.domain.permissions import Permission
from apdesk.services import parents as parent_service
from apdesk.services.parents import ParentRecords
from apdesk.ui.context import UiContext
from apdesk.ui.forms import ChoiceCombo, DateEdit, enum_choices
from apdesk.ui.submit_dialog import SubmitDialog
from apdesk.ui.widgets import line_edit, note_label, ok_cancel, text_edit

NOT_SENT = "Not sent: a call, meeting or message"
NOT_ANSWERED = "Not answered"
NONE_YET = "None recorded yet."


def contact_lines(contacts: list[ParentContact]) -> str:
    """One line per letter, update or contact, with its summary under it."""
    lines = []
    for c in contacts:
        lines.append(contact_text(c) + ".")
        if c.summary.strip():
            lines.append(f"    {' '.join(c.summary.split())}")
    return "\n".join(lines) or NONE_YET


def feedback_lines(feedback: list[ParentFeedback]) -> str:
    """One line per form returned: when, from whom, each answer, and the comments."""
    lines = []
    for f in feedback:
        stage = "during the placement" if f.stage is FeedbackStage.DURING else "after it ended"
        lines.append(f"{format_date(f.received_on)}, {stage}, from {f.from_whom}:")
        for name, words in QUESTIONS:
            answer = getattr(f, name)
            lines.append(f"    {words} {label(answer) if answer else NOT_ANSWERED}.")
        if f.comments.strip():
            lines.append(f"    “{' '.join(f.comments.split())}”")
    return "\n".join(lines) or NONE_YET


class ContactDialog(SubmitDialog):
    """A letter, notice, update or form sent (the day, how, to whom), or a call, meeting or
    message (the day, with whom, what was said)."""

    def __init__(self, placement_id: int, today: date, parent: QWidget | None = None) -> None:
        super().__init__("Record a contact with parents", parent)
        self.placement_id = placement_id
        self.kind = ChoiceCombo("Kind of contact", enum_choices(ParentContactKind))
        self.kind.set_value(ParentContactKind.CALL)
        self.on = DateEdit("Date")
        self.on.set_value(today)
        self.sent_by = ChoiceCombo("How it was sent", enum_choices(SentBy), NOT_SENT)
        self.with_whom = line_edit("With or to whom", "the parent or carer")
        self.summary = text_edit("Summary", "what was said or sent, in a few sentences")
        form = QFormLayout()
        for text, widget in (
            ("&Kind", self.kind),
            ("&Date", self.on),
            ("&How sent", self.sent_by),
            ("&With or to", self.with_whom),
            ("&Summary", self.summary),
        ):
            form.addRow(text, widget)
        layout = QVBoxLayout(self)
        layout.addWidget(note_label("Letters, notices, updates and forms are sent (say how); "
                                    "calls, meetings and messages need a summary."))  # fmt: skip
        layout.addLayout(form)
        layout.addWidget(self.problem)
        self.buttons = ok_cancel(self, "&Record")
        layout.addWidget(self.buttons)
        self.resize(max(560, self.sizeHint().width()), self.sizeHint().height())

    def problem_text(self) -> str:
        kind = self.kind.value()
        if kind is not None and is_sent_kind(kind) and self.sent_by.value() is None:
            return "Choose how it was sent: post, by hand or email."
        return ""

    def contact(self) -> ParentContact:
        kind = self.kind.value()
        sent = is_sent_kind(kind)
        return ParentContact(
            self.placement_id,
            kind,
            self.on.value(),
            self.sent_by.value() if sent else None,
            self.with_whom.text().strip(),
            self.summary.toPlainText().strip(),
        )


class FeedbackDialog(SubmitDialog):
    """A parent's answers to the feedback form, as returned, during or after the placement."""

    def __init__(
        self, placement_id: int, today: date, ended: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__("Record parent feedback", parent)
        self.placement_id = placement_id
        self.received = DateEdit("Received on")
        self.received.set_value(today)
        self.from_whom = line_edit("From", "the parent or carer")
        self.stage = ChoiceCombo("When", enum_choices(FeedbackStage))
        self.stage.set_value(FeedbackStage.AFTER if ended else FeedbackStage.DURING)
        self.answers: dict[str, ChoiceCombo] = {}
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # a statement above its box
        form.addRow("&Received on", self.received)
        form.addRow("&From", self.from_whom)
        form.addRow("&When", self.stage)
        for name, words in QUESTIONS:
            combo = ChoiceCombo(words, enum_choices(FeedbackAnswer), NOT_ANSWERED)
            self.answers[name] = combo
            form.addRow(words, combo)
        self.comments = text_edit("Comments", "anything else the parent wrote", lines=4)
        form.addRow("&Comments", self.comments)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        self.buttons = ok_cancel(self, "&Record")
        layout.addWidget(self.buttons)
        self.resize(max(640, self.sizeHint().width()), self.sizeHint().height())

    def feedback(self) -> ParentFeedback:
        answers: dict[str, Any] = {name: combo.value() for name, combo in self.answers.items()}
        return ParentFeedback(
            self.placement_id,
            self.received.value() or date.min,
            self.from_whom.text().strip(),
            self.stage.value(),
            comments=self.comments.toPlainText().strip(),
            **answers,
        )


class ParentsPage(QWidget):
    """The placement's letters, contacts and feedback, with buttons to record more."""

    def __init__(self, ctx: UiContext, print_form: Callable[[], None]) -> None:
        super().__init__()
        self.ctx = ctx
        self.placement_id: int | None = None
        self.ended = False
        self.records = ParentRecords([], [])
        self.may_record = ctx.may(Permission.RECORD_PARENT_CONTACTS)
        layout = QVBoxLayout(self)
        layout.addWidget(
            note_label(
                "What went to the parents and when, each call, meeting or message, and the "
                "parents' feedback during the placement and after it (policy §10, Annex B §5)."
            )
        )
        row = QHBoxLayout()
        self.contact_button = QPushButton("Record a &contact…")
        self.contact_button.clicked.connect(self.ask_contact)
        self.feedback_button = QPushButton("Record &feedback…")
        self.feedback_button.clicked.connect(self.ask_feedback)
        self.form_button = QPushButton("Feedback f&orm…")
        self.form_button.setToolTip("The blank feedback form to send home")
        self.form_button.clicked.connect(print_form)
        for button in (self.contact_button, self.feedback_button):
            button.setVisible(self.may_record)
            row.addWidget(button)
        row.addWidget(self.form_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.contacts = self._box(layout, "Letters, updates and contacts", "Contacts with parents")
        self.feedback = self._box(layout, "Parents' feedback", "Parents' feedback")
        layout.addStretch(1)

    @staticmethod
    def _box(layout: QVBoxLayout, title: str, name: str) -> QLabel:
        box = QGroupBox(title)
        box.setAccessibleName(title)
        text = note_label("")
        text.setAccessibleName(name)
        QVBoxLayout(box).addWidget(text)
        layout.addWidget(box)
        return text

    def show_placement(self, placement_id: int | None, ended: bool) -> None:
        """Load the placement's records on the worker (nothing for a placement not saved)."""
        self.placement_id, self.ended = placement_id, ended
        for button in (self.contact_button, self.feedback_button, self.form_button):
            button.setEnabled(placement_id is not None)
        if placement_id is None:
            self.fill(ParentRecords([], []))
            return
        svc, actor = self.ctx.services, self.ctx.actor
        self.ctx.run(
            lambda: parent_service.records_for(svc, actor, placement_id), self.fill, parent=self
        )

    def fill(self, records: ParentRecords) -> None:
        self.records = records
        self.contacts.setText(contact_lines(records.contacts))
        self.feedback.setText(feedback_lines(records.feedback))

    def ask_contact(self) -> None:
        if self.placement_id is not None and self.may_record:
            dialog = ContactDialog(self.placement_id, self.ctx.clock.today(), self)
            svc, actor = self.ctx.services, self.ctx.actor

            def job() -> Callable[[], object]:
                contact = dialog.contact()  # read here, on the GUI thread
                return lambda: parent_service.save_contact(svc, actor, contact)

            self._open(dialog, job)

    def ask_feedback(self) -> None:
        if self.placement_id is not None and self.may_record:
            dialog = FeedbackDialog(self.placement_id, self.ctx.clock.today(), self.ended, self)
            svc, actor = self.ctx.services, self.ctx.actor

            def job() -> Callable[[], object]:
                feedback = dialog.feedback()  # read here, on the GUI thread
                return lambda: parent_service.save_feedback(svc, actor, feedback)

            self._open(dialog, job)

    def _open(self, dialog: SubmitDialog, job: Callable[[], Callable[[], object]]) -> None:
        """Each submit reads the fields (here, on the GUI thread) and saves on the worker; a
        refusal is said in the dialog, which keeps what was typed; success reloads the page."""

        def finished(_: object) -> None:
            dialog.finished_ok()
            self.show_placement(self.placement_id, self.ended)

        def submit() -> None:
            try:
                work = job()
            except InvalidInput as exc:  # a date typed wrongly: said, nothing saved
                dialog.refused(exc)
                return
            self.ctx.worker.run(work, finished, dialog.refused, label="Saving…", parent=dialog)

        dialog.submitted.connect(submit)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
