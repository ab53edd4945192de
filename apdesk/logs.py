"""The technical log, `apdesk.log` in the data folder, set up in one place: `apdesk.cli.main`,
which the window starts from too (so the window never sets it up again).

The file is opened on the first line written, creating the data folder (owner-only) if it
does not exist yet, so an error during first set-up is logged too. A log that cannot be
written (a full disk, a read-only folder) is skipped silently: the user has already been
told in plain words what happened, and a logging traceback would only hide that.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from apdesk.storage.files import make_private_dir

LOG_NAME = "apdesk.log"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
log = logging.getLogger("apdesk")


class _DataFolderLog(logging.FileHandler):
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        super().__init__(folder / LOG_NAME, encoding="utf-8", delay=True)
        self.setFormatter(logging.Formatter(FORMAT))

    def _open(self):  # type: ignore[no-untyped-def]
        make_private_dir(self.folder)
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        return open(fd, "a", encoding="utf-8")

    def emit(self, record: logging.LogRecord) -> None:
        # FileHandler opens the file outside StreamHandler's guard: a folder that cannot be
        # made (a full disk, /proc, read-only) would raise from every log call.
        try:
            super().emit(record)
        except Exception:
            self.handleError(record)

    def flush(self) -> None:
        with contextlib.suppress(OSError):
            super().flush()

    def handleError(self, record: logging.LogRecord) -> None:
        """Never print "--- Logging error ---" over the plain message the user was given."""


def log_to(folder: Path) -> None:
    """Send APDesk's log lines to `folder/apdesk.log`, replacing any earlier set-up (`main`
    run again in one process, on another data folder, logs there only, each line once)."""
    for handler in list(log.handlers):
        if isinstance(handler, _DataFolderLog):
            log.removeHandler(handler)
            handler.close()
    log.addHandler(_DataFolderLog(folder))
    log.setLevel(logging.INFO)
    log.propagate = False
