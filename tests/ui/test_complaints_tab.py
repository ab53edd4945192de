"""The Complaints tab: record one, refuse going back a stage, and Today opens it."""

from __future__ import annotations

import os
from datetime import date

from apdesk.domain.entities import Complaint
from apdesk.domain.enums import ComplaintStage, Role
from apdesk.services import complaints
from tests.ui.conftest import open_tab, rows_of, shown_box


def shown_message(qtbot, tab) -> str:
    box = shown_box(qtbot, tab)
    text = box.text()
    box.close()
    return text


def test_record_a_complaint_and_never_go_back_a_stage(qtbot, make_window, world, qtmodeltester):
    window = make_window(Role.DEPUTY_DSL)
    tab = open_tab(qtbot, window, "Complaints")
    qtmodeltester.check(tab.model)
    tab.new_record()
    editor = tab.editor
    qtbot.waitUntil(lambda: editor.complaint is not None and editor.panel.showing_content)
    editor.complainant.setText("Sam Parent")
    editor.relationship.setText("Parent")
    editor.received_on.set_value(date(2026, 11, 16))
    editor.provider.set_value(world["provider"].id)
    editor.placement.set_value(world["placement"].id)
    editor.summary.setPlainText("No one met Robin at the gate on Monday")
    editor.stage.set_value(ComplaintStage.PROVIDER)
    editor.stage_since.set_value(date(2026, 11, 20))
    editor.save()
    qtbot.waitUntil(lambda: len(rows_of(tab)) == 1)
    assert rows_of(tab)[0][1:] == [
        "Sam Parent",
        "Bridgeway Learning",
        "Robin Testcase",
        "Provider",
        "Provider stage: due by 4 Dec 2026",
    ]
    qtbot.waitUntil(lambda: editor.complaint.id is not None)
    if os.environ.get("APDESK_SHOTS"):
        editor.panel.window().grab().save(os.environ["APDESK_SHOTS"] + "/complaints.png")
    editor.stage.set_value(ComplaintStage.HEADTEACHER)
    editor.save()
    assert "never back" in shown_message(qtbot, tab)
    assert rows_of(tab)[0][4] == "Provider"


def test_today_lists_the_open_complaint_and_opens_it(qtbot, make_window, services, actors, world):
    saved = complaints.save_complaint(
        services,
        actors[Role.DSL],
        Complaint("Sam Parent", date(2026, 11, 2), world["provider"].id, summary="Late pick-ups"),
    )
    window = make_window(Role.HEADTEACHER)
    today = open_tab(qtbot, window, "Today")
    (row,) = [r for r in rows_of(today) if "Sam Parent" in " ".join(map(str, r))]
    assert "Complaint overdue" in row
    line = next(line for line in today.model.rows if line.item.kind == "Complaint overdue")
    today.activate_row(line)
    tab = window.tabs.currentWidget()
    assert tab.title == "Complaints"
    editor = tab.editor
    qtbot.waitUntil(lambda: editor.complaint is not None and editor.complaint.id == saved.id)
    assert "overdue since 16 Nov 2026" in editor.status.text()


def test_the_tab_is_only_for_those_who_handle_complaints(make_window):
    for role in (Role.INCLUSION_LEAD, Role.ATTENDANCE_LEAD, Role.ADMINISTRATOR):
        window = make_window(role)
        assert "Complaints" not in [window.tabs.tabText(i) for i in range(window.tabs.count())]
