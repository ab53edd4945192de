"""The review schedule at the edges mutation testing found thin: the school's own intervals
and their limits, a slot due today or a week ahead, a slot caught up today, the first and last
day counted on time, which slot is next, and the words a refusal says."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from apdesk.domain.entities import Placement, School
from apdesk.domain.enums import PlacementStatus, ReviewKind
from apdesk.domain.errors import RuleViolation
from apdesk.domain.reviews import (
    ReviewIntervals,
    ReviewSlot,
    SlotStatus,
    check_review_date,
    live_for_reviews,
    next_review_on,
    next_slot,
    on_time_counts,
)
from tests.domain.test_reviews import CAL

TODAY = date(2026, 3, 4)
WEEKLY = ReviewKind.MONITORING_CONTACT


def test_the_schools_intervals_where_it_set_them_else_the_policys() -> None:
    assert ReviewIntervals.for_school(None) == ReviewIntervals(2, 2, 4)
    assert ReviewIntervals.for_school(School("Ash")) == ReviewIntervals(2, 2, 4)
    school = School("Ash", review_weeks_high=1, review_weeks_medium=3, review_weeks_low=5)
    assert ReviewIntervals.for_school(school) == ReviewIntervals(1, 3, 5)
    assert ReviewIntervals.for_school(School("Ash", review_weeks_low=6)) == ReviewIntervals(2, 2, 6)


def test_intervals_from_one_to_six_school_weeks_are_allowed() -> None:
    assert ReviewIntervals(1, 1, 1).problems() == []
    assert ReviewIntervals(6, 6, 6).problems() == []
    assert ReviewIntervals(2, 3, 3).problems() == []


def test_an_interval_outside_one_to_six_weeks_is_named_with_its_risk() -> None:
    assert ReviewIntervals(0, 2, 7).problems() == [
        "The review interval for high risk must be 1 to 6 school weeks, not 0.",
        "The review interval for low risk must be 1 to 6 school weeks, not 7.",
    ]
    assert ReviewIntervals(0, 0, 4).problems() == [
        "The review interval for high risk must be 1 to 6 school weeks, not 0.",
        "The review interval for medium risk must be 1 to 6 school weeks, not 0.",
    ]


def test_more_risk_is_never_reviewed_less_often() -> None:
    assert ReviewIntervals(3, 2, 1).problems() == [
        "A high-risk placement cannot wait longer between reviews than a medium-risk one "
        "(3 school weeks against 2).",
        "A medium-risk placement cannot wait longer between reviews than a low-risk one "
        "(2 school weeks against 1).",
    ]


def slot(due: date, **fields: object) -> ReviewSlot:
    return ReviewSlot(due, WEEKLY, **fields)  # type: ignore[arg-type]


def test_a_slot_due_today_is_due_not_overdue_and_a_week_ahead_is_still_due() -> None:
    assert slot(TODAY).status(TODAY) is SlotStatus.DUE
    assert slot(TODAY + timedelta(days=7)).status(TODAY) is SlotStatus.DUE
    assert slot(TODAY + timedelta(days=8)).status(TODAY) is SlotStatus.UPCOMING
    assert slot(TODAY - timedelta(days=1), closes_on=TODAY).status(TODAY) is SlotStatus.OVERDUE


def test_a_slot_caught_up_today_is_no_longer_overdue() -> None:
    late = slot(TODAY - timedelta(days=3), closes_on=TODAY + timedelta(days=5))
    assert late.status(TODAY) is SlotStatus.OVERDUE
    caught = slot(
        TODAY - timedelta(days=3), closes_on=TODAY + timedelta(days=5), caught_up_on=TODAY
    )
    assert caught.status(TODAY) is SlotStatus.MISSED
    tomorrow = TODAY + timedelta(days=1)
    later = slot(
        TODAY - timedelta(days=3), closes_on=TODAY + timedelta(days=5), caught_up_on=tomorrow
    )
    assert later.status(TODAY) is SlotStatus.OVERDUE


def test_the_next_slot_is_the_earliest_still_to_do() -> None:
    done = slot(TODAY - timedelta(days=10), met_on=TODAY - timedelta(days=10))
    soon, later = slot(TODAY + timedelta(days=2)), slot(TODAY + timedelta(days=20))
    slots = [later, done, soon]
    assert next_slot(slots, TODAY) == soon
    assert next_review_on(slots, TODAY) == soon.due_on
    assert next_slot([done], TODAY) is None
    assert next_review_on([done], TODAY) is None


def test_on_time_counts_include_the_first_and_last_day() -> None:
    first, last = date(2026, 3, 2), date(2026, 3, 27)
    slots = [
        slot(first, met_on=first),
        slot(last, met_on=last + timedelta(days=1)),
        slot(first - timedelta(days=1), met_on=first),
        slot(last + timedelta(days=1)),
    ]
    assert on_time_counts(slots, first, last) == (2, 1)


def placement(status: PlacementStatus) -> Placement:
    return Placement(1, 1, date(2026, 3, 2), date(2026, 3, 27), status=status, id=1)


def test_only_a_placement_past_its_proposal_has_reviews() -> None:
    assert not live_for_reviews(placement(PlacementStatus.PROPOSED))
    assert live_for_reviews(placement(PlacementStatus.AUTHORISED))
    assert live_for_reviews(placement(PlacementStatus.ACTIVE))


def test_a_review_too_early_is_refused_in_plain_words() -> None:
    with pytest.raises(RuleViolation) as caught:
        check_review_date(placement(PlacementStatus.PROPOSED), WEEKLY, date(2026, 3, 4), CAL)
    assert str(caught.value) == (
        "This placement is still proposed: reviews are recorded once the Headteacher has "
        "authorised it and it has started."
    )
    with pytest.raises(RuleViolation) as caught:
        check_review_date(placement(PlacementStatus.ACTIVE), WEEKLY, date(2026, 3, 1), CAL)
    assert str(caught.value) == (
        "The placement starts on 2 Mar 2026: a review cannot be dated before it."
    )
