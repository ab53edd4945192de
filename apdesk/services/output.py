"""Saving a file the person chose, for the window: the same checks and atomic, owner-only
write as every other file APDesk writes (`storage.files.write_output`)."""

from __future__ import annotations

from pathlib import Path

from apdesk.storage.files import (
    DISK_FULL,
    check_output_path,
    is_disk_full,
    open_output,
    write_output,
)

__all__ = ["DISK_FULL", "check_output_path", "is_disk_full", "open_output", "save_file"]


def save_file(path: Path, data: bytes) -> Path:
    """Write `data` to `path`; a store's own file, a folder or a device is refused."""
    return write_output(path, data)
