"""The review schedule, on school weeks, rolling from the reviews actually held (policy §9, §12;
DOMAIN.md rule 4). `review_plan` is the one rule: every screen, export and document asks it.

- Weekly: one contact in each of the first four *school weeks* the placement runs (a Monday to
  Sunday week with at least one school day inside the placement; holidays do not count). The
  slot is due on the week's last school day and met by any review held that week.
- Then the next review is due one interval after the last review held (2 school weeks for high
  or medium risk, 4 for low: `ReviewIntervals`, the school may change them), or on the next
  date the meeting agreed if that is earlier; never later. A slot nobody met is followed by
  the next one an interval after its due date, so each interval without a review is one slot.
  A review held within a month before the due date meets the slot on time; one held after it
  (before the following slot) meets it late. One review meets one slot. A review held earlier
  than a month before re-plans from itself instead (a long holiday in a low-risk interval).
- The mid-point review sits on the middle school day of the planned placement and is the
  regular review for its period: only a mid-point review meets it. It is the next slot for
  any regular review missed before it, so a review held on or after the mid-point day never
  meets that missed review late, and a mid-point review held in the month before it is kept
  for it: the mid-point is always in the plan, met by the mid-point review held for it.
- The exit review is due on the placement's last school day (the planned end, or the day it
  ended or was terminated) and is met by an exit review up to ten school days after.
- No slot after the end; a regular slot that would fall on or after the exit review's day is
  the exit review.
- A risk level change re-plans the open slot from the last review: one new interval after it,
  but not before the day of the change.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from apdesk.domain.calendar import SchoolCalendar, add_months
from apdesk.domain.entities.people import School
from apdesk.domain.entities.placements import Placement
from apdesk.domain.entities.reviews import Review
from apdesk.domain.enums import PlacementStatus, ReviewKind, RiskLevel
from apdesk.domain.errors import InvalidInput, RuleViolation
from apdesk.domain.formatting import format_date

WEEKLY_CONTACTS = 4
DUE_WINDOW_DAYS = 7
#: The school-set review intervals, in school weeks (6: about half a term).
MIN_WEEKS, MAX_WEEKS = 1, 6
EXIT_GRACE_SCHOOL_DAYS = 10
_WEEK = timedelta(days=7)
_DAY = timedelta(days=1)
_WEEKDAYS = tuple(timedelta(days=d) for d in range(5))  # Monday to Friday, from the Monday


@dataclass(frozen=True)
class ReviewIntervals:
    """School weeks between reviews after the weekly contacts, by risk level."""

    high: int = 2
    medium: int = 2
    low: int = 4

    def weeks(self, risk: RiskLevel) -> int:
        return {RiskLevel.HIGH: self.high, RiskLevel.MEDIUM: self.medium}.get(risk, self.low)

    @classmethod
    def for_school(cls, school: School | None) -> ReviewIntervals:
        """The school's intervals, where it set them, else the policy's."""
        if school is None:
            return cls()
        return cls.as_set(
            school.review_weeks_high, school.review_weeks_medium, school.review_weeks_low
        )

    @classmethod
    def as_set(cls, high: int | None, medium: int | None, low: int | None) -> ReviewIntervals:
        """The intervals the school set (from its settings' three columns), the policy's
        where it set none."""
        default = cls()
        return cls(high or default.high, medium or default.medium, low or default.low)

    def problems(self) -> list[str]:
        """Each interval 1 to 6 school weeks (half a term at most), and more risk never
        reviewed less often than less risk."""
        named = (("high", self.high), ("medium", self.medium), ("low", self.low))
        found = [
            f"The review interval for {name} risk must be {MIN_WEEKS} to {MAX_WEEKS} school "
            f"weeks, not {weeks}."
            for name, weeks in named
            if not MIN_WEEKS <= weeks <= MAX_WEEKS
        ]
        for (more, sooner), (less, later) in itertools.pairwise(named):
            if sooner > later:
                found.append(
                    f"A {more}-risk placement cannot wait longer between reviews than a "
                    f"{less}-risk one ({sooner} school weeks against {later})."
                )
        return found


DEFAULT_INTERVALS = ReviewIntervals()


class HeldReview(NamedTuple):
    """What the schedule reads of a review held: a plain row, for lists that need no more
    of the review (a `Review` reads the same)."""

    id: int | None
    kind: ReviewKind
    held_on: date
    next_review_on: date | None = None


Held = Review | HeldReview


@dataclass(frozen=True)
class RiskChange:
    """The placement's risk level changed from `before` to `after` on `on`."""

    on: date
    before: RiskLevel
    after: RiskLevel


class SlotStatus(StrEnum):
    COMPLETED = "completed"  # met on or before its due date
    LATE = "late"  # met after its due date
    OVERDUE = "overdue"  # past due, still to do
    MISSED = "missed"  # past due and no longer to be done (a later slot took over)
    DUE = "due"  # within the next week
    UPCOMING = "upcoming"


@dataclass(frozen=True)
class ReviewSlot:
    """One review the schedule asks for; `met_on` is the date of the review that met it.

    `closes_on` is the last day it can still be met or caught up; after that, unmet, it is
    missed. `caught_up_on` is when a later review made an unmet weekly slot pointless to chase.
    """

    due_on: date
    kind: ReviewKind
    met_on: date | None = None
    closes_on: date | None = None
    caught_up_on: date | None = None
    met_by: int | None = field(default=None, compare=False)

    @property
    def on_time(self) -> bool:
        return self.met_on is not None and self.met_on <= self.due_on

    def status(self, today: date) -> SlotStatus:
        if self.met_on is not None and self.met_on <= today:
            return SlotStatus.COMPLETED if self.on_time else SlotStatus.LATE
        if self.due_on >= today:
            soon = self.due_on <= today + timedelta(days=DUE_WINDOW_DAYS)
            return SlotStatus.DUE if soon else SlotStatus.UPCOMING
        closes = self.closes_on or self.due_on
        caught = self.caught_up_on is not None and self.caught_up_on <= today
        return SlotStatus.OVERDUE if today <= closes and not caught else SlotStatus.MISSED


def last_day(placement: Placement) -> date | None:
    """The placement's last day: when it ended or was terminated, else its planned end."""
    if placement.is_closed and placement.ended_on is not None:
        return placement.ended_on
    return placement.planned_end_date


# --- school weeks -------------------------------------------------------------------------
# Read from the calendar's weekly masks (bit d: weekday d counts as a school day), a week at a
# time and never a day at a time: a plan asks about a placement's whole span (its middle
# school day, its last) and each interval, and builds days only for the weeks it names.


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _mask(calendar: SchoolCalendar, monday: date, start: date, end: date) -> int:
    """The school days of the week from `monday` (on or before `end`) that fall from `start`
    to `end`, as bits."""
    mask = calendar.counting_weekdays(monday)
    if monday < start:
        mask &= -1 << (start - monday).days  # not the days before `start`
    if end < monday + _WEEKDAYS[4]:
        mask &= (2 << (end - monday).days) - 1  # nor those after `end`
    return mask


def _days(monday: date, mask: int) -> list[date]:
    return [monday + _WEEKDAYS[d] for d in range(5) if mask >> d & 1]


def _first_weeks(calendar: SchoolCalendar, start: date, end: date, n: int) -> list[list[date]]:
    """The school days of the first `n` school weeks from `start` to `end`, week by week
    (weeks without one left out)."""
    weeks: list[list[date]] = []
    monday = _monday(start)
    while monday <= end and len(weeks) < n:
        mask = _mask(calendar, monday, start, end)
        if mask:
            weeks.append(_days(monday, mask))
        monday += _WEEK
    return weeks


def _last_school_day(calendar: SchoolCalendar, start: date, end: date) -> date | None:
    """The last school day from `start` to `end`, if there is one."""
    monday = _monday(end)
    while monday + _WEEKDAYS[4] >= start:
        mask = _mask(calendar, monday, start, end)
        if mask:
            return monday + _WEEKDAYS[mask.bit_length() - 1]
        monday -= _WEEK
    return None


def _middle_school_day(calendar: SchoolCalendar, start: date, end: date) -> date | None:
    """The middle school day from `start` to `end` (the earlier of two middles): the days
    counted a week at a time, then the week that holds the middle one opened."""
    monday, weeks = _monday(start), []
    while monday <= end:
        weeks.append((monday, _mask(calendar, monday, start, end)))
        monday += _WEEK
    counted = sum(mask.bit_count() for _, mask in weeks)
    if not counted:
        return None
    left = (counted - 1) // 2
    for monday, mask in weeks:
        if left < mask.bit_count():
            return _days(monday, mask)[left]
        left -= mask.bit_count()
    raise AssertionError("the middle day is in one of the weeks counted")


def add_school_weeks(calendar: SchoolCalendar, day: date, weeks: int) -> date:
    """The same weekday `weeks` school weeks later (weeks without school days skipped); if
    that weekday is no school day, the latest school day before it that week, else the first."""
    monday, counted, weekday = _monday(day), 0, min(day.weekday(), 4)
    for _ in range(weeks + 60):
        monday += _WEEK
        mask = calendar.counting_weekdays(monday)
        counted += mask != 0
        if mask and counted == weeks:
            before = mask & ((2 << weekday) - 1)  # the school days up to that weekday
            d = before.bit_length() - 1 if before else (mask & -mask).bit_length() - 1
            return monday + _WEEKDAYS[d]
    raise InvalidInput(f"There are no school weeks after {format_date(day)}; check the term dates.")


# --- the plan -----------------------------------------------------------------------------


@dataclass
class _Planner:
    """Walks the placement from its start, one slot at a time, through the reviews held."""

    calendar: SchoolCalendar
    intervals: ReviewIntervals
    risk_now: RiskLevel
    changes: Sequence[RiskChange]
    held: list[Held]
    exit_due: date
    mid: date | None
    slots: list[ReviewSlot] = field(default_factory=list)

    def risk_at(self, day: date) -> RiskLevel:
        before = [c for c in self.changes if c.on <= day]
        if before:
            return before[-1].after
        return self.changes[0].before if self.changes else self.risk_now

    def interval_after(self, anchor: date) -> date:
        """One interval after `anchor`, re-planned by any risk change before it falls due."""
        due = add_school_weeks(self.calendar, anchor, self.intervals.weeks(self.risk_at(anchor)))
        for change in self.changes:
            if anchor < change.on <= due:
                replanned = add_school_weeks(
                    self.calendar, anchor, self.intervals.weeks(change.after)
                )
                due = max(self.calendar.next_school_day(change.on), replanned)
        return due

    def after(self, day: date, until: date) -> list[Held]:
        return [r for r in self.held if day < r.held_on <= until]

    def weekly(self, weeks: list[list[date]]) -> date | None:
        """The weekly contacts; returns the anchor for what follows (None: nothing follows,
        the exit review falls in one of these weeks)."""
        anchor: date | None = None
        for days in weeks:
            if self.exit_due in days:
                return None
            kind = ReviewKind.MONITORING_CONTACT
            due = days[-1]
            if self.mid is not None and self.mid in days:
                kind, due, self.mid = ReviewKind.MID_POINT, self.mid, None
            that_week = [r for r in self.held if days[0] <= r.held_on <= days[-1]]
            meeting = next((r for r in that_week if _meets(kind, r)), None)
            self.slots.append(_slot(due, kind, meeting))
            anchor = that_week[-1].held_on if meeting else due
        return anchor

    def rolling(self, anchor: date, agreed: date | None) -> None:
        while True:
            due, kind = self.interval_after(anchor), ReviewKind.REVIEW_MEETING
            if agreed is not None and anchor < agreed:
                due = min(due, self.calendar.next_school_day(agreed))
            if self.slots and due <= self.slots[-1].due_on:  # a weekend review: same Friday
                due = self.calendar.add_school_days(self.slots[-1].due_on, 1)
            if self.mid is not None and self.mid <= due:  # after `anchor`: see one_slot
                due, kind, self.mid = self.mid, ReviewKind.MID_POINT, None
            elif due >= self.exit_due:
                return
            anchor, agreed = self.one_slot(anchor, due, kind)

    def one_slot(self, anchor: date, due: date, kind: ReviewKind) -> tuple[date, date | None]:
        """Decide the slot from `anchor` due on `due`: met on time, re-planned, late or unmet."""
        window = self.after(anchor, due)
        earliest = add_months(due, -1)
        on_time = next((r for r in window if _meets(kind, r) and r.held_on >= earliest), None)
        if on_time is not None:
            self.slots.append(_slot(due, kind, on_time))
            return window[-1].held_on, window[-1].next_review_on
        if window and kind is not ReviewKind.MID_POINT:
            last = window[-1]  # held too early to meet it: re-plan from that review
            return last.held_on, last.next_review_on
        # `due` is before the mid-point (a slot on or after it is the mid-point), and so is
        # every review this returns: the next anchor never passes the mid-point.
        following = min(self.interval_after(due), self.exit_due)
        mid_next = self.mid is not None and self.mid <= following
        if mid_next and self.mid is not None:
            following = self.mid  # the mid-point is the next slot: it is never skipped
        late = next(
            (
                r
                for r in self.after(due, following - _DAY)
                if _meets(kind, r) and not (mid_next and self._kept_for_mid(r))
            ),
            None,
        )
        self.slots.append(_slot(due, kind, late))
        if late is not None:
            return late.held_on, late.next_review_on
        return due, None

    def _kept_for_mid(self, review: Held) -> bool:
        """A mid-point review held in the month before the mid-point meets it on time: it is
        not spent on a regular review missed before it."""
        return (
            self.mid is not None
            and review.kind is ReviewKind.MID_POINT
            and add_months(self.mid, -1) <= review.held_on
        )

    def exit(self, last: date) -> None:
        closes = self.calendar.add_school_days(last, EXIT_GRACE_SCHOOL_DAYS)
        earliest = add_months(self.exit_due, -1)
        meeting = next(
            (r for r in self.held if r.kind is ReviewKind.EXIT and earliest <= r.held_on <= closes),
            None,
        )
        self.slots.append(replace(_slot(self.exit_due, ReviewKind.EXIT, meeting), closes_on=closes))


def _meets(kind: ReviewKind, review: Held) -> bool:
    if kind is ReviewKind.MID_POINT:
        return review.kind is ReviewKind.MID_POINT
    return review.kind is not ReviewKind.EXIT


def _slot(due: date, kind: ReviewKind, review: Held | None) -> ReviewSlot:
    if review is None:
        return ReviewSlot(due, kind)
    return ReviewSlot(due, kind, review.held_on, met_by=review.id)


def review_plan(
    placement: Placement,
    reviews_held: Iterable[Held],
    calendar: SchoolCalendar,
    intervals: ReviewIntervals = DEFAULT_INTERVALS,
    risk_changes: Sequence[RiskChange] = (),
) -> list[ReviewSlot]:
    """Every review slot of the placement, in date order, each with the review that met it.

    Slots after the last review held are projected as if each were held on its due date.
    """
    end, start = last_day(placement), placement.start_date
    if end is None or placement.planned_end_date is None:
        return []
    exit_due = _last_school_day(calendar, start, end)
    if exit_due is None:
        return []
    mid = _middle_school_day(calendar, start, placement.planned_end_date)
    grace = calendar.add_school_days(exit_due, EXIT_GRACE_SCHOOL_DAYS)
    held = sorted(
        (r for r in reviews_held if start <= r.held_on <= grace),
        key=lambda r: (r.held_on, r.id or 0),
    )
    planner = _Planner(
        calendar,
        intervals,
        placement.risk_level,
        sorted(risk_changes, key=lambda c: c.on),
        held,  # each slot reads only the reviews in its own window (none after the exit)
        exit_due,
        mid if mid is not None and mid < exit_due else None,
    )
    anchor = planner.weekly(_first_weeks(calendar, start, end, WEEKLY_CONTACTS))
    if anchor is not None:
        agreed = next((r.next_review_on for r in reversed(held) if r.held_on == anchor), None)
        planner.rolling(anchor, agreed)
    planner.exit(exit_due)
    return _with_closing(planner.slots, held)


def _with_closing(slots: list[ReviewSlot], held: list[Held]) -> list[ReviewSlot]:
    """Each unmet slot closes the day before the next slot is due; a weekly one is caught up
    by any review held after it. The planner makes the slots in date order, each due after
    the one before, and the exit review last (it has its own closing day)."""
    result = []
    for slot, following in itertools.pairwise(slots):
        caught = None
        if slot.met_on is None and slot.kind is ReviewKind.MONITORING_CONTACT:
            caught = next((r.held_on for r in held if r.held_on > slot.due_on), None)
        result.append(replace(slot, closes_on=following.due_on - _DAY, caught_up_on=caught))
    return [*result, slots[-1]]


# --- what the plan says today ---------------------------------------------------------------


@dataclass(frozen=True)
class ReviewsDue:
    due: list[ReviewSlot] = field(default_factory=list)
    overdue: list[ReviewSlot] = field(default_factory=list)
    missed: list[ReviewSlot] = field(default_factory=list)


def due_reviews(slots: Iterable[ReviewSlot], today: date) -> ReviewsDue:
    """The unmet slots due in the next week, overdue (still to do) and missed on `today`."""
    result = ReviewsDue()
    for slot in slots:
        status = slot.status(today)
        if status is SlotStatus.DUE:
            result.due.append(slot)
        elif status is SlotStatus.OVERDUE:
            result.overdue.append(slot)
        elif status is SlotStatus.MISSED:
            result.missed.append(slot)
    return result


_OPEN = (SlotStatus.OVERDUE, SlotStatus.DUE, SlotStatus.UPCOMING)


def next_review_on(slots: Iterable[ReviewSlot], today: date) -> date | None:
    """The due date of the first slot still to do (an overdue one included), if any."""
    return min((s.due_on for s in slots if s.status(today) in _OPEN), default=None)


def next_slot(slots: Iterable[ReviewSlot], today: date) -> ReviewSlot | None:
    """The first slot still to do, if any."""
    return min((s for s in slots if s.status(today) in _OPEN), key=lambda s: s.due_on, default=None)


def on_time_counts(slots: Iterable[ReviewSlot], start: date, until: date) -> tuple[int, int]:
    """Slots due from `start` to `until` (inclusive), and how many were met by their date."""
    counted = [s for s in slots if start <= s.due_on <= until]
    return len(counted), sum(s.on_time for s in counted)


def live_for_reviews(placement: Placement) -> bool:
    """Whether the placement has reviews at all (a proposed one has only a projected plan)."""
    return placement.status is not PlacementStatus.PROPOSED


# --- which reviews may be recorded --------------------------------------------------------


def check_review_date(
    placement: Placement, kind: ReviewKind, held_on: date, calendar: SchoolCalendar
) -> None:
    """A review belongs to a live placement: not while it is proposed, not before its start,
    not after its last day, except the exit review up to ten school days after."""
    if placement.status is PlacementStatus.PROPOSED:
        raise RuleViolation(
            "This placement is still proposed: reviews are recorded once the Headteacher has "
            "authorised it and it has started."
        )
    if held_on < placement.start_date:
        raise RuleViolation(
            f"The placement starts on {format_date(placement.start_date)}: a review cannot be "
            "dated before it."
        )
    end = last_day(placement)
    if end is None or held_on <= end:
        return
    grace = calendar.add_school_days(end, EXIT_GRACE_SCHOOL_DAYS)
    ended = "ended" if placement.is_closed else "was planned to end"
    if kind is not ReviewKind.EXIT:
        raise RuleViolation(
            f"The placement {ended} on {format_date(end)}: after that only its exit review "
            f"can be recorded, by {format_date(grace)}."
        )
    if held_on > grace:
        raise RuleViolation(
            f"The placement {ended} on {format_date(end)}: its exit review can be recorded up "
            f"to ten school days after, by {format_date(grace)}."
        )


def check_review_held(review: Review) -> None:
    """A review records who took part (§9, §12): one with nobody ticked is not a review held,
    and recording it would meet its slot and clear the overdue warning."""
    if not review.attendees:
        raise InvalidInput(
            "Tick who took part in the review (the pupil, a parent or carer, the provider, the "
            "school or anyone else): a review with no one recorded is not saved."
        )


def check_next_review_date(held_on: date, next_review_on: date | None) -> None:
    """The next review a meeting agrees comes after the day it was held (or is left open)."""
    if next_review_on is not None and next_review_on <= held_on:
        raise InvalidInput(
            f"The next review must come after this one: it was held on {format_date(held_on)}, "
            f"so the next can be from {format_date(held_on + _DAY)}."
        )
