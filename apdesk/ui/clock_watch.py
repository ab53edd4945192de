"""What time alone changes: midnight, and each register's close.

The lists show what the clock decides as well as what the records say. An expected session
with no mark becomes an unexplained absence once its register closes (policy §9), a review
becomes overdue the day after it was due, a check lapses at midnight. Nothing is saved at
those moments, so nothing comes through the bus's `changed`: with the window open from
08:00, a child with no mark at 10:00 stayed off Today until someone saved something. This
watch looks at the clock every half minute and, when midnight or a register's close has
passed since it last looked, says so on the bus (`ChangeBus.time_passed`): every loaded tab
reloads (when seen) and the action sweep opens the follow-ups now due.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QObject, QTimer

from apdesk.domain.attendance import DEFAULT_CLOSES, RegisterCloses
from apdesk.domain.entities import School
from apdesk.domain.record_kinds import RecordKind
from apdesk.services import school
from apdesk.services.changes import Change
from apdesk.ui.bus import entities
from apdesk.ui.context import UiContext

CHECK_MS = 30_000
log = logging.getLogger("apdesk.ui")


def time_passed(since: datetime, now: datetime, closes: RegisterCloses) -> bool:
    """Whether midnight or a register's close came after `since` and by `now`. A clock put
    back to another day counts too: whatever the day, the lists should be that day's."""
    if now.date() != since.date():
        return True
    return any(since < datetime.combine(now.date(), at) <= now for at in (closes.am, closes.pm))


class ClockWatch(QObject):
    """Emits `ctx.bus.time_passed` when midnight or a register's close has passed."""

    def __init__(self, ctx: UiContext, parent: QObject, check_ms: int = CHECK_MS) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.closes = DEFAULT_CLOSES  # until the school's own are read
        self._since = ctx.clock.now()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(check_ms)
        ctx.bus.changed.connect(self._on_changed)
        self._read_closes()

    def check(self) -> None:
        now = self.ctx.clock.now()
        if time_passed(self._since, now, self.closes):
            self.ctx.bus.time_passed.emit()
        self._since = now

    def _read_closes(self) -> None:
        svc, actor = self.ctx.services, self.ctx.actor
        self.ctx.worker.run(lambda: school.get_school(svc, actor), self._closes_read, self._failed)

    def _closes_read(self, details: object) -> None:
        if isinstance(details, School):
            self.closes = RegisterCloses(details.am_register_closes, details.pm_register_closes)

    def _failed(self, exc: BaseException) -> None:
        # Nobody asked, so no dialog: the default closes stand until the next try.
        log.error("reading the registers' closing times failed", exc_info=exc)

    def _on_changed(self, changes: tuple[Change, ...]) -> None:
        if RecordKind.SCHOOL in entities(changes):  # the school may have moved its closes
            self._read_closes()
