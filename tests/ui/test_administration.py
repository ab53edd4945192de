"""Administration: staff accounts and backups; the Administrator sees no child's data."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractButton, QLabel, QMessageBox

from apdesk.domain.enums import Role
from apdesk.services import staff as staff_service
from apdesk.ui.tabs.administration.account_dialogs import (
    AccountStateDialog,
    NewAccountDialog,
    ResetPasswordDialog,
    RolesDialog,
)
from tests.ui.conftest import PASSWORDS, open_tab, rows_of

NEW_PASSWORD = "correct horse battery staple"


def visible_dialog(qtbot, window, kind):
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(kind)), timeout=10000)
    return next(d for d in window.findChildren(kind) if d.isVisible())


def every_text(window) -> str:
    texts = [w.text() for w in window.findChildren(QLabel)]
    texts += [w.text() for w in window.findChildren(QAbstractButton)]
    texts += [a.text() for a in window.menuBar().actions()]
    for model in window.findChildren(QAbstractItemModel):
        for row in range(model.rowCount()):
            texts += [str(model.index(row, c).data()) for c in range(model.columnCount())]
    return "\n".join(texts)


def test_administrator_sees_only_administration_and_no_child_data(
    qtbot, make_window, world, qtmodeltester
):
    window = make_window(Role.ADMINISTRATOR)
    tab = open_tab(qtbot, window, "Administration")
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "Administration",
        "Staff training",  # staff training is not child data
    ]
    assert list(window.documents.actions) == ["Verify a signed document…"]
    qtmodeltester.check(tab.model)
    assert ["Alex Morgan (Head)", "head", "Headteacher", "Active"] in rows_of(tab)
    tab.view.selectRow(0)
    assert tab.backups.isVisibleTo(window)
    shown = every_text(window)
    for child_data in ("Robin", "Testcase", "Ash Example", "Bridgeway", "Exclusion"):
        assert child_data not in shown


def test_headteacher_manages_accounts_and_backups(qtbot, make_window):
    tab = open_tab(qtbot, make_window(Role.HEADTEACHER), "Administration")
    assert tab.new_button.isVisible()
    assert tab.backups.isVisibleTo(tab)


def test_a_new_account_can_sign_in(qtbot, make_window, services):
    window = make_window(Role.HEADTEACHER)
    tab = open_tab(qtbot, window, "Administration")
    tab.new_button.click()
    dialog = visible_dialog(qtbot, window, NewAccountDialog)
    dialog.username.setText("jgreen")
    dialog.display_name.setText("Jo Green")
    dialog.password.first.setText("too short")
    dialog.password.second.setText("too short")
    dialog.accept()
    assert dialog.problem.text() == "Choose at least one role."
    dialog.roles[Role.DEPUTY_DSL].setChecked(True)
    dialog.accept()
    assert dialog.problem.text() == "The password needs at least 12 characters."
    dialog.password.first.setText(NEW_PASSWORD)
    dialog.password.second.setText(NEW_PASSWORD + "!")
    dialog.accept()
    assert dialog.problem.text().startswith("The two passwords differ")
    dialog.password.second.setText(NEW_PASSWORD)
    dialog.accept()
    qtbot.waitUntil(lambda: any(r[1] == "jgreen" for r in rows_of(tab)), timeout=15000)
    assert ["Jo Green", "jgreen", "Deputy DSL", "Active"] in rows_of(tab)
    actor = staff_service.sign_in(services, "jgreen", NEW_PASSWORD)
    assert actor.display_name == "Jo Green" and actor.roles == {Role.DEPUTY_DSL}
    message = visible_dialog(qtbot, window, QMessageBox)
    assert "can now sign in as 'jgreen'" in message.text()


def test_reset_password(qtbot, make_window, services):
    window = make_window(Role.HEADTEACHER)
    tab = open_tab(qtbot, window, "Administration")
    tab.select_key(next(r.id for r in tab.model.rows if r.username == "governor"))
    tab.reset_button.click()
    dialog = visible_dialog(qtbot, window, ResetPasswordDialog)
    dialog.password.first.setText(NEW_PASSWORD)
    dialog.password.second.setText(NEW_PASSWORD)
    dialog.accept()
    box = visible_dialog(qtbot, window, QMessageBox)
    assert box.text() == "The password for Test governor has been reset."
    assert staff_service.sign_in(services, "governor", NEW_PASSWORD).username == "governor"


def test_back_up_now_reports_the_verified_backup_its_date_and_audit_entries(
    qtbot, make_window, tmp_path
):
    from apdesk.storage.backup import read_backup

    window = make_window(Role.ADMINISTRATOR)
    tab = open_tab(qtbot, window, "Administration")
    assert tab.backups.suggested_name() == "APDesk backup 2026-11-28 0930.zip"
    target = tmp_path / "backup.zip"
    tab.backups.back_up_to(target)
    box = visible_dialog(qtbot, window, QMessageBox)
    manifest, _ = read_backup(target)
    entries, digest = manifest.audit_head.row_id, manifest.audit_head.hash.upper()
    holds = f"the audit log up to entry {entries:,} (audit fingerprint {digest[:4]} {digest[4:8]})"
    assert box.text().startswith("The backup made 28 Nov 2026 at")
    assert holds in box.text()
    assert manifest.audit_head.hash not in box.text()  # no 64-digit hash a person cannot use
    assert tab.backups.last.text().startswith("Last backup: backup.zip, made 28 Nov 2026 at")
    assert holds in tab.backups.last.text()
    assert not list(tmp_path.glob(".*partial"))


def choose(tab, username):
    tab.select_key(next(r.id for r in tab.model.rows if r.username == username))
    row = tab.selected_row()
    assert row is not None and row.username == username


def test_the_new_account_form_offers_only_roles_the_person_may_grant(qtbot, make_window):
    window = make_window(Role.ADMINISTRATOR)
    tab = open_tab(qtbot, window, "Administration")
    tab.new_button.click()
    dialog = visible_dialog(qtbot, window, NewAccountDialog)
    assert list(dialog.roles) == [Role.ADMINISTRATOR]
    notes = [label.text() for label in dialog.findChildren(QLabel)]
    assert any(n.startswith("Only the Headteacher can make an account that sees") for n in notes)


def test_a_refused_new_account_keeps_what_was_typed(qtbot, make_window):
    window = make_window(Role.HEADTEACHER)
    tab = open_tab(qtbot, window, "Administration")
    tab.new_button.click()
    dialog = visible_dialog(qtbot, window, NewAccountDialog)
    assert set(dialog.roles) == set(Role)
    dialog.username.setText("dsl")  # taken
    dialog.display_name.setText("Jo Green")
    dialog.email.setText("jo@example.org")
    dialog.password.first.setText(NEW_PASSWORD)
    dialog.password.second.setText(NEW_PASSWORD)
    dialog.roles[Role.GOVERNOR].setChecked(True)
    dialog.accept()
    qtbot.waitUntil(lambda: "already taken" in dialog.problem.text())
    assert dialog.isVisible() and dialog.buttons.isEnabled()
    assert (dialog.display_name.text(), dialog.email.text()) == ("Jo Green", "jo@example.org")
    assert dialog.password.value() == NEW_PASSWORD and dialog.chosen_roles() == [Role.GOVERNOR]
    dialog.username.setText("jgreen")
    dialog.accept()
    qtbot.waitUntil(lambda: any(r[1] == "jgreen" for r in rows_of(tab)))
    assert not any(d.isVisible() for d in window.findChildren(NewAccountDialog))


def test_close_and_reopen_an_account_from_the_window(qtbot, make_window, services):
    window = make_window(Role.HEADTEACHER)
    tab = open_tab(qtbot, window, "Administration")
    choose(tab, "head")  # one's own account: no closing, no changing one's roles
    assert not tab.state_button.isEnabled() and not tab.roles_button.isEnabled()
    assert tab.reset_button.isEnabled()
    choose(tab, "dsl")
    assert tab.state_button.text() == "&Close account…" and tab.state_button.isEnabled()
    tab.state_button.click()
    dialog = visible_dialog(qtbot, window, AccountStateDialog)
    dialog.accept()
    assert "Say in a few words why" in dialog.problem.text() and dialog.isVisible()
    dialog.reason.setPlainText("left the school in July")
    dialog.accept()
    box = visible_dialog(qtbot, window, QMessageBox)
    assert box.text() == "Test dsl can no longer sign in."
    box.accept()
    qtbot.waitUntil(
        lambda: ["Test dsl", "dsl", "Designated Safeguarding Lead", "Closed"] in rows_of(tab)
    )
    with pytest.raises(staff_service.SignInRefused, match="has been closed"):
        staff_service.sign_in(services, "dsl", PASSWORDS[Role.DSL])
    choose(tab, "dsl")
    assert tab.state_button.text() == "Re&open account…"
    tab.state_button.click()
    dialog = visible_dialog(qtbot, window, AccountStateDialog)
    dialog.reason.setPlainText("came back in September")
    dialog.accept()
    qtbot.waitUntil(
        lambda: ["Test dsl", "dsl", "Designated Safeguarding Lead", "Active"] in rows_of(tab)
    )


def test_change_roles_from_the_window(qtbot, make_window, services):
    window = make_window(Role.HEADTEACHER)
    tab = open_tab(qtbot, window, "Administration")
    choose(tab, "governor")
    tab.roles_button.click()
    dialog = visible_dialog(qtbot, window, RolesDialog)
    assert dialog.chosen_roles() == [Role.GOVERNOR]
    dialog.roles[Role.INCLUSION_LEAD].setChecked(True)
    dialog.reason.setPlainText("joined the staff")
    dialog.accept()
    qtbot.waitUntil(
        lambda: ["Test governor", "governor", "Inclusion lead, Governor", "Active"] in rows_of(tab)
    )
    actor = staff_service.sign_in(services, "governor", PASSWORDS[Role.GOVERNOR])
    assert actor.roles == {Role.INCLUSION_LEAD, Role.GOVERNOR}


def test_the_administrator_cannot_change_an_account_that_sees_children(qtbot, make_window):
    tab = open_tab(qtbot, make_window(Role.ADMINISTRATOR), "Administration")
    choose(tab, "dsl")
    for button in (tab.reset_button, tab.roles_button, tab.state_button):
        assert not button.isEnabled()
    assert "Only the Headteacher" in tab.state_button.toolTip()
