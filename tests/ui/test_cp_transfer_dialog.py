"""Pupils > Transfer CP file…: the pack is saved where chosen, opens with the code shown
once, is listed with its receipt due, and the receipt is recorded. Who has the button:
tests/ui/test_pupil_records_dialogs.py."""

from __future__ import annotations

import os
from pathlib import Path

from pypdf import PdfReader

from apdesk.domain.enums import Role
from apdesk.ui import cp_transfer_dialog
from apdesk.ui.cp_transfer_dialog import CpTransferDialog
from tests.ui.pupil_dialogs import open_pupil, rows, save_as


def test_the_dsl_makes_a_pack_sees_the_code_once_and_records_the_receipt(
    qtbot, make_window, world, tmp_path: Path, monkeypatch
):
    window, editor = open_pupil(qtbot, make_window, world, Role.DSL)
    target = tmp_path / "out" / "pack.pdf"
    asked = save_as(monkeypatch, cp_transfer_dialog, target)
    editor.leaving.open_transfer()
    dialog = window.findChild(CpTransferDialog)
    qtbot.waitUntil(lambda: dialog.empty.isVisible())
    assert rows(dialog) == []

    dialog.make()  # nothing typed: said under the form, no file asked for
    assert dialog.problem.text() == "Enter the school the file goes to."
    assert asked == []

    dialog.school.setText("Hillcrest Fictional High")
    dialog.urn.setText("123456")
    dialog.dsl.setText("Sam Receiver")
    with qtbot.waitSignal(dialog.sent, timeout=20000) as sent:
        dialog.make()
    pack = sent.args[0]
    assert asked == ["CP file - Robin Testcase - for Hillcrest Fictional High - 28 Nov 2026.pdf"]
    code = dialog.code_dialog.code.text()
    assert code == pack.code and len(code) == 24
    shown = " ".join(label.text() for label in dialog.code_dialog.findChildren(type(dialog.empty)))
    assert "only time the code is shown" in shown and "Sam Receiver" in shown
    if os.environ.get("APDESK_SHOTS"):
        dialog.code_dialog.grab().save(os.environ["APDESK_SHOTS"] + "/cp-transfer-code.png")
    reader = PdfReader(target)
    assert reader.is_encrypted
    assert reader.decrypt(code)
    assert "Robin Testcase" in reader.pages[0].extract_text()
    dialog.code_dialog.accept()

    qtbot.waitUntil(lambda: len(rows(dialog)) == 1)
    _sent, to, dsl, receipt = rows(dialog)[0]
    assert (to, dsl) == ("Hillcrest Fictional High", "Sam Receiver")
    assert receipt == "no receipt yet (due by 4 Dec 2026)"  # five school days (28 Nov: a Saturday)
    assert dialog.school.text() == ""  # ready for another

    # the same school the same day again: the service's refusal, under the form
    dialog.school.setText("Hillcrest Fictional High")
    dialog.dsl.setText("Sam Receiver")
    dialog.make()
    qtbot.waitUntil(lambda: dialog.problem.isVisible())
    assert "already sent to Hillcrest Fictional High on 28 Nov 2026" in dialog.problem.text()

    assert not dialog.receipt_button.isEnabled()
    dialog.view.selectRow(0)
    assert dialog.receipt_button.isEnabled()
    if os.environ.get("APDESK_SHOTS"):
        dialog.grab().save(os.environ["APDESK_SHOTS"] + "/cp-transfer.png")
    receipt_dialog = dialog.ask_receipt()
    receipt_dialog.on.line.setText("1/12/2026")  # in the future on 28 Nov 2026
    receipt_dialog.accept()
    qtbot.waitUntil(lambda: receipt_dialog.problem.isVisible())
    assert "1 Dec 2026 is in the future" in receipt_dialog.problem.text()
    receipt_dialog.on.line.setText("28/11/2026")
    receipt_dialog.who.setText("Sam Receiver (DSL)")
    with qtbot.waitSignal(dialog.listed, timeout=20000):
        receipt_dialog.accept()
    assert rows(dialog)[0][3] == "Received 28 Nov 2026 (Sam Receiver (DSL))"
    dialog.view.selectRow(0)
    assert not dialog.receipt_button.isEnabled()
