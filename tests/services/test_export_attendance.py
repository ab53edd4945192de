"""The attendance export on a real encrypted store: a row per mark and per expected session
left unmarked once its register closed, read as plain rows (export_rows.attendance_rows)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from apdesk.domain.enums import Role, Session
from apdesk.services import attendance, placements
from apdesk.services.attendance import MarkEntry
from tests.services.builders import (
    add_pupil,
    add_school,
    complete_annex_a,
    proposed_placement,
    vetted_provider,
)
from tests.services.csv_exports import exported

START = date(2026, 12, 2)  # a Wednesday; Sat 5 and Sun 6 Dec follow


@pytest.fixture
def robin(services, actors, clock):
    clock.at = datetime(2026, 11, 30, 8, 0)
    head, dsl = actors[Role.HEADTEACHER], actors[Role.DSL]
    add_school(services, head)
    provider = vetted_provider(services, dsl, clock.today())
    pupil = add_pupil(services, dsl)
    placement = proposed_placement(services, dsl, pupil, provider, START)
    complete_annex_a(services, dsl, placement)
    placements.authorise(services, head, placement.id)
    clock.at = datetime(2026, 12, 4, 16, 0)
    attendance.record_marks(services, actors[Role.ATTENDANCE_LEAD], [
        MarkEntry(pupil.id, placement.id, START, Session.AM, code="B", provider_code="B"),
        MarkEntry(pupil.id, placement.id, START, Session.PM, code="O", provider_code="B"),
        MarkEntry(pupil.id, placement.id, date(2026, 12, 3), Session.AM, provider_code="L"),
    ])  # fmt: skip
    return pupil, placement


def _rows(services, actors) -> list[tuple[str, ...]]:
    found = exported(services, actors[Role.DSL], "attendance").dicts
    keys = ("date", "session", "provider_code", "final_code", "counted_code", "placement_id")
    return [tuple(row[k] for k in keys) for row in found]


@pytest.mark.parametrize("closed", [False, True])
def test_each_mark_and_each_session_unmarked_once_its_register_closed(
    services, actors, clock, robin, closed
):
    clock.at = datetime(2026, 12, 7, 10, 0) if closed else datetime(2026, 12, 7, 9, 59)
    placement = str(robin[1].id)
    monday = [("2026-12-07", "AM", "", "", "", placement)] if closed else []
    assert _rows(services, actors) == [
        ("2026-12-02", "AM", "B", "B", "B", placement),
        ("2026-12-02", "PM", "B", "O", "O", placement),  # the school's code counts
        ("2026-12-03", "AM", "L", "", "L", placement),  # the provider's, until the school's
        ("2026-12-03", "PM", "", "", "", placement),  # no mark: a row all the same
        ("2026-12-04", "AM", "", "", "", placement),
        ("2026-12-04", "PM", "", "", "", placement),  # no weekend
        *monday,  # Monday morning's register closes at 10:00
    ]
    assert "Robin" in exported(services, actors[Role.DSL], "attendance").dicts[0]["pupil"]
