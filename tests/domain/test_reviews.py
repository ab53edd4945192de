"""Review schedule and due/overdue reviews, worked on a placement from 2 March to 3 Jul 2026."""

from __future__ import annotations

from datetime import date

from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.entities import Review, Term
from apdesk.domain.enums import ReviewKind, RiskLevel
from apdesk.domain.reviews import (
    ScheduledReview,
    due_reviews,
    midpoint,
    next_review_on,
    review_schedule,
)

START, END = date(2026, 3, 2), date(2026, 7, 3)
MC, RM = ReviewKind.MONITORING_CONTACT, ReviewKind.REVIEW_MEETING


def d(month: int, day: int) -> date:
    return date(2026, month, day)


def plan(risk: RiskLevel = RiskLevel.HIGH) -> list[ScheduledReview]:
    return review_schedule(START, END, risk)


def held(*days: date, kind: ReviewKind = MC) -> list[Review]:
    return [Review(placement_id=7, kind=kind, held_on=day) for day in days]


def test_high_risk_weekly_then_fortnightly_plus_mid_point_and_exit() -> None:
    assert [(s.due_on, s.kind) for s in plan()] == [
        (d(3, 9), MC),
        (d(3, 16), MC),
        (d(3, 23), MC),
        (d(3, 30), MC),
        (d(4, 13), RM),
        (d(4, 27), RM),
        (d(5, 2), ReviewKind.MID_POINT),  # 2 March + 123 // 2 = 61 days
        (d(5, 11), RM),
        (d(5, 25), RM),
        (d(6, 8), RM),
        (d(6, 22), RM),
        (d(7, 3), ReviewKind.EXIT),
    ]


def test_medium_risk_is_fortnightly_too() -> None:
    assert plan(RiskLevel.MEDIUM) == plan(RiskLevel.HIGH)


def test_low_risk_is_monthly_after_the_first_four_weeks() -> None:
    assert [s.due_on for s in plan(RiskLevel.LOW)] == [
        d(3, 9),
        d(3, 16),
        d(3, 23),
        d(3, 30),
        d(4, 27),
        d(5, 2),
        d(5, 25),
        d(6, 22),
        d(7, 3),
    ]


def test_regular_date_on_mid_point_or_end_is_not_doubled() -> None:
    schedule = review_schedule(d(3, 2), d(3, 30), RiskLevel.HIGH)
    assert [(s.due_on, s.kind) for s in schedule] == [
        (d(3, 9), MC),
        (d(3, 16), ReviewKind.MID_POINT),
        (d(3, 23), MC),
        (d(3, 30), ReviewKind.EXIT),
    ]
    assert midpoint(d(3, 2), d(3, 30)) == d(3, 16)


def test_with_a_calendar_dates_move_to_the_next_school_day() -> None:
    cal = SchoolCalendar([Term("Summer", d(4, 13), d(7, 22)), Term("Spring", d(1, 5), d(3, 27))])
    schedule = review_schedule(START, END, RiskLevel.HIGH, cal)
    days = [s.due_on for s in schedule]
    assert d(3, 30) not in days and d(4, 13) in days  # Easter holiday date moves to 13 April
    mid = next(s for s in schedule if s.kind is ReviewKind.MID_POINT)
    assert mid.due_on == d(5, 5)  # Saturday 2 May -> Monday is May Day -> Tuesday 5 May


def test_nothing_held_first_review_overdue_next_one_due() -> None:
    result = due_reviews(plan(), [], today=d(3, 10), start=START)
    assert result.overdue == [ScheduledReview(d(3, 9), MC)]
    assert result.missed == [ScheduledReview(d(3, 9), MC)]
    assert result.due == [ScheduledReview(d(3, 16), MC)]


def test_on_time_review_clears_its_slot() -> None:
    result = due_reviews(plan(), held(d(3, 9)), today=d(3, 10), start=START)
    assert result.overdue == [] and result.missed == []
    assert result.due == [ScheduledReview(d(3, 16), MC)]


def test_review_due_today_is_due_not_overdue() -> None:
    result = due_reviews(plan(), held(d(3, 9)), today=d(3, 16), start=START)
    assert result.due == [ScheduledReview(d(3, 16), MC), ScheduledReview(d(3, 23), MC)]
    assert result.overdue == []


def test_late_review_catches_up_but_the_slot_stays_missed() -> None:
    # Nothing by 9 March; a contact on 11 March catches up (no longer overdue) and,
    # falling in the window 10 to 16 March, also meets the 16 March slot.
    result = due_reviews(plan(), held(d(3, 11)), today=d(3, 12), start=START)
    assert result.overdue == []
    assert result.missed == [ScheduledReview(d(3, 9), MC)]
    assert result.due == []


def test_two_missed_slots_are_both_overdue() -> None:
    result = due_reviews(plan(), held(d(3, 9)), today=d(3, 24), start=START)
    assert [s.due_on for s in result.overdue] == [d(3, 16), d(3, 23)]
    assert [s.due_on for s in result.due] == [d(3, 30)]


def test_mid_point_needs_a_mid_point_review() -> None:
    weekly = held(d(3, 9), d(3, 16), d(3, 23), d(3, 30), d(4, 13), d(4, 27))
    result = due_reviews(plan(), weekly, today=d(4, 28), start=START)
    assert ScheduledReview(d(5, 2), ReviewKind.MID_POINT) in result.due
    with_mid = weekly + held(d(4, 28), kind=ReviewKind.MID_POINT)
    result = due_reviews(plan(), with_mid, today=d(5, 4), start=START)
    # The mid-point review on 28 April also counts as the contact for the 11 May slot.
    assert result.overdue == [] and result.due == []
    assert due_reviews(plan(), with_mid, today=d(5, 18), start=START).due == [
        ScheduledReview(d(5, 25), RM)
    ]


def test_exit_review_overdue_after_the_end() -> None:
    result = due_reviews(plan(), held(d(7, 3)), today=d(7, 6), start=START)
    assert ScheduledReview(d(7, 3), ReviewKind.EXIT) in result.overdue


def test_next_review_on() -> None:
    assert next_review_on(plan(), d(3, 10)) == d(3, 16)
    assert next_review_on(plan(), d(7, 4)) is None


def test_completed_on_names_the_review_that_met_each_slot() -> None:
    # Start Mon 2 Nov; weekly slots 9, 16, 23, 30 Nov. Reviews on 8 and 9 Nov meet the first
    # slot (the later one is kept); nothing meets 16 Nov; 20 Nov meets 23 Nov.
    from apdesk.domain.reviews import completed_on

    start = date(2026, 11, 2)
    schedule = review_schedule(start, date(2027, 1, 25), RiskLevel.HIGH)
    held = [Review(1, ReviewKind.VISIT, date(2026, 11, d)) for d in (8, 9, 20)]
    done = completed_on(schedule, held, start)
    by_date = {slot.due_on: when for slot, when in done.items()}
    assert by_date == {date(2026, 11, 9): date(2026, 11, 9), date(2026, 11, 23): date(2026, 11, 20)}
