"""Every window opens on the screen it is shown on: never larger than what is free, never off it.

A school laptop is often 1366x768, and a 1920x1080 screen at 150 % scaling leaves 1280x720
for the program, less the taskbar. A size remembered from a bigger monitor, or a dialog's
preferred size, could put buttons below the taskbar. `ScreenFitter`, installed once on the
application, shrinks each window as it is first shown to the screen's available area (less
room for the title bar), keeps it no smaller than its layout's minimum, and moves it fully
on screen. Layouts keep their minimum heights below what those screens give (tests check).
A dialog is first made wide enough to show its title and its fields' placeholders.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPlainTextEdit, QWidget

TITLE_BAR = 32  # what the window manager's frame adds above a window, when Qt cannot say yet
SCREENS = {"1366x768": QSize(1366, 768), "1920x1080 at 150 %": QSize(1280, 720)}
TASKBAR = 48  # the taskbar on those screens (Windows 10/11 at 150 %, logical pixels)
# Beside a dialog's title: its icon and close button, with Windows 11's margins (logical px).
TITLE_ROOM = 130
FIELD_PADDING = 24  # a field's frame and margins around its text
FRAME_SIDE = 8


def available(widget: QWidget) -> QRect:
    """The part of the widget's screen that windows may use (without the taskbar)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 720)


def fit_on_screen(widget: QWidget, area: QRect | None = None) -> None:
    """Shrink the window to the free area (not below its minimum) and move it onto it."""
    area = area or available(widget)
    frame = widget.frameGeometry().height() - widget.geometry().height()
    frame = frame if frame > 0 else TITLE_BAR
    side = max(0, widget.frameGeometry().width() - widget.geometry().width())
    least = widget.minimumSizeHint().expandedTo(widget.minimumSize())
    width = max(min(widget.width(), area.width() - side), least.width())
    height = max(min(widget.height(), area.height() - frame), least.height())
    if (width, height) != (widget.width(), widget.height()):
        widget.resize(width, height)
    right, bottom = area.x() + area.width(), area.y() + area.height()
    left = min(max(widget.x(), area.x()), max(area.x(), right - width - side))
    top = min(max(widget.y(), area.y()), max(area.y(), bottom - height - frame))
    if widget.isWindow() and (left, top) != (widget.x(), widget.y()):
        widget.move(left, top)


def within_screen(widget: QWidget, wanted: QSize, parent: QWidget | None = None) -> QSize:
    """`wanted`, made no larger than the free area of the screen the window opens on (its
    parent's), less the frame: a window asks for the size it can have from the start."""
    area = available(parent if parent is not None else widget)
    return QSize(
        min(wanted.width(), area.width() - 2 * FRAME_SIDE),
        min(wanted.height(), area.height() - TITLE_BAR - FRAME_SIDE),
    )


def readable(dialog: QDialog, area: QRect | None = None) -> None:
    """A dialog wide enough for its title in the title bar (beside the icon and the close
    button) and each field for its placeholder, within the free area: Qt sizes a dialog by
    its fields alone, so a short form cut "Correct a vetting check" to "Correct a vet…"."""
    room = (area or available(dialog)).width() - 2 * FRAME_SIDE
    metrics = dialog.fontMetrics()
    for field in dialog.findChildren(QLineEdit) + dialog.findChildren(QPlainTextEdit):
        hint = field.placeholderText()
        if hint:
            wanted = min(metrics.horizontalAdvance(hint) + FIELD_PADDING, room // 2)
            field.setMinimumWidth(max(field.minimumWidth(), wanted))
    title = metrics.horizontalAdvance(dialog.windowTitle()) + TITLE_ROOM
    dialog.setMinimumWidth(min(max(dialog.minimumWidth(), title), room))


class ScreenFitter(QObject):
    """Fits every top-level window to its screen the first time it is shown (a dialog made
    `readable` first)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and not watched.property("apdesk_fitted")
        ):
            watched.setProperty("apdesk_fitted", True)
            if isinstance(watched, QDialog):
                readable(watched)
            fit_on_screen(watched)
        return False


def install(app: QApplication) -> None:
    """Once per application (a second call changes nothing)."""
    if app.findChild(ScreenFitter) is None:
        app.installEventFilter(ScreenFitter(app))
