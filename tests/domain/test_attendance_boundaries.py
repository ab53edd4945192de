"""The risk register's falling trend and first-day follow-up at the edges mutation testing
found thin: the Saturday a week completes, equal weeks, a fourth week, weeks of different
lengths, whose absence a follow-up is for, a cleared cell among the marks, and the weekly
tallies the register adds up."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from apdesk.domain.attendance import (
    AttendanceSummary,
    CodedWeek,
    WeekTally,
    falling,
    summarise,
    summary_of,
    unexplained_absences,
    weeks_counted,
)
from apdesk.domain.enums import Session
from tests.domain.factories import at, marks

MONDAYS = [date(2026, 3, 2) + timedelta(weeks=n) for n in range(4)]
AFTER = date(2026, 3, 30)


def weeks(*rates: tuple[int, int]) -> list[WeekTally]:
    """(present, possible) per week, the last one ending on the latest Monday in MONDAYS."""
    start = MONDAYS[-len(rates) :]
    return [
        WeekTally(monday, present=p, unauthorised=n - p)
        for monday, (p, n) in zip(start, rates, strict=True)
    ]


def test_a_week_counts_as_complete_on_the_saturday() -> None:
    trend = weeks((10, 10), (8, 10), (6, 10))
    last_friday = MONDAYS[-1] + timedelta(days=4)
    assert not falling(trend, last_friday)
    assert falling(trend, last_friday + timedelta(days=1))


@pytest.mark.parametrize(
    "rates",
    [((10, 10), (8, 10), (8, 10)), ((10, 10), (10, 10), (8, 10)), ((8, 10), (8, 10), (8, 10))],
)
def test_a_week_no_lower_than_the_one_before_is_not_falling(rates) -> None:
    assert not falling(weeks(*rates), AFTER)


def test_only_the_last_three_complete_weeks_count() -> None:
    assert falling(weeks((10, 10), (10, 10), (8, 10), (6, 10)), AFTER)
    assert not falling(weeks((10, 10), (8, 10), (6, 10), (6, 10)), AFTER)


def test_rates_are_compared_not_counts_for_weeks_of_different_lengths() -> None:
    # 5 of 10, 6 of 15, 6 of 20: more sessions attended each week, a lower rate each week.
    assert falling(weeks((5, 10), (6, 15), (6, 20)), AFTER)
    # 9 of 10, then every session of two shorter weeks: fewer attended, but no fall.
    assert not falling(weeks((9, 10), (5, 5), (2, 2)), AFTER)


def test_each_pupils_follow_up_names_that_pupil() -> None:
    expected = [(MONDAYS[0], Session.AM)]
    found = unexplained_absences(3, expected, [], at("2026-03-02 10:00"), placement_id=7)
    second = unexplained_absences(4, expected, [], at("2026-03-02 10:00"), placement_id=8)
    assert [(a.pupil_id, a.placement_id) for a in found + second] == [(3, 7), (4, 8)]


def test_a_cleared_cell_is_unmarked_and_the_marks_after_it_still_count() -> None:
    # Monday present, then its afternoon's code cleared; Tuesday present and N. By Wednesday
    # the cleared session is unmarked (its register has closed) and Tuesday counts in full.
    # (The issue: `continue` -> `break` at a cleared cell dropped every mark after it.)
    week = marks("/ / / N")
    week[1] = replace(week[1], code="")
    expected = [(m.date, m.session) for m in week]
    assert summarise(week, expected, at("2026-03-04 09:00")) == AttendanceSummary(
        possible=4, present=2, unauthorised=1, unmarked=1
    )


def test_the_registers_weekly_tallies_add_each_closed_session_left_uncoded() -> None:
    # Week of 2 Mar: Monday present twice and Tuesday morning N, Monday to Wednesday expected
    # with their registers closed: Tuesday afternoon and Wednesday are three unmarked. Week
    # of 9 Mar: nothing coded, Monday closed: two unmarked. Week of 16 Mar: Tuesday
    # morning coded before any register closed, nothing unmarked.
    first, second, third = MONDAYS[:3]
    coded = {
        first: CodedWeek(WeekTally(first, present=2, unauthorised=1), 0b000111),
        third: CodedWeek(WeekTally(third, present=1), 0b100),
    }
    closed = {first: 0b111111, second: 0b11}
    assert weeks_counted(coded, closed) == [
        WeekTally(first, present=2, unauthorised=1, unmarked=3),
        WeekTally(second, unmarked=2),
        WeekTally(third, present=1),
    ]


def test_a_summary_adds_up_every_weeks_figures() -> None:
    weeks = [
        WeekTally(MONDAYS[0], present=5, authorised=1, unauthorised=2, unmarked=1, late=1),
        WeekTally(MONDAYS[1], present=7, authorised=2, unauthorised=1, not_possible=2, late=2),
    ]
    assert summary_of(weeks) == AttendanceSummary(
        possible=19, present=12, late_count=3, authorised=3, unauthorised=3, unmarked=1,
        not_possible=2,
    )  # fmt: skip
