"""Locks the window after a spell without keyboard or mouse (policy: default 5 minutes).

The watcher notes the time of every key press, click and mouse movement in the application
and, on each tick of its timer, asks the injected clock whether the limit has passed. Tests
move a FixedClock on and shorten the tick instead of waiting minutes.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from apdesk.domain.clock import Clock

ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.InputMethod,
    }
)
TICK_MS = 15_000


class IdleWatcher(QObject):
    """Emits `idle` once the limit passes without activity; `reset` starts counting again."""

    idle = Signal()

    def __init__(
        self, clock: Clock, minutes: int, parent: QObject | None = None, tick_ms: int = TICK_MS
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self.limit = timedelta(minutes=minutes)
        self.last_activity: datetime = clock.now()
        self.active = True
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(tick_ms)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY:
            self.last_activity = self.clock.now()
        return False

    def check(self) -> None:
        if self.active and self.clock.now() - self.last_activity >= self.limit:
            self.active = False  # once; `reset` re-arms after the person unlocks
            self.idle.emit()

    def reset(self) -> None:
        self.last_activity = self.clock.now()
        self.active = True

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
