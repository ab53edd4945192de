"""The screenshots beyond one per tab: the Annex B page, document previews, checking a
signature, a pupil's History, and the Administration tab as the Administrator sees it.

Called by `apdesk.ui.screenshots` on its throw-away demo store; each grabs a widget as the
person would see it, after the worker has finished.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtWidgets import QApplication, QDialog, QWidget

from apdesk.services import documents as document_service
from apdesk.services import parents as parent_service
from apdesk.services import staff as staff_service
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.ui.document_dialogs import PlacementPicker
from apdesk.ui.main_window import MainWindow
from apdesk.ui.pupil_history_dialog import HistoryDialog
from apdesk.ui.tabs.common.base import ListDetailTab
from apdesk.ui.tabs.placements.tab import PlacementsTab
from apdesk.ui.tabs.providers.tab import ProvidersTab
from apdesk.ui.verify_dialog import VerifyDialog
from apdesk.ui.viewer import DocumentViewer
from apdesk.ui.worker import Worker

T = TypeVar("T")
Settle = Callable[..., None]
Save = Callable[[QWidget, Path, str], Path]


def shot_name(title: str, detail: str = "") -> str:
    """A tab's file name from its title (and what else it shows): "tab-ap-referrals",
    "tab-providers-annex-b"; lower case, no spaces, the same wherever the tab sits."""
    words = re.findall(r"[a-z0-9]+", f"tab {title} {detail}".lower())
    return "-".join(words)


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
    save(window, out, shot_name("Providers", "Annex B"))
    return signed


def shoot_parents(
    app: QApplication, window: MainWindow, worker: Worker, out: Path, settle: Settle, save: Save
) -> None:
    """The Parents page of the placement with the fullest record of contacts and feedback."""
    services, actor = window.ctx.services, window.ctx.actor
    tab = _tab(window, "Placements")
    settle(app, worker, lambda: tab.loaded)
    assert isinstance(tab, PlacementsTab)
    ids: list[int] = [row.id for row in tab.model.rows]

    def fullest() -> int:
        def size(placement_id: int) -> int:
            records = parent_service.records_for(services, actor, placement_id)
            return len(records.contacts) + 2 * len(records.feedback)

        return max(ids, key=size)

    chosen = on_worker(app, worker, settle, fullest)
    tab.select_key(chosen)
    page = tab.editor.parents
    settle(app, worker, lambda: page.placement_id == chosen)
    tab.editor.pages.setCurrentWidget(page)
    settle(app, worker)
    save(window, out, shot_name("Placements", "Parents"))
    tab.editor.pages.setCurrentIndex(0)


def shoot_history(
    app: QApplication, window: MainWindow, worker: Worker, out: Path, settle: Settle, save: Save
) -> None:
    """The History of the pupil on the Pupils tab's first row (what the Headteacher sees)."""
    tab = _tab(window, "Pupils")
    settle(app, worker, lambda: tab.loaded)
    tab.view.selectRow(0)
    editor = getattr(tab, "editor", None)
    settle(app, worker, lambda: editor is not None and editor.pupil is not None)
    if editor is None:
        return
    editor.leaving.open_history()
    dialog = _dialog(window, HistoryDialog)
    if not isinstance(dialog, HistoryDialog):
        return
    settle(app, worker, lambda: dialog.proxy.rowCount() > 0)
    save(dialog, out, "pupil-history")
    dialog.close()


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
        save(viewer, out, shot_name("Placements", "parent letter preview"))
        viewer.close()
    window.documents.choose_letters()
    settle(app, worker, lambda: _dialog(window, PlacementPicker) is not None)
    picker = _dialog(window, PlacementPicker)
    if picker is not None:
        save(picker, out, shot_name("Placements", "letters for chosen placements"))
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
        save(dialog, out, "verify-a-signed-document")
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
    save(window, out, shot_name("Administration"))
    window.close()
