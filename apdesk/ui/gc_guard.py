"""Python's cycle collector runs only on the GUI thread while a worker thread is alive.

The collector runs on whichever thread happens to allocate when a threshold is crossed. If
that is the worker thread and the garbage includes a Qt object, Qt destroys it on the wrong
thread and the program crashes. So while a worker exists, automatic collection is switched
off and a timer on the GUI thread collects instead (the recipe PyQt users know well).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class _GuiThreadCollector(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.users = 0
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.collect)

    def collect(self) -> None:
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                return


_collector: _GuiThreadCollector | None = None


def acquire() -> None:
    """Called on the GUI thread when a worker starts."""
    global _collector
    if _collector is None:
        _collector = _GuiThreadCollector()
    if _collector.users == 0:
        gc.disable()
        _collector.timer.start()
    _collector.users += 1


def release() -> None:
    """Called on the GUI thread when a worker stops; the last one turns collection back on."""
    if _collector is None or _collector.users == 0:
        return
    _collector.users -= 1
    if _collector.users == 0:
        _collector.timer.stop()
        gc.enable()
