"""The one app-level "changed" signal: services report what changed, every tab hears it.

`AppServices` calls its listeners on whatever thread committed (often the worker). The bus
re-emits the changes through a queued signal, so receivers always run on the GUI thread.
Each tab decides for itself whether the change concerns it; no tab reaches into another.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal

from apdesk.domain.record_kinds import RecordKind
from apdesk.services.changes import Change
from apdesk.ui.worker import asking

if TYPE_CHECKING:
    from apdesk.services.app_services import AppServices


class ChangeBus(QObject):
    """`changed` carries a tuple of `Change(entity, entity_id, action, origin)` after each
    commit; `origin` is the widget that asked the worker for the work, if one did.

    `time_passed()`: midnight or a register's close has passed (`ui/clock_watch.py`): what the
    clock alone decides (an unmarked session now an absence, a review now overdue) may differ.

    `store_replaced(services, note)`: a restore put another store in place (`services` is it,
    open, or None if nothing could be opened); everyone is signed out, with `note` to read.
    """

    changed = Signal(object)
    time_passed = Signal()
    store_replaced = Signal(object, str)
    _arrived = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._arrived.connect(self.changed.emit, Qt.ConnectionType.QueuedConnection)

    def attach(self, services: AppServices) -> None:
        services.subscribe(self._hear)

    def _hear(self, changes: tuple[Change, ...]) -> None:
        origin = asking()  # this runs on the committing thread: the worker, for a tab's job
        if origin is not None:
            changes = tuple(replace(change, origin=origin) for change in changes)
        # RuntimeError: the window has closed; nobody is listening any more.
        with contextlib.suppress(RuntimeError):
            self._arrived.emit(changes)


def entities(changes: tuple[Change, ...]) -> frozenset[RecordKind]:
    """The kinds of record a batch of changes altered (`RecordKind.PLACEMENT`, ...)."""
    return frozenset(change.entity for change in changes)
