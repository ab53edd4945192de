"""The pages of the start window: a secret to unlock with, a problem to explain, sign in.

Pages only collect what is typed and say what went wrong; `StartWindow` decides what
happens next.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from apdesk.ui.widgets import centre_in, heading, line_edit, note_label, problem_label, say


class _Page(QWidget):
    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = heading(title)
        self.explanation = note_label("")
        self.problem = problem_label()
        self.form = QFormLayout()
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        column = QVBoxLayout()
        column.addWidget(self.title)
        column.addWidget(self.explanation)
        column.addSpacing(8)
        column.addLayout(self.form)
        column.addWidget(self.problem)
        column.addLayout(self.buttons)
        holder = QWidget()
        holder.setLayout(column)
        centre_in(self, holder)

    def button(self, text: str, default: bool = False) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", ""))
        button.setDefault(default)
        button.setAutoDefault(default)
        self.buttons.addWidget(button)
        return button

    def say(self, text: str) -> None:
        say(self.problem, text)

    def set_busy(self, busy: bool) -> None:
        self.setEnabled(not busy)


class SecretPage(_Page):
    """One secret (a recovery code or a passphrase) and an Unlock button."""

    submitted = Signal(str)

    def __init__(self, title: str, field: str, explanation: str) -> None:
        super().__init__(title)
        self.explanation.setText(explanation)
        self.secret = line_edit(field, password=field != "Recovery code")
        self.form.addRow(f"&{field}", self.secret)
        self.alternative = self.button("Use the recovery code instead")
        self.alternative.hide()
        self.unlock = self.button("&Unlock", default=True)
        self.unlock.clicked.connect(self._submit)
        self.secret.returnPressed.connect(self._submit)

    def _submit(self) -> None:
        if self.secret.text().strip():
            self.submitted.emit(self.secret.text())

    def reset(self, problem: str = "") -> None:
        self.secret.clear()
        self.say(problem)
        self.secret.setFocus()


class ProblemPage(_Page):
    """Something stops APDesk opening the store; the message says what to do."""

    def __init__(self) -> None:
        super().__init__("APDesk cannot open your records")
        self.quit = self.button("&Quit")
        self.retry = self.button("&Try again", default=True)

    def show_problem(self, text: str) -> None:
        self.explanation.setText(text)


class SignInPage(_Page):
    """Username and password."""

    submitted = Signal(str, str)

    def __init__(self) -> None:
        super().__init__("Sign in to APDesk")
        self.username = line_edit("Username")
        self.password = line_edit("Password", password=True)
        self.form.addRow("User&name", self.username)
        self.form.addRow("&Password", self.password)
        self.sign_in = self.button("&Sign in", default=True)
        self.sign_in.clicked.connect(self._submit)
        self.password.returnPressed.connect(self._submit)
        self.username.returnPressed.connect(self.password.setFocus)

    def _submit(self) -> None:
        if not self.username.text().strip():
            self.say("Type your username.")
            self.username.setFocus()
            return
        self.submitted.emit(self.username.text(), self.password.text())

    def welcome(self, school: str, note: str = "") -> None:
        self.introduce(school, note)
        self.password.clear()
        (self.password if self.username.text() else self.username).setFocus()

    def introduce(self, school: str, note: str = "") -> None:
        """The school's name (and anything to say) above the fields, leaving what is typed."""
        self.explanation.setText(f"{school}\n\n{note}".strip() if note else school)


class WaitPage(_Page):
    """Shown while the keyring unlocks the store, so no other page flashes up first."""

    def __init__(self) -> None:
        super().__init__("Opening your records…")


class EmptyStorePage(_Page):
    """A store with no accounts (an older APDesk's failed set-up): offer to start again."""

    def __init__(self) -> None:
        super().__init__("Set-up did not finish")
        self.quit = self.button("&Quit")
        self.start_again = self.button("&Start set-up again", default=True)

    def explain(self, folder: str, files: list[str]) -> None:
        self.explanation.setText(
            "The APDesk store on this computer has no staff accounts, so no one can sign in: "
            "an earlier set-up stopped part-way. It holds no records.\n\n"
            f"Start set-up again removes {', '.join(files)} from {folder} (and the key for it "
            "in this computer's keyring), then asks for the school's details and the "
            "Headteacher's account again, with a new recovery code. Any recovery code you were "
            "given for the old store will not be needed. Nothing else in the folder is touched."
        )
