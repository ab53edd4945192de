"""What the start needs once a key is in hand, loaded on a thread of its own after the first paint.

The start window paints before the database libraries load (decision 0024); this thread then
imports the store, the services and the keyring library and lets SQLAlchemy finish the
entities' mapping, about half a second of a slow PC's time, while the person types. Imports
hold Python's lock, so the thread gains nothing from running beside another import; it runs
beside the passphrase's key derivation (Argon2id lets go of the lock). A worker job that needs
the store calls `wait()` first, so no two threads import the same modules at once; if the
loading failed, the job's own import meets the error and the start window explains it.
"""

from __future__ import annotations

import importlib
import logging
import threading

log = logging.getLogger("apdesk.ui")

# the set-up service brings the store, the services, the school and staff with it
AFTER_THE_PAINT = ("apdesk.services.setup", "keyring")


class Loading:
    def __init__(self, names: tuple[str, ...] = AFTER_THE_PAINT) -> None:
        self._names = names
        self._done = threading.Event()
        self._started = threading.Lock()
        self._thread: threading.Thread | None = None

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
            for name in self._names:
                importlib.import_module(name)
            from apdesk.storage.mapping import configure_now

            configure_now()
        except Exception:  # the job that needs the module imports it again and says why
            log.exception("loading the store's modules after the first paint failed")
        finally:
            self._done.set()
