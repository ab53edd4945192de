"""A provider's vetting checks and the evidence files attached to each.

Which check counts and when it lapses are the domain's rules (`apdesk.domain.providers`);
this section shows them. Evidence files stay inside the encrypted store and are shown from
memory; Save a copy in the viewer is the only way one reaches the disk.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from apdesk.domain.entities import Provider, VettingCheck
from apdesk.domain.enums import CheckKind
from apdesk.domain.labels import label
from apdesk.domain.permissions import Permission
from apdesk.domain.providers import current_checks, effective_expiry
from apdesk.services import providers as provider_service
from apdesk.services.evidence import EvidenceInfo
from apdesk.ui import colours
from apdesk.ui.context import UiContext
from apdesk.ui.forms import ChoiceCombo, DateEdit, enum_choices
from apdesk.ui.models import ROW_ROLE, Column, RowTableModel
from apdesk.ui.tabs.base import make_table
from apdesk.ui.viewer import DocumentViewer
from apdesk.ui.widgets import line_edit


@dataclass(frozen=True)
class CheckRow:
    check: VettingCheck
    in_date_until: date | None
    state: str


STATE_COLOURS = {"In date": colours.GOOD, "Expired": colours.BAD, "Replaced": colours.NEUTRAL}


def _state_colour(row: CheckRow) -> QColor | None:
    return STATE_COLOURS.get(row.state)


CHECK_COLUMNS: tuple[Column[CheckRow], ...] = (
    Column("Check", lambda r: label(r.check.kind), tooltip=lambda r: label(r.check.kind)),
    Column("Received", lambda r: r.check.received_on),
    Column("Checked by", lambda r: r.check.checked_by),
    Column(
        "In date until",
        lambda r: r.in_date_until or "Does not lapse",
        sort_key=lambda r: r.in_date_until,
    ),
    Column("State", lambda r: r.state, background=_state_colour),
)
EVIDENCE_COLUMNS: tuple[Column[EvidenceInfo], ...] = (
    Column("File", lambda e: e.filename),
    Column("Size", lambda e: f"{max(1, e.size // 1024)} KB", sort_key=lambda e: e.size),
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

    def __init__(self, parent: QWidget, today: date, checker: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("Record a vetting check")
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
        self.view.setMinimumHeight(200)
        self.view.selectionModel().currentRowChanged.connect(self._check_chosen)
        self.evidence: RowTableModel[EvidenceInfo] = RowTableModel(EVIDENCE_COLUMNS)
        self.evidence_view = make_table("Evidence files")
        self.evidence_view.setModel(self.evidence)
        self.evidence_view.setMaximumHeight(110)
        self.evidence_view.activated.connect(lambda _: self.view_evidence())
        self.evidence_label = QLabel("Evidence files (choose a check above)")
        vet = ctx.may(Permission.VET_PROVIDERS)
        self.record_button = self._button("&Record check…", self.record_check, vet)
        self.attach_button = self._button("&Attach file…", self.attach, vet)
        self.view_button = self._button("&View file…", self.view_evidence, True)
        self.box = QGroupBox("Vetting checks")
        self.box.setAccessibleName("Vetting checks")
        self._layout()

    def _button(self, text: str, slot: object, visible: bool) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.clicked.connect(slot)
        button.setVisible(visible)
        return button

    def _layout(self) -> None:
        checks_row = QHBoxLayout()
        checks_row.addWidget(self.record_button)
        checks_row.addStretch(1)
        files_row = QHBoxLayout()
        files_row.addWidget(self.attach_button)
        files_row.addWidget(self.view_button)
        files_row.addStretch(1)
        layout = QVBoxLayout(self.box)
        layout.addWidget(self.view)
        layout.addLayout(checks_row)
        layout.addWidget(self.evidence_label)
        layout.addWidget(self.evidence_view)
        layout.addLayout(files_row)

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
        self.evidence.set_rows([])
        for number, row in enumerate(self.model.rows):
            if chosen_id is not None and row.check.id == chosen_id:
                self.view.selectRow(number)

    def selected_check(self) -> VettingCheck | None:
        index = self.view.currentIndex()
        return index.data(ROW_ROLE).check if index.isValid() else None

    def _check_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        check = current.data(ROW_ROLE).check if current.isValid() else None
        self.evidence.set_rows([])
        if check is None or check.id is None:
            return
        self.evidence_label.setText(f"Evidence files for: {label(check.kind)}")
        svc, actor, check_id = self.ctx.services, self.ctx.actor, check.id
        self.ctx.run(
            lambda: provider_service.list_evidence(svc, actor, check_id),
            self.evidence.set_rows,
            parent=self.owner,
        )

    def record_check(self) -> None:
        provider = self.provider
        if provider is None or provider.id is None:
            return
        dialog = CheckDialog(self.owner, self.ctx.clock.today(), self.ctx.actor.display_name)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.save_check(provider.id, dialog.check())

    def save_check(self, provider_id: int, check: VettingCheck) -> None:
        svc, actor = self.ctx.services, self.ctx.actor
        self.ctx.run(
            lambda: provider_service.record_check(svc, actor, provider_id, check),
            parent=self.owner,
            label="Saving…",
        )

    def attach(self) -> None:
        check = self.selected_check()
        if check is None or check.id is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self.owner,
            "Attach evidence",
            "",
            "Documents and pictures (*.pdf *.png *.jpg *.jpeg);;All files (*)",
        )
        if path:
            self.attach_path(check.id, Path(path))

    def attach_path(self, check_id: int, path: Path) -> None:
        svc, actor = self.ctx.services, self.ctx.actor
        media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"

        def work() -> list[EvidenceInfo]:
            provider_service.add_evidence(svc, actor, check_id, path.name, media, path.read_bytes())
            return provider_service.list_evidence(svc, actor, check_id)

        self.ctx.run(work, self.evidence.set_rows, parent=self.owner, label="Attaching…")

    def view_evidence(self) -> None:
        index = self.evidence_view.currentIndex()
        if not index.isValid():
            return
        info = index.data(ROW_ROLE)
        svc, actor = self.ctx.services, self.ctx.actor
        self.ctx.run(
            lambda: provider_service.get_evidence(svc, actor, info.id),
            lambda found: self._show_file(*found),
            parent=self.owner,
            label="Opening…",
        )

    def _show_file(self, info: EvidenceInfo, data: bytes) -> None:
        viewer = DocumentViewer(data, info.filename, info.filename, self.owner)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.open()
