"""A change to the school's calendar reaches the tabs whose figures count school days.

The calendar (terms and closures) is saved with the school's details as one
`RecordKind.SCHOOL` change; Today (deadlines in school days), Reviews (the schedule runs on
school weeks) and Attendance (which sessions are expected) must reload on it, or they go on
showing a closed day as one to mark until the program is restarted.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from apdesk.domain.entities import Closure
from apdesk.domain.enums import Role
from apdesk.services import school as school_service
from tests.ui.conftest import open_tab

FRIDAY = date(2026, 11, 27)


def close_school_on(services, actors, day: date) -> None:
    head = actors[Role.HEADTEACHER]
    school = school_service.get_school(services, head)
    assert school is not None
    details = replace(school, id=None, closures=[Closure(day, "Snow day")])
    details.terms = [replace(t, id=None, school_id=None) for t in school.terms]
    school_service.save_school(services, head, details)


def test_a_closure_saved_elsewhere_greys_the_day_in_the_open_register(
    qtbot, make_window, services, actors, world, clock
):
    clock.at = datetime(2026, 11, 27, 16, 0)
    tab = open_tab(qtbot, make_window(Role.ATTENDANCE_LEAD), "Attendance")
    assert tab.register.is_school_day(FRIDAY)
    close_school_on(services, actors, FRIDAY)
    qtbot.waitUntil(lambda: not tab.register.is_school_day(FRIDAY), timeout=10000)


@pytest.mark.parametrize("title", ["Today", "Reviews"])
def test_tabs_counting_school_days_reload_when_the_calendar_changes(
    qtbot, make_window, services, actors, world, title
):
    tab = open_tab(qtbot, make_window(Role.DSL), title)
    reloads = []
    tab.refresh = lambda: reloads.append(title)
    close_school_on(services, actors, FRIDAY)
    qtbot.waitUntil(lambda: reloads == [title], timeout=10000)
