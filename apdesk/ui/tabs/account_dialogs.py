"""New staff accounts and password resets: the form says what is missing before it is sent.

The rules (at least 12 characters, a unique username) are the service's; the form checks
the obvious ones first so the person is told at once, beside the field.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QVBoxLayout,
    QWidget,
)

from apdesk.domain.enums import Role
from apdesk.domain.permissions import MIN_PASSWORD_LENGTH, ROLE_NAMES
from apdesk.ui.widgets import line_edit, note_label, problem_label, say

#: What each role may do, in a few words, so the person choosing understands the choice.
ROLE_HINTS = {
    Role.HEADTEACHER: "everything; authorises placements and signs Annex B",
    Role.DSL: "every record, including incidents and child-protection status",
    Role.DEPUTY_DSL: "every record, including incidents and child-protection status",
    Role.INCLUSION_LEAD: "pupils, placements, attendance and reviews; no incidents",
    Role.ATTENDANCE_LEAD: "attendance and reviews; reads pupils and placements",
    Role.GOVERNOR: "the register and the governors' report only",
    Role.ADMINISTRATOR: "staff accounts and backups; no pupil's data at all",
}
PASSWORD_HINT = f"at least {MIN_PASSWORD_LENGTH} characters; a few unrelated words work well"


def password_problem(first: str, second: str) -> str:
    if len(first) < MIN_PASSWORD_LENGTH:
        return f"The password needs at least {MIN_PASSWORD_LENGTH} characters."
    if first != second:
        return "The two passwords differ. Type the same password twice."
    return ""


def _buttons(dialog: QDialog, text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(text)
    ok.setAccessibleName(text.replace("&", ""))
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class PasswordFields:
    """A new password typed twice."""

    def __init__(self, form: QFormLayout) -> None:
        self.first = line_edit("New password", PASSWORD_HINT, password=True)
        self.second = line_edit("New password again", password=True)
        form.addRow("&Password", self.first)
        form.addRow("Password a&gain", self.second)

    def problem(self) -> str:
        return password_problem(self.first.text(), self.second.text())

    def value(self) -> str:
        return self.first.text()


class NewAccountDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New account")
        self.setAccessibleName("New account")
        self.username = line_edit("Username", "for example spatel")
        self.display_name = line_edit("Name", "as it appears on records and letters")
        self.email = line_edit("Email", "optional")
        form = QFormLayout()
        form.addRow("&Username", self.username)
        form.addRow("&Name", self.display_name)
        form.addRow("&Email", self.email)
        self.password = PasswordFields(form)
        self.roles: dict[Role, QCheckBox] = {}
        self.problem = problem_label()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._roles_box())
        layout.addWidget(self.problem)
        layout.addWidget(_buttons(self, "&Make the account"))

    def _roles_box(self) -> QGroupBox:
        box = QGroupBox("Roles (what this person may see and do)")
        box.setAccessibleName("Roles")
        column = QVBoxLayout(box)
        for role in Role:
            check = QCheckBox(f"{ROLE_NAMES[role]}: {ROLE_HINTS[role]}")
            check.setAccessibleName(ROLE_NAMES[role])
            self.roles[role] = check
            column.addWidget(check)
        return box

    def chosen_roles(self) -> list[Role]:
        return [role for role, check in self.roles.items() if check.isChecked()]

    def problem_text(self) -> str:
        if not self.username.text().strip() or not self.display_name.text().strip():
            return "Enter a username and the person's name."
        if not self.chosen_roles():
            return "Choose at least one role."
        return self.password.problem()

    def accept(self) -> None:
        problem = self.problem_text()
        say(self.problem, problem)
        if not problem:
            super().accept()


class ResetPasswordDialog(QDialog):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Reset password")
        self.setAccessibleName("Reset password")
        self.setMinimumWidth(460)
        form = QFormLayout()
        self.password = PasswordFields(form)
        self.problem = problem_label()
        layout = QVBoxLayout(self)
        layout.addWidget(
            note_label(
                f"Choose a new password for {name} and give it to them in person. Their old "
                "password stops working at once, and any wait after wrong passwords ends."
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(_buttons(self, "&Reset password"))

    def accept(self) -> None:
        problem = self.password.problem()
        say(self.problem, problem)
        if not problem:
            super().accept()
