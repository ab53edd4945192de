"""Files the person chooses: where to save a copy, which file to open, and safe file names.

Dialogs start in the folder the person last chose a file in (kept in QSettings), else in
their Documents folder, never the program's working folder. A file reaches the disk only here, at a
place the person picked, through `services.output.save_file` (never over a store's own
files, atomically, owner-only); a refusal or failure is a plain-English message.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from apdesk.domain.errors import ApdeskError
from apdesk.services.output import save_file
from apdesk.ui.errors import show_error
from apdesk.ui.settings import app_settings

PDF_FILTER = "PDF documents (*.pdf)"
UNSAFE = set('<>:"/\\|?*')
LAST_FOLDER_KEY = "files/last_folder"


def safe_filename(*parts: str, suffix: str = ".pdf") -> str:
    """'Annex B - Bridgeway Learning - signed 28 Nov 2026.pdf': parts joined, unsafe marks out."""
    text = " - ".join(part.strip() for part in parts if part.strip())
    cleaned = "".join("-" if ch in UNSAFE or ord(ch) < 32 else ch for ch in text)
    return (cleaned.strip(" .") or "APDesk document") + suffix


def documents_folder() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()


def start_folder() -> Path:
    """Where a file dialog opens: the last folder used, while it still exists, else Documents."""
    last = app_settings().value(LAST_FOLDER_KEY, "")
    folder = Path(str(last)) if last else None
    return (
        folder
        if folder is not None and folder.is_absolute() and folder.is_dir()
        else (documents_folder())
    )


def _chosen(path: str) -> Path | None:
    if not path:
        return None
    chosen = Path(path)
    app_settings().setValue(LAST_FOLDER_KEY, str(chosen.parent))
    return chosen


def choose_save_path(
    parent: QWidget, caption: str, suggested: str, file_filter: str = PDF_FILTER
) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(
        parent, caption, str(start_folder() / suggested), file_filter
    )
    return _chosen(path)


def choose_open_path(parent: QWidget, caption: str, file_filter: str = PDF_FILTER) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, caption, str(start_folder()), file_filter)
    return _chosen(path)


def write_file(parent: QWidget, path: Path, data: bytes) -> bool:
    """Write `data` to the chosen `path`; say so plainly if that is not possible."""
    try:
        save_file(path, data)
    except ApdeskError as exc:
        show_error(parent, exc)
        return False
    return True
