"""The issue's own checks on the review plan, as properties over random placements and reviews.

No two slots of a placement due the same day; every slot on a school day inside the placement;
one review meets one slot; no review counted for a slot more than a month before it was due;
at least four slots before the first review meeting; with each review held on its due date,
no gap longer than the interval in school weeks (holidays do not count); nothing after an end.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apdesk.domain.calendar import SchoolCalendar, add_months
from apdesk.domain.entities import Placement, Review, Term
from apdesk.domain.enums import PlacementStatus, ReviewKind, RiskLevel
from apdesk.domain.reviews import (
    DEFAULT_INTERVALS,
    HeldReview,
    ReviewSlot,
    _first_weeks,
    _last_school_day,
    _middle_school_day,
    add_school_weeks,
    review_plan,
)
from tests.domain.test_reviews import CAL

FIRST, LAST = date(2026, 9, 3), date(2027, 5, 28)
SCHOOL_DAYS = CAL.school_days_between(FIRST, LAST)
KINDS = list(ReviewKind)


@st.composite
def cases(draw: st.DrawFn) -> tuple[Placement, list[Review]]:
    first = draw(st.integers(0, len(SCHOOL_DAYS) - 10))
    length = draw(st.integers(5, min(150, len(SCHOOL_DAYS) - first - 1)))
    start, end = (
        SCHOOL_DAYS[first],
        SCHOOL_DAYS[first + length] + timedelta(days=draw(st.integers(0, 2))),
    )
    risk = draw(st.sampled_from(list(RiskLevel)))
    placement = Placement(1, 1, start, end, risk_level=risk, status=PlacementStatus.ACTIVE, id=1)
    if draw(st.booleans()):
        stop = SCHOOL_DAYS[first + draw(st.integers(0, length))]
        placement.status, placement.ended_on = PlacementStatus.TERMINATED, stop
    days = st.integers(0, (end - start).days + 14).map(lambda n: start + timedelta(days=n))
    reviews = draw(st.lists(st.tuples(days, st.sampled_from(KINDS), st.none() | days), max_size=25))
    held = [
        Review(1, kind, day, next_review_on=nxt if nxt and nxt > day else None, id=n)
        for n, (day, kind, nxt) in enumerate(reviews, start=1)
    ]
    return placement, held


def _last(placement: Placement) -> date:
    end = placement.ended_on or placement.planned_end_date
    assert end is not None
    return end


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_the_plan_keeps_the_issues_checks(case: tuple[Placement, list[Review]]) -> None:
    placement, held = case
    slots = review_plan(placement, held, CAL)
    dues = [s.due_on for s in slots]
    assert len(set(dues)) == len(dues), "two slots due the same day"
    assert dues == sorted(dues)
    for slot in slots:
        assert placement.start_date <= slot.due_on <= _last(placement)
        assert CAL.counts_as_school_day(slot.due_on)
        if slot.met_on is not None:
            assert slot.met_on >= add_months(slot.due_on, -1), "met over a month early"
    met_by = [s.met_by for s in slots if s.met_by is not None]
    assert len(met_by) == len(set(met_by)), "one review met two slots"
    meetings = [n for n, s in enumerate(slots) if s.kind is ReviewKind.REVIEW_MEETING]
    if meetings:
        assert meetings[0] >= 4, "fewer than four reviews before the first review meeting"
    assert [s.kind for s in slots].count(ReviewKind.EXIT) == 1
    assert slots[-1].kind is ReviewKind.EXIT


def _held_on_time(placement: Placement) -> list[ReviewSlot]:
    held: list[Review] = []
    for _ in range(100):
        slots = review_plan(placement, held, CAL)
        slot = next((s for s in slots if s.met_on is None), None)
        if slot is None:
            return slots
        held.append(Review(1, slot.kind, slot.due_on, id=len(held) + 1))
    raise AssertionError("the plan did not settle")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_held_on_time_no_gap_is_longer_than_the_interval(
    case: tuple[Placement, list[Review]],
) -> None:
    placement, _ = case
    slots = _held_on_time(placement)
    weeks = DEFAULT_INTERVALS.weeks(placement.risk_level)
    for before, after in itertools.pairwise(slots):
        assert after.due_on <= add_school_weeks(CAL, before.due_on, weeks), (before, after)
    assert all(s.on_time for s in slots)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_plain_rows_plan_exactly_as_the_reviews_they_come_from(
    case: tuple[Placement, list[Review]],
) -> None:
    """Lists read the reviews held as plain rows (`HeldReview`, four columns): the schedule
    must plan from them exactly as from the reviews themselves."""
    placement, held = case
    rows = [HeldReview(r.id, r.kind, r.held_on, r.next_review_on) for r in held]
    assert review_plan(placement, rows, CAL) == review_plan(placement, held, CAL)
    slots = review_plan(placement, held, CAL)
    assert [s.met_by for s in review_plan(placement, rows, CAL)] == [s.met_by for s in slots]


@st.composite
def calendars(draw: st.DrawFn) -> SchoolCalendar:
    """A school's year of one to four terms (or none entered yet), with INSET days and
    closures anywhere, over Christmas, Easter and the May bank holidays."""
    terms, day = [], date(2026, 8, 24) + timedelta(days=draw(st.integers(0, 20)))
    for n in range(draw(st.integers(0, 4))):
        start = day + timedelta(days=draw(st.integers(0, 30)))
        day = start + timedelta(days=draw(st.integers(0, 80)))
        terms.append(Term(f"Term {n + 1}", start, day))
        day += timedelta(days=1)
    closures = draw(st.lists(st.dates(date(2026, 8, 20), date(2027, 9, 10)), max_size=8))
    return SchoolCalendar(terms, closures)


def _by_day(calendar: SchoolCalendar, start: date, end: date) -> list[list[date]]:
    """The plain count: every day from `start` to `end` asked in turn, grouped by week."""
    days = [
        start + timedelta(days=n)
        for n in range((end - start).days + 1)
        if calendar.counts_as_school_day(start + timedelta(days=n))
    ]
    return [list(w) for _, w in itertools.groupby(days, lambda d: d - timedelta(d.weekday()))]


def _add_weeks_by_day(calendar: SchoolCalendar, day: date, weeks: int) -> date:
    """`add_school_weeks` the plain way: each following week's days asked one by one."""
    monday, counted = day - timedelta(days=day.weekday()), 0
    while True:
        monday += timedelta(days=7)
        days = _by_day(calendar, monday, monday + timedelta(days=4))
        counted += bool(days)
        if days and counted == weeks:
            same = monday + timedelta(days=min(day.weekday(), 4))
            before = [d for d in days[0] if d <= same]
            return before[-1] if before else days[0][0]


@settings(max_examples=300, deadline=None)
@given(
    calendars(),
    st.dates(date(2026, 8, 1), date(2027, 9, 30)),
    st.integers(0, 200),
    st.booleans(),
    st.integers(1, 6),
)
def test_school_weeks_counted_a_week_at_a_time_agree_with_the_plain_day_by_day_count(
    calendar: SchoolCalendar, start: date, length: int, saturday: bool, weeks: int
) -> None:
    """What the plan reads of a placement's school weeks (its first four, its last and middle
    school day, a number of school weeks on) from the calendar's weekly masks is what asking
    every day in turn gives: across term boundaries, holidays, INSET days and bank holidays,
    before the first term and past the last (where weekdays count), from any weekday or a
    Saturday."""
    if saturday:
        start += timedelta(days=5 - start.weekday())
    end = start + timedelta(days=length)
    plain = _by_day(calendar, start, end)
    days = [d for week in plain for d in week]
    assert _first_weeks(calendar, start, end, 4) == plain[:4]
    assert _last_school_day(calendar, start, end) == (days[-1] if days else None)
    assert _middle_school_day(calendar, start, end) == (
        days[(len(days) - 1) // 2] if days else None
    )
    assert add_school_weeks(calendar, start, weeks) == _add_weeks_by_day(calendar, start, weeks)
