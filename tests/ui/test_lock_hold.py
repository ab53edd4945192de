"""The lock keeps open forms for the same person: hidden while locked, back with their typing
after; signing out instead drops them unseen (after a warning that names no record)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from apdesk.domain.enums import Role
from apdesk.ui import lock_hold
from apdesk.ui.tabs.administration.account_dialogs import NewAccountDialog
from tests.ui.conftest import open_tab

Button = QMessageBox.StandardButton


def new_account_typed(qtbot, window):
    tab = open_tab(qtbot, window, "Administration")
    tab.new_button.click()
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(NewAccountDialog)))
    dialog = next(d for d in window.findChildren(NewAccountDialog) if d.isVisible())
    dialog.username.setText("jgreen")
    dialog.display_name.setText("Jo Green")
    return dialog


def test_an_open_form_comes_back_with_its_typing_after_the_unlock(qtbot, make_window):
    window = make_window(Role.HEADTEACHER)
    dialog = new_account_typed(qtbot, window)
    window.lock()
    assert not dialog.isVisible() and window.has_changes()
    window.unlock()  # (the password check itself is tested with the lock page)
    qtbot.waitUntil(dialog.isVisible)
    assert (dialog.username.text(), dialog.display_name.text()) == ("jgreen", "Jo Green")


def test_signing_out_at_the_lock_warns_then_drops_the_form_unseen(qtbot, make_window):
    window = make_window(Role.HEADTEACHER)
    dialog = new_account_typed(qtbot, window)
    rejected: list[bool] = []
    dialog.rejected.connect(lambda: rejected.append(True))
    window.lock()

    def press(button: Button) -> None:
        def look() -> None:
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox):
                pressed.append(box.text())
                box.button(button).click()
            else:
                QTimer.singleShot(10, look)

        QTimer.singleShot(0, look)

    pressed: list[str] = []
    press(Button.Cancel)
    window.lock_page.sign_out_button.click()
    assert window.locked and not rejected  # Cancel: still locked, the form still kept
    assert "Alex Morgan (Head) has typing in APDesk that is not saved" in pressed[0]
    press(Button.Discard)
    with qtbot.waitSignal(window.signed_out):
        window.lock_page.sign_out_button.click()
    assert rejected == [True] and not dialog.isVisible()


def test_a_question_asked_with_exec_survives_the_lock(qtbot, make_window):
    """A reason being typed (run by exec) is shown again, as typed, after the unlock."""
    window = make_window(Role.HEADTEACHER)
    seen: list[str] = []

    def typing() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QInputDialog):
            QTimer.singleShot(10, typing)
            return
        box.setTextValue("typed the wrong date")
        window.lock()
        seen.append("hidden" if not box.isVisible() else "shown")
        QTimer.singleShot(10, window.unlock)
        QTimer.singleShot(20, back)

    def back() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QInputDialog):
            QTimer.singleShot(10, back)
            return
        seen.append(box.textValue())
        box.accept()

    QTimer.singleShot(0, typing)
    text, ok = lock_hold.ask_text(window, "Correct a check", "Why?")
    assert seen == ["hidden", "typed the wrong date"]
    assert (text, ok) == ("typed the wrong date", True)


def test_a_question_asked_with_exec_ends_unseen_when_someone_signs_out(qtbot, make_window):
    window = make_window(Role.HEADTEACHER)

    def typing() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QInputDialog):
            QTimer.singleShot(10, typing)
            return
        box.setTextValue("something about a child")
        window.lock()
        QTimer.singleShot(10, discard)

    def discard() -> None:
        def look() -> None:
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox):
                box.button(Button.Discard).click()
            else:
                QTimer.singleShot(10, look)

        QTimer.singleShot(0, look)
        window.lock_page.sign_out_button.click()

    QTimer.singleShot(0, typing)
    assert lock_hold.ask_text(window, "Correct a check", "Why?") == ("", False)
