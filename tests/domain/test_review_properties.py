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

from apdesk.domain.calendar import add_months
from apdesk.domain.entities import Placement, Review
from apdesk.domain.enums import PlacementStatus, ReviewKind, RiskLevel
from apdesk.domain.reviews import (
    DEFAULT_INTERVALS,
    HeldReview,
    ReviewSlot,
    _school_weeks,
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


@settings(max_examples=200, deadline=None)
@given(
    st.dates(date(2026, 8, 20), date(2027, 9, 10)),
    st.integers(0, 120),
)
def test_school_weeks_read_a_week_at_a_time_are_the_school_days_day_by_day(
    start: date, length: int
) -> None:
    """The plan's weeks (read from the calendar's weekly masks) hold exactly the days that
    count as school days, each in its own Monday's week, past the last term entered too."""
    end = start + timedelta(days=length)
    day_by_day = [
        start + timedelta(days=n)
        for n in range(length + 1)
        if CAL.counts_as_school_day(start + timedelta(days=n))
    ]
    weeks = _school_weeks(CAL, start, end)
    assert [d for week in weeks for d in week] == day_by_day
    assert all(week and len({d - timedelta(days=d.weekday()) for d in week}) == 1 for week in weeks)
