"""Python's cycle collector runs only on the GUI thread while a worker thread is alive.

The collector runs on whichever thread happens to allocate when a threshold is crossed. If
that is the worker thread and the garbage holds a Qt object Python owns (a parentless one in
a reference cycle), Qt destroys it on the wrong thread: "Timers cannot be stopped from
another thread", and worse. So while a worker exists, automatic collection is switched off
and a timer on the GUI thread collects instead (the recipe PyQt users know well);
`tests/ui/test_infrastructure.py` shows the wrong-thread destruction without it.

(An earlier version also kept collections and worker jobs apart. SQLCipher is built
thread-safe, so a cursor finalised on the GUI thread mid-job is safe, and nothing showed that
rule was needed; it is gone.)
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class _GuiThreadCollector(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.users = 0
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(collect_due)


def collect_due() -> None:
    """Collect the oldest generation past its threshold, as automatic collection would have
    (the timer's step; the benchmarks count it in a step's time). Not while a thread loads
    modules: what it makes is kept, not collected (`loading`)."""
    if _loading:
        return
    counts, thresholds = gc.get_count(), gc.get_threshold()
    generation = next((g for g in (2, 1, 0) if counts[g] > thresholds[g]), None)
    if generation is not None:
        gc.collect(generation)


_collector: _GuiThreadCollector | None = None


_loading = 0  # threads loading modules now (ui.loading); the timer waits for them


@contextlib.contextmanager
def loading() -> Iterator[None]:
    """Around a thread's imports, then keep what they made: a collection on the GUI thread
    meanwhile walks the new modules' objects half-made (117 ms once, mid-loading)."""
    global _loading
    _loading += 1
    try:
        yield
    finally:
        keep_what_is_loaded()
        _loading -= 1


def keep_what_is_loaded() -> None:
    """After a burst of imports: what they made (modules, classes, functions) lives as long as
    the program, so move it out of the collector's sight (`gc.freeze`) rather than have the
    timer walk it. With collection off while the store's modules and the main window's load,
    the first timed collections walked a few hundred thousand young objects, 50-70 ms each
    on the GUI thread, just as the window was wanted. Safe on any thread: nothing is freed."""
    gc.freeze()


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
