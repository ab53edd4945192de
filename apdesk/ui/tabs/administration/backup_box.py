"""Back up now: a verified, encrypted copy of the whole store, written where the person chooses;
and restore one (`restore_flow`).

The work runs on the worker with a progress note. The answer names the file, when it was
made and how far the audit log it holds goes, with a short fingerprint; the full chain head
is kept in the backup's manifest (so a later check can tell whether the log was cut short or
rebuilt).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from apdesk.domain.formatting import format_datetime
from apdesk.ui import colours
from apdesk.ui.backup_job import BackupDone, backup_now
from apdesk.ui.context import UiContext
from apdesk.ui.errors import show_message
from apdesk.ui.files import choose_save_path
from apdesk.ui.restore_flow import BACKUP_FILTER, RestoreFlow
from apdesk.ui.widgets import note_label

ADVICE = (
    "A backup is an encrypted copy of everything in APDesk, checked after it is written. It "
    "opens only with this school's own keys or recovery code. Keep backups on a drive that "
    "does not stay plugged into this computer."
)


class BackupBox(QGroupBox):
    def __init__(self, ctx: UiContext, owner: QWidget) -> None:
        super().__init__("Backups")
        self.ctx, self.owner = ctx, owner
        self.setAccessibleName("Backups")
        self.button = QPushButton("&Back up now…")
        self.button.setAccessibleName("Back up now")
        self.button.clicked.connect(self.ask_where)
        self.restore_button = QPushButton("Restore fro&m a backup…")
        self.restore_button.setAccessibleName("Restore from a backup")
        self.restore_button.clicked.connect(self.ask_restore)
        self.last = QLabel("No backup made in this session.")
        self.last.setWordWrap(True)
        self.last.setTextFormat(Qt.TextFormat.PlainText)
        self.last.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.last.setAccessibleName("Last backup")
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(note_label(ADVICE))
        layout.addLayout(row)
        layout.addWidget(self.last)

    def suggested_name(self) -> str:
        return f"APDesk backup {self.ctx.clock.now():%Y-%m-%d %H%M}.zip"

    def ask_where(self) -> None:
        path = choose_save_path(self.owner, "Back up now", self.suggested_name(), BACKUP_FILTER)
        if path is not None:
            self.back_up_to(path)

    def ask_restore(self) -> RestoreFlow:
        flow = RestoreFlow(self.ctx, self.owner, self._settle)
        flow.start()
        return flow

    def _settle(self) -> bool:
        """Unsaved typing anywhere in the window is saved or discarded first (or Cancel)."""
        settle = getattr(self.window(), "settle_all", None)
        return bool(settle()) if callable(settle) else True

    def back_up_to(self, path: Path) -> None:
        svc, actor = self.ctx.services, self.ctx.actor
        self.ctx.run(
            lambda: backup_now(svc, actor, path),
            self._done,
            parent=self.owner,
            label="Backing up and checking the copy…",
        )

    def _done(self, done: BackupDone) -> None:
        made = format_datetime(datetime.fromisoformat(done.created_at))
        self.last.setText(
            f"Last backup: {done.path.name}, made {made}, checked and readable. {done.holds()}"
        )
        self.last.setStyleSheet(f"background: {colours.css(colours.GOOD)}; padding: 6px;")
        show_message(
            self.owner,
            f"The backup made {made} is written and checked: {done.path}\n\n"
            f"{done.holds()}\n\n"
            "Keep it somewhere safe, away from this computer.",
            "Backup made",
        )
