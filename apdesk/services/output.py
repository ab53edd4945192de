"""Saving a file the person chose, for the window: the same checks and atomic, owner-only
write as every other file APDesk writes (`storage.files.write_output`)."""

from __future__ import annotations

from pathlib import Path

from apdesk.storage.files import check_output_path, write_output

__all__ = ["check_output_path", "save_file"]


def save_file(path: Path, data: bytes) -> Path:
    """Write `data` to `path`; a store's own file, a folder or a device is refused."""
    return write_output(path, data)
