"""Python's cycle collector runs only on the GUI thread while a worker thread is alive.

The collector runs on whichever thread happens to allocate when a threshold is crossed. If
that is the worker thread and the garbage includes a Qt object, Qt destroys it on the wrong
thread and the program crashes. So while a worker exists, automatic collection is switched
off and a timer on the GUI thread collects instead (the recipe PyQt users know well).

As a precaution, a collection and a worker job never overlap either: the garbage can hold
objects the worker made (database cursors among them), and their finalisers then run while
the worker is between jobs, never in the middle of one. The collector skips a tick while a
job runs, and a job waits for a collection to finish. (The aborts first blamed on this were
PySide6 6.12.0's missing references, decision 0007; this guard was not shown to be needed.)
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

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
        generation = next((g for g in (2, 1, 0) if counts[g] > thresholds[g]), None)
        if generation is not None and _begin_collection():
            try:
                gc.collect(generation)
            finally:
                _end_collection()


_state = threading.Condition()
_jobs_running = 0
_collecting = False


def _begin_collection() -> bool:
    global _collecting
    with _state:
        if _jobs_running:
            return False  # try again at the next tick
        _collecting = True
        return True


def _end_collection() -> None:
    global _collecting
    with _state:
        _collecting = False
        _state.notify_all()


@contextmanager
def job() -> Iterator[None]:
    """Around each piece of worker work: no collection runs until it is done."""
    global _jobs_running
    with _state:
        _state.wait_for(lambda: not _collecting)
        _jobs_running += 1
    try:
        yield
    finally:
        with _state:
            _jobs_running -= 1
            _state.notify_all()


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
