"""Demo multi-agency details (§7, §11, §16): the looked-after child's virtual school head and
PEPs (the last PEP's follow-up now overdue, so Today shows it), the CP-plan child's
conferences, the child in need's reviews and the EHCP's annual review.

Recorded by the DSL a few school days before the story's last day; every date is counted in
calendar days from that day, so each lies within the gaps the rules allow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from apdesk.demo.stories import PUPILS
from apdesk.demo.world import World, Year
from apdesk.domain.entities import EhcpDetails, SocialCare
from apdesk.domain.enums import SenStatus
from apdesk.services import multi_agency


@dataclass(frozen=True)
class Worker:
    name: str
    team: str
    contact: str


SOCIAL_WORKERS = {
    "Jade": Worker(
        "Dana Reid", "Northshire Children's Services, Safeguarding Team 2", "01632 960111"
    ),
    "Tyler": Worker(
        "Kit Moss", "Northshire Children's Services, Child in Need Team", "01632 960142"
    ),
    "Skye": Worker(
        "Priya Shah", "Northshire Children's Services, Children in Care", "01632 960187"
    ),
}
#: Days before the recording day of each meeting's last and next (negative: still to come).
MEETINGS = {
    "Jade": {"cp_conference": (84, -28)},
    "Tyler": {"cin_review": (42, -49)},
    "Skye": {"pep": (150, 3), "cla_review": (63, -56)},
}
RECORDED = 4  # school days before the anchor


def plan_multi_agency(world: World, year: Year) -> None:
    """This year's social care and EHCP records, for the pupils the story has."""
    if not year.current:
        return
    day = world.day(year, RECORDED)
    for index, spec in enumerate(PUPILS):
        if index not in year.names:
            continue
        if spec.first in SOCIAL_WORKERS:
            world.at(day, "15:30", partial(_social_care, world, year, index, spec.first))
        if spec.sen is SenStatus.EHCP:
            world.at(day, "15:40", partial(_ehcp, world, year, index))


def _social_care(world: World, year: Year, index: int, first: str) -> None:
    worker, today = SOCIAL_WORKERS[first], world.clock.today()
    record = SocialCare(year.pupil_ids[index], worker.name, worker.team, worker.contact)
    if first == "Skye":
        record.virtual_school_head = "Helen Marsh, Northshire Virtual School"
        record.virtual_school_contact = "virtual.school@northshire.example.gov.uk"
    for meeting, (last, upcoming) in MEETINGS[first].items():
        setattr(record, f"last_{meeting}_on", today - timedelta(days=last))
        setattr(record, f"next_{meeting}_on", today - timedelta(days=upcoming))
    multi_agency.save_social_care(world.past, world.staff["dsl"], record)
    world.counts["social care records"] += 1


def _ehcp(world: World, year: Year, index: int) -> None:
    today = world.clock.today()
    record = EhcpDetails(
        year.pupil_ids[index],
        "Northshire County Council (SEND Team)",
        "Lee Grant",
        "send.team@northshire.example.gov.uk",
        today - timedelta(days=330),
        today + timedelta(days=30),
    )
    multi_agency.save_ehcp(world.past, world.staff["inclusion"], record)
    world.counts["EHCP records"] += 1
