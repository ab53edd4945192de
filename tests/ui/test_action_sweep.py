"""Loading Today only reads; the window opens the automatic actions due as a write of its own
(decision 0019): after sign-in before Today's first load, after a change that can cross a
threshold, and when time alone brings actions due (a register's close, midnight)."""

from __future__ import annotations

from datetime import timedelta

from apdesk.domain.enums import Role
from apdesk.domain.record_kinds import RecordKind
from apdesk.services import automatic_actions
from apdesk.services.changes import Change
from apdesk.ui import action_sweep
from apdesk.ui.clock_watch import ClockWatch
from apdesk.ui.context import UiContext
from apdesk.ui.settings import app_settings
from apdesk.ui.tabs import today as today_tab
from tests.store_rows import row_counts
from tests.ui.conftest import open_tab, rows_of


def test_loading_today_twice_writes_nothing_though_actions_are_due(services, actors):
    """It swept on every load: a write inside a read, and a read that could not be retried."""
    for role in (Role.DSL, Role.ATTENDANCE_LEAD, Role.HEADTEACHER, Role.GOVERNOR):
        before = row_counts(services.store.engine)
        first = today_tab.load_lines(services, actors[role])
        again = today_tab.load_lines(services, actors[role])
        assert row_counts(services.store.engine) == before, role
        assert first == again
    # ... though the world had automatic actions due: the sweep, a write, opens them.
    assert automatic_actions.open_due_actions(services, actors[Role.DSL]) > 0
    assert row_counts(services.store.engine) != before


def test_the_window_opens_the_actions_due_before_todays_first_load(
    qtbot, make_window, world, monkeypatch
):
    loads, load = [], today_tab.load_lines

    def spy(svc, actor):
        loads.append(load(svc, actor))
        return loads[-1]

    monkeypatch.setattr(today_tab, "load_lines", spy)
    # The attendance lead owns the follow-up of each unexplained absence (policy §9).
    today = open_tab(qtbot, make_window(Role.ATTENDANCE_LEAD), "Today")
    assert "My action" in [line.item.kind for line in loads[0]]
    assert [
        "My action",
        "Sat 28 Nov 2026",
        "First-day absence follow-up: AM session on Wed 18 Nov 2026 (no mark)",
    ] in rows_of(today)


def test_a_change_that_can_cross_a_threshold_a_registers_close_or_a_new_day_sweeps_again(
    qtbot, services, actors, worker, bus, clock, monkeypatch
):
    swept = []
    monkeypatch.setattr(
        automatic_actions, "open_due_actions", lambda svc, actor: swept.append(actor)
    )
    ctx = UiContext(services, actors[Role.DSL], worker, bus, app_settings())
    sweep = action_sweep.ActionSweep(ctx, bus, settle_ms=150)
    ClockWatch(ctx, bus, check_ms=20)  # what the main window runs beside it
    qtbot.waitUntil(lambda: len(swept) == 1 and not sweep._waiting)
    for mark in range(3):  # a register typed mark by mark: one sweep once the typing pauses
        bus.changed.emit((Change(RecordKind.ATTENDANCE, mark, "attendance.record"),))
        qtbot.wait(30)
    qtbot.waitUntil(lambda: len(swept) == 2 and not sweep._waiting)
    qtbot.wait(100)
    assert len(swept) == 2
    bus.changed.emit((Change(RecordKind.ACTION, 1, "action.sweep"),))  # its own: not again
    qtbot.wait(100)
    assert len(swept) == 2
    clock.at += timedelta(days=1)
    qtbot.waitUntil(lambda: len(swept) == 3)
    qtbot.wait(100)
    assert len(swept) == 3  # the day's change once, not every check after it
    clock.at = clock.at.replace(hour=9, minute=59)
    qtbot.wait(100)
    assert len(swept) == 3  # nothing passed between 09:30 and 09:59
    clock.at = clock.at.replace(hour=10, minute=0)  # the AM register closes (10:00 by default)
    qtbot.waitUntil(lambda: len(swept) == 4)
    # Someone who may not change actions never sweeps (they would only be refused).
    action_sweep.ActionSweep(
        UiContext(services, actors[Role.GOVERNOR], worker, bus, app_settings()), bus
    )
    qtbot.wait(100)
    assert len(swept) == 4
