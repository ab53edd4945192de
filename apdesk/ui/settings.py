"""Window preferences kept between sessions (QSettings): layout, splitters, the idle lock,
each list's hidden columns and sort order, and the tab last open.

Only layout and preferences live here, never a child's data. Tests point QSettings at a
temporary folder with `QSettings.setPath`, so they never read or write the user's settings.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

IDLE_MINUTES = "lock/idle_minutes"
LAST_TAB = "window/tab"
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


def _json(settings: QSettings, key: str) -> object:
    try:
        return json.loads(str(settings.value(key, "null")))
    except ValueError:
        return None  # a hand-edited or damaged value: as if none was kept


def hidden_columns(settings: QSettings, name: str) -> set[str]:
    """The headings of the columns someone hid in the list `name` (a tab's class name)."""
    value = _json(settings, f"lists/{name}/hidden")
    return {str(v) for v in value} if isinstance(value, list) else set()


def save_hidden_columns(settings: QSettings, name: str, headers: set[str]) -> None:
    settings.setValue(f"lists/{name}/hidden", json.dumps(sorted(headers)))


def list_sort(settings: QSettings, name: str) -> tuple[str, bool] | None:
    """The heading the list `name` was last sorted by, and whether descending; None if unsorted."""
    value = _json(settings, f"lists/{name}/sort")
    if isinstance(value, list) and len(value) == 2 and isinstance(value[0], str):
        return value[0], bool(value[1])
    return None


def save_list_sort(settings: QSettings, name: str, header: str | None, descending: bool) -> None:
    kept = None if header is None else [header, descending]
    settings.setValue(f"lists/{name}/sort", json.dumps(kept))


def last_tab(settings: QSettings) -> str:
    """The class name of the tab open when the window last closed or changed tab."""
    return str(settings.value(LAST_TAB, ""))


def save_last_tab(settings: QSettings, name: str) -> None:
    settings.setValue(LAST_TAB, name)
