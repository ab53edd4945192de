"""File > Import pupils…: choose an MIS export, see every row's fate, then import.

The preview is worked out on the worker and shown as a table (line, status, UPN, name and
what changes or is wrong); nothing is written until Import is pressed, and then only the new
and updated rows, in one transaction (services.pupil_import); the change bus then tells
the Pupils tab, as after any save.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from apdesk.services import pupil_import
from apdesk.services.pupil_import import ImportPreview, ImportResult, PreviewRow, RowStatus
from apdesk.ui.context import UiContext
from apdesk.ui.files import choose_open_path
from apdesk.ui.models import Column, RowTableModel
from apdesk.ui.tabs.common.base import fit_columns, make_table
from apdesk.ui.widgets import note_label

TITLE = "Import pupils"
CSV_FILTER = "CSV exports (*.csv *.txt);;All files (*)"
COLUMNS: tuple[Column[PreviewRow], ...] = (
    Column("Line", lambda r: str(r.line), sort_key=lambda r: r.line),
    Column("Status", lambda r: r.status.value.capitalize()),
    Column("UPN", lambda r: r.upn),
    Column("Name", lambda r: r.name),
    Column("Changes or problem", lambda r: r.detail),
)


def open_import(ctx: UiContext, parent: QWidget) -> None:
    """Ask for the file, then preview it on the worker and show the dialog."""
    path = choose_open_path(parent, "Choose the pupil export from the MIS", CSV_FILTER)
    if path is not None:
        preview_file(ctx, parent, path)


def preview_file(ctx: UiContext, parent: QWidget, path: Path) -> None:
    svc, actor = ctx.services, ctx.actor

    def work() -> tuple[bytes, ImportPreview]:
        data = path.read_bytes()
        return data, pupil_import.preview_import(svc, actor, data)

    ctx.run(work, lambda got: _show(ctx, parent, path, *got), parent=parent,
            label="Reading the export…")  # fmt: skip


def _show(
    ctx: UiContext, parent: QWidget, path: Path, data: bytes, preview: ImportPreview
) -> ImportDialog:
    dialog = ImportDialog(ctx, path, data, preview, parent)
    dialog.finished.connect(dialog.deleteLater)
    dialog.show()
    return dialog


class ImportDialog(QDialog):
    def __init__(
        self,
        ctx: UiContext,
        path: Path,
        data: bytes,
        preview: ImportPreview,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.data, self.preview = ctx, data, preview
        self.imported: ImportResult | None = None
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        self.resize(900, 520)
        self.model: RowTableModel[PreviewRow] = RowTableModel(COLUMNS)
        self.model.set_rows(preview.rows)
        view = make_table("Rows of the export")
        view.setModel(self.model)
        view.setWordWrap(True)
        self.summary = note_label(f"{path.name}: {preview.summary}")
        self.summary.setAccessibleName("Summary")
        writable = preview.count(RowStatus.NEW) + preview.count(RowStatus.UPDATE)
        note = (
            "Nothing is written until you press Import. Rows with a problem are left out: "
            "put them right in the MIS and import the file again."
            if writable
            else "Nothing to import: every row is already up to date or has a problem."
        )
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(
            f"&Import {writable} pupils", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setAccessibleName("Import")
        self.import_button.setEnabled(bool(writable))
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        close.setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(view, 1)
        layout.addWidget(note_label(note))
        layout.addWidget(self.buttons)
        fit_columns(view, 320)

    def accept(self) -> None:
        svc, actor, data = self.ctx.services, self.ctx.actor, self.data
        self.buttons.setEnabled(False)
        self.ctx.run(
            lambda: pupil_import.apply_import(svc, actor, data),
            self._done,
            parent=self,
            label="Importing pupils…",
            on_failed=lambda _: self.buttons.setEnabled(True),
        )

    def _done(self, result: ImportResult) -> None:
        self.imported = result
        self.buttons.setEnabled(True)
        self.summary.setText(result.summary)
        super().accept()
