"""One worker for database and PDF work: run a callable off the GUI thread, answer on it.

As Anki's `QueryOp`: `worker.run(fn, on_done, on_failed)` runs `fn()` on a single background
thread (so database work is serialised) and calls `on_done(result)` or `on_failed(exc)` on the
GUI thread. Callbacks never run on the worker thread, so they may touch widgets; `fn` must not.
Work still running after a second shows a progress dialog with what is happening.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from apdesk.ui import gc_guard

log = logging.getLogger("apdesk.ui")

Done = Callable[[Any], object]
Failed = Callable[[BaseException], object]
PROGRESS_AFTER_MS = 1000
_running = threading.local()  # on the worker's thread, the widget whose job is running


def asking() -> QWidget | None:
    """The widget that asked for the job running on this thread (None off the worker, or
    for a job nobody in particular asked for): the change bus names it as a change's origin."""
    widget: QWidget | None = getattr(_running, "widget", None)
    return widget


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits its signals, Qt queues them across."""

    finished = Signal(object)
    failed = Signal(object)


def _emit(signal: Any, value: object) -> None:
    try:
        signal.emit(value)
    except RuntimeError:  # the widget that asked has gone; nobody is waiting
        log.debug("worker result dropped: its receiver was deleted")


class Worker(QObject):
    """The program's one background thread, with callbacks on the GUI thread."""

    busy_changed = Signal(bool)

    def __init__(
        self, parent: QObject | None = None, progress_after_ms: int = PROGRESS_AFTER_MS
    ) -> None:
        super().__init__(parent)
        # A plain Python thread that lives as long as the worker: its thread state (and so any
        # per-thread database connection) stays the same from one job to the next, which a
        # QThreadPool thread does not promise.
        gc_guard.acquire()  # cycles holding Qt objects must only be collected on this thread
        self._stopped = False
        self._jobs: queue.Queue[tuple[Callable[[], Any], _Relay, QWidget | None] | None] = (
            queue.Queue()
        )
        self._thread = threading.Thread(target=self._loop, name="apdesk-worker", daemon=True)
        self._thread.start()
        self._pending = 0
        self._relays: set[_Relay] = set()  # held until their answer is delivered
        self._held: list[tuple[Callable[[], Any], _Relay, QWidget | None]] | None = None
        self._progress_after_ms = progress_after_ms

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Done | None = None,
        on_failed: Failed | None = None,
        *,
        label: str = "",
        parent: QWidget | None = None,
    ) -> None:
        """Run `fn()` in the background; `label` names the work in the progress dialog.

        `parent` is the widget that asked: the progress dialog sits over it, and if it has
        been deleted by the time the answer comes, the callbacks are skipped.
        """
        relay = _Relay()
        progress = _DelayedProgress(label, parent, self._progress_after_ms) if label else None

        def finish(callback: Callable[[Any], object] | None, value: object) -> None:
            if progress is not None:
                progress.stop()
            if not shiboken6.isValid(self):
                return  # the program is closing; the answer is not wanted
            self._step(-1)
            self._relays.discard(relay)
            relay.deleteLater()
            if parent is not None and not shiboken6.isValid(parent):
                return  # the widget that asked has closed; its answer is not wanted
            if callback is not None:
                callback(value)

        relay.finished.connect(
            lambda value: finish(on_done, value), Qt.ConnectionType.QueuedConnection
        )
        relay.failed.connect(
            lambda exc: finish(on_failed or _log_failure, exc), Qt.ConnectionType.QueuedConnection
        )
        self._relays.add(relay)
        self._step(+1)
        if self._held is not None:
            self._held.append((fn, relay, parent))
        else:
            self._jobs.put((fn, relay, parent))

    def hold(self) -> None:
        """Keep the jobs asked for from now on until `release`, then run them in order.

        For a window's first build: its first jobs (the sign-in sweep, Today's rows) hold
        Python's lock on the worker while the GUI thread builds and paints the window, and
        each thread then waits for the other every few milliseconds. Held, they begin once
        the window is on screen."""
        if self._held is None:
            self._held = []

    def release(self) -> None:
        """Begin the jobs kept since `hold`, in the order they were asked for (once)."""
        held, self._held = self._held, None
        for job in held or ():
            self._jobs.put(job)

    def _loop(self) -> None:
        while (job := self._jobs.get()) is not None:
            fn, relay, _running.widget = job
            try:
                result = fn()
            except BaseException as exc:  # every failure goes back to the GUI thread
                _emit(relay.failed, exc)
            else:
                _emit(relay.finished, result)
            finally:
                _running.widget = None
                self._jobs.task_done()
        self._jobs.task_done()

    def wait(self, msecs: int = 30000) -> bool:
        """Block until queued work is finished (for shutdown and tests); held jobs too."""
        self.release()
        deadline = time.monotonic() + msecs / 1000
        while self._jobs.unfinished_tasks and time.monotonic() < deadline:
            time.sleep(0.002)
        return not self._jobs.unfinished_tasks

    def stop(self, msecs: int = 30000) -> None:
        """Finish queued work, then end the thread (the answers are not delivered)."""
        if self._stopped:
            return
        self._stopped = True
        self.wait(msecs)
        self._jobs.put(None)
        self._thread.join(msecs / 1000)
        gc_guard.release()

    def _step(self, delta: int) -> None:
        was_busy = self.busy
        self._pending += delta
        if was_busy != self.busy:
            self.busy_changed.emit(self.busy)


def _log_failure(exc: BaseException) -> None:
    log.error("background work failed", exc_info=exc)


class _DelayedProgress:
    """A busy dialog that appears only if the work is still going after a delay."""

    def __init__(self, label: str, parent: QWidget | None, delay_ms: int) -> None:
        self._label = label
        self._parent = parent
        self._dialog: QProgressDialog | None = None
        self._timer = QTimer()
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show)
        self._timer.start(delay_ms)

    def _show(self) -> None:
        dialog = QProgressDialog(self._label, "", 0, 0, self._parent)
        dialog.setWindowTitle("APDesk")
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAccessibleName(self._label)
        dialog.show()
        self._dialog = dialog

    def stop(self) -> None:
        self._timer.stop()
        if self._dialog is not None and shiboken6.isValid(self._dialog):
            self._dialog.close()
            self._dialog.deleteLater()
        self._dialog = None
