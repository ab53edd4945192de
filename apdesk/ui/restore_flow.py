"""Restore from a backup, from the window (for those who manage backups).

Unsaved typing is settled first. The chosen file is checked whole on the worker before
anything is touched (a wrong file, a damaged one, or a recovery code or passphrase that
does not open it is a plain message, and the store stays as it is). The person is then told
what will be replaced: the date of the backup, and that everything since is lost. Restoring
keeps a checked safety backup of the store as it is, puts the backup in place and opens it;
the bus's `store_replaced` then signs everyone out to the sign-in screen.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from apdesk.services import backups
from apdesk.storage.errors import WrongKey
from apdesk.ui.context import UiContext
from apdesk.ui.errors import show_error, user_message
from apdesk.ui.files import choose_open_path

BACKUP_FILTER = "APDesk backups (*.zip)"
CONFIRM = (
    "Restore the backup made {made}?\n\n"
    "Everything in APDesk will be replaced by what it held then: anything recorded or changed "
    "since {made} is lost, for everyone.\n\n"
    "First, a checked copy of the records as they are now is kept in {folder}. Then everyone "
    "is signed out, and signs in again to the restored records."
)
OTHER_STORE = (
    "\n\nWarning: this backup is of a different store from this one (another school's, or "
    "one made before APDesk was set up afresh)."
)
RESTORED = (
    "The backup made {made} has been restored; changes since then are gone. The records as "
    "they were are kept in {safety}. Sign in again."
)


class RestoreFlow(QObject):
    """One restore, from choosing the file to the sign-in screen."""

    def __init__(self, ctx: UiContext, parent: QWidget, settle: Callable[[], bool]) -> None:
        super().__init__(parent)
        self.ctx, self.parent_widget, self.settle = ctx, parent, settle
        self.dialog: QWidget | None = None  # the question on show (for tests and the lock)

    def start(self) -> None:
        if not self.settle():
            return
        path = choose_open_path(self.parent_widget, "Restore from a backup", BACKUP_FILTER)
        if path is not None:
            self.check(path)

    def check(self, path: Path, secret: str | None = None) -> None:
        svc, actor, keyring = self.ctx.services, self.ctx.actor, self.ctx.keyring
        self.ctx.worker.run(
            lambda: backups.check_backup(svc, actor, path, keyring, secret),
            self._confirm,
            lambda exc: self._not_checked(path, secret, exc),
            label="Checking the backup…",
            parent=self.parent_widget,
        )

    def _not_checked(self, path: Path, secret: str | None, exc: BaseException) -> None:
        if isinstance(exc, backups.SecretNeeded) or (secret and isinstance(exc, WrongKey)):
            self._ask_secret(path, user_message(exc))
        else:
            self.dialog = show_error(self.parent_widget, exc, "Restore from a backup")

    def _ask_secret(self, path: Path, text: str) -> None:
        dialog = QInputDialog(self.parent_widget)
        dialog.setWindowTitle("Restore from a backup")
        dialog.setLabelText(f"{text}\n\nRecovery code or passphrase:")
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(lambda secret: self.check(path, secret))
        self.dialog = dialog
        dialog.open()

    def _confirm(self, checked: backups.CheckedBackup) -> None:
        folder = self.ctx.services.store.paths.folder
        text = CONFIRM.format(made=checked.made, folder=folder)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Restore from a backup",
            text + (OTHER_STORE if checked.other_store else ""),
            QMessageBox.StandardButton.Cancel,
            self.parent_widget,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        restore = box.addButton("&Restore", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def clicked(button: object) -> None:
            if button is restore:
                self.restore(checked)

        box.buttonClicked.connect(clicked)
        self.dialog = box
        box.open()

    def restore(self, checked: backups.CheckedBackup) -> None:
        svc, actor, keyring = self.ctx.services, self.ctx.actor, self.ctx.keyring
        self.ctx.worker.run(
            lambda: backups.restore(svc, actor, checked, keyring),
            self._restored,
            self._failed,
            label="Keeping a copy of the records as they are, then restoring the backup…",
            parent=self.parent_widget,
        )

    def _restored(self, done: backups.Restored) -> None:
        note = RESTORED.format(made=done.backup.made, safety=done.safety_copy)
        self.ctx.bus.store_replaced.emit(done.services, note)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, backups.RestoreFailed):  # the old store is closed: leave the window
            self.ctx.bus.store_replaced.emit(exc.services, str(exc))
        else:  # refused before anything was touched
            self.dialog = show_error(self.parent_widget, exc, "Restore from a backup")
