"""The Attendance tab: a week typed from the keyboard, refusals, colours and the risk register."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from apdesk.domain.codes import CodeCategory
from apdesk.domain.enums import Role, Session
from apdesk.services import attendance as attendance_service
from apdesk.ui import colours
from apdesk.ui.tabs.attendance.tab import RELOAD_DELAY_MS
from tests.ui.conftest import open_tab

MONDAY = date(2026, 11, 23)


@pytest.fixture
def tab(qtbot, make_window, world, clock):
    clock.at = datetime(2026, 11, 27, 16, 0)  # Friday afternoon, the week is over
    return open_tab(qtbot, make_window(Role.ATTENDANCE_LEAD), "Attendance")


def cell(tab, row, day, session):
    column = 2 + 2 * (day - MONDAY).days + (session is Session.PM)
    return tab.grid_proxy.index(row, column)


def test_register_shows_the_week_and_passes_the_model_tester(tab, qtmodeltester):
    qtmodeltester.check(tab.register)
    assert "Week beginning Monday 23 November 2026" in tab.week_label.text()
    assert tab.grid_proxy.rowCount() == 1
    assert tab.grid_proxy.index(0, 0).data() == "Robin Testcase"
    first = cell(tab, 0, MONDAY, Session.AM)
    assert first.data() == "!"  # no mark all week: every session is unexplained
    assert first.data(Qt.BackgroundRole).color() == colours.UNEXPLAINED
    assert "Unexplained absence" in first.data(Qt.ToolTipRole)


def test_a_week_is_typed_from_the_keyboard(qtbot, tab, services, actors):
    grid = tab.grid
    grid.setFocus()
    grid.setCurrentIndex(cell(tab, 0, MONDAY, Session.AM))
    for code in ["B", "B", "L", "B", "b", "B", "I", "I", "N", "B"]:
        qtbot.keyClicks(grid, code)  # the first key opens the cell's editor
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
        qtbot.wait(5)  # as a person would: the cursor moves on before the next key
    week = lambda: attendance_service.week_grid(services, actors[Role.DSL], MONDAY)  # noqa: E731
    qtbot.waitUntil(lambda: len(week().rows[0].marks) == 10, timeout=10000)
    marks = week().rows[0].marks
    assert marks[(MONDAY, Session.AM)].code == "B"
    assert marks[(date(2026, 11, 25), Session.AM)].code == "B"  # typed lower case
    # Indexes are looked up afresh each time: a reload replaces the rows under them.
    qtbot.waitUntil(
        lambda: (
            cell(tab, 0, MONDAY, Session.AM).data(Qt.BackgroundRole).color()
            == colours.CATEGORY[CodeCategory.APPROVED_EDUCATION]
        )
    )
    qtbot.waitUntil(lambda: not tab._reload_soon.isActive() and not tab.ctx.worker.busy)
    assert cell(tab, 0, MONDAY, Session.AM).data() == "B"
    friday = cell(tab, 0, date(2026, 11, 27), Session.AM)
    assert friday.data() == "N"
    assert friday.data(Qt.BackgroundRole).color() == colours.UNEXPLAINED  # no reason yet
    risk = tab.risk
    # The placement began on Wed 18 Nov: its six sessions that week have no mark and count.
    qtbot.waitUntil(lambda: risk.rowCount() == 1 and risk.index(0, 4).data() == "7 of 16")
    assert risk.index(0, 3).data() == "43.8%"
    assert "Persistent absence" in risk.index(0, 6).data()


def test_a_code_outside_the_dfe_table_is_refused(qtbot, tab, services, actors):
    tab.grid.setCurrentIndex(cell(tab, 0, MONDAY, Session.AM))
    assert not tab.grid_proxy.setData(cell(tab, 0, MONDAY, Session.AM), "Q9")
    box = next(b for b in tab.findChildren(QMessageBox) if b.isVisible())
    assert box.text().startswith("'Q9' is not a DfE attendance code. Type one of the DfE codes")
    assert attendance_service.week_grid(services, actors[Role.DSL], MONDAY).rows[0].marks == {}


def test_the_providers_report_is_kept_beside_the_final_code(qtbot, tab):
    tab.grid.setCurrentIndex(cell(tab, 0, MONDAY, Session.PM))
    side = tab.side
    qtbot.waitUntil(lambda: side.report_box.isVisible())
    side.report_code.setText("b")
    side.reported_by.setText("Jo Rivers")
    side._save_report()
    qtbot.waitUntil(lambda: cell(tab, 0, MONDAY, Session.PM).data() == "· | B", timeout=10000)
    assert "Provider reported B (Jo Rivers)" in cell(tab, 0, MONDAY, Session.PM).data(
        Qt.ToolTipRole
    )


def test_choosing_a_pupil_shows_their_rate_heatmap_and_trend(qtbot, tab, services, actors, world):
    from apdesk.services.attendance import MarkEntry

    pupil, placement = world["pupil"], world["placement"]
    codes = (
        [(d, Session.AM, "B") for d in range(5)]
        + [(0, Session.PM, "B")]
        + [(d, Session.PM, "O") for d in range(1, 5)]
    )
    entries = [
        MarkEntry(pupil.id, placement.id, MONDAY.replace(day=23 + d), s, code=code)
        for d, s, code in codes
    ]
    attendance_service.record_marks(services, actors[Role.DSL], entries)
    qtbot.waitUntil(lambda: tab.risk.rowCount() == 1, timeout=10000)
    tab.select_key(pupil.id)
    side = tab.side
    # 6 of this week's 10 attended; last week's 6 sessions (from Wed 18 Nov) have no mark.
    qtbot.waitUntil(lambda: "37.5% attendance" in side.summary.text())
    assert "(6 of 16 sessions, 6 expected with no mark)" in side.summary.text()
    assert side.trend.rates == [0.0, 60.0]
    assert len(side.heatmap.codes) == 16


def test_a_typed_mark_updates_its_own_lines_and_nothing_reloads_whole(
    qtbot, tab, services, actors, monkeypatch
):
    whole_loads = []
    for name in ("week_grid", "risk_register"):
        real = getattr(attendance_service, name)
        monkeypatch.setattr(
            attendance_service, name, lambda *a, r=real, n=name: whole_loads.append(n) or r(*a)
        )
    assert tab.risk.index(0, 4).data() == "0 of 16"  # from Wed 18 Nov to Fri 27 Nov, no mark
    tab.grid.setCurrentIndex(cell(tab, 0, MONDAY, Session.AM))
    assert tab.grid_proxy.setData(cell(tab, 0, MONDAY, Session.AM), "B")
    qtbot.waitUntil(lambda: tab.risk.index(0, 4).data() == "1 of 16", timeout=10000)
    assert cell(tab, 0, MONDAY, Session.AM).data() == "B"
    assert "(1 of 16 sessions" in tab.side.summary.text()
    qtbot.wait(2 * RELOAD_DELAY_MS)
    qtbot.waitUntil(lambda: not tab.ctx.worker.busy)
    assert whole_loads == []
    # What the tab shows is what a whole reload gives.
    dsl = actors[Role.DSL]
    assert list(tab.risk.rows) == attendance_service.risk_register(services, dsl)
    assert tab.register.rows == attendance_service.week_grid(services, dsl, MONDAY).rows


def test_the_risk_register_shows_this_school_year_until_earlier_years_are_asked_for(
    qtbot, tab, monkeypatch
):
    asked = []
    real = attendance_service.risk_register
    monkeypatch.setattr(
        attendance_service, "risk_register", lambda *a: asked.append(a[2]) or real(*a)
    )
    tab.refresh()
    qtbot.waitUntil(lambda: asked == [date(2026, 9, 1)] and not tab.ctx.worker.busy)
    tab.earlier.setChecked(True)
    qtbot.waitUntil(lambda: asked[-1:] == [None] and not tab.ctx.worker.busy)
    assert tab.risk.rowCount() == 1
