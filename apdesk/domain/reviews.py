"""Review schedule and what is due or overdue (policy §9, §12; Annex B §2; DOMAIN.md rule 4).

Schedule from the start date and risk level:
- weekly for the first four weeks: start + 7, 14, 21 and 28 days (monitoring contacts);
- then every 14 days (high or medium risk) or 28 days (low risk) while on or before the
  planned end date (review meetings);
- a mid-point review at start + half the length (whole days, rounded down) and an exit
  review on the planned end date; a regular date that falls on either is dropped.
With a calendar, each date moves forward to the next school day.

Matching: a regular slot is met by any review held after the previous regular due date
(the first: on or after the start) and on or before its own due date. Mid-point and exit
slots are met by a review of that kind held any time from the start. A slot is
- due when unmet and its date is today or within the next 7 days;
- missed when unmet and its date has passed (for quality assurance);
- overdue when missed and no review has been held since the previous due date either,
  that is, nothing has caught it up: it still needs doing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.entities.records import Review
from apdesk.domain.enums import ReviewKind, RiskLevel

WEEKLY_REVIEWS = 4
DUE_WINDOW_DAYS = 7
_SPECIAL = (ReviewKind.MID_POINT, ReviewKind.EXIT)


@dataclass(frozen=True)
class ScheduledReview:
    due_on: date
    kind: ReviewKind

    @property
    def special(self) -> bool:
        return self.kind in _SPECIAL


def interval_days(risk_level: RiskLevel) -> int:
    """Days between reviews after the first month: fortnightly unless risk is low."""
    return 28 if risk_level is RiskLevel.LOW else 14


def midpoint(start: date, planned_end: date) -> date:
    return start + timedelta(days=(planned_end - start).days // 2)


def review_schedule(
    start: date,
    planned_end: date,
    risk_level: RiskLevel,
    calendar: SchoolCalendar | None = None,
) -> list[ScheduledReview]:
    """Every review the placement needs, in date order."""
    special = {midpoint(start, planned_end): ReviewKind.MID_POINT, planned_end: ReviewKind.EXIT}
    slots = [ScheduledReview(d, k) for d, k in special.items()]
    step, n, day = 7, 1, start + timedelta(days=7)
    while day <= planned_end:
        kind = ReviewKind.MONITORING_CONTACT if n <= WEEKLY_REVIEWS else ReviewKind.REVIEW_MEETING
        if day not in special:
            slots.append(ScheduledReview(day, kind))
        if n == WEEKLY_REVIEWS:
            step = interval_days(risk_level)
        n, day = n + 1, day + timedelta(days=step)
    if calendar is not None:
        slots = [ScheduledReview(calendar.next_school_day(s.due_on), s.kind) for s in slots]
    return sorted(slots, key=lambda s: (s.due_on, s.kind))


@dataclass(frozen=True)
class ReviewsDue:
    due: list[ScheduledReview] = field(default_factory=list)
    overdue: list[ScheduledReview] = field(default_factory=list)
    missed: list[ScheduledReview] = field(default_factory=list)


def completed_on(
    schedule: Iterable[ScheduledReview], reviews_held: Iterable[Review], start: date
) -> dict[ScheduledReview, date]:
    """The date of the review that met each slot, for the slots that were met.

    A regular slot is met by a review held after the previous slot's date and on or before
    its own (the latest such review); a mid-point or exit slot by a review of that kind held
    since the start (the first such review).
    """
    held = list(reviews_held)
    done: dict[ScheduledReview, date] = {}
    previous = start - timedelta(days=1)
    for slot in sorted(schedule, key=lambda s: s.due_on):
        if slot.special:
            dates = [r.held_on for r in held if r.kind is slot.kind and r.held_on >= start]
            if dates:
                done[slot] = min(dates)
            continue
        dates = [r.held_on for r in held if previous < r.held_on <= slot.due_on]
        previous = slot.due_on
        if dates:
            done[slot] = max(dates)
    return done


def due_reviews(
    schedule: Iterable[ScheduledReview],
    reviews_held: Iterable[Review],
    today: date,
    start: date,
) -> ReviewsDue:
    """Sort the schedule's unmet slots into due, overdue and missed on `today`."""
    held = list(reviews_held)
    slots = sorted(schedule, key=lambda s: s.due_on)
    met = completed_on(slots, held, start)
    result = ReviewsDue()
    for slot in slots:
        if slot in met:
            continue
        caught_up = not slot.special and any(r.held_on > slot.due_on for r in held)
        _classify(slot, caught_up, today, result)
    return result


def _classify(slot: ScheduledReview, caught_up: bool, today: date, result: ReviewsDue) -> None:
    if slot.due_on < today:
        result.missed.append(slot)
        if not caught_up:
            result.overdue.append(slot)
    elif slot.due_on <= today + timedelta(days=DUE_WINDOW_DAYS):
        result.due.append(slot)


def next_review_on(schedule: Iterable[ScheduledReview], today: date) -> date | None:
    """The first scheduled date on or after today (for the register), if any."""
    upcoming = [s.due_on for s in schedule if s.due_on >= today]
    return min(upcoming) if upcoming else None
