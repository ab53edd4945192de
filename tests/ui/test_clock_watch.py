"""Time alone changes what the window should show: with the window open from before 10:00, a
child with no mark appeared on Today only after somebody saved something (or the next day)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from apdesk.domain.attendance import DEFAULT_CLOSES, RegisterCloses
from apdesk.domain.enums import Role
from apdesk.services import automatic_actions
from apdesk.ui.clock_watch import CHECK_MS, time_passed
from tests.ui.conftest import open_tab, rows_of

FRIDAY = datetime(2026, 11, 27)
CLOSES = RegisterCloses(am=time(9, 30), pm=time(13, 45))


def at(hour: int, minute: int, second: int = 0, day: datetime = FRIDAY) -> datetime:
    return day.replace(hour=hour, minute=minute, second=second)


@pytest.mark.parametrize(
    ("since", "now", "passed"),
    [
        (at(9, 29), at(9, 29, 59), False),  # just before the AM close
        (at(9, 29), at(9, 30), True),  # the close itself: the register is closed at 09:30
        (at(9, 30), at(9, 31), False),  # already said at 09:30
        (at(9, 0), at(13, 0), True),  # the watch slept through the close: said late, not lost
        (at(13, 44), at(13, 45, 30), True),  # the PM close
        (at(13, 46), at(23, 59, 59), False),  # nothing more that day
        (at(23, 59, 45), at(0, 0, 15, FRIDAY + timedelta(days=1)), True),  # midnight
        (at(10, 0), at(10, 0, 0, FRIDAY - timedelta(days=1)), True),  # the clock put back a day
        (at(9, 35), at(9, 25), False),  # put back across a close the same day: nothing to add
    ],
)
def test_midnight_and_each_registers_close_are_the_moments(since, now, passed):
    assert time_passed(since, now, CLOSES) is passed


def test_the_default_closes_are_the_schools_until_it_sets_its_own():
    assert time_passed(at(9, 59), at(10, 0), DEFAULT_CLOSES)
    assert not time_passed(at(9, 29), at(9, 30), DEFAULT_CLOSES)
    assert time_passed(at(14, 29), at(14, 30), DEFAULT_CLOSES)


def _no_mark(tab, day: str) -> list[str]:
    """The kinds of Today's lines about an unmarked session on this day: the absence itself
    (dated that day), and any action to follow it up (dated when due, naming the day)."""
    return [
        kind
        for kind, on, text in rows_of(tab)
        if "no mark" in text and ((on == day and kind == "Unexplained absence") or day in text)
    ]


@pytest.fixture
def no_sweep(monkeypatch):
    """The action sweep opens nothing: its change would reload Today on its own."""
    monkeypatch.setattr(automatic_actions, "open_due_actions", lambda svc, actor: 0)


@pytest.mark.parametrize("role", [Role.DSL, Role.ATTENDANCE_LEAD, Role.HEADTEACHER])
def test_a_session_unmarked_at_its_registers_close_reaches_today_with_the_window_open(
    qtbot, make_window, world, clock, role, no_sweep
):
    """The world's pupil has had no mark since 18 Nov. On Friday at 09:59 the AM register is
    still open (it closes at 10:00): Friday's AM session is not yet an absence. At 10:00 it
    is, and Today says so without anyone saving anything or restarting."""
    clock.at = at(9, 59)
    window = make_window(role)
    watch = window.clock_watch
    assert watch._timer.isActive() and watch._timer.interval() == CHECK_MS
    today = open_tab(qtbot, window, "Today")
    qtbot.waitUntil(lambda: not window.ctx.worker.busy)
    assert _no_mark(today, "Fri 27 Nov 2026") == []
    assert "Unexplained absence" in _no_mark(today, "Thu 26 Nov 2026")  # closed long ago

    clock.at = at(10, 0, 20)
    watch.check()  # what its timer does every half minute
    qtbot.waitUntil(lambda: "Unexplained absence" in _no_mark(today, "Fri 27 Nov 2026"))


def test_at_the_close_the_sweep_opens_the_follow_up_and_today_shows_it(
    qtbot, make_window, world, clock
):
    clock.at = at(9, 59)
    window = make_window(Role.DSL)
    today = open_tab(qtbot, window, "Today")
    qtbot.waitUntil(lambda: not window.ctx.worker.busy)
    assert "My action" not in _no_mark(today, "Fri 27 Nov 2026")
    clock.at = at(10, 0, 20)
    window.clock_watch.check()
    # a child on a child-protection plan: an urgent follow-up, the DSL's own
    qtbot.waitUntil(lambda: "My action" in _no_mark(today, "Fri 27 Nov 2026"))
    assert any("Urgent: unexplained absence" in row[2] for row in rows_of(today))


def test_a_tab_out_of_sight_reloads_when_next_shown(qtbot, make_window, world, clock, no_sweep):
    clock.at = at(9, 59)
    window = make_window(Role.DSL)
    today = open_tab(qtbot, window, "Today")
    open_tab(qtbot, window, "Providers")
    clock.at = at(10, 1)
    window.clock_watch.check()
    qtbot.waitUntil(lambda: not window.ctx.worker.busy)
    assert _no_mark(today, "Fri 27 Nov 2026") == []  # not reloaded while out of sight
    open_tab(qtbot, window, "Today")
    qtbot.waitUntil(lambda: "Unexplained absence" in _no_mark(today, "Fri 27 Nov 2026"))


def test_the_watch_keeps_to_the_schools_own_closing_times(qtbot, make_window, world, services):
    from apdesk.services import school

    window = make_window(Role.HEADTEACHER)
    watch = window.clock_watch
    qtbot.waitUntil(lambda: not window.ctx.worker.busy)
    details = school.get_school(services)
    assert details is not None
    assert (watch.closes.am, watch.closes.pm) == (
        details.am_register_closes,
        details.pm_register_closes,
    )
    details.am_register_closes = time(9, 15)
    school.save_school(services, window.ctx.actor, details)  # as the school's dialog does
    qtbot.waitUntil(lambda: watch.closes.am == time(9, 15))
    assert time_passed(at(9, 14), at(9, 15), watch.closes)
