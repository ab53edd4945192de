"""School days: terms, closures and England's bank holidays (worked on spring and summer 2026)."""

from __future__ import annotations

from datetime import date

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from apdesk.domain.calendar import SchoolCalendar, school_year_start
from apdesk.domain.entities import Closure, School, Term
from apdesk.domain.errors import InvalidInput

SPRING = Term("Spring 2026", date(2026, 1, 5), date(2026, 3, 27))
SUMMER = Term("Summer 2026", date(2026, 4, 13), date(2026, 7, 22))
INSET = date(2026, 3, 6)  # a Friday


@pytest.fixture
def cal() -> SchoolCalendar:
    return SchoolCalendar([SUMMER, SPRING], [INSET])


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 2), True),  # Monday in term
        (date(2026, 3, 7), False),  # Saturday
        (INSET, False),  # closure set by the school
        (date(2026, 3, 30), False),  # Easter holidays: out of term
        (date(2026, 5, 4), False),  # Early May bank holiday, in term
        (date(2026, 5, 5), True),
        (date(2026, 7, 23), False),  # after the summer term
    ],
)
def test_is_school_day(cal: SchoolCalendar, day: date, expected: bool) -> None:
    assert cal.is_school_day(day) is expected


def test_school_days_between_skips_weekend_and_closure(cal: SchoolCalendar) -> None:
    days = cal.school_days_between(date(2026, 3, 2), date(2026, 3, 13))
    assert len(days) == 9  # ten weekdays less the INSET day
    assert INSET not in days
    assert cal.count_school_days(date(2026, 3, 2), date(2026, 3, 13)) == 9


def test_add_school_days_skips_closure_and_holidays(cal: SchoolCalendar) -> None:
    assert cal.add_school_days(date(2026, 3, 5), 1) == date(2026, 3, 9)
    assert cal.add_school_days(date(2026, 3, 27), 1) == date(2026, 4, 13)
    assert cal.add_school_days(date(2026, 3, 2), 0) == date(2026, 3, 2)
    assert cal.add_school_days(date(2026, 3, 9), -1) == date(2026, 3, 5)


def test_two_school_days_before(cal: SchoolCalendar) -> None:
    assert cal.school_days_before(date(2026, 3, 11), 2) == date(2026, 3, 9)  # Wed -> Mon
    assert cal.school_days_before(date(2026, 3, 10), 2) == date(2026, 3, 5)  # Tue -> Thu


def test_notice_in_time(cal: SchoolCalendar) -> None:
    start = date(2026, 3, 11)
    assert cal.notice_in_time(date(2026, 3, 9), start)
    assert cal.notice_in_time(date(2026, 3, 2), start)
    assert not cal.notice_in_time(date(2026, 3, 10), start)


def test_next_school_day(cal: SchoolCalendar) -> None:
    assert cal.next_school_day(date(2026, 5, 2)) == date(2026, 5, 5)  # Sat -> Tue after May Day
    assert cal.next_school_day(date(2026, 5, 5)) == date(2026, 5, 5)


def test_without_terms_every_weekday_but_bank_holidays_counts() -> None:
    cal = SchoolCalendar([])
    assert cal.is_school_day(date(2026, 8, 3))
    assert not cal.is_school_day(date(2026, 8, 31))  # Summer bank holiday
    assert not cal.is_school_day(date(2026, 12, 25))


def test_counting_past_the_last_term_entered_uses_weekdays(cal: SchoolCalendar) -> None:
    # Summer term ends Wed 22 Jul 2026; no autumn term entered yet.
    assert cal.add_school_days(date(2026, 7, 22), 1) == date(2026, 7, 23)
    assert cal.add_school_days(date(2026, 7, 24), 1) == date(2026, 7, 27)  # skips the weekend
    assert cal.next_school_day(date(2026, 8, 31)) == date(2026, 9, 1)  # skips bank holiday
    assert not cal.is_school_day(date(2026, 7, 23)), "still not a school day for the register"


def test_running_out_of_school_days_is_a_clear_error() -> None:
    with pytest.raises(InvalidInput, match="check the term dates"):
        SchoolCalendar([SPRING]).add_school_days(date(2026, 1, 5), -1)


def test_for_school_uses_terms_and_closures() -> None:
    school = School("Test School", terms=[SPRING], closures=[Closure(INSET, "INSET")])
    cal = SchoolCalendar.for_school(school)
    assert not cal.is_school_day(INSET)
    assert not cal.is_school_day(date(2026, 4, 14))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 1, 4), False),  # the day before the first term
        (SPRING.start, True),
        (SPRING.end, True),
        (date(2026, 3, 28), False),  # the day after spring ends
        (date(2026, 4, 12), False),  # the day before summer starts
        (SUMMER.start, True),
        (SUMMER.end, True),
        (date(2026, 7, 23), False),  # after the last term
    ],
)
def test_in_term_at_each_edge_of_each_term(cal: SchoolCalendar, day: date, expected: bool) -> None:
    assert cal.in_term(day) is expected


def test_a_day_inside_any_of_overlapping_terms_is_in_term() -> None:
    """Terms entered by mistake one inside another: a day the long one covers, after the short
    one ends, is still in term (found by bisection on the starts, not by the nearest term)."""
    long = Term("Whole year", date(2026, 1, 5), date(2026, 7, 22))
    short = Term("Spring only", date(2026, 1, 12), date(2026, 3, 27))
    cal = SchoolCalendar([short, long])
    assert cal.in_term(date(2026, 5, 5))
    assert cal.in_term(date(2026, 1, 5))
    assert not cal.in_term(date(2026, 7, 23))


def test_asking_twice_gives_the_same_answer(cal: SchoolCalendar) -> None:
    days = [date(2026, 3, d) for d in range(1, 32)]
    first = [cal.is_school_day(d) for d in days]
    assert [cal.is_school_day(d) for d in days] == first
    assert first == [SchoolCalendar([SUMMER, SPRING], [INSET]).is_school_day(d) for d in days]


def test_a_weeks_school_days_as_bits_leave_out_closures_holidays_and_holidays_out_of_term(
    cal: SchoolCalendar,
) -> None:
    assert cal.school_weekdays(date(2026, 3, 2)) == 0b01111  # the INSET Friday is not
    assert cal.school_weekdays(date(2026, 5, 4)) == 0b11110  # the May bank holiday Monday
    assert cal.school_weekdays(date(2026, 3, 23)) == 0b11111  # the spring term's last week
    assert cal.school_weekdays(date(2026, 3, 30)) == 0  # the Easter holidays


def test_the_weeks_between_two_days_are_each_monday_with_its_school_days(
    cal: SchoolCalendar,
) -> None:
    # Wednesday 25 Mar to Tuesday 7 Apr: the spring term's last week and the Easter holidays.
    assert cal.school_weeks(date(2026, 3, 25), date(2026, 4, 7)) == [
        (date(2026, 3, 23), 0b11111),
        (date(2026, 3, 30), 0),
        (date(2026, 4, 6), 0),
    ]
    # Asked again about earlier and later weeks than before, and about one day.
    assert cal.school_weeks(date(2026, 3, 2), date(2026, 3, 2)) == [(date(2026, 3, 2), 0b01111)]
    assert cal.school_weeks(date(2026, 5, 8), date(2026, 5, 9)) == [(date(2026, 5, 4), 0b11110)]
    assert cal.school_weeks(date(2026, 3, 24), date(2026, 3, 29)) == [(date(2026, 3, 23), 0b11111)]
    assert cal.school_weeks(date(2026, 3, 30), date(2026, 3, 29)) == []  # last before first


def test_the_weeks_asked_about_after_one_week_reach_the_monday_after_it() -> None:
    calendar = SchoolCalendar([SPRING], [INSET])
    assert calendar.school_weeks(date(2026, 3, 2), date(2026, 3, 6)) == [
        (date(2026, 3, 2), 0b01111)
    ]
    # Ending on the next Monday: that week too, though only one week was listed before.
    assert calendar.school_weeks(date(2026, 3, 3), date(2026, 3, 9)) == [
        (date(2026, 3, 2), 0b01111),
        (date(2026, 3, 9), 0b11111),
    ]


@pytest.mark.parametrize(
    ("day", "start"),
    [
        (date(2026, 8, 31), date(2025, 9, 1)),
        (date(2026, 9, 1), date(2026, 9, 1)),
        (date(2027, 1, 4), date(2026, 9, 1)),
    ],
)
def test_the_school_year_starts_on_1_september(day: date, start: date) -> None:
    assert school_year_start(day) == start


@settings(max_examples=300, deadline=None)
@given(st.lists(st.dates(date(1990, 1, 1), date(2060, 12, 31)), min_size=1, max_size=20))
def test_bank_holidays_are_the_packages_whatever_year_is_asked_first(days: list[date]) -> None:
    """The calendar keeps each year's bank holidays as a plain set: the same days as the
    `holidays` package gives for England, substitute days included."""
    cal = SchoolCalendar([])
    england = holidays.country_holidays("GB", subdiv="ENG")
    for day in days:
        assert cal.is_bank_holiday(day) == (day in england)
    for year in {day.year for day in days}:
        assert {d for d in england if d.year == year} == {
            date.fromordinal(n)
            for n in range(date(year, 1, 1).toordinal(), date(year + 1, 1, 1).toordinal())
            if cal.is_bank_holiday(date.fromordinal(n))
        }
