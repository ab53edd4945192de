"""Pupils > Subject access…: the Headteacher and DSL record a request, see it due a calendar
month later, make the PDF and JSON bundle (redacted if they choose) and mark it completed.
Who has the button: tests/ui/test_pupil_records_dialogs.py."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from apdesk.domain.enums import Role
from apdesk.ui import subject_access_dialog
from apdesk.ui.subject_access_dialog import SubjectAccessDialog
from tests.ui.pupil_dialogs import open_pupil, rows, save_as

ALLOWED = {Role.HEADTEACHER, Role.DSL}


@pytest.mark.parametrize("role", sorted(ALLOWED))
def test_a_request_is_recorded_bundled_and_completed(
    qtbot, make_window, world, role, tmp_path: Path, monkeypatch
):
    window, editor = open_pupil(qtbot, make_window, world, role)
    editor.leaving.open_access()
    dialog = window.findChild(SubjectAccessDialog)
    qtbot.waitUntil(lambda: dialog.empty.isVisible())
    assert not dialog.bundle_button.isEnabled() and not dialog.complete_button.isEnabled()

    dialog.record()  # nothing typed: the service's sentence, under the form
    qtbot.waitUntil(lambda: dialog.problem.isVisible())
    assert dialog.problem.text() == "Enter who made the request."
    dialog.requester.setText("Pat Testcase")
    dialog.relationship.setText("Mother")
    dialog.received.line.setText("30/11/2026")
    dialog.record()
    qtbot.waitUntil(lambda: "in the future" in dialog.problem.text())
    assert rows(dialog) == []

    dialog.received.line.setText("31/10/2026")
    dialog.scope.setPlainText("Everything about Robin")
    with qtbot.waitSignal(dialog.listed, timeout=20000):
        dialog.record()
    assert "Answer it by 30 Nov 2026" in dialog.told.text()
    dialog.told.accept()
    assert rows(dialog) == [
        [
            "Sat 31 Oct 2026",
            "Pat Testcase (Mother)",
            "Everything about Robin",
            "Due by 30 Nov 2026",  # one calendar month: 30 Nov has no 31st
        ]
    ]
    assert dialog.requester.text() == "" and dialog.problem.isHidden()

    target = tmp_path / "out" / "sar.pdf"
    suggested = save_as(monkeypatch, subject_access_dialog, target)
    bundle = dialog.ask_bundle()
    assert bundle.redact.isChecked()
    bundle.extra.setText("Bridgeway, ")
    if os.environ.get("APDESK_SHOTS"):
        bundle.grab().save(os.environ["APDESK_SHOTS"] + "/sar-bundle.png")
    with qtbot.waitSignal(dialog.disclosed, timeout=30000):
        bundle.accept()
    assert suggested == ["Subject access - Robin Testcase - 28 Nov 2026.pdf"]
    data = json.loads(target.with_suffix(".json").read_text("utf-8"))
    assert data["request"]["requester"] == "Pat Testcase"
    assert data["request"]["redacted"] is True
    assert data["pupil"]["legal_first_name"] == "Robin"
    assert data["incidents"][0]["reported_by"] == "[redacted]"  # a member of staff
    # the extra name typed is blanked in free text (the provider's own field is kept)
    assert "Placement at [redacted] Learning started" in json.dumps(data)
    pages = " ".join(p.extract_text() for p in PdfReader(target).pages)
    assert "Robin Testcase" in pages and "[redacted]" in pages
    assert "sar.pdf" in dialog.told.text() and "sar.json" in dialog.told.text()
    dialog.told.accept()

    if os.environ.get("APDESK_SHOTS"):
        dialog.grab().save(os.environ["APDESK_SHOTS"] + f"/sar-{role.value}.png")
    done = dialog.ask_complete()
    done.on.line.setText("1/12/2026")
    done.accept()
    qtbot.waitUntil(lambda: done.problem.isVisible())
    assert "Give a day from 31 Oct 2026 to today" in done.problem.text()
    done.on.line.setText("27/11/2026")
    with qtbot.waitSignal(dialog.listed, timeout=20000):
        done.accept()
    assert rows(dialog)[0][3] == "Completed 27 Nov 2026"
    assert not dialog.complete_button.isEnabled() and dialog.bundle_button.isEnabled()
