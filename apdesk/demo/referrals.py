"""Demo AP referrals: every placement starts from one, and a few pupils' referrals end
another way (declined, withdrawn, sent to the local authority, still being considered).

A placement's referral is made the school day before the placement is proposed and marked
placed once it is; one waiting for its provider to be vetted is still being considered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial

from apdesk.demo.placement_wording import REASON_NOTES
from apdesk.demo.stories import PUPILS, Fate
from apdesk.demo.world import PlacementPlan, World, Year
from apdesk.domain.entities import APReferral
from apdesk.domain.enums import APReferralDecision
from apdesk.services import ap_referrals

D = APReferralDecision


@dataclass(frozen=True)
class OtherReferral:
    """A referral that led to no placement: `made`/`decided` are school days before the
    pupil's first placement is proposed (or, with `after_close`, before the anchor)."""

    pupil: int
    reason: str
    decision: APReferralDecision
    why: str
    made: int
    decided: int
    after_close: bool = False


OTHERS = (
    OtherReferral(
        1,
        "Long-term illness; missing most lessons since the summer",
        D.REFERRED_TO_LA,
        "Medical needs: the local authority arranges education for her (section 19 duty); "
        "the LA asked the school to commission the tuition it agreed.",
        4,
        3,
    ),
    OtherReferral(
        5,
        "Disruption in lessons and two internal exclusions",
        D.DECLINED,
        "Six weeks of in-school mentoring tried first; referred again when it did not help.",
        5,
        3,
    ),
    OtherReferral(
        9,
        "Finding the return to full timetable hard after his placement",
        D.WITHDRAWN,
        "His mother asked to withdraw it: settled back with a reduced timetable and a mentor.",
        10,
        4,
        after_close=True,
    ),
)


def plan_referrals(world: World, year: Year) -> None:
    """Referrals for each placement, and (this year) the ones that led to no placement."""
    for plan in year.plans.values():
        proposed = world.calendar.add_school_days(plan.start, -15)
        made = world.calendar.add_school_days(proposed, -1)
        world.at(made, "09:30", partial(_refer, world, year, plan, made))
        if plan.fate is not Fate.PROPOSED:
            world.at(proposed, "10:30", partial(_placed, world, plan))
    if year.current:
        for other in OTHERS:
            _plan_other(world, year, other)


def _referrer(pupil: int) -> str:
    return f"Head of Year {PUPILS[pupil].year_group}"


def _refer(world: World, year: Year, plan: PlacementPlan, made: date) -> None:
    referral = APReferral(
        year.pupil_ids[plan.spec.pupil],
        made,
        REASON_NOTES[plan.spec.reason],
        _referrer(plan.spec.pupil),
        plan.spec.reason,
        provider_id=world.providers[plan.spec.provider].id,
    )
    stored = ap_referrals.save_ap_referral(world.past, world.staff["inclusion"], referral)
    plan.referral_id = stored.id
    world.counts["ap_referrals"] += 1


def _placed(world: World, plan: PlacementPlan) -> None:
    assert plan.referral_id is not None
    actor = world.staff["inclusion"]
    referral = ap_referrals.get_ap_referral(world.past, actor, plan.referral_id)
    referral.decision, referral.decided_on = D.PLACED, world.clock.today()
    referral.decision_reason = "The AP panel agreed the placement; proposed the same day."
    ap_referrals.save_ap_referral(world.past, actor, referral)


def _plan_other(world: World, year: Year, other: OtherReferral) -> None:
    plans = [p for p in year.plans.values() if p.spec.pupil == other.pupil]
    if not plans:
        return
    if other.after_close:
        made, decided = world.day(year, other.made), world.day(year, other.decided)
        if any(p.closed is None or made <= p.closed for p in plans):
            return  # only once every placement of the pupil's has closed
    else:
        first = world.calendar.add_school_days(min(p.start for p in plans), -15)
        made = world.calendar.add_school_days(first, -other.made)
        decided = world.calendar.add_school_days(first, -other.decided)
    holder: dict[str, int] = {}
    world.at(made, "09:15", partial(_refer_other, world, year, other, made, holder))
    world.at(decided, "15:00", partial(_decide_other, world, other, holder))


def _refer_other(
    world: World, year: Year, other: OtherReferral, made: date, holder: dict[str, int]
) -> None:
    referral = APReferral(year.pupil_ids[other.pupil], made, other.reason, _referrer(other.pupil))
    stored = ap_referrals.save_ap_referral(world.past, world.staff["inclusion"], referral)
    assert stored.id is not None
    holder["id"] = stored.id
    world.counts["ap_referrals"] += 1


def _decide_other(world: World, other: OtherReferral, holder: dict[str, int]) -> None:
    actor = world.staff["inclusion"]
    referral = ap_referrals.get_ap_referral(world.past, actor, holder["id"])
    referral.decision, referral.decided_on = other.decision, world.clock.today()
    referral.decision_reason = other.why
    ap_referrals.save_ap_referral(world.past, actor, referral)
