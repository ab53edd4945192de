"""What the start needs next, loaded while the person types instead of while they wait.

`Loading`: once a key is in hand the start needs the store and the services, loaded on a
thread of its own after the first paint. `IdleSteps`: on the sign-in page, the main
window's modules, a module at a time on the GUI thread between keystrokes.

The start window paints before the database libraries load (decision 0024); this thread then
imports the store, the services and the keyring library (not for a store without a keyring
slot: only a recovery code's job asks the keyring then, and imports it itself) and lets
SQLAlchemy finish the entities' mapping, about half a second of a slow PC's time, while the
person types. Imports hold Python's lock, so the thread gains nothing from running beside
another import; it runs beside the passphrase's key derivation (Argon2id lets go of the
lock). A worker job that needs the store calls `wait()` first, so no two threads import the
same modules at once; if the loading failed, the job's own import meets the error and the
start window explains it.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer

from apdesk.ui import gc_guard

log = logging.getLogger("apdesk.ui")

# the set-up service brings the store, the services, the school and staff with it
AFTER_THE_PAINT = ("apdesk.services.setup", "keyring")


class Loading:
    def __init__(self, names: tuple[str, ...] = AFTER_THE_PAINT) -> None:
        self._names = names
        self._done = threading.Event()
        self._started = threading.Lock()
        self._thread: threading.Thread | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return self._names

    def leave_out(self, name: str) -> None:
        """Not `name`, if the loading has not begun (the keyring library for a store that
        has no keyring slot: it is asked only after a recovery code, by that job)."""
        with self._started:
            if self._thread is None:
                self._names = tuple(n for n in self._names if n != name)

    def start(self) -> None:
        """Begin, once; later calls do nothing."""
        with self._started:
            if self._thread is None:
                self._thread = threading.Thread(target=self._load, name="apdesk-loading")
                self._thread.daemon = True
                self._thread.start()

    def wait(self) -> None:
        """Until the loading is over (it is begun first if it was not)."""
        self.start()
        self._done.wait()

    def _load(self) -> None:
        try:
            with gc_guard.loading():
                for name in self._names:
                    importlib.import_module(name)
                from apdesk.storage.mapping import configure_now

                configure_now()
        except Exception:  # the job that needs the module imports it again and says why
            log.exception("loading the store's modules after the first paint failed")
        finally:
            self._done.set()


class IdleSteps(QObject):
    """Run each step on the GUI thread when it is idle, one per turn of the event loop, so a
    keystroke waits for one step at most; a step that fails is logged and the rest go on."""

    def __init__(self, steps: Iterable[Callable[[], object]], parent: QObject | None = None):
        super().__init__(parent)
        self._steps = iter(steps)
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._next)
        self._timer.start()

    def _next(self) -> None:
        step = next(self._steps, None)
        if step is None:
            self._timer.stop()
            return
        try:
            step()
        except Exception:
            log.exception("a step of what the window needs next failed")

    @property
    def done(self) -> bool:
        return not self._timer.isActive()
