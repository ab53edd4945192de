"""Window preferences kept between sessions (QSettings): layout, splitters, the idle lock.

Only layout and preferences live here, never a child's data. Tests point QSettings at a
temporary folder with `QSettings.setPath`, so they never read or write the user's settings.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

IDLE_MINUTES = "lock/idle_minutes"
DEFAULT_IDLE_MINUTES = 5


def app_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "APDesk", "APDesk")


def idle_minutes(settings: QSettings) -> int:
    """Minutes without keyboard or mouse before the window locks (at least 1)."""
    try:
        value = int(str(settings.value(IDLE_MINUTES, DEFAULT_IDLE_MINUTES)))
    except ValueError:
        value = DEFAULT_IDLE_MINUTES
    return max(1, value)


def restore_window(settings: QSettings, window: QMainWindow) -> None:
    value = settings.value("window/geometry")
    if isinstance(value, QByteArray):
        window.restoreGeometry(value)
    state = settings.value("window/state")
    if isinstance(state, QByteArray):
        window.restoreState(state)


def save_window(settings: QSettings, window: QMainWindow) -> None:
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())


def restore_splitter(settings: QSettings, name: str, splitter: QSplitter) -> None:
    value = settings.value(f"splitters/{name}")
    if isinstance(value, QByteArray):
        splitter.restoreState(value)


def save_splitter(settings: QSettings, name: str, splitter: QSplitter) -> None:
    settings.setValue(f"splitters/{name}", splitter.saveState())
