"""Office files as evidence: kept in the store, opened with the PC's own program from a
private temporary copy that is deleted afterwards; dialogs start in the last folder used."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices

from apdesk.domain.enums import Role
from apdesk.domain.errors import InvalidInput, PermissionDenied
from apdesk.services import providers as provider_service
from apdesk.ui import files, opened_files
from apdesk.ui.viewer import DocumentViewer
from tests.domain.test_evidence_types import DOCX
from tests.ui.conftest import open_tab


@pytest.fixture
def opened(monkeypatch, tmp_path):
    """The system's 'open this file' call, recorded instead of starting Word."""
    monkeypatch.setattr(opened_files.tempfile, "gettempdir", lambda: str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    urls: list[Path] = []

    def open_url(url):
        urls.append(Path(url.toLocalFile()))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(open_url))
    return urls


def test_a_word_document_is_kept_and_opens_in_the_pcs_program_from_a_private_copy(
    qtbot, make_window, world, tmp_path, opened
):
    tab = open_tab(qtbot, make_window(Role.DSL), "Providers")
    tab.select_key(world["provider"].id)
    section = tab.editor.checks
    qtbot.waitUntil(lambda: section.model.rowCount() > 0)
    section.view.selectRow(0)
    evidence = section.files
    path = tmp_path / "Insurance certificate.docx"
    path.write_bytes(DOCX)
    evidence.attach_path(path)
    qtbot.waitUntil(lambda: evidence.model.rowCount() == 1, timeout=10000)
    path.unlink()  # only the store has it now
    evidence.view.selectRow(0)
    evidence.view_selected()
    qtbot.waitUntil(lambda: bool(opened), timeout=10000)
    [copy] = opened
    assert copy.name == "Insurance certificate.docx" and copy.read_bytes() == DOCX
    assert not tab.findChildren(DocumentViewer)  # not shown from memory: Word opens it
    folder = opened_files.opened_folder()
    assert folder in copy.parents
    if os.name == "posix":
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    opened_files.clear_opened()  # what closing APDesk (and the next start) does
    assert not folder.exists()


def test_office_files_are_judged_by_content_and_by_role(services, actors, world):
    dsl = actors[Role.DSL]
    check = provider_service.get_provider(services, dsl, world["provider"].id)[0].checks[0]
    kept = provider_service.add_evidence(services, dsl, check.id, "cover.docx", DOCX)
    [info] = provider_service.list_evidence(services, dsl, check.id)
    assert info.id == kept and info.media_type.endswith("wordprocessingml.document")
    with pytest.raises(InvalidInput, match="can hold macros"):
        provider_service.add_evidence(services, dsl, check.id, "cover.docm", DOCX)
    with pytest.raises(InvalidInput, match="is a program"):
        provider_service.add_evidence(services, dsl, check.id, "cover.pdf", b"MZ\x90\x00")
    with pytest.raises(PermissionDenied):
        provider_service.add_evidence(
            services, actors[Role.ATTENDANCE_LEAD], check.id, "cover.docx", DOCX
        )
    assert len(provider_service.list_evidence(services, dsl, check.id)) == 1


def test_file_dialogs_start_in_documents_then_in_the_last_folder_used(tmp_path, monkeypatch):
    assert files.start_folder() == files.documents_folder()
    chosen = tmp_path / "evidence" / "cover.pdf"
    chosen.parent.mkdir()
    asked: list[str] = []

    def dialog(parent, caption, start, file_filter):
        asked.append(start)
        return str(chosen), file_filter

    monkeypatch.setattr(files.QFileDialog, "getSaveFileName", staticmethod(dialog))
    monkeypatch.setattr(files.QFileDialog, "getOpenFileName", staticmethod(dialog))
    assert files.choose_save_path(None, "Save", "letter.pdf") == chosen
    assert asked[0] == str(files.documents_folder() / "letter.pdf")
    assert files.choose_open_path(None, "Open") == chosen
    assert asked[1] == str(chosen.parent)
    chosen.parent.rename(tmp_path / "gone")  # a folder since removed: back to Documents
    assert files.start_folder() == files.documents_folder()
