"""Restore from a backup in the window: checked first, the date and the loss said plainly,
a safety copy kept, then everyone back at the sign-in screen; only for those allowed."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from apdesk.domain.enums import Role
from apdesk.domain.permissions import MATRIX, Permission
from apdesk.services import backups
from apdesk.services import staff as staff_service
from apdesk.storage.keyring_store import SystemKeyring
from apdesk.ui import restore_flow
from apdesk.ui.app import WindowApp
from apdesk.ui.settings import app_settings
from tests.conftest import file_bytes
from tests.ui.conftest import open_tab, shown_box
from tests.ui.test_start import PASSWORD, make_store


def signed_in(qtbot, root, start):
    start.sign_in.username.setText("amorgan")
    start.sign_in.password.setText(PASSWORD)
    start.sign_in.sign_in.click()
    qtbot.waitUntil(lambda: root.window is not None and root.window.isVisible())
    qtbot.addWidget(root.window, before_close_func=lambda w: setattr(w, "_closing", True))
    return root.window


def test_the_headteacher_restores_and_everyone_signs_in_again(qtbot, tmp_path, clock, monkeypatch):
    paths, _ = make_store(tmp_path / "data", clock)
    root = WindowApp(paths.folder, clock, SystemKeyring(), app_settings())
    try:
        start = root.start()
        qtbot.addWidget(start)
        qtbot.waitUntil(lambda: start.stack.currentWidget() is start.sign_in)
        window = signed_in(qtbot, root, start)
        head = window.ctx.actor
        target = tmp_path / "backup.zip"
        backups.backup_now(root.services, head, target)
        staff_service.create_staff(
            root.services, head, "later", "Made Later", [Role.GOVERNOR], "x" * 16
        )
        monkeypatch.setattr(restore_flow, "choose_open_path", lambda *_: target)
        monkeypatch.setattr(window, "settle_all", lambda: False)  # Cancel on "Save changes?"
        window.restore_flow.start()
        assert window.restore_flow.dialog is None  # nothing asked, nothing checked
        monkeypatch.setattr(window, "settle_all", lambda: True)
        tab = open_tab(qtbot, window, "Administration")
        tab.backups.restore_button.click()
        box = shown_box(qtbot, window)
        assert "Restore the backup made 28 Nov 2026 at 09:30?" in box.text()
        assert "changed since 28 Nov 2026 at 09:30 is lost, for everyone" in box.text()
        assert str(paths.folder) in box.text() and "different store" not in box.text()
        box.button(QMessageBox.StandardButton.Cancel).click()
        assert root.window is window and not list(paths.folder.glob("before restore*"))

        tab.backups.restore_button.click()
        box = shown_box(qtbot, window)
        next(b for b in box.buttons() if b.text() == "&Restore").click()
        qtbot.waitUntil(lambda: root.window is None and start.isVisible())
        assert not window.isVisible() and start.stack.currentWidget() is start.sign_in
        said = start.sign_in.explanation.text()
        assert "The backup made 28 Nov 2026 at 09:30 has been restored" in said
        assert "before restore 2026-11-28 093000.zip" in said
        again = signed_in(qtbot, root, start)
        names = {m.username for m in staff_service.list_staff(root.services, again.ctx.actor)}
        assert names == {"amorgan"}
    finally:
        if root.window is not None:
            root.window.end_session()
        root.shutdown()


def test_a_damaged_file_is_refused_plainly_and_nothing_changes(
    qtbot, make_window, services, tmp_path
):
    window = make_window(Role.ADMINISTRATOR)
    target = tmp_path / "backup.zip"
    backups.backup_now(services, window.ctx.actor, target)
    raw = bytearray(target.read_bytes())
    raw[4096 * 2 + 10] ^= 0xFF
    target.write_bytes(bytes(raw))
    before = file_bytes(services.store.paths.keyslots)
    window.restore_flow.check(target)
    box = shown_box(qtbot, window)
    assert box.text() == "The backup backup.zip is damaged. Nothing was changed."
    assert file_bytes(services.store.paths.keyslots) == before
    assert not list(services.store.paths.folder.glob("before restore*"))


def test_only_those_who_manage_backups_see_restore(qtbot, make_window):
    for role in Role:
        window = make_window(role)
        allowed = Permission.MANAGE_BACKUPS in MATRIX[role]
        file_menu = window.menuBar().actions()[0].menu()
        texts = [action.text() for action in file_menu.actions()]
        assert ("&Restore from a backup…" in texts) == allowed, role
        assert (window.restore_flow is not None) == allowed
        titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        if "Administration" in titles:
            tab = open_tab(qtbot, window, "Administration")
            assert tab.backups.isVisibleTo(tab) == allowed, role
        window.end_session()
