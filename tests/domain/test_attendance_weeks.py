"""Expected sessions week by week (one bitmask a week, as the risk register counts them) with
worked examples, and agreement with the day-by-day definition on random placements."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from hypothesis import given
from hypothesis import strategies as st

from apdesk.domain.attendance import (
    TALLIES,
    RegisterCloses,
    WeekTally,
    closed_weeks,
    expected_sessions,
    expected_weeks,
    pattern_mask,
    session_bit,
)
from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.entities import Term
from apdesk.domain.enums import Session
from apdesk.domain.placements import format_pattern, parse_pattern
from tests.domain.factories import ready_placement

MON = date(2026, 3, 2)
SPRING = Term("Spring", date(2026, 1, 5), date(2026, 3, 13))


def test_a_pattern_is_a_bit_for_each_session_and_blank_is_every_session() -> None:
    assert pattern_mask("Mon AM, Mon PM, Wed AM") == 0b10011
    assert pattern_mask("Fri PM") == 1 << 9
    assert pattern_mask("") == (1 << 14) - 1
    assert session_bit(date(2026, 3, 6), Session.PM) == 1 << 9  # a Friday


def test_weeks_start_and_stop_with_the_placement_and_the_term() -> None:
    placement = ready_placement()
    placement.weekly_pattern = "Mon AM, Mon PM, Wed AM"
    placement.start_date, placement.planned_end_date = date(2026, 3, 4), date(2026, 3, 16)
    found = expected_weeks(
        placement, SchoolCalendar([SPRING]), date(2026, 3, 1), MON + timedelta(30)
    )
    # Wed 4 Mar AM (not the Monday before the start); then a whole week; the term ends
    # Fri 13 Mar, so Mon 16 Mar, the last day, is out of term and its week is left out.
    assert found == {MON: 0b10000, date(2026, 3, 9): 0b10011}


def test_a_week_cut_by_first_and_last_keeps_only_the_days_between() -> None:
    placement = ready_placement()  # every session, Mon 2 Mar to Fri 3 Jul 2026
    found = expected_weeks(placement, SchoolCalendar([]), date(2026, 3, 3), date(2026, 3, 4))
    assert found == {MON: 0b111100}  # Tuesday and Wednesday, both sessions
    assert expected_weeks(placement, SchoolCalendar([]), date(2026, 3, 5), date(2026, 3, 4)) == {}


def test_only_sessions_whose_register_has_closed_are_kept() -> None:
    weeks = {MON - timedelta(7): 0b1111111111, MON: 0b1111111111}
    closes = RegisterCloses(am=time(10, 0), pm=time(14, 30))
    # Tuesday 3 Mar: Monday both, Tuesday AM closed at 10:00; the week before whole.
    assert closed_weeks(weeks, datetime(2026, 3, 3, 10, 0), closes) == {
        MON - timedelta(7): 0b1111111111,
        MON: 0b0111,
    }
    assert closed_weeks(weeks, datetime(2026, 3, 3, 9, 59), closes)[MON] == 0b0011
    assert closed_weeks(weeks, datetime(2026, 3, 2, 9, 59), closes) == {
        MON - timedelta(7): 0b1111111111
    }
    assert closed_weeks(weeks, datetime(2026, 2, 20, 15, 0), closes) == {}


def _day_by_day(placement, calendar, first, last):
    """The definition, one day at a time: the pattern on school days within the dates."""
    pattern = parse_pattern(placement.weekly_pattern)
    end = placement.ended_on or placement.planned_end_date
    found = []
    day = first
    while day <= last:
        inside = placement.start_date <= day and (end is None or day <= end)
        if inside and calendar.is_school_day(day):
            found += [(day, s) for s in Session if not pattern or (day.weekday(), s) in pattern]
        day += timedelta(days=1)
    return found


SESSIONS = [(d, s) for d in range(5) for s in Session]
OFFSET = st.integers(min_value=0, max_value=60)


@given(
    pattern=st.sets(st.sampled_from(SESSIONS)),
    start=OFFSET,
    length=st.one_of(st.none(), OFFSET),
    ended=st.one_of(st.none(), OFFSET),
    window=st.tuples(OFFSET, OFFSET),
    closures=st.sets(OFFSET, max_size=6),
    termed=st.booleans(),
)
def test_weekly_masks_give_the_day_by_day_sessions(
    pattern, start, length, ended, window, closures, termed
) -> None:
    base = date(2026, 1, 1)
    placement = ready_placement()
    placement.weekly_pattern = format_pattern(pattern)
    placement.start_date = base + timedelta(start)
    placement.planned_end_date = (
        None if length is None else placement.start_date + timedelta(length)
    )
    placement.ended_on = None if ended is None else placement.start_date + timedelta(ended)
    terms = [SPRING] if termed else []
    calendar = SchoolCalendar(terms, [base + timedelta(c) for c in closures])
    first, last = (base + timedelta(w) for w in window)
    assert expected_sessions(placement, calendar, first, last) == _day_by_day(
        placement, SchoolCalendar(terms, calendar.closures), first, last
    )


def test_the_tallies_are_a_weeks_fields_in_order() -> None:
    # The register builds each week's tally from counts in TALLIES order, then late.
    assert WeekTally._fields == ("monday", *TALLIES, "late")
