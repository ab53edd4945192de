"""Warns when a store sits on a network share or in a synced folder, where SQLite is unsafe."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_SYNCED = ("onedrive", "dropbox", "google drive", "googledrive", "icloud", "box sync", "nextcloud")
_NETWORK_FS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "sshfs", "fuse.sshfs", "9p", "afs"}


def location_warning(folder: Path) -> str | None:
    """A plain-English warning, or None when the folder looks like a local disk."""
    text = str(folder)
    if text.startswith(("\\\\", "//")):
        return _warning(folder, "is on a network share")
    lowered = text.lower()
    if any(name in lowered for name in _SYNCED):
        return _warning(folder, "is inside a synced folder (such as OneDrive)")
    if _is_network_mount(folder) or _is_windows_remote_drive(folder):
        return _warning(folder, "is on a network drive")
    return None


def _warning(folder: Path, where: str) -> str:
    return (
        f"The APDesk data folder {folder} {where}. A database there can be damaged or "
        "copied without its journal. Move it to this computer's own disk (see the README)."
    )


def _is_network_mount(folder: Path) -> bool:
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8").splitlines()
    except OSError:
        return False
    resolved = str(folder.resolve())
    best, best_type = "", ""
    for line in mounts:
        parts = line.split()
        if len(parts) >= 3 and resolved.startswith(parts[1]) and len(parts[1]) > len(best):
            best, best_type = parts[1], parts[2]
    return best_type in _NETWORK_FS


def _is_windows_remote_drive(folder: Path) -> bool:
    if sys.platform != "win32":  # as os.name != "nt", but mypy understands this form
        return False
    import ctypes

    drive = os.path.splitdrive(str(folder.resolve()))[0] + "\\"
    drive_remote = 4
    return bool(ctypes.windll.kernel32.GetDriveTypeW(drive) == drive_remote)
