"""The screenshots beyond one per tab: the Annex B page, document previews, checking a
signature, and the Administration tab as the Administrator sees it.

Called by `apdesk.ui.screenshots` on its throw-away demo store; each grabs a widget as the
person would see it, after the worker has finished.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtWidgets import QApplication, QDialog, QWidget

from apdesk.services import documents as document_service
from apdesk.services import staff as staff_service
from apdesk.services.context import Actor, AppServices
from apdesk.ui.document_dialogs import PlacementPicker
from apdesk.ui.main_window import MainWindow
from apdesk.ui.tabs.common.base import ListDetailTab
from apdesk.ui.tabs.providers.tab import ProvidersTab
from apdesk.ui.verify_dialog import VerifyDialog
from apdesk.ui.viewer import DocumentViewer
from apdesk.ui.worker import Worker

T = TypeVar("T")
Settle = Callable[..., None]
Save = Callable[[QWidget, Path, str], Path]


def on_worker(app: QApplication, worker: Worker, settle: Settle, fn: Callable[[], T]) -> T:
    """Run a service call on the worker (never beside it on this thread) and wait for it."""
    answers: list[T] = []
    worker.run(fn, answers.append)
    settle(app, worker, lambda: bool(answers), 60.0)
    return answers[0]


def _dialog(window: QWidget, kind: type[QDialog]) -> QDialog | None:
    found = [d for d in window.findChildren(kind) if d.isVisible()]
    return found[-1] if found else None


def _tab(window: MainWindow, title: str) -> ListDetailTab:
    tab = next(t for t in window.tab_pages if t.title == title)
    assert isinstance(tab, ListDetailTab)
    window.tabs.setCurrentWidget(tab)
    return tab


def shoot_annex_b(
    app: QApplication, window: MainWindow, worker: Worker, out: Path, settle: Settle, save: Save
) -> bytes:
    """The first provider's Annex B page, signed off by the demo Headteacher first."""
    services, head = window.ctx.services, window.ctx.actor
    tab = _tab(window, "Providers")
    settle(app, worker, lambda: tab.loaded)
    provider = tab.model.rows[0]
    signed = on_worker(
        app,
        worker,
        settle,
        lambda: document_service.sign_annex_b(services, head, provider.id, "demo-password-head"),
    )
    tab.select_key(provider.id)
    assert isinstance(tab, ProvidersTab)
    editor = tab.editor
    settle(app, worker, lambda: editor.provider is not None)
    editor.pages.setCurrentWidget(editor.annex_b)
    settle(app, worker)
    save(window, out, "03b-providers-annex-b")
    return signed


def shoot_documents(
    app: QApplication, window: MainWindow, worker: Worker, out: Path, settle: Settle, save: Save
) -> None:
    """A parent letter in the preview, the list for a batch of letters, a verified signature."""
    tab = _tab(window, "Placements")
    settle(app, worker, lambda: tab.loaded)
    tab.view.selectRow(0)
    settle(app, worker)
    window.documents.parent_letter()
    settle(app, worker, lambda: _dialog(window, DocumentViewer) is not None)
    viewer = _dialog(window, DocumentViewer)
    if viewer is not None:
        save(viewer, out, "04b-parent-letter-preview")
        viewer.close()
    window.documents.choose_letters()
    settle(app, worker, lambda: _dialog(window, PlacementPicker) is not None)
    picker = _dialog(window, PlacementPicker)
    if picker is not None:
        save(picker, out, "04c-letters-for-chosen-placements")
        picker.close()


def shoot_verify(
    app: QApplication,
    window: MainWindow,
    worker: Worker,
    signed: bytes,
    out: Path,
    settle: Settle,
    save: Save,
) -> None:
    """Checking the signed Annex B that `shoot_annex_b` made."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "Annex B - signed.pdf"
        path.write_bytes(signed)
        window.documents.school.verify_file(path)
        settle(app, worker, lambda: _dialog(window, VerifyDialog) is not None)
    dialog = _dialog(window, VerifyDialog)
    if dialog is not None:
        save(dialog, out, "91-verify-a-signed-document")
        dialog.close()


def shoot_administration(
    app: QApplication,
    services: AppServices,
    window_for: Callable[[Actor], MainWindow],
    worker: Worker,
    out: Path,
    settle: Settle,
    save: Save,
) -> None:
    """The Administration tab as the demo Administrator sees it (their only tab)."""
    admin = on_worker(
        app, worker, settle, lambda: staff_service.sign_in(services, "admin", "demo-password-admin")
    )
    window = window_for(admin)
    tab = _tab(window, "Administration")
    settle(app, worker, lambda: tab.loaded)
    tab.view.selectRow(0)
    settle(app, worker)
    save(window, out, "08-administration")
    window.close()
