"""Demo communication with parents (§10, Annex B §5), so 5.1 to 5.3 have records behind them.

For every placement of the story: the placement letter sent home before consent was asked
for (or, for an off-site direction, the notice the day it was given). For one that started:
a call at the end of its first week, a progress update by email every four school weeks, and
the parent's feedback half-way through (before the day it ended). For one that ended: the
feedback form sent home the next school day and, for the pupil who came back to school, the
parent's feedback after it. Nothing is recorded after today.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from apdesk.demo.stories import Fate
from apdesk.demo.world import PlacementPlan, World, Year
from apdesk.domain.entities import ParentContact, ParentFeedback
from apdesk.domain.enums import (
    FeedbackAnswer,
    FeedbackStage,
    ParentContactKind,
    PlacementReason,
    SentBy,
)
from apdesk.services import parents

STAFF = "inclusion"  # the school lead keeps the parents' record
UPDATE_EVERY = 20  # school days between progress updates
FEEDBACK_AFTER = 25  # school days into the placement the parent's feedback comes back
FIRST_CALL = 4
SENT_BY = (SentBy.POST, SentBy.EMAIL, SentBy.BY_HAND)
FIRST_WEEK = "Rang at the end of the first week: settled in, travel working; no concerns from home."
UPDATE = "Attendance, progress against each objective and welfare since the last update."
DURING = "Much happier going in most days; we would like more notice of trips."
AFTER = "Glad to be back; the mentor has helped with the first weeks."


def plan_parents(world: World, year: Year) -> None:
    for index, plan in enumerate(year.plans.values()):
        _plan_one(world, year, plan, SENT_BY[index % len(SENT_BY)])


def _plan_one(world: World, year: Year, plan: PlacementPlan, how: SentBy) -> None:
    def school_days(day: date, n: int) -> date:
        return world.calendar.add_school_days(day, n)

    def at(day: date, clock_time: str, kind: ParentContactKind, sent_by: SentBy | None,
           summary: str = "") -> None:  # fmt: skip
        if day <= world.today:
            world.at(day, clock_time, partial(_contact, world, year, plan, kind, sent_by, summary))

    if plan.spec.reason is PlacementReason.OFFSITE_DIRECTION:
        at(school_days(plan.start, -4), "14:30", ParentContactKind.DIRECTION_NOTICE, how)
    else:
        at(school_days(plan.start, -11), "15:30", ParentContactKind.LETTER, how)
    if not plan.started:
        return
    last = min(plan.closed or world.today, world.today)
    at(school_days(plan.start, FIRST_CALL), "16:00", ParentContactKind.CALL, None, FIRST_WEEK)
    update = school_days(plan.start, UPDATE_EVERY)
    while update <= last:
        at(update, "15:00", ParentContactKind.PROGRESS_UPDATE, SentBy.EMAIL, UPDATE)
        update = school_days(update, UPDATE_EVERY)
    during = min(school_days(plan.start, FEEDBACK_AFTER), last)
    world.at(during, "09:30", partial(_feedback, world, year, plan, FeedbackStage.DURING))
    if plan.closed is None:
        return
    at(school_days(plan.closed, 1), "15:30", ParentContactKind.FEEDBACK_REQUEST, SentBy.POST)
    back = school_days(plan.closed, 8)
    if plan.fate is Fate.ENDED and back <= world.today:
        world.at(back, "09:30", partial(_feedback, world, year, plan, FeedbackStage.AFTER))


def _contact(
    world: World,
    year: Year,
    plan: PlacementPlan,
    kind: ParentContactKind,
    sent_by: SentBy | None,
    summary: str,
) -> None:
    contact = ParentContact(
        plan.placement_id,
        kind,
        world.clock.today(),
        sent_by,
        year.carers[plan.spec.pupil],
        summary,
    )
    parents.save_contact(world.past, world.staff[STAFF], contact)
    world.counts["parent_contacts"] += 1


def _feedback(world: World, year: Year, plan: PlacementPlan, stage: FeedbackStage) -> None:
    yes, partly = FeedbackAnswer.YES, FeedbackAnswer.PARTLY
    feedback = ParentFeedback(
        plan.placement_id,
        world.clock.today(),
        year.carers[plan.spec.pupil],
        stage,
        safe_and_happy=yes,
        kept_informed=partly if stage is FeedbackStage.DURING else yes,
        helping=yes,
        know_who_to_contact=yes,
        comments=DURING if stage is FeedbackStage.DURING else AFTER,
    )
    parents.save_feedback(world.past, world.staff[STAFF], feedback)
    world.counts["parent_feedback"] += 1
