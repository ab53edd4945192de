"""The review schedule on school weeks, worked on the 2026-27 school year.

Autumn 1: Thu 3 Sep to Fri 23 Oct 2026 (half term 26 to 30 Oct); Autumn 2: Mon 2 Nov to
Fri 18 Dec, with an INSET day on Fri 27 Nov; Spring 1: Mon 4 Jan to Fri 12 Feb 2027 (half term
15 to 19 Feb); Spring 2: Mon 22 Feb to Thu 25 Mar; Summer 1: Mon 12 Apr to Fri 28 May.
A placement from 2 Nov to 28 May (LONG) has its mid-point on Tue 9 Feb, out of the way.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.entities import Placement, Review, Term
from apdesk.domain.enums import PlacementStatus, ReviewKind, RiskLevel
from apdesk.domain.errors import InvalidInput, RuleViolation
from apdesk.domain.reviews import (
    HeldReview,
    ReviewIntervals,
    ReviewSlot,
    RiskChange,
    SlotStatus,
    add_school_weeks,
    check_next_review_date,
    check_review_date,
    due_reviews,
    last_day,
    next_review_on,
    on_time_counts,
    review_plan,
)

MC, RM = ReviewKind.MONITORING_CONTACT, ReviewKind.REVIEW_MEETING
MID, EXIT = ReviewKind.MID_POINT, ReviewKind.EXIT
INSET = date(2026, 11, 27)
LONG = date(2027, 5, 28)
CAL = SchoolCalendar(
    [
        Term("Autumn 1", date(2026, 9, 3), date(2026, 10, 23)),
        Term("Autumn 2", date(2026, 11, 2), date(2026, 12, 18)),
        Term("Spring 1", date(2027, 1, 4), date(2027, 2, 12)),
        Term("Spring 2", date(2027, 2, 22), date(2027, 3, 25)),
        Term("Summer 1", date(2027, 4, 12), date(2027, 5, 28)),
    ],
    [INSET],
)


def d(day: int, month: int, year: int = 2026) -> date:
    return date(year, month, day)


def placement(
    start: date,
    end: date,
    risk: RiskLevel = RiskLevel.HIGH,
    status: PlacementStatus = PlacementStatus.ACTIVE,
    ended_on: date | None = None,
) -> Placement:
    return Placement(1, 1, start, end, risk_level=risk, status=status, ended_on=ended_on, id=1)


def held(*days: date, kind: ReviewKind = MC, next_on: date | None = None) -> list[Review]:
    return [Review(1, kind, day, next_review_on=next_on) for day in days]


def plan(p: Placement, reviews: list[Review] | None = None, **kw: object) -> list[ReviewSlot]:
    return review_plan(p, reviews or [], CAL, **kw)  # type: ignore[arg-type]


def dues(slots: list[ReviewSlot]) -> list[tuple[date, ReviewKind]]:
    return [(s.due_on, s.kind) for s in slots]


# --- weekly contacts on school weeks -------------------------------------------------------


def test_a_start_the_week_before_christmas_gets_four_school_weeks_not_three_on_5_january() -> None:
    slots = plan(placement(d(7, 12), d(26, 2, 2027)))
    assert dues(slots)[:4] == [
        (d(11, 12), MC),
        (d(18, 12), MC),
        (d(8, 1, 2027), MC),  # the two holiday weeks do not count
        (d(15, 1, 2027), MC),
    ]
    assert len({s.due_on for s in slots}) == len(slots)


def test_october_half_term_week_does_not_count() -> None:
    slots = plan(placement(d(12, 10), d(18, 12)))
    assert [s.due_on for s in slots[:4]] == [d(16, 10), d(23, 10), d(6, 11), d(13, 11)]


def test_a_closure_day_moves_the_weekly_contact_to_the_last_school_day_of_that_week() -> None:
    slots = plan(placement(d(9, 11), d(26, 2, 2027)))
    assert [s.due_on for s in slots[:4]] == [d(13, 11), d(20, 11), d(26, 11), d(4, 12)]


def test_any_review_in_the_week_meets_that_weeks_contact_but_only_that_one() -> None:
    slots = plan(placement(d(2, 11), d(26, 2, 2027)), held(d(3, 11), d(4, 11), d(16, 11)))
    first, second, third = slots[:3]
    assert first.met_on == d(3, 11)  # two in the first week: one meets it, one is spare
    assert second.met_on is None and second.status(d(24, 11)) is SlotStatus.MISSED
    assert third.met_on == d(16, 11)


# --- rolling from what happened ------------------------------------------------------------


def weekly_on_time(start: date) -> list[Review]:
    return held(*[s.due_on for s in plan(placement(start, LONG))[:4]])


def test_after_the_weekly_contacts_the_next_review_is_an_interval_after_the_last_one_held() -> None:
    start = d(2, 11)
    reviews = weekly_on_time(start)  # 6, 13, 20 and 26 Nov
    slots = plan(placement(start, LONG), reviews)
    assert (slots[4].due_on, slots[4].kind) == (d(10, 12), RM)  # Thu 26 Nov + 2 school weeks
    low = plan(placement(start, LONG, RiskLevel.LOW), reviews)
    assert low[4].due_on == d(7, 1, 2027)  # 4 school weeks: Christmas does not count


def test_the_school_can_change_the_intervals() -> None:
    start = d(2, 11)
    slots = plan(
        placement(start, LONG),
        weekly_on_time(start),
        intervals=ReviewIntervals(high=1, medium=2, low=4),
    )
    assert slots[4].due_on == d(3, 12)


def test_an_early_review_re_plans_from_itself() -> None:
    start = d(2, 11)
    reviews = weekly_on_time(start) + held(d(4, 12), kind=RM)  # due 10 Dec, held 4 Dec
    slots = plan(placement(start, LONG), reviews)
    assert (slots[4].due_on, slots[4].met_on) == (d(10, 12), d(4, 12))
    assert slots[4].status(d(5, 12)) is SlotStatus.COMPLETED
    assert slots[5].due_on == d(18, 12)  # Fri 4 Dec + 2 school weeks


def test_the_next_date_the_meeting_agreed_is_kept_when_earlier_never_when_later() -> None:
    start = d(2, 11)
    earlier = weekly_on_time(start)[:-1] + held(d(26, 11), next_on=d(3, 12))
    assert plan(placement(start, LONG), earlier)[4].due_on == d(3, 12)
    later = weekly_on_time(start)[:-1] + held(d(26, 11), next_on=d(6, 1, 2027))
    assert plan(placement(start, LONG), later)[4].due_on == d(10, 12)


def test_a_late_review_meets_its_slot_late_and_the_next_is_planned_from_it() -> None:
    start = d(2, 11)
    reviews = weekly_on_time(start) + held(d(14, 12), kind=RM)  # due Thu 10 Dec
    slots = plan(placement(start, LONG), reviews)
    assert (slots[4].due_on, slots[4].met_on) == (d(10, 12), d(14, 12))
    assert slots[4].status(d(11, 12)) is SlotStatus.OVERDUE
    assert slots[4].status(d(15, 12)) is SlotStatus.LATE
    assert slots[5].due_on == d(11, 1, 2027)  # Mon 14 Dec + 2 school weeks
    assert on_time_counts(slots, start, d(15, 12)) == (5, 4)


def test_each_interval_without_a_review_is_one_slot_and_only_the_latest_is_overdue() -> None:
    start = d(2, 11)
    slots = plan(placement(start, LONG), weekly_on_time(start))
    regular = [s.due_on for s in slots if s.kind is RM]
    assert regular[:3] == [d(10, 12), d(7, 1, 2027), d(21, 1, 2027)]  # Christmas skipped
    result = due_reviews(slots, d(20, 1, 2027))
    assert [s.due_on for s in result.missed] == [d(10, 12)]
    assert [s.due_on for s in result.overdue] == [d(7, 1, 2027)]
    assert [s.due_on for s in result.due] == [d(21, 1, 2027)]


def test_a_missed_review_is_overdue_until_the_day_before_the_next_falls_due() -> None:
    # High risk, nothing held after the weekly contacts: the 10 Dec review is overdue on
    # Wed 6 Jan and missed on Thu 7 Jan, when the next falls due. The last review before
    # the exit review (10 Dec on a placement ending Wed 6 Jan) closes the day before it.
    start = d(2, 11)
    slots = plan(placement(start, LONG), weekly_on_time(start))
    assert slots[4].due_on == d(10, 12)
    assert slots[4].status(d(6, 1, 2027)) is SlotStatus.OVERDUE
    assert slots[4].status(d(7, 1, 2027)) is SlotStatus.MISSED
    short = plan(placement(start, d(6, 1, 2027)), weekly_on_time(start))
    assert [(s.due_on, s.kind, s.closes_on) for s in short[-2:]] == [
        (d(10, 12), RM, d(5, 1, 2027)),
        (d(6, 1, 2027), EXIT, d(20, 1, 2027)),
    ]


def test_a_review_held_more_than_a_month_before_its_slot_does_not_meet_it() -> None:
    # Low risk: Wed 9 Dec meets the 7 Jan slot; the next is due Wed 20 Jan (4 school weeks
    # over Christmas). A review on Thu 10 Dec is six weeks early: it re-plans from itself.
    start = d(2, 11)
    reviews = weekly_on_time(start) + held(d(9, 12), d(10, 12))
    slots = plan(placement(start, LONG, RiskLevel.LOW), reviews)
    regular = [s for s in slots if s.kind is RM]
    assert [(s.due_on, s.met_on) for s in regular[:2]] == [
        (d(7, 1, 2027), d(9, 12)),
        (d(21, 1, 2027), None),
    ]
    for slot in slots:
        assert slot.met_on is None or (slot.due_on - slot.met_on).days <= 31


def test_a_review_held_exactly_a_month_before_its_slot_meets_it_and_a_day_more_does_not() -> None:
    # Low risk, the slot due Thu 7 Jan: Mon 7 Dec is a month before (it meets the slot);
    # Fri 4 Dec is earlier (the slot is re-planned from it, to Fri 15 Jan).
    start = d(2, 11)
    low = placement(start, LONG, RiskLevel.LOW)

    def first_meeting(held_on: date) -> tuple[date, date | None]:
        slot = plan(low, weekly_on_time(start) + held(held_on, kind=RM))[4]
        return slot.due_on, slot.met_on

    assert first_meeting(d(7, 12)) == (d(7, 1, 2027), d(7, 12))
    assert first_meeting(d(4, 12)) == (d(15, 1, 2027), None)


def test_a_missed_review_is_met_late_until_the_day_before_the_next_falls_due() -> None:
    # High risk: the 10 Dec review is missed, and the next falls due Thu 7 Jan. Held on
    # Wed 6 Jan, a review meets 10 Dec late; held on 7 Jan, it meets 7 Jan and 10 Dec
    # stays missed.
    start = d(2, 11)

    def met(held_on: date) -> list[tuple[date, date | None]]:
        slots = plan(placement(start, LONG), weekly_on_time(start) + held(held_on, kind=RM))
        return [(s.due_on, s.met_on) for s in slots[4:6]]

    assert met(d(6, 1, 2027)) == [(d(10, 12), d(6, 1, 2027)), (d(20, 1, 2027), None)]
    assert met(d(7, 1, 2027)) == [(d(10, 12), None), (d(7, 1, 2027), d(7, 1, 2027))]


def test_the_first_interval_runs_from_the_day_the_last_weekly_contact_was_held() -> None:
    # The fourth weekly contact, due Thu 26 Nov, is held on Mon 23 Nov: the first review
    # meeting is two school weeks after the Monday (Mon 7 Dec), not after the Thursday.
    start = d(2, 11)
    weekly = [s.due_on for s in plan(placement(start, LONG))[:3]]
    slots = plan(placement(start, LONG), held(*weekly, d(23, 11)))
    assert [(s.due_on, s.met_on) for s in slots[3:5]] == [(d(26, 11), d(23, 11)), (d(7, 12), None)]


def test_each_slot_met_names_the_review_that_met_it() -> None:
    start = d(2, 11)
    reviews = [replace(r, id=10 + n) for n, r in enumerate(weekly_on_time(start))]
    assert [s.met_by for s in plan(placement(start, LONG), reviews)[:5]] == [10, 11, 12, 13, None]


def test_of_two_reviews_held_the_same_day_the_one_recorded_later_sets_the_next_date() -> None:
    # Two review meetings on Wed 9 Dec (ids 21 and 20, read in either order): the first
    # recorded meets the 10 Dec slot; the next date agreed is the later one's, Mon 14 Dec.
    start = d(2, 11)
    first = Review(1, RM, d(9, 12), next_review_on=d(17, 12), id=20)
    second = Review(1, RM, d(9, 12), next_review_on=d(14, 12), id=21)
    for reviews in ([first, second], [second, first]):
        slots = plan(placement(start, LONG), weekly_on_time(start) + reviews)
        assert [(s.due_on, s.met_by) for s in slots[4:6]] == [(d(10, 12), 20), (d(14, 12), None)]


def test_a_review_not_yet_saved_counts_before_those_saved_on_its_day() -> None:
    # A plain row with no id yet (the review being recorded) and a saved review with id 1
    # on the same day, Wed 9 Dec: the unsaved one is read first, the saved one's date holds.
    start = d(2, 11)
    unsaved = HeldReview(None, RM, d(9, 12), d(17, 12))
    saved = HeldReview(1, RM, d(9, 12), d(14, 12))
    for reviews in ([unsaved, saved], [saved, unsaved]):
        slots = plan(placement(start, LONG), weekly_on_time(start) + reviews)
        assert [(s.due_on, s.met_by) for s in slots[4:6]] == [(d(10, 12), None), (d(14, 12), None)]


def test_risk_changes_count_in_date_order_whatever_order_they_come_in() -> None:
    # Raised on 1 Dec, lowered again on 14 Jan: fortnightly, then four-weekly from 7 Jan.
    start = d(2, 11)
    p = placement(start, LONG, RiskLevel.LOW)
    lowered = RiskChange(d(14, 1, 2027), RiskLevel.HIGH, RiskLevel.LOW)
    raised = RiskChange(d(1, 12), RiskLevel.LOW, RiskLevel.HIGH)
    for changes in ([raised, lowered], [lowered, raised]):
        slots = plan(p, weekly_on_time(start), risk_changes=changes)
        assert [s.due_on for s in slots[4:7]] == [d(10, 12), d(7, 1, 2027), d(4, 2, 2027)]


def test_a_risk_change_re_plans_from_the_last_review() -> None:
    start = d(2, 11)
    p = placement(start, LONG, RiskLevel.HIGH)
    low_then_high = [RiskChange(d(1, 12), RiskLevel.LOW, RiskLevel.HIGH)]
    slots = plan(p, weekly_on_time(start), risk_changes=low_then_high)
    assert slots[4].due_on == d(10, 12)  # the 7 Jan low-risk slot is re-planned: 26 Nov + 2
    late_change = [RiskChange(d(15, 12), RiskLevel.LOW, RiskLevel.HIGH)]
    slots = plan(p, weekly_on_time(start), risk_changes=late_change)
    assert slots[4].due_on == d(15, 12)  # already past 10 Dec: due the day of the change
    to_low = [RiskChange(d(1, 12), RiskLevel.HIGH, RiskLevel.LOW)]
    low = placement(start, LONG, RiskLevel.LOW)
    assert plan(low, weekly_on_time(start), risk_changes=to_low)[4].due_on == d(7, 1, 2027)


def test_a_risk_raised_on_the_day_of_a_review_sets_the_interval_from_that_review() -> None:
    # Raised to high on Thu 26 Nov, the day of the last weekly contact: the interval from
    # that contact is already the high one (a change "on or before" the anchor counts), and
    # so is every interval after (not only the first one re-planned over the change).
    start = d(2, 11)
    p = placement(start, LONG, RiskLevel.HIGH)
    raised = [RiskChange(d(26, 11), RiskLevel.LOW, RiskLevel.HIGH)]
    slots = plan(p, weekly_on_time(start), risk_changes=raised)
    assert [s.due_on for s in slots[4:7]] == [d(10, 12), d(7, 1, 2027), d(21, 1, 2027)]


def test_a_risk_lowered_on_the_day_a_review_falls_due_re_plans_it() -> None:
    # High until Thu 10 Dec, the day the fortnightly review is due: lowered that day, the
    # review moves to the low-risk interval from the last contact (Thu 7 Jan); lowered the
    # day after, the 10 Dec review stands.
    start = d(2, 11)
    low = placement(start, LONG, RiskLevel.LOW)

    def next_due(lowered_on: date) -> date:
        change = [RiskChange(lowered_on, RiskLevel.HIGH, RiskLevel.LOW)]
        return plan(low, weekly_on_time(start), risk_changes=change)[4].due_on

    assert next_due(d(10, 12)) == d(7, 1, 2027)
    assert next_due(d(11, 12)) == d(10, 12)


def test_a_next_review_agreed_for_the_day_of_the_slot_just_met_moves_to_the_day_after() -> None:
    # A review meeting on Wed 9 Dec meets the Thu 10 Dec slot and agrees the next for Thu
    # 10 Dec: two slots are never due the same day, so the next is due Fri 11 Dec.
    start = d(2, 11)
    reviews = weekly_on_time(start) + held(d(9, 12), kind=RM, next_on=d(10, 12))
    slots = plan(placement(start, LONG), reviews)
    assert [(s.due_on, s.met_on) for s in slots[4:6]] == [(d(10, 12), d(9, 12)), (d(11, 12), None)]


# --- mid-point and exit -------------------------------------------------------------------


def test_a_fortnightly_review_falling_on_the_mid_point_is_the_mid_point_review() -> None:
    # A review recorded as a mid-point on Tue 1 Dec, two months early, meets the 10 Dec
    # slot only; fortnightly from it come 15 Dec, 12 Jan, 26 Jan and then Tue 9 Feb, the
    # mid-point itself, so that slot is the mid-point review (not a second review meeting).
    start = d(2, 11)
    reviews = weekly_on_time(start) + held(d(1, 12), kind=MID)
    slots = plan(placement(start, LONG), reviews)
    assert dues(slots)[5:9] == [
        (d(15, 12), RM),
        (d(12, 1, 2027), RM),
        (d(26, 1, 2027), RM),
        (d(9, 2, 2027), MID),
    ]


def test_a_placement_ending_on_a_review_date_has_its_exit_review_that_day_and_no_other() -> None:
    # Ending Thu 7 Jan 2027, which is also a fortnight after the 10 Dec review: the exit
    # review takes the day; no review meeting is planned beside it.
    start = d(2, 11)
    slots = plan(placement(start, d(7, 1, 2027)), weekly_on_time(start))
    assert dues(slots)[-2:] == [(d(10, 12), RM), (d(7, 1, 2027), EXIT)]


# LONG from 2 Nov, high risk: after the weekly contacts, review meetings fall due on 10 Dec,
# 7 Jan, 21 Jan and Thu 4 Feb; the mid-point is Tue 9 Feb, the slot after 4 Feb.
MIDPOINT, BEFORE_MID = d(9, 2, 2027), d(4, 2, 2027)
REGULAR = [d(10, 12), d(7, 1, 2027), d(21, 1, 2027), BEFORE_MID]


def mid_plan(regular: list[date], review: Review) -> list[ReviewSlot]:
    start = d(2, 11)
    return plan(placement(start, LONG), weekly_on_time(start) + held(*regular, kind=RM) + [review])


def met(slots: list[ReviewSlot], due: date) -> date | None:
    return next(s.met_on for s in slots if s.due_on == due)


def test_a_mid_point_review_held_on_its_day_after_a_missed_review_meets_the_mid_point() -> None:
    # Found by mutation testing (docs/quality.md): the review on 9 Feb met the missed 4 Feb
    # review late, the plan re-planned from 9 Feb and the mid-point dropped out of it.
    slots = mid_plan(REGULAR[:3], Review(1, MID, MIDPOINT))
    mid = [s for s in slots if s.kind is MID]
    assert [(s.due_on, s.met_on) for s in mid] == [(MIDPOINT, MIDPOINT)]
    assert met(slots, BEFORE_MID) is None  # one review meets one slot: 4 Feb stays missed


@pytest.mark.parametrize("regular", [REGULAR, REGULAR[:3]], ids=["all held", "4 Feb missed"])
@pytest.mark.parametrize(
    ("held_on", "on_time"),
    [(d(8, 2, 2027), True), (MIDPOINT, True), (d(10, 2, 2027), False)],
    ids=["the day before", "on the day", "the day after"],
)
def test_a_mid_point_review_around_its_day_meets_the_mid_point(
    regular: list[date], held_on: date, on_time: bool
) -> None:
    # Whether or not the 4 Feb review was held, a mid-point review from the day before to
    # the day after meets the mid-point, which stays in the plan once, on its day.
    slots = mid_plan(regular, Review(1, MID, held_on))
    mid = [s for s in slots if s.kind is MID]
    assert [(s.due_on, s.met_on, s.on_time) for s in mid] == [(MIDPOINT, held_on, on_time)]
    assert met(slots, BEFORE_MID) == (BEFORE_MID if regular == REGULAR else None)
    assert len([s for s in slots if s.met_on == held_on]) == 1


def test_a_mid_point_review_the_week_before_is_kept_for_it_when_the_next_would_fall_on_it() -> None:
    # Review meetings fortnightly from a mid-point review on 1 Dec (as above): 15 Dec,
    # 12 Jan, then 26 Jan, whose next would fall on the mid-point, Tue 9 Feb. 26 Jan is
    # missed; a mid-point review on Mon 1 Feb meets the mid-point and not 26 Jan late.
    start = d(2, 11)
    reviews = weekly_on_time(start) + held(d(1, 12), kind=MID)
    reviews += held(d(15, 12), d(12, 1, 2027), kind=RM) + held(d(1, 2, 2027), kind=MID)
    slots = plan(placement(start, LONG), reviews)
    assert [(s.due_on, s.kind, s.met_on) for s in slots[7:9]] == [
        (d(26, 1, 2027), RM, None),
        (MIDPOINT, MID, d(1, 2, 2027)),
    ]


def test_a_mid_point_review_a_month_before_it_is_kept_for_it_and_a_day_earlier_is_not() -> None:
    # Low risk, 5 Oct to 30 Apr: the review meeting due Fri 4 Dec is missed and the next
    # slot is the mid-point, Fri 15 Jan. A mid-point review on Tue 15 Dec, a month before,
    # meets the mid-point on time and 4 Dec stays missed; one on Mon 14 Dec meets 4 Dec late
    # and the mid-point is still to do.
    p = placement(d(5, 10), d(30, 4, 2027), RiskLevel.LOW)
    weekly = held(d(9, 10), d(16, 10), d(23, 10), d(6, 11))

    def met_on(held_on: date) -> list[tuple[date, date | None]]:
        slots = plan(p, weekly + held(held_on, kind=MID))
        return [(s.due_on, s.met_on) for s in slots[4:6]]

    mid = d(15, 1, 2027)
    assert met_on(d(15, 12)) == [(d(4, 12), None), (mid, d(15, 12))]
    assert met_on(d(14, 12)) == [(d(4, 12), d(14, 12)), (mid, None)]


@pytest.mark.parametrize(
    ("held_on", "meets_4_feb"),
    [(d(8, 2, 2027), True), (MIDPOINT, False), (d(10, 2, 2027), False)],
    ids=["the day before", "on the day", "the day after"],
)
def test_a_review_meeting_after_a_missed_review_never_pushes_the_mid_point_out(
    held_on: date, meets_4_feb: bool
) -> None:
    # A review meeting, not a mid-point review: held before the mid-point it meets the
    # missed 4 Feb review late; from the mid-point day on, the mid-point is the slot to meet
    # (only a mid-point review meets it), so 4 Feb stays missed. Either way the mid-point
    # is in the plan, still to do.
    slots = mid_plan(REGULAR[:3], Review(1, RM, held_on))
    assert met(slots, BEFORE_MID) == (held_on if meets_4_feb else None)
    mid = [s for s in slots if s.kind is MID]
    assert [(s.due_on, s.met_on) for s in mid] == [(MIDPOINT, None)]
    assert mid[0].status(d(10, 2, 2027)) is SlotStatus.OVERDUE


def test_a_mid_point_review_more_than_a_month_early_still_meets_a_missed_review_late() -> None:
    # Held on Fri 8 Jan, after the 7 Jan review was missed and more than a month before
    # the mid-point: it meets 7 Jan late, and the mid-point is still to do.
    slots = mid_plan(REGULAR[:1], Review(1, MID, d(8, 1, 2027)))
    assert met(slots, d(7, 1, 2027)) == d(8, 1, 2027)
    assert [(s.due_on, s.met_on) for s in slots if s.kind is MID] == [(MIDPOINT, None)]


@pytest.mark.parametrize(
    ("held_on", "meets"), [(d(5, 11), True), (d(6, 11), True), (d(9, 11), False)]
)
def test_a_placement_too_short_for_a_separate_mid_point_has_it_in_a_weekly_week(
    held_on: date, meets: bool
) -> None:
    # 2 to 13 Nov: the mid-point, Fri 6 Nov, is the first week's contact; a mid-point review
    # that week meets it, one the week after does not, and the mid-point stays in the plan.
    slots = plan(placement(d(2, 11), d(13, 11)), held(held_on, kind=MID))
    assert [(s.due_on, s.kind, s.met_on) for s in slots] == [
        (d(6, 11), MID, held_on if meets else None),
        (d(13, 11), EXIT, None),
    ]


def test_a_one_day_placement_has_only_its_exit_review() -> None:
    slots = plan(placement(d(4, 11), d(4, 11)), held(d(4, 11), kind=MID))
    assert dues(slots) == [(d(4, 11), EXIT)]


def test_the_mid_point_is_the_middle_school_day_and_the_review_for_its_period() -> None:
    # 2 Nov to 26 Feb: 34 + 30 + 5 = 69 school days; the 35th is Mon 4 Jan.
    start = d(2, 11)
    slots = plan(placement(start, d(26, 2, 2027)), weekly_on_time(start) + held(d(10, 12)))
    mids = [s for s in slots if s.kind is MID]
    assert [s.due_on for s in mids] == [d(4, 1, 2027)]  # instead of the 7 Jan review meeting
    regular_after = [s for s in slots if s.kind is RM and s.due_on > d(10, 12)]
    assert regular_after[0].due_on == d(18, 1, 2027)  # an interval after the mid-point


def test_a_weekly_contact_in_the_mid_point_week_does_not_meet_the_mid_point() -> None:
    # 2 Nov to 18 Dec: 34 school days, the 17th is Tue 24 Nov, in the fourth weekly week.
    # A contact on Mon 23 Nov is not a mid-point review: the mid-point is still to do, and
    # the next review is two school weeks after the mid-point's day, not after the contact.
    slots = plan(placement(d(2, 11), d(18, 12)), held(d(23, 11)))
    assert [(s.due_on, s.kind, s.met_on) for s in slots[3:5]] == [
        (d(24, 11), MID, None),
        (d(8, 12), RM, None),
    ]


def test_only_a_mid_point_review_meets_the_mid_point_and_it_counts_as_the_regular_one() -> None:
    start = d(2, 11)
    base = weekly_on_time(start) + held(d(10, 12))
    with_contact = plan(placement(start, d(26, 2, 2027)), base + held(d(4, 1, 2027)))
    assert next(s for s in with_contact if s.kind is MID).met_on is None
    with_mid = plan(placement(start, d(26, 2, 2027)), base + held(d(4, 1, 2027), kind=MID))
    mid = next(s for s in with_mid if s.kind is MID)
    assert mid.met_on == d(4, 1, 2027)
    assert not [s for s in with_mid if s.kind is RM and d(10, 12) < s.due_on < d(18, 1, 2027)]


def test_the_mid_point_review_held_a_month_early_does_not_meet_a_slot_due_weeks_later() -> None:
    # The EHCP pupil: a mid-point review on 24 Nov must not meet the 4 Jan slot.
    start = d(2, 11)
    slots = plan(placement(start, d(26, 2, 2027)), held(d(24, 11), kind=MID))
    met = [s for s in slots if s.met_on == d(24, 11)]
    assert [s.due_on for s in met] == [d(26, 11)]  # it meets the contact of its own week only
    assert next(s for s in slots if s.kind is MID).met_on is None


def test_the_exit_review_is_on_or_before_the_last_school_day() -> None:
    assert plan(placement(d(2, 11), d(1, 1, 2027)))[-1] == ReviewSlot(
        d(18, 12), EXIT, closes_on=d(15, 1, 2027)
    )
    sunday = plan(placement(d(2, 11), d(13, 12)))[-1]
    assert (sunday.due_on, sunday.kind) == (d(11, 12), EXIT)


def test_an_exit_review_up_to_ten_school_days_after_the_end_meets_it_late() -> None:
    p = placement(d(2, 11), d(18, 12))
    slots = plan(p, held(d(8, 1, 2027), kind=EXIT))
    assert slots[-1].met_on == d(8, 1, 2027) and not slots[-1].on_time
    last_day_of_grace = plan(p, held(d(15, 1, 2027), kind=EXIT))[-1]
    assert last_day_of_grace.met_on == d(15, 1, 2027)
    too_late = plan(p, held(d(18, 1, 2027), kind=EXIT))
    assert too_late[-1].met_on is None
    assert too_late[-1].status(d(18, 1, 2027)) is SlotStatus.MISSED
    assert too_late[-1].status(d(15, 1, 2027)) is SlotStatus.OVERDUE


def test_an_exit_review_held_a_month_before_the_end_meets_it_and_a_day_earlier_does_not() -> None:
    p = placement(d(2, 11), d(18, 12))
    assert plan(p, held(d(18, 11), kind=EXIT))[-1].met_on == d(18, 11)
    assert plan(p, held(d(17, 11), kind=EXIT))[-1].met_on is None


def test_a_placement_ended_on_its_mid_point_day_has_its_exit_review_and_no_mid_point() -> None:
    p = placement(d(2, 11), LONG, status=PlacementStatus.TERMINATED, ended_on=MIDPOINT)
    slots = plan(p, weekly_on_time(d(2, 11)))
    assert dues(slots)[-2:] == [(BEFORE_MID, RM), (MIDPOINT, EXIT)]


def test_a_placement_planned_in_a_holiday_that_ran_on_has_only_its_exit_review() -> None:
    # Planned for the October half term (no school days), ended Fri 6 Nov: no mid-point
    # can be planned, and the exit review is due on the day it ended.
    p = placement(d(26, 10), d(30, 10), status=PlacementStatus.ENDED, ended_on=d(6, 11))
    assert dues(plan(p)) == [(d(6, 11), EXIT)]


def test_a_placement_with_no_planned_end_has_no_plan_even_once_ended() -> None:
    p = replace(placement(d(2, 11), LONG, status=PlacementStatus.ENDED), planned_end_date=None)
    assert plan(replace(p, ended_on=d(18, 12))) == []


def test_a_closed_placement_with_no_end_date_recorded_plans_to_its_planned_end() -> None:
    # A store from before end dates were kept: the planned end is the last day.
    p = placement(d(2, 11), d(18, 12), status=PlacementStatus.ENDED)
    assert last_day(p) == d(18, 12)
    assert dues(plan(p))[-1] == (d(18, 12), EXIT)


def test_a_short_placement_has_a_mid_point_and_an_exit_review() -> None:
    slots = plan(placement(d(2, 11), d(13, 11)))
    assert dues(slots) == [(d(6, 11), MID), (d(13, 11), EXIT)]


def test_nothing_after_a_termination() -> None:
    p = placement(d(2, 11), d(26, 2, 2027), status=PlacementStatus.TERMINATED, ended_on=d(25, 11))
    slots = plan(p, weekly_on_time(d(2, 11))[:3])
    assert dues(slots) == [(d(6, 11), MC), (d(13, 11), MC), (d(20, 11), MC), (d(25, 11), EXIT)]
    assert on_time_counts(slots, d(2, 11), d(18, 12)) == (4, 3)


def test_an_exit_review_on_the_day_a_weekly_contact_falls_due_is_not_that_contact() -> None:
    # Terminated on Wed 25 Nov; the exit review was held on Fri 20 Nov, the day the third
    # weekly contact fell due. It meets the exit review only: on Mon 23 Nov the contact is
    # still overdue (not caught up by a review held after it).
    p = placement(d(2, 11), d(26, 2, 2027), status=PlacementStatus.TERMINATED, ended_on=d(25, 11))
    slots = plan(p, held(d(6, 11), d(13, 11)) + held(d(20, 11), kind=EXIT))
    third = slots[2]
    assert (third.due_on, third.met_on, third.caught_up_on) == (d(20, 11), None, None)
    assert third.status(d(23, 11)) is SlotStatus.OVERDUE
    assert slots[-1].met_on == d(20, 11)


def test_a_placement_ended_early_plans_to_the_day_it_ended() -> None:
    p = placement(d(2, 11), d(26, 2, 2027), status=PlacementStatus.ENDED, ended_on=d(11, 12))
    slots = plan(p)
    assert max(s.due_on for s in slots) == d(11, 12)
    assert slots[-1].kind is EXIT


# --- what is due today and next -----------------------------------------------------------


def test_due_overdue_and_the_next_review_date() -> None:
    start = d(2, 11)
    p = placement(start, d(26, 2, 2027))
    slots = plan(p, held(d(6, 11)))
    today = d(16, 11)
    result = due_reviews(slots, today)
    assert [s.due_on for s in result.missed] == []
    assert [s.due_on for s in result.overdue] == [d(13, 11)]
    assert [s.due_on for s in result.due] == [d(20, 11)]
    assert next_review_on(slots, today) == d(13, 11)
    # The met first contact is never the next review, even on its own day.
    assert next_review_on(plan(p, held(d(6, 11))), d(6, 11)) == d(13, 11)
    # A weekly contact missed and caught up by a later review is missed, not overdue.
    caught = plan(p, held(d(6, 11), d(16, 11)))
    assert due_reviews(caught, d(17, 11)).overdue == []


def test_add_school_weeks_skips_holidays_and_keeps_the_weekday() -> None:
    assert add_school_weeks(CAL, d(14, 10), 2) == d(4, 11)  # half term skipped
    assert add_school_weeks(CAL, d(13, 11), 2) == d(26, 11)  # Fri 27 Nov INSET: the Thursday
    assert add_school_weeks(CAL, d(16, 12), 1) == d(6, 1, 2027)
    # a term starting on a Thursday: a Monday's review a week on falls on its first day
    assert add_school_weeks(CAL, d(24, 8), 1) == d(3, 9)


# --- a review belongs to a live placement -------------------------------------------------


def refused(p: Placement, kind: ReviewKind, day: date) -> str:
    with pytest.raises(RuleViolation) as caught:
        check_review_date(p, kind, day, CAL)
    return str(caught.value)


def test_no_review_for_a_proposed_placement_or_before_the_start() -> None:
    proposed = placement(d(2, 11), LONG, status=PlacementStatus.PROPOSED)
    assert "still proposed" in refused(proposed, MC, d(3, 11))
    live = placement(d(2, 11), LONG)
    assert "starts on 2 Nov 2026" in refused(live, MC, d(30, 10))
    check_review_date(live, MC, d(2, 11), CAL)  # the first day is fine
    authorised = placement(d(2, 11), LONG, status=PlacementStatus.AUTHORISED)
    check_review_date(authorised, MC, d(2, 11), CAL)


def test_after_the_end_only_the_exit_review_and_only_for_ten_school_days() -> None:
    ended = placement(d(2, 11), LONG, status=PlacementStatus.ENDED, ended_on=d(18, 12))
    check_review_date(ended, MC, d(18, 12), CAL)
    assert "only its exit review" in refused(ended, MC, d(21, 12))
    check_review_date(ended, EXIT, d(15, 1, 2027), CAL)  # the tenth school day after
    assert "by 15 Jan 2027" in refused(ended, EXIT, d(18, 1, 2027))
    terminated = placement(d(2, 11), LONG, status=PlacementStatus.TERMINATED, ended_on=d(25, 11))
    assert "ended on 25 Nov 2026" in refused(terminated, RM, d(26, 11))
    overrun = placement(d(2, 11), d(18, 12))  # still active after its planned end
    assert "was planned to end on 18 Dec 2026" in refused(overrun, MC, d(4, 1, 2027))


def test_the_next_review_agreed_comes_after_the_review_held() -> None:
    check_next_review_date(d(9, 12), None)  # left open: the plan's interval sets it
    check_next_review_date(d(9, 12), d(10, 12))  # the day after is the earliest
    for same_or_before in (d(9, 12), d(8, 12)):
        with pytest.raises(InvalidInput, match="held on 9 Dec 2026, so the next can be from 10"):
            check_next_review_date(d(9, 12), same_or_before)


def test_a_review_held_names_someone_who_took_part():
    from apdesk.domain.entities import Review, ReviewAttendee
    from apdesk.domain.enums import AttendeeParty, ReviewKind
    from apdesk.domain.errors import InvalidInput
    from apdesk.domain.reviews import check_review_held

    nobody = Review(1, ReviewKind.MONITORING_CONTACT, date(2026, 11, 27), concerns="Phoned.")
    with pytest.raises(InvalidInput, match="Tick who took part"):
        check_review_held(nobody)
    one = Review(1, ReviewKind.MONITORING_CONTACT, date(2026, 11, 27),
                 attendees=[ReviewAttendee(AttendeeParty.PARENT)])  # fmt: skip
    check_review_held(one)  # a parent on the phone is enough
