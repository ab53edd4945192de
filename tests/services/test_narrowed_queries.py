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
from sqlalchemy import event, insert, select
from sqlalchemy.orm import Session as DbSession

from apdesk.domain import attendance as rules
from apdesk.domain.actions import ENDING_WARNING_DAYS
from apdesk.domain.attendance import covers, last_day
from apdesk.domain.clock import FixedClock
from apdesk.domain.entities import AttendanceMark, Placement
from apdesk.domain.enums import PlacementStatus, Role, Session
from apdesk.domain.labels import label
from apdesk.domain.multi_agency import in_ap_now
from apdesk.services import attendance, multi_agency, placements, providers, pupils, today
from apdesk.services.app_services import AppServices
from apdesk.services.school import school_calendar
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
        marked = set()
        for _ in range(400):  # marks over the six weeks before BASE, some unexplained
            key = (rng.choice(pupils).id, BASE - timedelta(days=rng.randrange(0, 42)))
            sitting = rng.choice(list(Session))
            if (*key, sitting) in marked:
                continue
            marked.add((*key, sitting))
            code = rng.choice(["/", "B", "N", "O", "U", None])
            conn.execute(
                insert(t.attendance_mark).values(
                    pupil_id=key[0], date=key[1], session=sitting, code=code
                )
            )
    return services, dsl


@ONCE
@given(first=DAYS, length=st.integers(0, 60))
def test_placements_in_a_window_are_those_the_rule_keeps(random_store, first, length):
    svc, _ = random_store
    last = first + timedelta(days=length)
    with DbSession(svc.store.engine) as session:
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
    with DbSession(svc.store.engine) as session:
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


def _own_marks(session, placement, first, last):
    """The placement's pupil's marks from `first` to `last` on days it covers, by one query."""
    m = t.attendance_mark.c
    query = select(AttendanceMark).where(
        m.pupil_id == placement.pupil_id, m.date >= first, m.date <= last
    )
    return [mark for mark in session.scalars(query) if rules.covers(placement, mark.date)]


@ONCE
@given(day=DAYS.filter(lambda d: d <= BASE + timedelta(days=14)))
def test_unexplained_sessions_from_one_query_of_marks_are_those_of_each_placements_own(
    random_store, day
):
    """Today's unexplained absences read the fortnight's marks in one query for every pupil;
    each placement's own query of its pupil's marks must give the same sessions."""
    svc, _ = random_store
    on_day = AppServices(svc.store, FixedClock(datetime.combine(day, time(11, 0))))
    first = day - timedelta(days=attendance.LOOK_BACK_DAYS)
    with DbSession(svc.store.engine) as session:
        found = attendance.find_unexplained(session, on_day, day)
        calendar, closes = school_calendar(session), attendance.register_closes(session)
        each = [
            u
            for p in attendance._placements_in(session, first, day)
            for u in rules.unexplained_absences(
                p.pupil_id,
                rules.expected_sessions(p, calendar, first, day),
                _own_marks(session, p, first, day),
                on_day.clock.now(),
                closes,
                p.id,
            )
        ]
    assert found == sorted(each, key=lambda u: (u.date, u.session, u.pupil_id or 0))


def test_the_lists_read_as_plain_rows_say_what_the_placement_records_say(random_store, actors):
    """Pupils, Providers and Placements read plain rows, not placement records: each pupil's
    placement is still their live one (`is_live`) else their latest, each provider's count
    of pupils placed is still the live placements, and Annex A's ticks are still counted."""
    svc, dsl = random_store
    with DbSession(svc.store.engine) as session:
        every = list(session.scalars(select(Placement)))
        ticks = {p.id: sum(1 for item in p.annex_a if item.done) for p in every}
    for row in pupils.list_pupils(svc, dsl):
        theirs = [p for p in every if p.pupil_id == row.id]
        live = [p for p in theirs if p.is_live] or theirs
        latest = max((p.start_date for p in live), default=None)
        assert row.placement_status in {label(p.status) for p in live if p.start_date == latest}
        assert bool(row.placement_status) == bool(theirs)
    for provider in providers.list_providers(svc, dsl):
        assert provider.live_placements == sum(
            1 for p in every if p.provider_id == provider.id and p.is_live
        )
    listed = placements.list_placements(svc, dsl)
    assert sorted(row.id for row in listed) == sorted(p.id for p in every)
    assert {row.id: row.annex_a_done for row in listed} == ticks
    assert [row.start_date for row in listed] == sorted((p.start_date for p in every), reverse=True)


def test_loading_today_writes_nothing_to_the_store(random_store, actors):
    """Today is read-only (the tab's sweep of automatic actions is a separate, named step)."""
    svc, _ = random_store
    written: list[str] = []

    def watch(conn, cursor, statement, *_):
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE", "REPLACE")):
            written.append(statement)

    event.listen(svc.store.engine, "before_cursor_execute", watch)
    try:
        for actor in actors.values():
            today.today_summary(svc, actor)
    finally:
        event.remove(svc.store.engine, "before_cursor_execute", watch)
    assert written == []
