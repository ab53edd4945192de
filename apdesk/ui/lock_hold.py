"""Locking keeps the forms that were open: hidden while locked, back with their typing after.

When the window locks, every open dialog is hidden (nothing of it stays on screen) and
marked as held. The same person's password shows each again as it was. Signing out from
the lock page (perhaps someone else) rejects them unseen: the typing is dropped, never shown.

A dialog opened with `open()` simply hides and shows. One run with `exec()` stops running
when it is hidden, so such dialogs are run through `run_modal`, which waits while the window
is locked and runs the same dialog again (fields as they were) once it is unlocked.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QObject, Qt
from PySide6.QtWidgets import QDialog, QInputDialog, QProgressDialog, QWidget

HELD = "apdesk_held_by_lock"  # hidden by the lock, to come back
DROPPED = "apdesk_dropped_by_lock"  # signed out while held: the typing is discarded
RUNNING = "apdesk_run_modal"  # inside run_modal, which shows it again itself
OWNER = "apdesk_lock_owner"  # on the workspace, which the lock takes out of its window


def hold(window: QWidget) -> list[QDialog]:
    """Hide the window's open dialogs (the innermost first); they are kept for `release`.

    A busy note (a progress dialog) is hidden but not kept: its work may end meanwhile."""
    shown = [d for d in window.findChildren(QDialog) if d.isVisible()]
    held = [d for d in shown if not isinstance(d, QProgressDialog)]
    for dialog in reversed(shown):
        dialog.setProperty(HELD, dialog in held)
        dialog.hide()
    return held


def release(held: list[QDialog], same_person: bool) -> None:
    """After an unlock, show the held dialogs again; after a sign-out, drop them unseen."""
    for dialog in held:
        if not _alive(dialog):
            continue
        if same_person:
            dialog.setProperty(HELD, False)
            if not dialog.property(RUNNING):
                dialog.show()
        else:
            dialog.setProperty(DROPPED, True)
            if not dialog.property(RUNNING):
                dialog.reject()


def is_kept(dialog: QDialog) -> bool:
    """Whether a dialog the lock hid is still there to come back."""
    return _alive(dialog) and bool(dialog.property(HELD))


def run_modal(dialog: QDialog) -> int:
    """`dialog.exec()`, but a lock in the middle does not end it: it is shown again, as the
    person left it, once they unlock; if someone signs out instead, it ends as Rejected."""
    dialog.setProperty(RUNNING, True)
    try:
        while True:
            result = dialog.exec()
            if not dialog.property(HELD) and not dialog.property(DROPPED):
                return result
            if not _wait_for_unlock(dialog) or dialog.property(DROPPED):
                return int(QDialog.DialogCode.Rejected)
            dialog.setProperty(HELD, False)
    finally:
        if _alive(dialog):
            dialog.setProperty(RUNNING, False)


def lock_owner(widget: QObject) -> QObject | None:
    """The main window `widget` belongs to (the one with a lock), if any, locked or not."""
    found: QObject | None = widget
    while found is not None:
        if hasattr(found, "lock_released") and hasattr(found, "locked"):
            return found
        owner = found.property(OWNER)
        found = owner if isinstance(owner, QObject) else found.parent()
    return None


def when_unlocked(widget: QObject, then: Callable[[], object]) -> None:
    """`then()` now, or when the same person unlocks the window (never after a sign-out)."""
    owner = lock_owner(widget)
    if owner is None or not getattr(owner, "locked", False):
        then()
        return

    def released(same_person: bool) -> None:
        if same_person:
            when_unlocked(widget, then)

    owner.lock_released.connect(  # type: ignore[attr-defined]
        released, Qt.ConnectionType.SingleShotConnection
    )


def _wait_for_unlock(dialog: QDialog) -> bool:
    """Wait while the owner is locked; False if it went away (signed out, closed)."""
    owner = lock_owner(dialog)
    if owner is None:
        return False
    if getattr(owner, "locked", False):
        loop = QEventLoop()
        owner.lock_released.connect(loop.quit)  # type: ignore[attr-defined]
        owner.destroyed.connect(loop.quit)
        loop.exec()
    return _alive(dialog) and not dialog.property(DROPPED)


def _alive(widget: QObject) -> bool:
    import shiboken6

    return bool(shiboken6.isValid(widget))


def ask_text(parent: QWidget, title: str, label: str) -> tuple[str, bool]:
    """`QInputDialog.getMultiLineText` that a lock in the middle does not lose."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
    try:
        accepted = run_modal(dialog) == QDialog.DialogCode.Accepted
        return (dialog.textValue(), True) if accepted and _alive(dialog) else ("", False)
    finally:
        if _alive(dialog):
            dialog.deleteLater()


def ask_item(parent: QWidget, title: str, label: str, items: list[str]) -> tuple[str, bool]:
    """`QInputDialog.getItem` (not editable) that a lock in the middle does not lose."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setComboBoxItems(items)
    dialog.setComboBoxEditable(False)
    try:
        accepted = run_modal(dialog) == QDialog.DialogCode.Accepted
        return (dialog.textValue(), True) if accepted and _alive(dialog) else ("", False)
    finally:
        if _alive(dialog):
            dialog.deleteLater()
