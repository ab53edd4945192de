"""Unlocking and signing in: silent keyring, recovery code, passphrase, plain refusals."""

from __future__ import annotations

import threading

import keyring.backends.fail
import pytest

from apdesk.domain.entities import School
from apdesk.services.setup import create_school_store
from apdesk.storage.keyring_store import SystemKeyring
from apdesk.storage.store import StorePaths, open_store
from apdesk.storage.unlock import key_from_keyring
from apdesk.ui.start import RESTORED, StartWindow

PASSWORD = "correct horse battery"
PASSPHRASE = "river road passphrase"


def make_store(folder, clock, *, keyring=True):
    run = create_school_store(
        folder,
        School(name="Riverside Academy"),
        "amorgan",
        "Alex Morgan",
        PASSWORD,
        clock,
        keyring=SystemKeyring() if keyring else None,
        passphrase=None if keyring else PASSPHRASE,
    )
    run.services.close()
    return StorePaths(folder), run.recovery_code


@pytest.fixture
def start(qtbot, clock, worker):
    windows = []

    def make(paths, backend=None):
        w = StartWindow(paths, SystemKeyring(backend), clock, worker)
        qtbot.addWidget(w)
        w.show()
        w.begin()
        windows.append(w)
        return w

    yield make
    worker.wait()
    for w in windows:
        if w.services is not None:
            w.services.close()


def test_keyring_asks_to_sign_in_at_once_and_a_sign_in_before_the_store_is_open_waits_for_it(
    qtbot, tmp_path, clock, start
):
    paths, _ = make_store(tmp_path / "data", clock)
    w = start(paths)
    assert w.stack.currentWidget() is w.sign_in and w.services is None  # still opening
    assert "keyring" in w.loading.names
    checks = []  # the window's modules load when the check begins, not while the store opens
    w.checking_password.connect(lambda: checks.append(w.services is not None))
    w.sign_in.username.setText("amorgan")
    w.sign_in.password.setText("not the password")
    w.sign_in.sign_in.click()
    assert checks == []
    qtbot.waitUntil(lambda: w.sign_in.problem.isVisible())
    assert w.sign_in.problem.text().startswith("That username and password do not match")
    assert "Riverside Academy" in w.sign_in.explanation.text()
    assert checks == [True]
    assert w.sign_in.password.text() == ""
    w.sign_in.password.setText(PASSWORD)
    with qtbot.waitSignal(w.ready, timeout=10000) as blocker:
        w.sign_in.sign_in.click()
    services, actor = blocker.args
    assert actor.username == "amorgan" and services is w.services


def test_the_password_is_being_checked_while_the_windows_modules_import(
    qtbot, tmp_path, clock, start, monkeypatch
):
    """What answers `checking_password` (importing the main window's modules on the GUI
    thread) runs beside the password's Argon2id on the worker, not before it begins."""
    from apdesk.services import staff

    paths, _ = make_store(tmp_path / "data", clock)
    w = start(paths)
    qtbot.waitUntil(lambda: w.services is not None)
    checking = threading.Event()
    matches = staff.password_matches

    def noted(password, stored):
        checking.set()
        return matches(password, stored)

    monkeypatch.setattr(staff, "password_matches", noted)
    begun = []  # on the GUI thread, as the window's modules would import
    w.checking_password.connect(lambda: begun.append(checking.wait(10)))
    w.sign_in.username.setText("amorgan")
    w.sign_in.password.setText(PASSWORD)
    with qtbot.waitSignal(w.ready, timeout=10000):
        w.sign_in.sign_in.click()
    assert begun == [True]


def test_what_is_typed_while_the_store_opens_stays_when_the_schools_name_arrives(
    qtbot, tmp_path, clock, start
):
    paths, _ = make_store(tmp_path / "data", clock)
    w = start(paths)
    w.sign_in.username.setText("amorgan")
    w.sign_in.password.setText("half a pass")
    qtbot.waitUntil(lambda: "Riverside Academy" in w.sign_in.explanation.text())
    assert w.sign_in.password.text() == "half a pass" and w.sign_in.isEnabled()


def test_missing_keyring_entry_leads_to_the_recovery_code_and_restores_it(
    qtbot, tmp_path, clock, start, memory_keyring
):
    paths, code = make_store(tmp_path / "data", clock)
    memory_keyring.entries.clear()  # as after a Windows profile reset
    w = start(paths)
    w.sign_in.username.setText("amorgan")  # typed on the sign-in page the keyring put up
    w.sign_in.sign_in.click()
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.recovery)
    w.recovery.secret.setText("AAAA-BBBB-CCCC")
    w.recovery.unlock.click()
    qtbot.waitUntil(lambda: w.recovery.problem.isVisible(), timeout=10000)
    assert "did not unlock" in w.recovery.problem.text()
    w.recovery.secret.setText(code.lower())
    w.recovery.unlock.click()
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.sign_in, timeout=10000)
    assert RESTORED in w.sign_in.explanation.text()
    assert w.sign_in.isEnabled() and w.sign_in.password.text() == ""  # asked again, not sent
    assert key_from_keyring(paths, SystemKeyring()) == w.services.store.key


def test_passphrase_store_asks_for_the_passphrase(qtbot, tmp_path, clock, start):
    paths, _ = make_store(tmp_path / "data", clock, keyring=False)
    w = start(paths, keyring.backends.fail.Keyring())
    assert "keyring" not in w.loading.names  # no keyring slot: not loaded for the store to open
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.passphrase)
    assert w.passphrase.alternative.isVisible()  # the recovery code is a way in too
    w.passphrase.secret.setText(PASSPHRASE)
    w.passphrase.secret.returnPressed.emit()
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.sign_in, timeout=10000)


def test_store_in_use_is_explained_with_who_holds_it(qtbot, tmp_path, clock, start):
    paths, _ = make_store(tmp_path / "data", clock)
    holder = open_store(paths, key_from_keyring(paths, SystemKeyring()), clock.now())
    try:
        w = start(paths)
        qtbot.waitUntil(lambda: w.stack.currentWidget() is w.problem)
        assert "already open" in w.problem.explanation.text()
        assert "Traceback" not in w.problem.explanation.text()
    finally:
        holder.close()
    w.problem.retry.click()
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.sign_in)


def test_no_store_at_all_is_a_problem_not_a_crash(qtbot, tmp_path, start):
    w = start(StorePaths(tmp_path / "empty"))
    assert w.stack.currentWidget() is w.problem
    assert "no APDesk store" in w.problem.explanation.text()


def test_signing_out_returns_to_sign_in_for_someone_else(qtbot, tmp_path, clock):
    from apdesk.ui.app import WindowApp
    from apdesk.ui.settings import app_settings

    paths, _ = make_store(tmp_path / "data", clock)
    root = WindowApp(paths.folder, clock, SystemKeyring(), app_settings())
    start = root.start()
    qtbot.addWidget(start)
    qtbot.waitUntil(lambda: start.stack.currentWidget() is start.sign_in)
    start.sign_in.username.setText("amorgan")
    start.sign_in.password.setText(PASSWORD)
    start.sign_in.sign_in.click()
    qtbot.waitUntil(lambda: root.window is not None and root.window.isVisible(), timeout=10000)
    assert not start.isVisible()
    window = root.window
    window.sign_out()
    assert not window.isVisible()
    assert start.isVisible() and start.stack.currentWidget() is start.sign_in
    assert start.sign_in.password.text() == ""
    root.shutdown()
