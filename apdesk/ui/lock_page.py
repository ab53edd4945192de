"""What a locked window shows: no records, only who is signed in and a password box.

The same person's password unlocks (under the same lockout as signing in); anyone else
signs out, which returns to the sign-in screen.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from apdesk.services import staff as staff_service
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.ui.errors import user_message
from apdesk.ui.widgets import centre_in, heading, line_edit, note_label, problem_label, say
from apdesk.ui.worker import Worker

# The lock page asks only for a password, so its refusal does not mention a username.
WRONG_PASSWORD = "That password is not right. Check it and try again."


class LockPage(QWidget):
    unlocked = Signal()
    sign_out = Signal()

    def __init__(self, services: AppServices, actor: Actor, worker: Worker) -> None:
        super().__init__()
        self.setObjectName("lock_page")
        self.services, self.actor, self.worker = services, actor, worker
        self.password = line_edit("Password", password=True)
        self.problem = problem_label()
        self.unlock_button = QPushButton("&Unlock")
        self.unlock_button.setDefault(True)
        self.sign_out_button = QPushButton("Sign &out")
        self.unlock_button.clicked.connect(self.try_unlock)
        self.password.returnPressed.connect(self.try_unlock)
        self.sign_out_button.clicked.connect(self.sign_out)
        self._build()

    def _build(self) -> None:
        form = QFormLayout()
        form.addRow("&Password", self.password)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.sign_out_button)
        buttons.addWidget(self.unlock_button)
        column = QVBoxLayout()
        column.addWidget(heading("APDesk is locked"))
        column.addWidget(
            note_label(
                f"{self.actor.display_name} is signed in. Records are hidden until they type "
                "their password. Someone else? Sign out first."
            )
        )
        column.addLayout(form)
        column.addWidget(self.problem)
        column.addLayout(buttons)
        holder = QWidget()
        holder.setLayout(column)
        centre_in(self, holder)

    def try_unlock(self) -> None:
        password = self.password.text()
        if not password:
            return
        self.setEnabled(False)
        self.worker.run(
            lambda: staff_service.confirm_password(self.services, self.actor, password),
            lambda _: self._done(),
            self._refused,
            label="Checking…",
            parent=self,
        )

    def _done(self) -> None:
        self.setEnabled(True)
        self.password.clear()
        self.unlocked.emit()

    def _refused(self, exc: BaseException) -> None:
        self.setEnabled(True)
        self.password.clear()
        message = user_message(exc)
        say(self.problem, WRONG_PASSWORD if message == staff_service.WRONG else message)
        self.password.setFocus()
