"""The Today tab: what needs action now, each a click away; and the keyboard shortcuts."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from apdesk.domain.entities import Complaint
from apdesk.domain.enums import Role
from apdesk.domain.record_kinds import RecordKind
from apdesk.services import complaints
from apdesk.ui.tabs.today import ALL, TodayTab
from tests.ui.conftest import open_tab, rows_of


def test_today_lists_what_needs_action_and_opens_the_record(
    qtbot, make_window, world, qtmodeltester
):
    window = make_window(Role.DSL)
    today = open_tab(qtbot, window, "Today")
    qtmodeltester.check(today.model)
    needs = [row[0] for row in rows_of(today)]
    assert "Unexplained absence" in needs and "Review overdue" in needs
    assert needs.index("Unexplained absence") < needs.index("Review overdue")  # service order
    assert today.header.text().startswith('Show: <b>All</b> · <a href="Unexplained absence">')
    first = needs.index("Unexplained absence")
    # One line per child per day (the placement began on Wed 18 Nov, nothing marked since).
    assert rows_of(today)[first][2] == "Robin Testcase: AM no mark, PM no mark"
    assert needs.count("Unexplained absence") == 8  # Wed 18 to Fri 27 Nov: eight school days
    today.view.selectRow(first)
    assert today.open_button.text() == "Open the register at that day"
    today.open_button.click()
    register = window.current_tab()
    assert register.title == "Attendance"
    qtbot.waitUntil(
        lambda: "Week beginning Monday 16 November 2026" in register.week_label.text(),
        timeout=10000,
    )
    qtbot.waitUntil(
        lambda: register.side.row is not None and register.side.row.pupil == "Robin Testcase"
    )


def test_keyboard_shortcuts_reach_the_current_tab(qtbot, make_window, world):
    window = make_window(Role.INCLUSION_LEAD)
    pupils = open_tab(qtbot, window, "Pupils")
    qtbot.keyClick(window, Qt.Key_F, Qt.ControlModifier)
    assert QApplication.focusWidget() is pupils.search
    qtbot.keyClick(window, Qt.Key_N, Qt.ControlModifier)
    assert pupils.editor.panel.title.text() == "New pupil"
    pupils.editor.first.setText("Kit")
    pupils.editor.last.setText("Shortcut")
    pupils.editor.born.line.setText("3/3/2013")
    qtbot.keyClick(window, Qt.Key_S, Qt.ControlModifier)
    qtbot.waitUntil(lambda: any(r[0] == "Kit Shortcut" for r in rows_of(pupils)), timeout=10000)


def test_my_action_opens_its_placement_and_can_be_marked_done(
    qtbot, make_window, world, services, actors, clock
):
    from apdesk.domain.entities import Action
    from apdesk.services import actions as action_service

    dsl = actors[Role.DSL]
    action_service.add_action(
        services,
        dsl,
        Action(
            "Ring the provider about transport",
            clock.today(),
            clock.today(),
            owner_id=dsl.staff_id,
            placement_id=world["placement"].id,
        ),
    )
    window = make_window(Role.DSL)
    today = open_tab(qtbot, window, "Today")
    about = [row[2] for row in rows_of(today)]
    today.view.selectRow(about.index("Ring the provider about transport"))
    assert today.open_button.text() == "Open the placement"
    today.open_button.click()
    placements = window.current_tab()
    assert placements.title == "Placements"
    qtbot.waitUntil(lambda: placements.editor.placement is not None, timeout=10000)
    assert placements.editor.placement.id == world["placement"].id
    window.tabs.setCurrentWidget(today)
    assert today.done_button.isVisibleTo(window)
    today.note.setText("Taxi booked")
    today.done_button.click()
    qtbot.waitUntil(
        lambda: "Ring the provider about transport" not in [r[2] for r in rows_of(today)],
        timeout=10000,
    )


def test_an_old_absence_says_how_overdue_and_the_header_filters_by_kind(qtbot, make_window, world):
    window = make_window(Role.DSL)
    today = open_tab(qtbot, window, "Today")
    needs = [row[0] for row in rows_of(today)]
    oldest = needs.index("Unexplained absence")  # Wed 18 Nov; the clock says Sat 28 Nov
    today.view.selectRow(oldest)
    advice = today.advice.text()
    assert "Follow up today" not in advice
    assert "18 Nov 2026 is 10 days old" in advice
    overdue = needs.index("Review overdue")
    today.view.selectRow(overdue)
    assert "is 1 day overdue (due 27 Nov 2026)" in today.advice.text()
    # One line per overdue review: its automatic action is not listed again as "My action".
    assert needs.count("Review overdue") == 1
    assert not any("overdue: it was due" in row[2] for row in rows_of(today))
    assert 'href="Review overdue"' in today.header.text()
    today.header.linkActivated.emit("Review overdue")
    assert {row[0] for row in rows_of(today)} == {"Review overdue"}
    assert "<b>Review overdue: 1</b>" in today.header.text()
    today.header.linkActivated.emit(ALL)
    assert len(rows_of(today)) == len(needs)


def record_a_complaint(services, actors, world) -> None:
    """A parent's complaint about the world's provider, recorded by the Headteacher."""
    complaints.save_complaint(
        services,
        actors[Role.HEADTEACHER],
        Complaint(
            "Sam Parent",
            date(2026, 11, 26),
            provider_id=world["provider"].id,
            relationship="Parent",
            summary="No one met Robin at the gate",
        ),
    )


def test_a_complaint_recorded_elsewhere_appears_on_the_open_today_list(
    qtbot, make_window, world, services, actors
):
    """Today gathers from every kind of record; it listened to seven kinds, so a complaint,
    an incident or a lapsing training recorded while it was open stayed off it until restart."""
    today = open_tab(qtbot, make_window(Role.HEADTEACHER), "Today")
    assert "Open complaint" not in [row[0] for row in rows_of(today)]
    record_a_complaint(services, actors, world)
    qtbot.waitUntil(lambda: "Open complaint" in [row[0] for row in rows_of(today)], timeout=10000)


def test_a_change_made_while_today_is_out_of_sight_is_on_it_when_it_is_shown(
    qtbot, make_window, world, services, actors
):
    """A tab out of sight reloads when it is next shown, not at each change (marks typed in
    Attendance would otherwise queue a reload of Today behind each one on the worker)."""
    window = make_window(Role.HEADTEACHER)
    today = open_tab(qtbot, window, "Today")
    open_tab(qtbot, window, "Pupils")
    record_a_complaint(services, actors, world)
    qtbot.waitUntil(lambda: not window.ctx.worker.busy)
    qtbot.wait(100)
    assert "Open complaint" not in [row[0] for row in rows_of(today)]  # not reloaded unseen
    open_tab(qtbot, window, "Today")
    qtbot.waitUntil(lambda: "Open complaint" in [row[0] for row in rows_of(today)], timeout=10000)


def test_today_reloads_on_every_change_that_alters_a_record():
    assert {RecordKind.COMPLAINT, RecordKind.INCIDENT, RecordKind.STAFF_TRAINING} <= (
        TodayTab.reload_on
    )
    assert RecordKind.SOCIAL_CARE in TodayTab.reload_on and RecordKind.EHCP in TodayTab.reload_on
    assert RecordKind.EXPORT not in TodayTab.reload_on  # an export alters nothing
