"""Administration (Headteacher and Administrator): staff accounts and backups.

No pupil's data appears here: an Administrator, whose only tab this is, sees names of staff,
their roles and the backups, nothing else. New accounts, password resets, changed roles and
closing or reopening an account go through the staff service, each from a form that stays
open (with what was typed) until the service agrees; the buttons offer only what the
signed-in person may do to the account chosen. Back up now writes a verified, encrypted
copy where the person chooses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel

from apdesk.domain.accounts import grantable_roles
from apdesk.domain.entities import Staff
from apdesk.domain.enums import Role
from apdesk.domain.permissions import ROLE_NAMES, Permission, may_manage_account
from apdesk.domain.record_kinds import RecordKind
from apdesk.services import staff as staff_service
from apdesk.ui.context import UiContext
from apdesk.ui.detail import DetailPanel
from apdesk.ui.errors import show_message
from apdesk.ui.forms import section
from apdesk.ui.models import Column
from apdesk.ui.submit_dialog import SubmitDialog
from apdesk.ui.tabs.administration.account_dialogs import (
    ROLE_HINTS,
    AccountStateDialog,
    NewAccountDialog,
    ResetPasswordDialog,
    RolesDialog,
)
from apdesk.ui.tabs.administration.backup_box import BackupBox
from apdesk.ui.tabs.common.base import ListDetailTab
from apdesk.ui.widgets import hidden_unless


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
    kinds = frozenset({RecordKind.STAFF})
    permission = Permission.MANAGE_STAFF
    reload_on = frozenset({RecordKind.STAFF})
    columns = COLUMNS
    new_label = "&New account…"

    def __init__(self, ctx: UiContext) -> None:
        self.panel = DetailPanel("Choose a member of staff to see their account.")
        super().__init__(ctx, self.panel)
        self.fields = self._account_section()
        self.panel.finish_sections()
        self.reset_button = self.panel.add_button("&Reset password…", self.ask_reset)
        self.roles_button = self.panel.add_button("Change r&oles…", self.ask_roles)
        self.state_button = self.panel.add_button("&Close account…", self.ask_state)
        self.backups = BackupBox(ctx, self)
        hidden_unless(self.backups, ctx.may(Permission.MANAGE_BACKUPS))
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
        manages = may_manage_account(self.ctx.actor.roles, row.role_list)
        mine = row.id == self.ctx.actor.staff_id
        self.reset_button.setEnabled(manages or mine)
        for button in (self.roles_button, self.state_button):
            button.setEnabled(manages and not mine)
            button.setToolTip(self._why_not(manages, mine))
        text = "&Close account…" if row.active else "Re&open account…"
        self.state_button.setText(text)
        self.state_button.setAccessibleName(text.replace("&", "").rstrip("…"))

    @staticmethod
    def _why_not(manages: bool, mine: bool) -> str:
        if mine:
            return "Another Headteacher (or the Administrator) changes your own account."
        if not manages:
            return "Only the Headteacher can change an account that can see children's records."
        return ""

    def new_record(self) -> None:
        if not self.can_create():
            return
        dialog = NewAccountDialog(grantable_roles(self.ctx.actor.roles), self)
        svc, actor = self.ctx.services, self.ctx.actor

        def job() -> Callable[[], Staff]:
            username, name = dialog.username.text(), dialog.display_name.text()
            roles, email = dialog.chosen_roles(), dialog.email.text().strip()
            password = dialog.password.value()
            return lambda: staff_service.create_staff(
                svc, actor, username, name, roles, password, email
            )

        self._open(dialog, job, self._created, "Making the account…")

    def _open(
        self,
        dialog: SubmitDialog,
        job: Callable[[], Callable[[], Any]],
        done: Callable[[Any], object],
        label: str,
    ) -> None:
        """Show `dialog`; each submit reads its fields (`job()`, here on the GUI thread) and
        runs the work on the worker. A refusal is said in the dialog, which stays open with
        what was typed; success closes it, then `done` says what happened."""

        def finished(result: Any) -> None:
            dialog.finished_ok()
            done(result)

        def submit() -> None:
            self.ctx.worker.run(job(), finished, dialog.refused, label=label, parent=dialog)

        dialog.submitted.connect(submit)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

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
        svc, actor = self.ctx.services, self.ctx.actor

        def job() -> Callable[[], None]:
            password = dialog.password.value()
            return lambda: staff_service.set_password(svc, actor, row.id, password)

        self._open(
            dialog,
            job,
            lambda _: show_message(self, f"The password for {row.name} has been reset."),
            "Resetting the password…",
        )

    def ask_roles(self) -> None:
        row = self._row
        if row is None:
            return
        grantable = grantable_roles(self.ctx.actor.roles)
        dialog = RolesDialog(row.name, row.role_list, grantable, self)
        svc, actor = self.ctx.services, self.ctx.actor

        def job() -> Callable[[], Staff]:
            roles, why = dialog.chosen_roles(), dialog.reason.toPlainText()
            return lambda: staff_service.change_roles(svc, actor, row.id, roles, why)

        self._open(
            dialog,
            job,
            lambda m: self._changed(m, f"{m.display_name} now has the roles chosen."),
            "Changing the roles…",
        )

    def ask_state(self) -> None:
        row = self._row
        if row is None:
            return
        dialog = AccountStateDialog(row.name, row.active, self)
        change = staff_service.close_account if row.active else staff_service.reopen_account
        said = "can no longer sign in" if row.active else "can sign in again"
        svc, actor = self.ctx.services, self.ctx.actor

        def job() -> Callable[[], Staff]:
            why = dialog.reason.toPlainText()
            return lambda: change(svc, actor, row.id, why)

        self._open(dialog, job, lambda m: self._changed(m, f"{m.display_name} {said}."), "Saving…")

    def _changed(self, member: Staff, text: str) -> None:
        self.select_key(member.id)
        show_message(self, text)

    def save_record(self) -> None:
        """Accounts are changed through their dialogs; there is nothing to save here."""
