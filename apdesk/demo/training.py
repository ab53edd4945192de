"""Demo staff awareness and training (§14, Annex B §6), so 6.1 to 6.3 have records behind them.

Every account but the Administrator has read the policy in force at the start of the autumn
term; the Headteacher, DSL, deputy and inclusion lead took the AP-procedures training that
day and hold in-date safeguarding training. The attendance lead's safeguarding training
lapses within the month (Today tells the Headteacher), and a teaching assistant with no
account, the AP link in school, is on the list by name, with AP-procedures training that
also lapses this month. The Administrator has nothing recorded yet.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial

from apdesk.demo.world import World, Year
from apdesk.domain.training import StaffTraining
from apdesk.services import training

KEY_STAFF = ("head", "dsl", "deputy", "inclusion")
TEACHING_ASSISTANT, TA_JOB = "Dana Whitfield", "Teaching assistant (AP link)"
INSET = 58  # school days before today: the autumn term's training day
LAPSING = 18  # days from today a lapsing training's last valid day is

Dates = dict[str, date | str]


def plan_training(world: World, year: Year) -> None:
    if not year.current:
        return
    inset = world.day(year, INSET)
    world.at(inset, "16:00", partial(_record, world, inset))


def _record(world: World, inset: date) -> None:
    version = training.policy_version(world.past, world.staff["head"])
    lapsing = world.today + timedelta(days=LAPSING)
    a_year_before = lapsing - timedelta(days=365)
    read: Dates = {"policy_read_on": inset, "policy_read_version": version}
    trained: Dates = {"ap_trained_on": inset, "ap_expires_on": inset + timedelta(days=365)}
    safe: Dates = {"safeguarding_on": inset, "safeguarding_expires_on": inset + timedelta(days=730)}
    records = [
        *(_account(world, name, **read, **trained, **safe) for name in KEY_STAFF),
        _account(world, "attendance", **read, safeguarding_on=a_year_before,
                 safeguarding_expires_on=lapsing),
        _account(world, "governor", **read),
        StaffTraining(TEACHING_ASSISTANT, job_title=TA_JOB, **read,  # type: ignore[arg-type]
                      ap_trained_on=a_year_before, ap_expires_on=lapsing),
    ]  # fmt: skip
    for record in records:
        training.save_training(world.past, world.staff["head"], record)
        world.counts["training"] += 1


def _account(world: World, username: str, **dates: date | str) -> StaffTraining:
    actor = world.staff[username]
    return StaffTraining(actor.display_name, staff_id=actor.staff_id, **dates)  # type: ignore[arg-type]
