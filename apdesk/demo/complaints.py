"""Demo complaints about providers (§15): one closed after going to the provider, one past
its stage's deadline at the provider, and one just received by the Headteacher.

Each is about a placement of this year that had started by the day it was received, so
its provider and placement are real; days are school days before the story's last day.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from apdesk.demo.world import PlacementPlan, World, Year
from apdesk.domain.entities import Complaint
from apdesk.domain.enums import ComplaintOutcome, ComplaintStage
from apdesk.services import complaints


@dataclass(frozen=True)
class DemoComplaint:
    relationship: str
    summary: str
    received: int  # school days before the anchor
    escalated: int | None = None  # to the provider, school days before the anchor
    closed: int | None = None
    outcome: ComplaintOutcome | None = None
    found: str = ""


COMPLAINTS = (
    DemoComplaint(
        "Mother",
        "Her son was sent home early twice without the school or the family being told.",
        40,
        escalated=32,
        closed=24,
        outcome=ComplaintOutcome.PARTLY_UPHELD,
        found="The provider now rings the school before any early finish; the school "
        "records each one in the register.",
    ),
    DemoComplaint(
        "Father",
        "No one met his daughter at the gate on two mornings; she waited outside alone.",
        26,
        escalated=16,
    ),
    DemoComplaint("Carer", "The taxi has been more than half an hour late all week.", 2),
)


def plan_complaints(world: World, year: Year) -> None:
    """This year's complaints, each about a different started placement."""
    if not year.current:
        return
    started = sorted((p for p in year.plans.values() if p.started), key=lambda p: p.start)
    for spec in COMPLAINTS:
        received = world.day(year, spec.received)
        plan = next((p for p in started if p.start <= received), None)
        if plan is None:
            continue
        started.remove(plan)
        holder: dict[str, Complaint] = {}
        world.at(received, "11:00", partial(_receive, world, year, plan, spec, holder))
        if spec.escalated is not None:
            world.at(world.day(year, spec.escalated), "12:00", partial(_escalate, world, holder))
        if spec.closed is not None:
            world.at(world.day(year, spec.closed), "14:00", partial(_close, world, spec, holder))


def _receive(
    world: World, year: Year, plan: PlacementPlan, spec: DemoComplaint, holder: dict[str, Complaint]
) -> None:
    carer = year.carers.get(plan.spec.pupil, "A parent")
    complaint = Complaint(
        carer,
        world.clock.today(),
        world.providers[plan.spec.provider].id,
        plan.placement_id,
        spec.relationship,
        spec.summary,
    )
    holder["c"] = complaints.save_complaint(world.past, world.staff["head"], complaint)
    world.counts["complaints"] += 1


def _escalate(world: World, holder: dict[str, Complaint]) -> None:
    c = holder["c"]
    c.stage, c.stage_since = ComplaintStage.PROVIDER, world.clock.today()
    holder["c"] = complaints.save_complaint(world.past, world.staff["head"], c)


def _close(world: World, spec: DemoComplaint, holder: dict[str, Complaint]) -> None:
    c = holder["c"]
    c.outcome, c.outcome_note, c.closed_on = spec.outcome, spec.found, world.clock.today()
    holder["c"] = complaints.save_complaint(world.past, world.staff["head"], c)
