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
from apdesk.domain.entities import AttendanceMark
from apdesk.domain.enums import Role, Session
from apdesk.domain.errors import InvalidInput
from apdesk.domain.permissions import Permission
from apdesk.services.attendance import coded_weeks
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
    st.sampled_from(["b", " I ", "l"]),
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
        weeks = rules.weeks_counted(coded_weeks(session).get(placement.id, {}), _weeks(expected))
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
        coded_weeks(session)
    with pytest.raises(InvalidInput):
        rules.tally_weeks({(MONDAY, Session.AM): "ZZ"})
