"""Save as in the window goes through the same checks as every other write."""

from __future__ import annotations

import stat

from PySide6.QtWidgets import QMessageBox, QWidget

from apdesk.ui.files import write_file


def test_save_as_refuses_the_stores_own_files_and_says_why(qtbot, services):
    parent = QWidget()
    qtbot.addWidget(parent)
    db = services.store.paths.db
    before = db.stat().st_size
    assert write_file(parent, db, b"%PDF-1.7 a letter") is False
    boxes = [w for w in parent.findChildren(QMessageBox) if w.isVisible()]
    assert len(boxes) == 1 and "file of an APDesk store" in boxes[0].text()
    boxes[0].close()
    assert db.stat().st_size == before


def test_save_as_writes_an_ordinary_file_owner_only(qtbot, tmp_path):
    parent = QWidget()
    qtbot.addWidget(parent)
    target = tmp_path / "Annex B.pdf"
    assert write_file(parent, target, b"%PDF-1.7 signed") is True
    assert target.read_bytes() == b"%PDF-1.7 signed"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
