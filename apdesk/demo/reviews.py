"""Demo reviews: one held on each date the schedule rule asks for, up to today (planning
again after each, as the rule rolls from the reviews held).

Monitoring contacts are between the school and the provider; review meetings, mid-point and
exit reviews bring in the pupil and their parent or carer. Each notes attendance since the
last review (from the same codes the register holds), progress on every objective and any
concern. One current placement misses its latest review, so it shows as overdue.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial

from apdesk.demo.attendance import final_code
from apdesk.demo.stories import Fate
from apdesk.demo.world import PlacementPlan, World, Year
from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.codes import lookup
from apdesk.domain.entities import ObjectiveProgress, Placement, Review, ReviewAttendee
from apdesk.domain.enums import AttendeeParty, PlacementStatus, ReviewKind
from apdesk.domain.reviews import due_reviews, review_plan
from apdesk.services import reviews

CONCERNS = {
    "persistent": "Several days off with no reason given; first-day calls are being made and "
    "a parenting contract is being discussed.",
    "severe": "Very low attendance. The CP core group has been told and a joint home visit "
    "with the social worker is arranged.",
    "monday": "Absent on several Mondays; the family has been asked to meet the attendance lead.",
    "late": "Late most weeks; bus times checked with the family and an earlier bus agreed.",
    "falling": "Attendance has dropped over recent weeks; the key worker is following it up.",
}
RATINGS = {"steady": "On track", "severe": "Not on track"}


def plan_reviews(world: World, year: Year) -> None:
    for plan in year.plans.values():
        if plan.started:
            _plan_placement(world, year, plan)


def _plan_placement(world: World, year: Year, plan: PlacementPlan) -> None:
    placement = _as_placement(plan)
    if plan.closed is None:
        cutoff = world.today - timedelta(days=1)
    elif plan.fate is Fate.TERMINATED:
        cutoff = plan.closed - timedelta(days=1)
    else:
        cutoff = plan.closed
    held = _hold_each_slot(placement, world.calendar, cutoff)
    if plan.spec.overdue and year.current:
        held = _leave_one_overdue(placement, world.calendar, held, world.today)
    slots = review_plan(placement, held, world.calendar)
    previous = plan.start
    for review in held:
        after = [s.due_on for s in slots if s.due_on > review.held_on]
        following = None if review.kind is ReviewKind.EXIT or not after else min(after)
        world.at(
            review.held_on,
            "14:00",
            partial(_record, world, year, plan, review.kind, review.held_on, previous, following),
        )
        previous = review.held_on


def _as_placement(plan: PlacementPlan) -> Placement:
    status = PlacementStatus.ACTIVE
    if plan.closed is not None:
        status = (
            PlacementStatus.TERMINATED if plan.fate is Fate.TERMINATED else PlacementStatus.ENDED
        )
    return Placement(
        None,
        None,
        plan.start,
        plan.planned_end,
        risk_level=plan.spec.risk,
        status=status,
        ended_on=plan.closed,
    )


def _hold_each_slot(placement: Placement, calendar: SchoolCalendar, cutoff: date) -> list[Review]:
    """A review on the due date of each slot up to `cutoff`, planning again after each one."""
    held: list[Review] = []
    for _ in range(200):
        slots = review_plan(placement, held, calendar)
        slot = next((s for s in slots if s.met_on is None and s.due_on <= cutoff), None)
        if slot is None:
            break
        held.append(Review(None, slot.kind, slot.due_on))
    return held


def _leave_one_overdue(
    placement: Placement, calendar: SchoolCalendar, held: list[Review], today: date
) -> list[Review]:
    """Drop the latest reviews until the schedule rule finds one overdue."""
    while held:
        held = held[:-1]
        if due_reviews(review_plan(placement, held, calendar), today).overdue:
            break
    return held


def _record(
    world: World,
    year: Year,
    plan: PlacementPlan,
    kind: ReviewKind,
    held_on: date,
    since: date,
    following: date | None,
) -> None:
    pattern = plan.spec.pattern
    rating = RATINGS.get(pattern, "Some progress")
    attended, possible = _attendance(plan, since, held_on)
    note = f"{attended} of {possible} sessions attended since {since.isoformat()}."
    assert plan.stored is not None
    review = Review(
        plan.placement_id,
        kind,
        held_on,
        attendees=_attendees(world, year, plan, kind),
        progress=[
            ObjectiveProgress(o.id, _progress(o.area.value, note), rating)
            for o in plan.stored.objectives
        ],
        attendance_note=note,
        concerns=CONCERNS.get(pattern, "") if possible and attended < possible else "",
        next_review_on=following,
    )
    lead = "dsl" if plan.spec.risk.value == "high" else "inclusion"
    reviews.record_review(world.past, world.staff[lead], review)
    world.counts["reviews"] += 1


def _attendance(plan: PlacementPlan, since: date, until: date) -> tuple[int, int]:
    codes = [lookup(final_code(c)) for (d, _), c in plan.codes.items() if since <= d <= until]
    return sum(c.counts_present for c in codes), sum(c.counts_possible for c in codes)


def _progress(area: str, attendance: str) -> str:
    return {
        "attendance": attendance,
        "academic": "Work seen in English and maths books; units on plan.",
        "reintegration": "Visited Oakfield for a lesson with the key worker.",
        "wellbeing": "Check-ins attended; health care plan followed.",
        "pastoral": "Weekly key-worker meetings held; targets recorded.",
    }.get(area, "Discussed.")


def _attendees(
    world: World, year: Year, plan: PlacementPlan, kind: ReviewKind
) -> list[ReviewAttendee]:
    provider = world.providers[plan.spec.provider]
    people = [
        ReviewAttendee(AttendeeParty.SCHOOL, "Chris Okoro"),
        ReviewAttendee(AttendeeParty.PROVIDER, provider.contacts[0].name),
    ]
    if kind is not ReviewKind.MONITORING_CONTACT:
        people += [
            ReviewAttendee(AttendeeParty.PUPIL, year.names[plan.spec.pupil]),
            ReviewAttendee(AttendeeParty.PARENT, year.carers[plan.spec.pupil]),
        ]
    return people
