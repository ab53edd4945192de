"""Administration (Headteacher and Administrator): staff accounts and backups.

No pupil's data appears here: an Administrator, whose only tab this is, sees names of staff,
their roles and the backups, nothing else. New accounts and password resets go through the
staff service; Back up now writes a verified, encrypted copy where the person chooses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel

from apdesk.domain.entities import Staff
from apdesk.domain.enums import Role
from apdesk.domain.permissions import ROLE_NAMES, Permission
from apdesk.services import staff as staff_service
from apdesk.ui.context import UiContext
from apdesk.ui.detail import DetailPanel
from apdesk.ui.errors import show_message
from apdesk.ui.forms import section
from apdesk.ui.models import Column
from apdesk.ui.tabs.account_dialogs import ROLE_HINTS, NewAccountDialog, ResetPasswordDialog
from apdesk.ui.tabs.backup_box import BackupBox
from apdesk.ui.tabs.base import ListDetailTab


@dataclass(frozen=True)
class StaffRow:
    id: int
    name: str
    username: str
    roles: str
    email: str
    active: bool
    role_list: tuple[Role, ...] = ()


def staff_row(member: Staff) -> StaffRow:
    roles = ", ".join(ROLE_NAMES[role] for role in member.roles)
    return StaffRow(
        member.id or 0,
        member.display_name,
        member.username,
        roles,
        member.email,
        member.active,
        tuple(member.roles),
    )


def sentence(text: str) -> str:
    """'Everything; authorises placements and signs Annex B' (only the first letter raised)."""
    return text[:1].upper() + text[1:]


COLUMNS: tuple[Column[StaffRow], ...] = (
    Column("Name", lambda r: r.name),
    Column("Username", lambda r: r.username),
    Column("Roles", lambda r: r.roles, tooltip=lambda r: r.roles),
    Column("Account", lambda r: "Active" if r.active else "Closed"),
)


class AdministrationTab(ListDetailTab):
    title = "Administration"
    kinds = frozenset({"staff"})
    permission = Permission.MANAGE_STAFF
    reload_on = frozenset({"staff"})
    columns = COLUMNS
    new_label = "&New account…"

    def __init__(self, ctx: UiContext) -> None:
        self.panel = DetailPanel("Choose a member of staff to see their account.")
        super().__init__(ctx, self.panel)
        self.fields = self._account_section()
        self.panel.finish_sections()
        self.reset_button = self.panel.add_button("&Reset password…", self.ask_reset)
        self.backups = BackupBox(ctx, self)
        self.backups.setVisible(ctx.may(Permission.MANAGE_BACKUPS))
        self.list_column.addWidget(self.backups)
        self._row: StaffRow | None = None

    @classmethod
    def allowed(cls, ctx: UiContext) -> bool:
        return ctx.may(Permission.MANAGE_STAFF) or ctx.may(Permission.MANAGE_BACKUPS)

    def _account_section(self) -> dict[str, QLabel]:
        box, form = section("Account")
        fields = {}
        for key, text in (
            ("username", "Username"),
            ("roles", "Roles"),
            ("may", "May see"),
            ("email", "Email"),
        ):
            value = QLabel()
            value.setWordWrap(True)
            value.setAccessibleName(text)
            fields[key] = value
            form.addRow(f"{text}:", value)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.panel.add_section(box)
        return fields

    def load_rows(self) -> Sequence[Any]:
        if not self.ctx.may(Permission.MANAGE_STAFF):
            return []
        return [staff_row(m) for m in staff_service.list_staff(self.ctx.services, self.ctx.actor)]

    def can_create(self) -> bool:
        return self.ctx.may(Permission.MANAGE_STAFF)

    def show_row(self, row: StaffRow | None) -> None:
        self._row = row
        if row is None:
            self.panel.show_placeholder()
            return
        self.panel.show_content(row.name, "Active account" if row.active else "Closed account")
        self.fields["username"].setText(row.username)
        self.fields["roles"].setText(row.roles)
        hints = (sentence(ROLE_HINTS[role]) for role in row.role_list)
        self.fields["may"].setText("\n".join(hints))
        self.fields["email"].setText(row.email or "None recorded")

    def new_record(self) -> None:
        if not self.can_create():
            return
        dialog = NewAccountDialog(self)
        dialog.accepted.connect(lambda: self.create_account(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def create_account(self, dialog: NewAccountDialog) -> None:
        svc, actor = self.ctx.services, self.ctx.actor
        username, name = dialog.username.text(), dialog.display_name.text()
        roles, email = dialog.chosen_roles(), dialog.email.text().strip()
        password = dialog.password.value()
        self.ctx.run(
            lambda: staff_service.create_staff(svc, actor, username, name, roles, password, email),
            lambda member: self._created(member),
            parent=self,
            label="Making the account…",
        )

    def _created(self, member: Staff) -> None:
        self.select_key(member.id)
        show_message(
            self,
            f"{member.display_name} can now sign in as '{member.username}' with the password "
            "you chose. Give it to them in person.",
        )

    def ask_reset(self) -> None:
        row = self._row
        if row is None:
            return
        dialog = ResetPasswordDialog(row.name, self)
        dialog.accepted.connect(lambda: self.reset_password(row, dialog.password.value()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def reset_password(self, row: StaffRow, password: str) -> None:
        svc, actor = self.ctx.services, self.ctx.actor
        self.ctx.run(
            lambda: staff_service.set_password(svc, actor, row.id, password),
            lambda _: show_message(self, f"The password for {row.name} has been reset."),
            parent=self,
            label="Resetting the password…",
        )

    def save_record(self) -> None:
        """Accounts are changed through their dialogs; there is nothing to save here."""
