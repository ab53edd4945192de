"""Pupils > Subject access…: a parent's (or the pupil's) request to see the pupil's data.

Whoever `Permission.SUBJECT_ACCESS` allows (the Headteacher and the DSL) records who asked,
when and for what, and sees it due one calendar month later (Today says so too); makes the
bundle, a PDF and the same data as a JSON file, with other people's names redacted if they
choose; and marks the request completed. Each step goes through `services.subject_access`,
which audits it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QVBoxLayout,
    QWidget,
)

from apdesk.domain.entities import Pupil
from apdesk.domain.errors import InvalidInput
from apdesk.domain.formatting import format_date
from apdesk.domain.permissions import Permission
from apdesk.domain.subject_access import SubjectAccessRequest
from apdesk.services import subject_access
from apdesk.services.output import check_output_path, save_file
from apdesk.services.subject_access import RequestRow
from apdesk.ui.context import UiContext
from apdesk.ui.errors import show_message
from apdesk.ui.files import choose_save_path, safe_filename
from apdesk.ui.forms import DateEdit, section
from apdesk.ui.models import Column, uk_date
from apdesk.ui.pupil_records_dialog import PupilRecordsDialog, open_for_pupil
from apdesk.ui.submit_dialog import SubmitDialog
from apdesk.ui.widgets import line_edit, note_label, ok_cancel, say, text_edit

TITLE = "Subject access requests"
EXPLAIN = (
    "Anyone may ask to see the data the school holds about them (a parent usually asks for "
    "their child's). Record the request on the day it arrives: the answer is due one calendar "
    "month later. The bundle is a PDF to read and the same data as a JSON file."
)
REDACT_HINT = (
    "&Redact other people's names (other pupils, staff, provider contacts, those who reported "
    "incidents, people at reviews)"
)


def _state(row: RequestRow, today: date) -> str:
    r = row.request
    if r.completed_on is not None:
        return f"Completed {format_date(r.completed_on)}"
    if r.overdue(today):
        return f"OVERDUE: was due {format_date(r.due_on)}"
    return f"Due by {format_date(r.due_on)}"


def columns(today: date) -> tuple[Column[RequestRow], ...]:
    return (
        Column(
            "Received",
            lambda r: uk_date(r.request.received_on),
            sort_key=lambda r: r.request.received_on,
        ),
        Column("Asked by", lambda r: f"{r.request.requester} ({r.request.relationship})"),
        Column("Asked for", lambda r: r.request.scope or "All the pupil's data"),
        Column("State", lambda r: _state(r, today)),
    )


def open_subject_access(
    ctx: UiContext, parent: QWidget, pupil: Pupil
) -> SubjectAccessDialog | None:
    return open_for_pupil(ctx, parent, pupil, Permission.SUBJECT_ACCESS, SubjectAccessDialog)


class SubjectAccessDialog(PupilRecordsDialog[RequestRow]):
    disclosed = Signal(object)  # the PDF's path
    choose_newest = True

    def __init__(self, ctx: UiContext, pupil: Pupil, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            pupil,
            parent,
            title=TITLE,
            explain=EXPLAIN,
            columns=columns(ctx.clock.today()),
            row_type=RequestRow,
            records="Requests",
            heading="Requests about this pupil:",
            empty="No request has been recorded for this pupil.",
            form_title="Record a new request",
            action="Re&cord the request",
            column_width=260,
        )
        self.resize(820, 620)
        self.bundle_button = self.beside_button("Make the &bundle…", self.ask_bundle)
        self.complete_button = self.beside_button("Mark &completed…", self.ask_complete)
        self.requester = line_edit("Who asked", "their name")
        self.relationship = line_edit("Relationship to the pupil", "for example Mother")
        self.received = DateEdit("Date received")
        self.received.set_value(ctx.clock.today())
        self.scope = text_edit("What they asked for", "leave blank for all the pupil's data", 2)
        self.form.addRow("&Who asked", self.requester)
        self.form.addRow("Re&lationship", self.relationship)
        self.form.addRow("Recei&ved on", self.received)
        self.form.addRow("What they ask&ed for", self.scope)
        self.record_button = self.action_button
        self.record_button.clicked.connect(self.record)

    # The list -----------------------------------------------------------------------------
    def loader(self) -> Callable[[], list[RequestRow]]:
        svc, actor, pupil_id = self.ctx.services, self.ctx.actor, self.pupil_id

        def mine() -> list[RequestRow]:
            rows = subject_access.list_requests(svc, actor)
            return [r for r in rows if r.request.pupil_id == pupil_id]

        return mine

    def update_buttons(self) -> None:
        row = self.chosen()
        self.bundle_button.setEnabled(row is not None)
        self.complete_button.setEnabled(row is not None and row.request.completed_on is None)

    # Recording ----------------------------------------------------------------------------
    def record(self) -> None:
        try:
            received = self.received.value()
        except InvalidInput as exc:
            say(self.problem, str(exc))
            return
        assert received is not None
        request = SubjectAccessRequest(
            self.pupil_id,
            self.requester.text(),
            self.relationship.text(),
            received,
            self.scope.toPlainText(),
        )
        svc, actor = self.ctx.services, self.ctx.actor
        self.record_button.setEnabled(False)
        self.ctx.worker.run(
            lambda: subject_access.record_request(svc, actor, request),
            self._recorded,
            self.refused,
            label="Recording the request…",
            parent=self,
        )

    def _recorded(self, request: SubjectAccessRequest) -> None:
        self.record_button.setEnabled(True)
        for field in (self.requester, self.relationship):
            field.clear()
        self.scope.clear()
        self.received.set_value(self.ctx.clock.today())
        say(self.problem, "")
        self.told = show_message(
            self,
            f"The request from {request.requester} is recorded. Answer it by "
            f"{format_date(request.due_on)} (one calendar month); Today reminds you.",
            TITLE,
        )
        self.reload()

    # The bundle ---------------------------------------------------------------------------
    def ask_bundle(self) -> BundleDialog | None:
        row = self.chosen()
        if row is None or row.request.id is None:
            return None
        dialog = BundleDialog(row, self)
        request_id = row.request.id

        def submit() -> None:
            redact, extra = dialog.redact.isChecked(), dialog.extra_names()
            dialog.finished_ok()
            path = choose_save_path(
                self,
                "Save the subject access bundle (a PDF, and a JSON file beside it)",
                safe_filename(
                    "Subject access", self.pupil.display_name, format_date(self.ctx.clock.today())
                ),
            )
            if path is not None:
                self.bundle_at(path, request_id, redact, extra)

        dialog.submitted.connect(submit)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.bundle_dialog = dialog
        return dialog

    def bundle_at(self, pdf: Path, request_id: int, redact: bool, extra: tuple[str, ...]) -> None:
        """Make the bundle on the worker: the PDF at `pdf`, the JSON beside it."""
        data = pdf.with_suffix(".json")
        svc, actor = self.ctx.services, self.ctx.actor

        def work() -> Path:
            check_output_path(pdf)
            check_output_path(data)
            bundle = subject_access.disclose(svc, actor, request_id, redact, extra)
            save_file(pdf, bundle.pdf)
            save_file(data, bundle.json)
            return pdf

        def done(path: Path) -> None:
            self.told = show_message(
                self,
                f"Saved {path.name} (to read) and {data.name} (the same data, for a computer) "
                f"in {path.parent}. Check them before they go; then mark the request completed.",
                TITLE,
            )
            self.disclosed.emit(path)

        self.ctx.run(work, done, parent=self, label="Making the bundle…")

    # Completing ---------------------------------------------------------------------------
    def ask_complete(self) -> CompleteDialog | None:
        row = self.chosen()
        if row is None or row.request.id is None or row.request.completed_on is not None:
            return None
        dialog = CompleteDialog(row, self.ctx.clock.today(), self)
        svc, actor, request_id = self.ctx.services, self.ctx.actor, row.request.id

        def submit() -> None:
            try:
                on = dialog.on.value()
            except InvalidInput as exc:
                dialog.refused(exc)
                return
            assert on is not None
            self.ctx.worker.run(
                lambda: subject_access.complete(svc, actor, request_id, on),
                lambda _: self.done_with(dialog),
                dialog.refused,
                label="Saving…",
                parent=dialog,
            )

        dialog.submitted.connect(submit)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.complete_dialog = dialog
        return dialog


class BundleDialog(SubmitDialog):
    """Redact or not, and any further names to blank out, before choosing where to save."""

    def __init__(self, row: RequestRow, parent: QWidget | None = None) -> None:
        super().__init__("Make the subject access bundle", parent)
        r = row.request
        self.redact = QCheckBox(REDACT_HINT)
        self.redact.setAccessibleName("Redact other people's names")
        self.redact.setChecked(True)
        self.extra = line_edit("Also redact", "more names, separated by commas")
        box, form = section(f"For {r.requester} ({r.relationship})")
        form.addRow(self.redact)
        form.addRow("&Also redact", self.extra)
        form.addRow(
            note_label(
                "Names are replaced by [redacted] in both files. The pupil's own names and "
                "their parents' and carers' stay."
            )
        )
        self.buttons = ok_cancel(self, "&Choose where to save…")
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(560, 240)

    def extra_names(self) -> tuple[str, ...]:
        return tuple(n.strip() for n in self.extra.text().split(",") if n.strip())


class CompleteDialog(SubmitDialog):
    def __init__(self, row: RequestRow, today: date, parent: QWidget | None = None) -> None:
        super().__init__("Mark the request completed", parent)
        r = row.request
        box, form = section(f"{r.requester}'s request, received {format_date(r.received_on)}")
        self.on = DateEdit("Date answered")
        self.on.set_value(today)
        form.addRow("&Answered on", self.on)
        self.buttons = ok_cancel(self, "&Mark completed")
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
