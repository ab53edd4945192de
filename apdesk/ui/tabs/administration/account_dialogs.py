"""Staff account forms: a new account, a password reset, changed roles, closing or reopening.

The rules (at least 12 characters, a unique username, who may grant what) are the service's;
the form checks the obvious ones first so the person is told at once, beside the field. A
form stays open until the service has done the work: a refusal is said under the form, and
what was typed is still there to put right.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QVBoxLayout,
    QWidget,
)

from apdesk.domain.corrections import MIN_REASON
from apdesk.domain.enums import Role
from apdesk.domain.permissions import MIN_PASSWORD_LENGTH, ROLE_NAMES
from apdesk.ui.submit_dialog import SubmitDialog
from apdesk.ui.widgets import line_edit, note_label, ok_cancel, text_edit

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


def _roles_box(
    title: str, roles: Iterable[Role], ticked: Iterable[Role] = ()
) -> tuple[QGroupBox, dict[Role, QCheckBox]]:
    """A tick box for each role offered, with what it may do."""
    box = QGroupBox(title)
    box.setAccessibleName("Roles")
    column = QVBoxLayout(box)
    checks: dict[Role, QCheckBox] = {}
    already = set(ticked)
    for role in roles:
        check = QCheckBox(f"{ROLE_NAMES[role]}: {ROLE_HINTS[role]}")
        check.setAccessibleName(ROLE_NAMES[role])
        check.setChecked(role in already)
        checks[role] = check
        column.addWidget(check)
    return box, checks


class NewAccountDialog(SubmitDialog):
    """A new account with only the roles the signed-in person may grant."""

    def __init__(self, grantable: Iterable[Role], parent: QWidget | None = None) -> None:
        super().__init__("New account", parent)
        self.username = line_edit("Username", "for example spatel")
        self.display_name = line_edit("Name", "as it appears on records and letters")
        self.email = line_edit("Email", "optional")
        form = QFormLayout()
        form.addRow("&Username", self.username)
        form.addRow("&Name", self.display_name)
        form.addRow("&Email", self.email)
        self.password = PasswordFields(form)
        box, self.roles = _roles_box("Roles (what this person may see and do)", grantable)
        self.setMinimumWidth(box.sizeHint().width() + 24)  # a wrapped note must not clip a role
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(box)
        if set(self.roles) != set(Role):
            layout.addWidget(
                note_label("Only the Headteacher can make an account that sees children's records.")
            )
        layout.addWidget(self.problem)
        self.buttons = ok_cancel(self, "&Make the account")
        layout.addWidget(self.buttons)

    def chosen_roles(self) -> list[Role]:
        return [role for role, check in self.roles.items() if check.isChecked()]

    def problem_text(self) -> str:
        if not self.username.text().strip() or not self.display_name.text().strip():
            return "Enter a username and the person's name."
        if not self.chosen_roles():
            return "Choose at least one role."
        return self.password.problem()


class ResetPasswordDialog(SubmitDialog):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__("Reset password", parent)
        self.setMinimumWidth(460)
        form = QFormLayout()
        self.password = PasswordFields(form)
        layout = QVBoxLayout(self)
        layout.addWidget(
            note_label(
                f"Choose a new password for {name} and give it to them in person. Their old "
                "password stops working at once, and any wait after wrong passwords ends."
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.problem)
        self.buttons = ok_cancel(self, "&Reset password")
        layout.addWidget(self.buttons)

    def problem_text(self) -> str:
        return self.password.problem()


def reason_problem(text: str) -> str:
    if len(" ".join(text.split())) < MIN_REASON:
        return "Say in a few words why (it is kept in the audit log)."
    return ""


class RolesDialog(SubmitDialog):
    """New roles for an account, from those the signed-in person may grant, and why."""

    def __init__(
        self, name: str, current: Iterable[Role], grantable: Iterable[Role], parent: QWidget | None
    ) -> None:
        super().__init__("Change roles", parent)
        held = list(current)
        offered = [r for r in Role if r in set(grantable) | set(held)]
        box, self.roles = _roles_box(f"Roles for {name}", offered, held)
        self.setMinimumWidth(box.sizeHint().width() + 24)  # a wrapped note must not clip a role
        self.reason = text_edit("Reason", "for example 'now the deputy DSL'", lines=2)
        form = QFormLayout()
        form.addRow("&Why", self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addLayout(form)
        layout.addWidget(
            note_label(
                "They keep their password. A new Headteacher can sign documents once a "
                "Headteacher who can sign resets their password."
            )
        )
        layout.addWidget(self.problem)
        self.buttons = ok_cancel(self, "&Change roles")
        layout.addWidget(self.buttons)

    def chosen_roles(self) -> list[Role]:
        return [role for role, check in self.roles.items() if check.isChecked()]

    def problem_text(self) -> str:
        if not self.chosen_roles():
            return "Choose at least one role."
        return reason_problem(self.reason.toPlainText())


class AccountStateDialog(SubmitDialog):
    """Close an account (a leaver: it can no longer sign in) or reopen it, and why."""

    def __init__(self, name: str, closing: bool, parent: QWidget | None = None) -> None:
        title = "Close account" if closing else "Reopen account"
        super().__init__(title, parent)
        self.setMinimumWidth(460)
        self.reason = text_edit(
            "Reason", "for example 'left the school in July'" if closing else "", lines=2
        )
        form = QFormLayout()
        form.addRow("&Why", self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(
            note_label(
                f"{name} will no longer be able to sign in. Everything they recorded stays, "
                "with their name on it. The account can be reopened later."
                if closing
                else f"{name} will be able to sign in again with the password they had."
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.problem)
        self.buttons = ok_cancel(self, f"&{title}")
        layout.addWidget(self.buttons)

    def problem_text(self) -> str:
        return reason_problem(self.reason.toPlainText())
