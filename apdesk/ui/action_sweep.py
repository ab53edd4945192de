"""When the window opens the automatic actions now due (`automatic_actions.open_due_actions`).

Reads never write (docs/decisions/0019-reads-never-write.md), so loading Today opens no
action: this does, as a write of its own on the worker, where a DSL expects the actions to
appear. Once at sign-in, queued before any tab's first load (so Today's first rows hold
them); after a change that can cross a threshold (a mark, a review, an incident, a
placement, a provider's check, the calendar...), once the changes pause; and when time alone
brings actions due with the window open: at a register's close (an unmarked session is now
an absence to follow up) and at midnight (`ui/clock_watch.py`). A sweep asked for while one
is waiting runs once.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.services import automatic_actions
from apdesk.services.changes import Change
from apdesk.ui.bus import entities
from apdesk.ui.context import UiContext

#: Changes that cannot bring an action due: the sweep's own (actions), and those that alter
#: no record. Every other kind can (a mark, a review, a placement, a check, a term...).
CANNOT_CROSS = frozenset({RecordKind.ACTION, RecordKind.EXPORT, RecordKind.PERMISSION})
#: After a change, the sweep waits this long for the next one: a register typed mark by mark
#: is swept once when the typing pauses, not once a mark ahead of the next mark's save.
SETTLE_MS = 1500
log = logging.getLogger("apdesk.ui")


class ActionSweep(QObject):
    """Opens the automatic actions due for the signed-in person, on the worker."""

    def __init__(
        self,
        ctx: UiContext,
        parent: QObject,
        settle_ms: int = SETTLE_MS,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._waiting = False
        if not ctx.may(Permission.EDIT_ACTIONS):
            return  # nobody else may open actions; their Today shows what others opened
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(settle_ms)
        self._settle.timeout.connect(self.sweep)
        ctx.bus.changed.connect(self._on_changed)
        ctx.bus.time_passed.connect(self.sweep)
        self.sweep()

    def sweep(self) -> None:
        if self._waiting:
            return
        self._waiting = True
        svc, actor = self.ctx.services, self.ctx.actor
        self.ctx.worker.run(
            lambda: automatic_actions.open_due_actions(svc, actor), self._done, self._failed
        )

    def _done(self, _opened: object) -> None:
        self._waiting = False

    def _failed(self, exc: BaseException) -> None:
        # Nobody asked, so no dialog: logged, and the next change or day tries again.
        self._waiting = False
        log.error("opening the automatic actions due failed", exc_info=exc)

    def _on_changed(self, changes: tuple[Change, ...]) -> None:
        if entities(changes) - CANNOT_CROSS:
            self._settle.start()  # (again): the sweep runs once the changes pause
