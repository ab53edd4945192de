"""Plain-English error dialogs: our own errors say what to do; anything else is logged.

An `ApdeskError`'s message is written for the person at the keyboard and is shown as is.
Anything else is a bug: the person sees "Something went wrong" and where the details went,
never a traceback.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from apdesk.domain.errors import ApdeskError
from apdesk.services.output import DISK_FULL, is_disk_full

log = logging.getLogger("apdesk.ui")

UNEXPECTED = (
    "Something went wrong and APDesk could not finish that. Nothing was half-saved: try "
    "again, and if it happens again tell whoever looks after APDesk (the details are in the "
    "log file, apdesk.log, in the data folder)."
)


def user_message(exc: BaseException) -> str:
    """What to tell the user about `exc`; unexpected errors are logged with their traceback."""
    if isinstance(exc, ApdeskError):
        return str(exc)
    if is_disk_full(exc):
        return DISK_FULL
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    return UNEXPECTED


def show_error(parent: QWidget | None, exc: BaseException, title: str = "APDesk") -> QMessageBox:
    """A window-modal message that does not block the caller (it stays until dismissed)."""
    return show_message(parent, user_message(exc), title, QMessageBox.Icon.Warning)


def show_message(
    parent: QWidget | None,
    text: str,
    title: str = "APDesk",
    icon: QMessageBox.Icon = QMessageBox.Icon.Information,
) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setAccessibleName(title)
    box.open()
    return box
