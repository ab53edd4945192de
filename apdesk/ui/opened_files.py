"""Evidence files APDesk cannot show itself (Word, Excel, e-mails...), opened with the PC's
own program from a temporary copy.

The copy goes in a private folder of its own (owner-only, one subfolder per opening) under
the system's temporary folder, and the whole folder is deleted when APDesk closes and again
when it next starts (after a crash). Only these copies are ever left outside the store, and
only while APDesk runs.
"""

from __future__ import annotations

import getpass
import os
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from apdesk.services.output import save_file
from apdesk.ui.files import safe_filename

__all__ = ["clear_opened", "open_with_system", "opened_folder"]


def opened_folder() -> Path:
    """The private folder for copies being looked at: this user's, owner-only."""
    user = "".join(ch for ch in getpass.getuser() if ch.isalnum()) or "user"
    return Path(tempfile.gettempdir()) / f"apdesk-opened-{user}"


def open_with_system(data: bytes, filename: str) -> Path | None:
    """Write a copy and ask the system to open it; None when no program would open it
    (the copy is then removed at once)."""
    folder = opened_folder()
    folder.mkdir(mode=0o700, exist_ok=True)
    if os.name == "posix":
        os.chmod(folder, 0o700)
    here = Path(tempfile.mkdtemp(dir=folder))
    name = Path(filename)
    path = save_file(here / safe_filename(name.stem, suffix=name.suffix.lower()), data)
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return path
    shutil.rmtree(here, ignore_errors=True)
    return None


def clear_opened() -> None:
    """Delete every copy made for viewing (at close, and at start after a crash)."""
    shutil.rmtree(opened_folder(), ignore_errors=True)
