"""The risk register's SQL aggregate (coded marks tallied by week in the database) agrees with
the domain's own count over the same marks, for any mix of codes, blanks and unmarked sessions."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert

from apdesk.domain import attendance as rules
from apdesk.domain.codes import CODES
from apdesk.domain.entities import AttendanceMark, Placement
from apdesk.domain.enums import Role, Session
from apdesk.domain.errors import InvalidInput
from apdesk.domain.marking import check_code
from apdesk.domain.permissions import Permission
from apdesk.services import attendance
from apdesk.services.attendance import MarkEntry
from apdesk.services.attendance_aggregate import coded_weeks
from apdesk.services.lookups import fetch
from apdesk.services.school import school_calendar
from apdesk.storage import tables as t
from tests.services.builders import add_pupil, add_school, proposed_placement, vetted_provider

MONDAY = date(2026, 11, 2)
KEYS = [(MONDAY + timedelta(days=d), s) for d in range(28) for s in Session]  # weekends too
TODAY = date(2026, 12, 7)
# Stored codes as the register writes them, plus the odd blank, lower-case or padded one.
STORED = st.one_of(
    st.none(),
    st.just(""),
    st.sampled_from(sorted(CODES)),
    st.sampled_from(["b", " I ", "l", "\tK\n"]),
)
SESSION = st.tuples(st.booleans(), STORED, STORED)  # expected?, school's code, provider's code


@pytest.fixture
def placement(services, actors, clock):
    clock.at = datetime(2026, 10, 1, 9, 0)
    head, dsl = actors[Role.HEADTEACHER], actors[Role.DSL]
    add_school(services, head)
    provider = vetted_provider(services, dsl, clock.today())
    return proposed_placement(services, dsl, add_pupil(services, dsl), provider, MONDAY)


def _store_marks(services, placement, marks: list[AttendanceMark]) -> None:
    with services.store.engine.begin() as conn:
        conn.execute(delete(t.attendance_mark))
        rows = [
            {
                "pupil_id": placement.pupil_id,
                "placement_id": placement.id,
                "date": m.date,
                "session": m.session,
                "code": m.code,
                "provider_reported_code": m.provider_reported_code,
            }
            for m in marks
        ]
        if rows:
            conn.execute(insert(t.attendance_mark), rows)


def _weeks(keys: list[tuple[date, Session]]) -> dict[date, int]:
    """Sessions as the weekly masks the risk register counts in."""
    weeks: dict[date, int] = {}
    for day, session in keys:
        monday = rules.monday_of(day)
        weeks[monday] = weeks.get(monday, 0) | rules.session_bit(day, session)
    return weeks


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(SESSION, min_size=len(KEYS), max_size=len(KEYS)))
def test_the_sql_aggregate_agrees_with_the_domain(services, actors, placement, sessions):
    expected = [key for key, (wanted, _, _) in zip(KEYS, sessions, strict=True) if wanted]
    marks = [
        AttendanceMark(
            placement.pupil_id,
            day,
            session,
            placement.id,
            provider_reported_code=reported,
            code=code,
        )
        for (day, session), (_, code, reported) in zip(KEYS, sessions, strict=True)
        if code is not None or reported is not None
    ]
    counted = rules.counted_sessions(marks, expected)  # every expected session closed
    _store_marks(services, placement, marks)
    with services.read(actors[Role.DSL], Permission.VIEW_ATTENDANCE) as session:
        (coded,) = coded_weeks(session, [placement.id], read_all=True)
        weeks = rules.weeks_counted(coded, _weeks(expected))
    assert weeks == rules.tally_weeks(counted)
    assert rules.risk_row_of(weeks, TODAY) == rules.risk_row_of(rules.tally_weeks(counted), TODAY)
    assert rules.summary_of(weeks) == rules.summarise_counted(counted)


def test_a_code_outside_the_dfe_table_is_refused_as_the_domain_refuses_it(
    services, actors, placement
):
    _store_marks(
        services,
        placement,
        [AttendanceMark(placement.pupil_id, MONDAY, Session.AM, placement.id, code="ZZ")],
    )
    with (
        services.read(actors[Role.DSL], Permission.VIEW_ATTENDANCE) as session,
        pytest.raises(InvalidInput),
    ):
        list(coded_weeks(session, [placement.id]))
    with pytest.raises(InvalidInput):
        rules.tally_weeks({(MONDAY, Session.AM): "ZZ"})


def _fits_ap(code: str) -> bool:
    try:
        check_code(code)
    except InvalidInput:
        return False
    return True


TYPED = st.tuples(
    st.sampled_from([key for key in KEYS if key[0].weekday() < 5]),
    st.sampled_from(["", *sorted(c for c in CODES if _fits_ap(c))]),
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(SESSION, min_size=len(KEYS), max_size=len(KEYS)), TYPED)
def test_a_typed_mark_brings_back_what_a_whole_reload_shows(
    services, actors, placement, clock, sessions, typed
):
    marks = [
        AttendanceMark(
            placement.pupil_id, day, session, placement.id, provider_reported_code=r, code=c
        )
        for (day, session), (_, c, r) in zip(KEYS, sessions, strict=True)
        if c is not None or r is not None
    ]
    _store_marks(services, placement, marks)
    clock.at = datetime(2026, 12, 7, 12, 0)  # Monday: the morning register has closed
    lead = actors[Role.ATTENDANCE_LEAD]
    (day, session), code = typed
    entry = MarkEntry(placement.pupil_id, placement.id, day, session, code=code)
    marked = attendance.record_mark(services, lead, entry, day)
    assert marked.register is not None
    assert marked.register.marks[(day, session)].code == (code or None)  # what was typed
    whole = {row.placement_id: row for row in attendance.risk_register(services, lead)}
    assert marked.risk == whole.get(placement.id)
    week = attendance.week_grid(services, lead, day).rows
    assert marked.register == next(r for r in week if r.placement_id == placement.id)
    assert marked.attendance == attendance.placement_attendance(services, lead, placement.id)
    # ... and the register's line is the domain's rule over every mark, loaded one by one.
    with services.read(lead, Permission.VIEW_ATTENDANCE) as session:
        calendar, closes = school_calendar(session), attendance.register_closes(session)
        stored = fetch(session, Placement, placement.id, "placement")
        expected = rules.expected_sessions(stored, calendar, stored.start_date, clock.today())
    loaded = attendance.pupil_marks(services, lead, placement.pupil_id)
    counted = rules.counted_sessions(loaded, expected, clock.now(), closes)
    assert marked.risk is not None
    assert marked.risk.risk == rules.risk_row_of(
        rules.tally_weeks(counted), clock.today(), placement.pupil_id, placement.id
    )
    # First-day follow-up reads the fortnight's codes as plain rows: the same sessions.
    first = clock.today() - timedelta(days=attendance.LOOK_BACK_DAYS)
    fortnight = [key for key in expected if key[0] >= first]
    recent = [m for m in loaded if m.date >= first]
    assert attendance.unexplained(services, lead) == rules.unexplained_absences(
        placement.pupil_id, fortnight, recent, clock.now(), closes, placement.id
    )


def test_the_register_since_a_day_keeps_the_placements_running_on_or_after_it(
    services, actors, placement, clock
):
    clock.at = datetime(2027, 3, 1, 12, 0)
    lead = actors[Role.ATTENDANCE_LEAD]
    end = placement.planned_end_date  # 12 weeks from Mon 2 Nov 2026: Mon 25 Jan 2027
    assert end == date(2027, 1, 25)
    whole = attendance.risk_register(services, lead)
    assert [r.placement_id for r in whole] == [placement.id]  # unmarked sessions count
    assert attendance.risk_register(services, lead, since=end) == whole
    assert attendance.risk_register(services, lead, since=end + timedelta(days=1)) == []
