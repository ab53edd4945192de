"""A provider's vetting checks and the evidence files attached to each.

Which check counts and when it lapses are the domain's rules (`apdesk.domain.providers`);
this section shows them. Each check's evidence files are kept inside the encrypted store
(`EvidenceFiles`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from apdesk.domain.entities import Provider, VettingCheck
from apdesk.domain.enums import CheckKind
from apdesk.domain.labels import label
from apdesk.domain.permissions import Permission
from apdesk.domain.providers import current_checks, effective_expiry
from apdesk.services import corrections
from apdesk.services import providers as provider_service
from apdesk.ui import colours
from apdesk.ui import corrections as correcting
from apdesk.ui.context import UiContext
from apdesk.ui.detail import DetailPanel
from apdesk.ui.forms import ChoiceCombo, DateEdit, dates_ok, enum_choices
from apdesk.ui.lock_hold import run_modal
from apdesk.ui.models import ROW_ROLE, Column, RowTableModel
from apdesk.ui.tabs.common.base import fit_columns, make_table
from apdesk.ui.tabs.common.evidence import CHECK_FILES, EvidenceFiles
from apdesk.ui.widgets import hidden_unless, line_edit


@dataclass(frozen=True)
class CheckRow:
    check: VettingCheck
    in_date_until: date | None
    state: str


NO_CHECK = "Choose a check above to see or attach its evidence files."
STATE_COLOURS = {"In date": colours.GOOD, "Expired": colours.BAD, "Replaced": colours.NEUTRAL}


def _state_colour(row: CheckRow) -> QColor | None:
    return STATE_COLOURS.get(row.state)


CHECK_COLUMNS: tuple[Column[CheckRow], ...] = (  # what matters most comes first
    Column("Check", lambda r: label(r.check.kind), tooltip=lambda r: label(r.check.kind)),
    Column("State", lambda r: r.state, background=_state_colour),
    Column(
        "In date until",
        lambda r: r.in_date_until or "Does not lapse",
        sort_key=lambda r: r.in_date_until,
    ),
    Column("Received", lambda r: r.check.received_on),
    Column("Checked by", lambda r: r.check.checked_by),
)


def check_rows(provider: Provider, today: date) -> list[CheckRow]:
    current = {id(c) for c in current_checks(provider, today).values()}
    rows = []
    for check in sorted(provider.checks, key=lambda c: (c.kind.value, c.received_on)):
        until = effective_expiry(check)
        state = (
            "Replaced"
            if id(check) not in current
            else "Expired"
            if until is not None and until < today
            else "In date"
        )
        rows.append(CheckRow(check, until, state))
    return rows


class CheckDialog(QDialog):
    """Record one piece of vetting evidence: what, when it came, who checked it, expiry."""

    def __init__(
        self, parent: QWidget, today: date, checker: str, title: str = "Record a vetting check"
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.kind = ChoiceCombo("Check", enum_choices(CheckKind))
        self.received = DateEdit("Received on")
        self.received.set_value(today)
        self.checked_by = line_edit("Checked by")
        self.checked_by.setText(checker)
        self.expires = DateEdit("Expires on", optional=True)
        self.note = line_edit("Note", "certificate number, who sent it…")
        form = QFormLayout()
        for text, widget in (
            ("&Check", self.kind),
            ("&Received on", self.received),
            ("Checked &by", self.checked_by),
            ("&Expires on", self.expires),
            ("&Note", self.note),
        ):
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
        if dates_ok(self):
            super().accept()

    def check(self) -> VettingCheck:
        received = self.received.value()
        assert received is not None
        return VettingCheck(
            self.kind.value(),
            received,
            self.checked_by.text().strip(),
            self.expires.value(),
            self.note.text().strip(),
        )


class ChecksSection:
    def __init__(self, ctx: UiContext, owner: QWidget) -> None:
        self.ctx, self.owner = ctx, owner
        self.provider: Provider | None = None
        self.model: RowTableModel[CheckRow] = RowTableModel(CHECK_COLUMNS)
        self.view = make_table("Vetting checks")
        self.view.setModel(self.model)
        self.view.setMinimumHeight(280)
        self.view.selectionModel().currentRowChanged.connect(self._check_chosen)
        vet = ctx.may(Permission.VET_PROVIDERS)
        self.files = EvidenceFiles(ctx, CHECK_FILES, vet, "Evidence files for the chosen check")
        self.files_box = QGroupBox("Evidence files")
        QVBoxLayout(self.files_box).addWidget(self.files)
        self.record_button = QPushButton("&Record check…")
        self.record_button.setAccessibleName("Record check")
        self.record_button.clicked.connect(self.record_check)
        hidden_unless(self.record_button, vet)
        self.correct_button = QPushButton("C&orrect…")
        self.correct_button.setAccessibleName("Correct check")
        self.correct_button.clicked.connect(self.ask_correct)
        self.void_button = QPushButton("&Void…")
        self.void_button.setAccessibleName("Void check")
        self.void_button.clicked.connect(self.ask_void)
        for button in (self.correct_button, self.void_button):
            hidden_unless(button, vet)
        self.box = QWidget()
        self.box.setAccessibleName("Vetting checks")
        self._layout()

    def _layout(self) -> None:
        checks_row = QHBoxLayout()
        checks_row.addWidget(self.record_button)
        checks_row.addWidget(self.correct_button)
        checks_row.addWidget(self.void_button)
        checks_row.addStretch(1)
        layout = QVBoxLayout(self.box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(checks_row)
        layout.addWidget(self.files_box)

    def show_provider(self, provider: Provider) -> None:
        """Show the checks; after a reload the same check stays chosen, with its files."""
        chosen = self.selected_check()
        chosen_id = (
            chosen.id
            if chosen is not None and self.provider is not None and self.provider.id == provider.id
            else None
        )
        self.provider = provider
        self.box.setVisible(provider.id is not None)
        self.model.set_rows(check_rows(provider, self.ctx.clock.today()))
        fit_columns(self.view, 200)  # dates whole; a long check name shows in full as a tip
        self.files.show_for(None, NO_CHECK)
        for number, row in enumerate(self.model.rows):
            if chosen_id is not None and row.check.id == chosen_id:
                self.view.selectRow(number)

    def selected_check(self) -> VettingCheck | None:
        index = self.view.currentIndex()
        return index.data(ROW_ROLE).check if index.isValid() else None

    def _check_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        check = current.data(ROW_ROLE).check if current.isValid() else None
        if check is None or check.id is None:
            self.files.show_for(None, NO_CHECK)
            return
        self.files_box.setTitle(f"Evidence files for: {label(check.kind)}")
        self.files.show_for(check.id)

    def record_check(self) -> None:
        provider = self.provider
        if provider is None or provider.id is None:
            return
        dialog = CheckDialog(self.owner, self.ctx.clock.today(), self.ctx.actor.display_name)
        if run_modal(dialog) != QDialog.DialogCode.Accepted:
            return
        self.save_check(provider.id, dialog.check())

    def ask_correct(self) -> None:
        """The chosen check, recorded with a mistake: put it right, saying why."""
        check = self.selected_check()
        if check is None or check.id is None:
            return
        dialog = CheckDialog(self.owner, check.received_on, check.checked_by, "Correct a check")
        dialog.kind.set_value(check.kind)
        dialog.expires.set_value(check.expires_on)
        dialog.note.setText(check.evidence_note)
        if run_modal(dialog) != QDialog.DialogCode.Accepted:
            return
        fixed, svc, actor, check_id = dialog.check(), self.ctx.services, self.ctx.actor, check.id
        self._hold_place()
        correcting.correct(
            self.ctx,
            self.owner,
            "Correct a check",
            "What was wrong with this check as recorded?",
            lambda why: corrections.correct_check(svc, actor, check_id, fixed, why),
        )

    def ask_void(self) -> None:
        check = self.selected_check()
        if check is None or check.id is None:
            return
        svc, actor, check_id = self.ctx.services, self.ctx.actor, check.id
        self._hold_place()
        correcting.correct(
            self.ctx,
            self.owner,
            "Void a check",
            f"Why should this {label(check.kind).lower()} check no longer count?",
            lambda why: corrections.void_check(svc, actor, check_id, why),
        )

    def _hold_place(self) -> None:
        """The reload after a change may grow the status above (a lapse now explained): keep
        the buttons where they are on screen, under the pointer, rather than scrolling."""
        if isinstance(self.owner, DetailPanel):
            self.owner.anchor(self.record_button)

    def save_check(self, provider_id: int, check: VettingCheck) -> None:
        self._hold_place()
        svc, actor = self.ctx.services, self.ctx.actor
        self.ctx.run(
            lambda: provider_service.record_check(svc, actor, provider_id, check),
            parent=self.owner,
            label="Saving…",
        )
