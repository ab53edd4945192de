"""Evidence files kept inside the encrypted store, for a vetting check or an incident.

One widget for both: the list of files, Attach, View and Save a copy. A PDF or picture is
shown from memory; a Word, Excel, e-mail or text file opens in the PC's own program from a
temporary copy in a private folder that is deleted when APDesk closes (`opened_files`).
What may be kept (by content, not only by name), read or added is the service's decision
(an incident's files are safeguarding records, and opening one is audited).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from apdesk.domain.evidence_types import OPEN_PATTERNS
from apdesk.services import incidents as incident_service
from apdesk.services import providers as provider_service
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.services.evidence import EvidenceInfo
from apdesk.ui.context import UiContext
from apdesk.ui.document_view import show_document
from apdesk.ui.files import choose_open_path, choose_save_path, write_file
from apdesk.ui.models import ROW_ROLE, Column, RowTableModel
from apdesk.ui.opened_files import open_with_system
from apdesk.ui.tabs.common.base import fit_columns, make_table

OPEN_FILTER = f"Documents, pictures and e-mails ({OPEN_PATTERNS});;All files (*)"
#: What the window shows itself, from memory; anything else opens in the PC's own program.
SHOWN_HERE = frozenset({"application/pdf", "image/png", "image/jpeg"})
COLUMNS: tuple[Column[EvidenceInfo], ...] = (
    Column("File", lambda e: e.filename, tooltip=lambda e: e.filename),
    Column("Size", lambda e: f"{max(1, e.size // 1024)} KB", sort_key=lambda e: e.size),
)
Found = tuple[EvidenceInfo, bytes]


@dataclass(frozen=True)
class EvidenceSource:
    """The three service calls behind one kind of owner's files."""

    listed: Callable[[AppServices, Actor, int], list[EvidenceInfo]]
    add: Callable[[AppServices, Actor, int, str, bytes], int]
    get: Callable[[AppServices, Actor, int], Found]


CHECK_FILES = EvidenceSource(
    provider_service.list_evidence, provider_service.add_evidence, provider_service.get_evidence
)
INCIDENT_FILES = EvidenceSource(
    incident_service.list_evidence, incident_service.add_evidence, incident_service.get_evidence
)


class EvidenceFiles(QWidget):
    def __init__(
        self, ctx: UiContext, source: EvidenceSource, can_add: bool, name: str = "Evidence files"
    ) -> None:
        super().__init__()
        self.ctx, self.source, self.can_add = ctx, source, can_add
        self.owner_id: int | None = None
        self.model: RowTableModel[EvidenceInfo] = RowTableModel(COLUMNS, self)
        self.view = make_table(name)
        self.view.setModel(self.model)
        self.view.setMinimumHeight(80)
        self.view.setMaximumHeight(130)
        self.view.activated.connect(lambda _: self.view_selected())
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.attach_button = self._button("&Attach file…", self.attach)
        self.view_button = self._button("&View file…", self.view_selected)
        self.save_button = self._button("Save a cop&y…", self.save_selected)
        self._layout()
        self.show_for(None)

    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.clicked.connect(slot)
        return button

    def _layout(self) -> None:
        row = QHBoxLayout()
        for button in (self.attach_button, self.view_button, self.save_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.view)
        layout.addLayout(row)

    def show_for(self, owner_id: int | None, note: str = "") -> None:
        """The files of this owner (None: nothing to attach to yet, and `note` says why)."""
        self.owner_id = owner_id
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.model.set_rows([])
        self.attach_button.setVisible(self.can_add and owner_id is not None)
        if owner_id is not None:
            svc, actor, source = self.ctx.services, self.ctx.actor, self.source
            self.ctx.run(lambda: source.listed(svc, actor, owner_id), self._listed, parent=self)

    def _listed(self, rows: list[EvidenceInfo]) -> None:
        self.model.set_rows(rows)
        fit_columns(self.view, 320)

    def attach(self) -> None:
        path = choose_open_path(self, "Attach a file", OPEN_FILTER)
        if path is not None:
            self.attach_path(path)

    def attach_path(self, path: Path) -> None:
        owner_id = self.owner_id
        if owner_id is None:
            return
        svc, actor, source = self.ctx.services, self.ctx.actor, self.source

        def work() -> list[EvidenceInfo]:
            source.add(svc, actor, owner_id, path.name, path.read_bytes())
            return source.listed(svc, actor, owner_id)

        self.ctx.run(work, self._listed, parent=self, label="Attaching…")

    def selected(self) -> EvidenceInfo | None:
        index = self.view.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def _fetch(self, then: Callable[[Found], object]) -> None:
        info = self.selected()
        if info is None:
            return
        svc, actor, source = self.ctx.services, self.ctx.actor, self.source
        self.ctx.run(lambda: source.get(svc, actor, info.id), then, parent=self, label="Opening…")

    def view_selected(self) -> None:
        self._fetch(self._show)

    def _show(self, found: Found) -> None:
        info, data = found
        if info.media_type in SHOWN_HERE:
            show_document(self, data, info.filename, info.filename)
        elif open_with_system(data, info.filename) is None:
            box = QMessageBox(
                QMessageBox.Icon.Information,
                "No program to open it",
                f"This PC has no program that opens {info.filename}. Use Save a copy… and "
                "open it on a PC that has one.",
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

    def save_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        path = choose_save_path(self, "Save a copy", info.filename, "All files (*)")
        if path is not None:
            self.save_selected_to(path)

    def save_selected_to(self, path: Path) -> None:
        self._fetch(lambda found: write_file(self, path, found[1]))
