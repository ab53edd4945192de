"""Raise a concern from a pupil's record in the window: anyone who sees the pupil can."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from apdesk.domain.enums import IncidentCategory, Role
from apdesk.services import incidents
from apdesk.ui.tabs.pupils import concern_dialog
from tests.ui.conftest import open_tab


@pytest.mark.parametrize("role", [Role.INCLUSION_LEAD, Role.ATTENDANCE_LEAD, Role.DSL])
def test_a_concern_raised_from_the_pupils_record_reaches_the_dsl(
    qtbot, make_window, world, services, actors, role, monkeypatch, tmp_path
):
    told: list[str] = []

    def fill_and_accept(dialog: concern_dialog.ConcernDialog) -> int:
        dialog.when.set_value(datetime(2026, 11, 28, 8, 50))
        dialog.what.setPlainText("She said she was scared to go home tonight.")
        dialog.grab().save(str(tmp_path / f"concern-{role.value}.png"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(concern_dialog.ConcernDialog, "exec", fill_and_accept)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    window = make_window(role)
    tab = open_tab(qtbot, window, "Pupils")
    tab.select_key(world["pupil"].id)
    editor = tab.editor
    qtbot.waitUntil(lambda: editor.pupil is not None)
    assert editor.concern_button.isVisibleTo(window)
    editor.concern_button.click()
    qtbot.waitUntil(lambda: bool(told), timeout=10000)
    assert told[0].startswith("You raised a concern about Robin Testcase")
    assert "scared" not in told[0]
    dsl = actors[Role.DSL]
    records = [
        incidents.open_incident(services, dsl, r.id)
        for r in incidents.list_incidents(services, dsl)
    ]
    (record,) = [r for r in records if "scared to go home" in r.narrative]
    assert record.category is IncidentCategory.SAFEGUARDING_CONCERN
    assert record.status.value == "open" and record.pupil_links[0].pupil_id == world["pupil"].id
    mine = incidents.my_concerns(services, actors[role])
    assert [c.pupil for c in mine] == ["Robin Testcase"]
