"""Demo incidents: one or more of every category, logged by the DSL or deputy DSL.

They show what the policy asks the record to keep visible: how long the provider took to
tell the school, referrals to outside agencies, a child-on-child incident in which each
pupil has their own role, and closures with a decision and its rationale, one of them a
decision not to refer. In earlier years every incident has been closed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from apdesk.demo.world import World, Year, later, moment
from apdesk.domain.entities import Incident, IncidentPupil, Referral
from apdesk.domain.enums import Agency, IncidentCategory, PupilRole
from apdesk.services import incidents

_C, _R, _A = IncidentCategory, PupilRole, Agency


@dataclass(frozen=True)
class IncidentSpec:
    """`day` school days before the anchor at `at`; the school told `delay` minutes later;
    closed `close_after` school days later (None: still open in year 0)."""

    category: IncidentCategory
    links: tuple[tuple[int, PupilRole], ...]
    provider: int
    day: int
    at: str
    delay: int
    narrative: str
    actions_taken: str
    referrals: tuple[tuple[Agency, int], ...] = ()
    recorder: str = "dsl"
    close_after: int | None = None
    decision: str = ""
    rationale: str = ""


INCIDENTS = (
    IncidentSpec(
        _C.SAFEGUARDING_CONCERN,
        ((4, _R.VICTIM),),
        1,
        6,
        "11:20",
        105,
        "{0} told the key worker about being asked by an older acquaintance to carry a "
        "package across town after sessions. Possible indicators of criminal exploitation.",
        "Provider DSL phoned the school DSL; social worker told the same afternoon; strategy "
        "discussion requested.",
        ((_A.LA_CHILDRENS_SERVICES, 0), (_A.POLICE, 1)),
    ),
    IncidentSpec(
        _C.CHILD_ON_CHILD_ABUSE,
        ((3, _R.VICTIM), (9, _R.ALLEGED_PERPETRATOR), (0, _R.WITNESS)),
        0,
        28,
        "14:10",
        1160,
        "{0} was pushed over in the yard by {1} and filmed; the clip was shared in a "
        "group chat. {2} saw it happen and told staff the next morning.",
        "Clip removed from the chat; both families spoken to; pupils kept apart on site.",
        ((_A.LA_CHILDRENS_SERVICES, 1),),
        close_after=6,
        decision="Referred to children's services; police advised no further action. Safety "
        "plan agreed and the two pupils' timetables separated.",
        rationale="Filming and sharing the assault met the threshold for referral under KCSIE "
        "child-on-child abuse guidance; both pupils are supported.",
    ),
    IncidentSpec(
        _C.SERIOUS_ACCIDENT,
        ((6, _R.INVOLVED),),
        2,
        14,
        "10:40",
        45,
        "{0} burned a hand on an exhaust pipe in the motor vehicle workshop.",
        "First aid given at once; seen at the minor injuries unit; parent informed.",
        recorder="deputy",
        close_after=3,
        decision="No further action for the school; the college reported it under RIDDOR and "
        "updated the workshop risk assessment.",
        rationale="An accident, not a safeguarding matter; supervision ratios were met.",
    ),
    IncidentSpec(
        _C.UNEXPLAINED_ABSENCE,
        ((10, _R.INVOLVED),),
        4,
        23,
        "13:15",
        145,
        "{0} left the site at lunchtime without telling staff and could not be reached by phone.",
        "Provider searched the site and phoned home; school DSL reported her missing.",
        ((_A.POLICE, 0),),
        close_after=1,
        decision="Found safe at home by 17:00; return conversation held the next day.",
        rationale="No harm disclosed; missing episode logged with the police; the "
        "placement's supervision is being reviewed.",
    ),
    IncidentSpec(
        _C.BEHAVIOUR,
        ((7, _R.INVOLVED),),
        3,
        5,
        "09:50",
        370,
        "{0} swore at a teacher and kicked a door when asked to hand in a phone.",
        "Cool-off time with his key worker; parent phoned.",
        recorder="deputy",
    ),
    IncidentSpec(
        _C.COMPLAINT,
        ((8, _R.INVOLVED),),
        4,
        12,
        "08:30",
        4410,
        "The foster carer of {0} complained that the minibus had left without {0} twice.",
        "Provider asked for its transport log; carer sent the complaints procedure.",
        recorder="deputy",
    ),
    IncidentSpec(
        _C.SAFEGUARDING_CONCERN,
        ((5, _R.INVOLVED),),
        3,
        17,
        "09:15",
        25,
        "{0} arrived on Tuesday with a bruised upper arm after a Monday absence and said "
        "it happened at football practice.",
        "Body map completed; parent and football coach spoken to the same day.",
        close_after=2,
        decision="Not referred to children's services.",
        rationale="Decision not to refer: the explanation was consistent and confirmed by "
        "the parent and the coach, with no other indicators. The Monday absences are being "
        "tackled through an attendance plan; the DSL will review in four weeks.",
    ),
)

REFERRAL_OUTCOMES = {
    Agency.LA_CHILDRENS_SERVICES: "Strategy discussion held; a child and family assessment "
    "followed and the family accepted early help.",
    Agency.POLICE: "Police attended and spoke to both pupils; no further action.",
    Agency.LADO: "LADO advised the provider's own procedures; no further action.",
    Agency.OFSTED: "Notified; Ofsted took no further action.",
}
HISTORY_DECISION = "Reviewed by the DSL; actions completed."
HISTORY_RATIONALE = "Recorded at the time; no further concerns at the exit review."


def plan_incidents(world: World, year: Year) -> None:
    for spec in INCIDENTS:
        if all(_placed(year, pupil) for pupil, _ in spec.links):
            occurred = moment(world.day(year, spec.day), spec.at)
            holder: dict[str, int] = {}
            world.timeline.at(
                later(occurred, spec.delay + 50), partial(_log, world, year, spec, holder)
            )
            if spec.close_after is not None or not year.current:
                closing = world.calendar.add_school_days(occurred.date(), spec.close_after or 5)
                world.at(closing, "12:30", partial(_close, world, year, spec, holder))


def _placed(year: Year, pupil: int) -> bool:
    return any(plan.spec.pupil == pupil for plan in year.plans.values())


def _log(world: World, year: Year, spec: IncidentSpec, holder: dict[str, int]) -> None:
    occurred = moment(world.day(year, spec.day), spec.at)
    first = spec.links[0][0]
    plan = year.plan_for(first, spec.provider)
    provider = world.providers[spec.provider]
    dsl = provider.dsl.name if provider.dsl else ""
    incident = Incident(
        spec.category,
        occurred,
        notified_at=later(occurred, spec.delay),
        provider_id=provider.id,
        placement_id=plan.placement_id if plan else None,
        reported_by=f"{dsl} (provider DSL, {provider.name})",
        narrative=spec.narrative.format(*(year.names[p] for p, _ in spec.links)),
        actions_taken=spec.actions_taken,
        referrals=[
            Referral(a, occurred.date() + timedelta(days=d), outcome=REFERRAL_OUTCOMES[a])
            for a, d in spec.referrals
        ],
        pupil_links=[IncidentPupil(year.pupil_ids[p], role) for p, role in spec.links],
    )
    stored = incidents.save_incident(world.past, world.staff[spec.recorder], incident)
    assert stored.id is not None
    holder["id"] = stored.id
    world.counts["incidents"] += 1


def _close(world: World, year: Year, spec: IncidentSpec, holder: dict[str, int]) -> None:
    decision = spec.decision if year.current or spec.decision else HISTORY_DECISION
    rationale = spec.rationale if year.current or spec.rationale else HISTORY_RATIONALE
    incidents.close_incident(
        world.past, world.staff[spec.recorder], holder["id"], decision, rationale
    )
