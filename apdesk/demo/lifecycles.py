"""Demo pupils and placements through their lifecycle, as staff would record them.

Each placement is proposed three weeks before it starts, its Annex A is ticked, consent (or
the off-site direction notice) is recorded, the Headteacher authorises it a week before the
start, it becomes active on the day and, if its story says so, ends or is terminated.
Earlier years repeat the story with new pupils; there, everything has ended.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from functools import partial

from apdesk.demo.content import ESTABLISHMENT, FIRST_NAMES, LA_CODE, SURNAMES
from apdesk.demo.placement_wording import placement_record
from apdesk.demo.stories import PLACEMENTS, PUPILS, TERMINATION_REASON, Fate, PupilSpec
from apdesk.demo.world import PlacementPlan, World, Year
from apdesk.domain.checklists import ANNEX_A, ChecklistItem
from apdesk.domain.entities import Carer, Pupil
from apdesk.domain.enums import PlacementOutcome, PlacementReason
from apdesk.domain.identifiers import make_upn
from apdesk.services import placements, pupils

OUTCOMES = {
    Fate.ENDED: PlacementOutcome.REINTEGRATED,
    Fate.PERMANENT: PlacementOutcome.PERMANENT_ALTERNATIVE,
}
NOT_CLOSED = (Fate.ACTIVE, Fate.AUTHORISED, Fate.PROPOSED)
CONSENT_LINE = "parental_consent"


def plan_placements(world: World, year: Year) -> None:
    """Work out every placement's dates for the year (nothing is recorded yet)."""
    for index, spec in enumerate(PLACEMENTS):
        if not (year.current or spec.in_history):
            continue
        fate = spec.fate if year.current or spec.fate is not Fate.ACTIVE else Fate.ENDED
        start = world.day(year, spec.start)
        closed = None if fate in NOT_CLOSED else world.day(year, spec.closed)
        if closed is not None and fate in OUTCOMES:
            planned = closed
        elif year.current:
            planned = world.today + timedelta(days=spec.planned_days)
        else:
            planned = (closed or start) + timedelta(days=30)
        year.plans[index] = PlacementPlan(spec, fate, start, planned, closed, closed or year.anchor)


def plan_pupils(world: World, year: Year) -> None:
    """Each pupil is entered a month before their first placement starts."""
    for index, spec in enumerate(PUPILS):
        starts = [p.start for p in year.plans.values() if p.spec.pupil == index]
        if starts:
            pupil = _pupil(world, year, index, spec)
            year.carers[index] = pupil.carers[0].name
            year.names[index] = pupil.preferred_name or pupil.legal_first_name
            entered = world.calendar.add_school_days(min(starts), -20)
            world.at(entered, "09:00", partial(_save_pupil, world, year, index, pupil))


def _pupil(world: World, year: Year, index: int, spec: PupilSpec) -> Pupil:
    rng = world.rng
    school_year = year.anchor.year - (year.anchor.month < 9)
    born = date(school_year - spec.year_group - 5, 9, 1) + timedelta(days=rng.randrange(365))
    first, last, carer = spec.first, spec.last, spec.carer
    if not year.current:
        first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        carer = f"{rng.choice(FIRST_NAMES)} {last}"
    serial = year.index * 20 + index + 1
    return Pupil(
        first,
        last,
        born,
        upn=make_upn(LA_CODE, ESTABLISHMENT, school_year - spec.year_group + 4, serial),
        preferred_name=spec.preferred if year.current else "",
        year_group=spec.year_group,
        sen_status=spec.sen,
        cp_plan=spec.cp_plan,
        child_in_need=spec.child_in_need,
        looked_after=spec.looked_after,
        carers=[_carer(carer, spec, serial)],
    )


def _carer(name: str, spec: PupilSpec, serial: int) -> Carer:
    """A foster carer has no parental responsibility; everyone else here has."""
    mailbox = f"{name.split()[0]}.{name.split()[-1]}".lower().replace("-", "")
    return Carer(
        name,
        spec.relationship,
        f"07700 900{serial % 1000:03d}",
        f"{mailbox}@example.org",
        parental_responsibility=not spec.looked_after,
    )


def _save_pupil(world: World, year: Year, index: int, pupil: Pupil) -> None:
    stored = pupils.save_pupil(world.past, world.staff["dsl"], pupil)
    assert stored.id is not None
    year.pupil_ids[index] = stored.id
    world.counts["pupils"] += 1


def plan_lifecycles(world: World, year: Year) -> None:
    for plan in year.plans.values():
        _plan_lifecycle(world, year, plan)


def _plan_lifecycle(world: World, year: Year, plan: PlacementPlan) -> None:
    def before(school_days: int) -> date:
        return world.calendar.add_school_days(plan.start, -school_days)

    world.at(before(15), "10:00", partial(_propose, world, year, plan))
    world.at(before(12), "11:00", partial(_tick, world, plan, ANNEX_A[:5]))
    direction = plan.spec.reason is PlacementReason.OFFSITE_DIRECTION
    world.at(before(4 if direction else 10), "14:00", partial(_consent, world, year, plan))
    if plan.fate is Fate.PROPOSED:
        return
    # The parental consent line is ticked once consent (or the direction notice) is recorded.
    later = [item for item in ANNEX_A[5:] if item.key != CONSENT_LINE]
    world.at(before(9), "11:00", partial(_tick, world, plan, later))
    world.at(before(3), "16:00", partial(_authorise, world, plan))
    if plan.fate is Fate.AUTHORISED:
        return
    world.at(plan.start, "08:45", partial(_activate, world, plan))
    if plan.closed is not None:
        world.at(plan.closed, "15:30", partial(_close, world, plan))


def _propose(world: World, year: Year, plan: PlacementPlan) -> None:
    record = placement_record(world, plan, year.pupil_ids[plan.spec.pupil])
    record.ap_referral_id = plan.referral_id
    plan.stored = placements.save_placement(world.past, world.staff["inclusion"], record)
    world.counts["placements"] += 1


def _tick(world: World, plan: PlacementPlan, items: Sequence[ChecklistItem]) -> None:
    for item in items:
        placements.set_annex_a_item(
            world.past, world.staff["inclusion"], plan.placement_id, item.key, True
        )


def _consent(world: World, year: Year, plan: PlacementPlan) -> None:
    """Parental consent, or notice of an off-site direction; the LA is told; info shared."""
    record = plan.stored
    assert record is not None
    today = world.clock.today()
    if plan.spec.reason is PlacementReason.OFFSITE_DIRECTION:
        record.direction_notice_on = today
    else:
        record.consent_given_by = year.carers[plan.spec.pupil]
        record.consent_given_on = today
    record.la_notified_on = record.info_shared_on = today
    plan.stored = placements.save_placement(world.past, world.staff["inclusion"], record)
    if plan.fate is not Fate.PROPOSED:
        _tick(world, plan, [item for item in ANNEX_A if item.key == CONSENT_LINE])


def _authorise(world: World, plan: PlacementPlan) -> None:
    placements.authorise(world.past, world.staff["head"], plan.placement_id)


def _activate(world: World, plan: PlacementPlan) -> None:
    placements.activate(world.past, world.staff["inclusion"], plan.placement_id)


def _close(world: World, plan: PlacementPlan) -> None:
    if plan.fate is Fate.TERMINATED:
        placements.terminate(world.past, world.staff["dsl"], plan.placement_id, TERMINATION_REASON)
    else:
        placements.end_placement(
            world.past, world.staff["inclusion"], plan.placement_id, OUTCOMES[plan.fate]
        )
