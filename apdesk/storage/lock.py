"""One program per store: an OS-held lock file plus a note of who holds it and since when.

The OS releases the lock when a program dies, so a lock left by a crash is recognised as
stale (the note is still there but nobody holds the lock) and taken over.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout

from apdesk.storage.errors import StoreInUse
from apdesk.storage.files import write_atomic

LOCK_NAME = "apdesk.lock"
HOLDER_NAME = "apdesk.lock.json"


def _whoami() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown user"


class StoreLock:
    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._lock = FileLock(str(folder / LOCK_NAME), timeout=0, thread_local=False, mode=0o600)
        self.stale_holder: dict[str, str] | None = None

    @property
    def _holder_path(self) -> Path:
        return self._folder / HOLDER_NAME

    def acquire(self, now: datetime) -> None:
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise StoreInUse(self._in_use_message()) from None
        self.stale_holder = self._read_holder()
        note = {
            "user": _whoami(),
            "host": socket.gethostname(),
            "pid": str(os.getpid()),
            "since": now.isoformat(timespec="seconds"),
        }
        write_atomic(self._holder_path, json.dumps(note).encode())

    def release(self) -> None:
        if self._lock.is_locked:
            with contextlib.suppress(FileNotFoundError):
                self._holder_path.unlink()
            self._lock.release()

    def _read_holder(self) -> dict[str, str] | None:
        try:
            data = json.loads(self._holder_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def _in_use_message(self) -> str:
        holder = self._read_holder()
        if not holder:
            return "APDesk is already open on this store. Close the other copy first."
        since = holder.get("since", "")
        with contextlib.suppress(ValueError):
            since = datetime.fromisoformat(since).strftime("%d %b %Y at %H:%M")
        return (
            f"APDesk is already open on this store by {holder.get('user', 'someone')} "
            f"on {holder.get('host', 'another computer')} since {since}. "
            "Close it there first; only one copy may use the store at a time."
        )
