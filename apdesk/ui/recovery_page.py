"""The wizard's last page: the recovery code, shown once, to print and keep in the school safe.

The "Print recovery sheet…" button renders the sheet (apdesk.documents) on the worker and
shows it from memory with Print only: the sheet itself says never to save the code on a
computer, so there is no Save button.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QVBoxLayout, QWizardPage

from apdesk.services.setup import FirstRun
from apdesk.ui.errors import show_error
from apdesk.ui.viewer import DocumentViewer
from apdesk.ui.widgets import note_label, problem_label, say
from apdesk.ui.worker import Worker

INSTRUCTION = (
    "This code is the only way back into your records if this computer loses its key (for "
    "example after Windows is reset or the computer is replaced). APDesk will not show it "
    "again.\n\nPrint the recovery sheet, or write the code down by hand, and keep it in a "
    "sealed envelope in the school safe. Do not keep it with this computer, and never "
    "photograph, scan or email it."
)


class RecoveryCodePage(QWizardPage):
    def __init__(self, worker: Worker) -> None:
        super().__init__()
        self.worker = worker
        self.setTitle("Keep your recovery code safe")
        self.code = QLabel()
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setAccessibleName("Recovery code")
        self.code.setStyleSheet("padding: 14px; border: 2px solid #1f4e79; background: #eef4fa;")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setWeight(QFont.Weight.Bold)
        self.code.setFont(font)
        self.print_button = QPushButton("&Print recovery sheet…")
        self.print_button.setAccessibleName("Print recovery sheet")
        self.print_button.clicked.connect(self.print_sheet)
        self.kept = QCheckBox(
            "I have printed or written down the recovery code, and it will go in the school safe"
        )
        self.kept.setAccessibleName("I have printed or written down the recovery code")
        self.kept.toggled.connect(self.completeChanged)
        self.problem = problem_label()
        layout = QVBoxLayout(self)
        layout.addWidget(note_label(INSTRUCTION))
        layout.addWidget(self.code)
        layout.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        layout.addWidget(self.kept)
        layout.addWidget(self.problem)
        self._first_run: FirstRun | None = None
        self._school = ""

    def show_code(self, first_run: FirstRun, school_name: str) -> None:
        self._first_run, self._school = first_run, school_name
        self.code.setText(first_run.recovery_code)

    def isComplete(self) -> bool:
        return self.kept.isChecked()

    def insist(self) -> None:
        say(
            self.problem,
            "Print or write down the recovery code and tick the box first: "
            "without it, a lost key means the records cannot be opened.",
        )

    def print_sheet(self) -> None:
        run = self._first_run
        if run is None:
            return
        from apdesk.documents.recovery_sheet import render_recovery_sheet

        school, store_id, code = self._school, run.services.store.store_id, run.recovery_code
        today: date = run.services.clock.today()
        self.worker.run(
            lambda: render_recovery_sheet(school, store_id, code, today),
            self._show_sheet,
            self._failed,
            label="Preparing the recovery sheet…",
            parent=self,
        )

    def _failed(self, exc: BaseException) -> None:
        show_error(self, exc)

    def _show_sheet(self, pdf: bytes) -> None:
        viewer = DocumentViewer(pdf, "Recovery sheet", "recovery-sheet.pdf", self, allow_save=False)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.open()
