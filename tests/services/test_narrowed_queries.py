"""Today's lines narrow their placements in SQL before the rule decides (issue 15: a school's
ten years load hundreds of placements that cannot pass). The narrowing must never drop one
the rule would keep: on a random store of placements, each narrowed line equals the rule
run over every placement."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from apdesk.domain.actions import ENDING_WARNING_DAYS
from apdesk.domain.attendance import covers, last_day
from apdesk.domain.clock import FixedClock
from apdesk.domain.entities import Placement
from apdesk.domain.enums import PlacementStatus, Role
from apdesk.domain.multi_agency import in_ap_now
from apdesk.services import attendance, multi_agency, today
from apdesk.services.context import AppServices
from apdesk.storage import tables as t
from tests.services import builders

BASE = date(2026, 11, 28)
DAYS = st.integers(-400, 400).map(lambda n: BASE + timedelta(days=n))
ONCE = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def random_store(services, actors, clock):
    """A school with 150 placements of random dates and states (copies of one placement)."""
    head, dsl = actors[Role.HEADTEACHER], actors[Role.DSL]
    builders.add_school(services, head)
    provider = builders.vetted_provider(services, dsl, clock.today())
    pupils = [builders.add_pupil(services, dsl, n, "Pupil", f"Number{n}") for n in range(1, 9)]
    first = builders.proposed_placement(services, dsl, pupils[0], provider, clock.today())
    rng = random.Random(15)
    with services.store.engine.begin() as conn:
        row = dict(
            conn.execute(select(t.placement).where(t.placement.c.id == first.id)).one()._mapping
        )
        del row["id"]
        for _ in range(150):
            start = BASE + timedelta(days=rng.randrange(-500, 200))
            planned = rng.choice([None, start + timedelta(days=rng.randrange(0, 300))])
            status = rng.choice(list(PlacementStatus))
            closed = status in (PlacementStatus.ENDED, PlacementStatus.TERMINATED)
            ended = (
                start + timedelta(days=rng.randrange(0, 300))
                if closed or rng.random() < 0.1
                else None
            )
            conn.execute(
                insert(t.placement).values(
                    {
                        **row,
                        "pupil_id": rng.choice(pupils).id,
                        "start_date": start,
                        "planned_end_date": planned,
                        "status": status,
                        "ended_on": ended,
                    }
                )
            )
    return services, dsl


@ONCE
@given(first=DAYS, length=st.integers(0, 60))
def test_placements_in_a_window_are_those_the_rule_keeps(random_store, first, length):
    svc, _ = random_store
    last = first + timedelta(days=length)
    with Session(svc.store.engine) as session:
        narrowed = {p.id for p in attendance._placements_in(session, first, last)}
        every = list(session.scalars(select(Placement)))
    assert narrowed == {
        p.id for p in every if p.start_date <= last and (last_day(p) or last) >= first
    }


@ONCE
@given(day=DAYS)
def test_todays_narrowed_lines_list_what_the_rule_lists_over_every_placement(random_store, day):
    svc, dsl = random_store
    on_day = AppServices(svc.store, FixedClock(datetime.combine(day, time(9, 30))))
    with Session(svc.store.engine) as session:
        every = list(session.scalars(select(Placement)))
        in_ap = [p.id for p in multi_agency._in_ap(session)]
    waiting = {
        p.id
        for p in every
        if p.status in (PlacementStatus.PROPOSED, PlacementStatus.AUTHORISED)
        and p.start_date <= day
        and covers(p, day)
    }
    assert {i.target_id for i in today._not_started(on_day, dsl)} == waiting
    horizon = day + timedelta(days=ENDING_WARNING_DAYS)
    ending = {
        p.id
        for p in every
        if p.is_live and p.planned_end_date and day <= p.planned_end_date <= horizon
    }
    assert {i.target_id for i in today._ending(on_day, dsl)} == ending
    by_pupil: dict[int | None, list[Placement]] = {}
    for p in every:
        by_pupil.setdefault(p.pupil_id, []).append(p)
    assert sorted(in_ap) == sorted(i for i, ps in by_pupil.items() if in_ap_now(ps))
