"""Staff training (§14, Annex B §6): each member of staff's policy reading and training.

Every staff account is listed, with named staff without accounts added by **Add a member of
staff**; choosing one shows the form (policy version read and when, AP-procedures and
safeguarding training with the date taken and the last valid day). Lapsed items are red,
lapsing ones amber. **Print the list** makes the staff training list PDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QPushButton, QVBoxLayout, QWidget

from apdesk.domain.formatting import format_date
from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.domain.training import StaffTraining, Standing, TrainingKind, TrainingState
from apdesk.services import documents as document_service
from apdesk.services import training as training_service
from apdesk.services.training import TrainingRow
from apdesk.ui import colours
from apdesk.ui.context import UiContext
from apdesk.ui.detail import DetailPanel
from apdesk.ui.document_view import open_document
from apdesk.ui.files import safe_filename
from apdesk.ui.forms import DateEdit, section
from apdesk.ui.models import Column
from apdesk.ui.tabs.common.base import ListDetailTab
from apdesk.ui.unsaved import ChangeTracker, Done, EditsRecord
from apdesk.ui.widgets import line_edit

SHADES = {Standing.LAPSED: colours.BAD, Standing.LAPSING: colours.WARN}


def _state(row: TrainingRow, kind: TrainingKind) -> TrainingState:
    return next(s for s in row.states if s.kind is kind)


def _column(header: str, kind: TrainingKind) -> Column[TrainingRow]:
    def shade(row: TrainingRow) -> QColor | None:
        return SHADES.get(_state(row, kind).standing) if row.record.active else None

    return Column(header, lambda r: _state(r, kind).text, background=shade)


COLUMNS: tuple[Column[TrainingRow], ...] = (
    Column("Name", lambda r: r.record.name + ("" if r.record.active else " (left)")),
    Column("Job", lambda r: r.record.job_title or ("Staff account" if r.has_account else "")),
    _column("Policy read", TrainingKind.POLICY_READ),
    _column("AP procedures", TrainingKind.AP_PROCEDURES),
    _column("Safeguarding", TrainingKind.SAFEGUARDING),
)


class TrainingForm(QWidget):
    def __init__(self) -> None:
        super().__init__()
        box, form = section("Member of staff")
        self.name = line_edit("Name")
        self.job_title = line_edit("Job title", "such as Teaching assistant")
        self.active = QCheckBox("Still at the school")
        self.active.setAccessibleName("Still at the school")
        form.addRow("&Name", self.name)
        form.addRow("&Job title", self.job_title)
        form.addRow("", self.active)
        self.policy_read_on = DateEdit("Policy read on", optional=True)
        self.policy_read_version = line_edit("Policy version read", "such as 1.0")
        form.addRow("Policy &read on", self.policy_read_on)
        form.addRow("Policy &version read", self.policy_read_version)
        self.ap_trained_on = DateEdit("AP-procedures training taken", optional=True)
        self.ap_expires_on = DateEdit("AP-procedures training valid until", optional=True)
        form.addRow("&AP procedures taken", self.ap_trained_on)
        form.addRow("AP procedures &valid until", self.ap_expires_on)
        self.safeguarding_on = DateEdit("Safeguarding training taken", optional=True)
        self.safeguarding_expires_on = DateEdit("Safeguarding training valid until", optional=True)
        form.addRow("&Safeguarding taken", self.safeguarding_on)
        form.addRow("Safeguarding valid &until", self.safeguarding_expires_on)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        self.dates = (
            self.policy_read_on,
            self.ap_trained_on,
            self.ap_expires_on,
            self.safeguarding_on,
            self.safeguarding_expires_on,
        )

    def fill(self, record: StaffTraining) -> None:
        self.name.setText(record.name)
        self.name.setReadOnly(record.staff_id is not None)  # an account's name is its own
        self.job_title.setText(record.job_title)
        self.active.setChecked(record.active)
        self.policy_read_version.setText(record.policy_read_version)
        values = (
            record.policy_read_on,
            record.ap_trained_on,
            record.ap_expires_on,
            record.safeguarding_on,
            record.safeguarding_expires_on,
        )
        for edit, value in zip(self.dates, values, strict=True):
            edit.set_value(value)

    def record(self, base: StaffTraining) -> StaffTraining:
        read, ap_on, ap_until, sg_on, sg_until = (edit.value() for edit in self.dates)
        return StaffTraining(
            self.name.text().strip(),
            staff_id=base.staff_id,
            job_title=self.job_title.text().strip(),
            policy_read_on=read,
            policy_read_version=self.policy_read_version.text().strip(),
            ap_trained_on=ap_on,
            ap_expires_on=ap_until,
            safeguarding_on=sg_on,
            safeguarding_expires_on=sg_until,
            active=self.active.isChecked(),
            id=base.id,
        )


class TrainingEditor(QObject, EditsRecord):
    saved = Signal(object)

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.panel = DetailPanel("Choose a member of staff, or add one who has no account.")
        self.form = TrainingForm()
        self.tracker = ChangeTracker([self.form])
        self.panel.add_section(self.form)
        self.panel.finish_sections()
        self.save_button = self.panel.add_button("&Save", self.save, default=True)
        self.base = StaffTraining("")

    def show(self, record: StaffTraining, title: str) -> None:
        self.base = record
        self.panel.show_content(title)
        self.form.fill(record)
        self.tracker.settle()

    def save(self, done: Done | None = None) -> None:
        if not self.ready_to_save():
            if done is not None:
                done(False)
            return
        record = self.form.record(self.base)
        svc, actor = self.ctx.services, self.ctx.actor
        stored, failed = self.answers(self.saved.emit, done)

        def kept(saved: StaffTraining) -> None:
            self.base = saved
            stored(saved)

        self.ctx.run(
            lambda: training_service.save_training(svc, actor, record),
            kept,
            parent=self.panel,
            label="Saving the training record…",
            on_failed=failed,
        )


class TrainingTab(ListDetailTab):
    title = "Staff training"
    editor: TrainingEditor
    kinds = frozenset({RecordKind.STAFF_TRAINING})
    permission = Permission.MANAGE_TRAINING
    reload_on = frozenset({RecordKind.STAFF_TRAINING, RecordKind.STAFF, RecordKind.SCHOOL})
    columns = COLUMNS
    new_label = "&Add a member of staff"

    def __init__(self, ctx: UiContext) -> None:
        self.editor = TrainingEditor(ctx)
        super().__init__(ctx, self.editor.panel)
        self.editor.saved.connect(self.record_saved)
        self.print_button = QPushButton("Print the staff training &list")
        self.print_button.setAccessibleName("Print the staff training list")
        self.print_button.clicked.connect(self.print_list)
        self.list_column.addWidget(self.print_button)

    def load_rows(self) -> Sequence[Any]:
        return training_service.training_list(self.ctx.services, self.ctx.actor)

    def row_key(self, row: Any) -> object:
        return row.key

    def can_create(self) -> bool:
        return True

    def show_row(self, row: TrainingRow | None) -> None:
        if row is None:
            self.editor.tracker.forget()
            self.editor.panel.show_placeholder()
            return
        self.editor.show(row.record, row.record.name)

    def new_record(self) -> None:
        if self.settle(revert=False):
            self.clear_selection()
            self.editor.show(StaffTraining(""), "New member of staff")
            self.showing_new()

    def save_record(self) -> None:
        self.editor.save()

    def print_list(self) -> None:
        svc, actor = self.ctx.services, self.ctx.actor
        today = format_date(self.ctx.clock.today())
        open_document(
            self.ctx,
            self,
            lambda: document_service.staff_training(svc, actor),
            "Staff training list",
            safe_filename("Staff training list", today),
        )
