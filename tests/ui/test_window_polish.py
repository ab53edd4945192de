"""What a DSL notices in the first week (issue 17), checked on screen: checklist rows stay
under the pointer while ticking, the trend's key does not overlap the report below it, the
title names the school once.

With APDESK_SHOTS set to a folder, each test also saves a screenshot there.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QWidget

from apdesk.domain.enums import Role
from apdesk.services import school as school_service
from tests.ui.conftest import open_tab
from tests.ui.test_placements import propose


def shot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("APDESK_SHOTS")
    if folder:
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def where(widget: QWidget) -> QPoint:
    return widget.mapTo(widget.window(), QPoint(0, 0))


def tick_and_wait(qtbot, boxes, dates, key) -> None:
    qtbot.waitUntil(lambda: boxes[key].isEnabled())
    boxes[key].click()
    qtbot.waitUntil(lambda: bool(dates[key].text()), timeout=10000)
    qtbot.wait(20)


def test_annex_a_rows_stay_under_the_pointer_while_ticking(qtbot, make_window, world):
    window = make_window(Role.DSL)
    window.resize(1280, 640)
    editor = propose(qtbot, open_tab(qtbot, window, "Placements"), world)
    editor.pages.setCurrentWidget(editor.annex_a)
    qtbot.wait(20)
    boxes, dates = editor.annex_a.boxes, editor.annex_a.dates
    before = {key: where(box) for key, box in boxes.items()}
    status_before = editor.status.height()
    for key in list(boxes)[:4]:
        tick_and_wait(qtbot, boxes, dates, key)
        assert {k: where(b) for k, b in boxes.items()} == before, f"rows moved ticking {key}"
    assert editor.status.height() == status_before
    shot(window, "annex-a-ticking")


def test_annex_b_rows_stay_under_the_pointer_while_ticking(qtbot, make_window, world):
    window = make_window(Role.DSL)
    window.resize(1280, 640)
    tab = open_tab(qtbot, window, "Providers")
    tab.select_key(world["provider"].id)
    qtbot.waitUntil(lambda: tab.editor.provider is not None, timeout=10000)
    tab.editor.pages.setCurrentWidget(tab.editor.annex_b)
    page = tab.editor.annex_b
    scroller = tab.editor.panel.scroller
    qtbot.wait(20)
    # "2.4" is contradicted by the records: its tick brings the warning above the checklist.
    for key in ("2.4", "2.5", "3.1"):
        box = page.boxes[key]
        scroller.ensureWidgetVisible(box)
        qtbot.wait(20)
        at = where(box)
        following = list(page.boxes.values())[list(page.boxes).index(key) + 1]
        next_at = where(following)
        tick_and_wait(qtbot, page.boxes, page.dates, key)
        assert where(box) == at, f"{key} moved from under the pointer"
        assert where(following) == next_at, f"the row after {key} moved"
    assert page.against.isVisible() and "2.4" in page.against.text()
    shot(window, "annex-b-ticking")


def test_the_trend_key_does_not_overlap_the_providers_report(qtbot, make_window, world):
    window = make_window(Role.DSL)
    tab = open_tab(qtbot, window, "Attendance")
    tab.grid.setCurrentIndex(tab.grid_proxy.index(0, 3))  # a school-day session of the week
    side = tab.side
    qtbot.waitUntil(lambda: side.report_box.isVisible() and bool(side.trend.rates), timeout=10000)
    qtbot.wait(20)

    def box(widget: QWidget) -> QRect:
        return QRect(widget.mapTo(side, QPoint(0, 0)), widget.size())

    chart, key, report = box(side.trend), box(side.trend_key), box(side.report_box)
    assert chart.bottom() < key.top() and key.bottom() < report.top()
    assert not side.trend.chart_.legend().isVisible()  # a legend inside the chart overlapped
    assert "Weekly attendance" in side.trend_key.text() and "90%" in side.trend_key.text()
    assert side.trend.chart_.axes()[0].truncateLabels() is False  # "12/10", never "1…"
    shot(window, "attendance-side-panel")


def test_twelve_weeks_of_labels_stand_upright_in_a_narrow_panel(qtbot):
    """At -60 degrees Qt dropped the first and last week's label and set the others between
    the ticks; upright, every week is named under its own point."""
    from datetime import date, timedelta

    from apdesk.domain.enums import Session
    from apdesk.ui.tabs.attendance.side import PupilAttendancePanel

    panel = PupilAttendancePanel(True)
    qtbot.addWidget(panel)
    first = date(2026, 9, 7)
    days = [first + timedelta(days=7 * week + day) for week in range(14) for day in range(5)]
    counted = {(day, session): "B" for day in days for session in Session}
    panel.trend.set_sessions(counted)
    panel.resize(330, 900)
    panel.show()
    qtbot.wait(20)
    axis = panel.trend.chart_.axes()[0]
    assert axis.categories()[0] == "21/9" and axis.categories()[-1] == "7/12"
    assert axis.labelsAngle() == -90
    shot(panel, "attendance-trend-twelve-weeks")


def test_the_title_names_the_school_once(qtbot, make_window, services, actors):
    window = make_window(Role.DSL)
    school = school_service.get_school(services, actors[Role.DSL])
    assert school is not None
    title = window.windowTitle()
    assert title == f"{school.name} — APDesk"
    # Ending with the program's name, the window manager adds nothing to it.
    assert title.count("APDesk") == 1 and title.count(school.name) == 1
    shot(window, "title")


def test_after_a_save_the_status_bar_says_what_was_saved(qtbot, make_window, world):
    window = make_window(Role.DSL)
    tab = open_tab(qtbot, window, "Pupils")
    tab.select_key(world["pupil"].id)
    qtbot.waitUntil(lambda: tab.editor.panel.showing_content, timeout=10000)
    tab.editor.save()
    qtbot.waitUntil(lambda: bool(window.statusBar().currentMessage()), timeout=10000)
    assert window.statusBar().currentMessage() == "Saved Robin Testcase at 09:30."
