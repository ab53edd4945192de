"""Complaints on a real encrypted store: recorded, escalated, closed, on Today; each role."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from apdesk.domain.entities import Complaint
from apdesk.domain.enums import ComplaintOutcome, ComplaintStage, Role
from apdesk.domain.errors import InvalidInput, PermissionDenied
from apdesk.services import complaints, school, today
from tests.services.builders import add_pupil, add_school, proposed_placement, vetted_provider

TODAY = date(2026, 11, 25)
RECORDERS = (Role.HEADTEACHER, Role.DSL, Role.DEPUTY_DSL)


@pytest.fixture
def world(services, actors, clock):
    clock.at = datetime(2026, 11, 25, 9, 0)
    add_school(services, actors[Role.HEADTEACHER])
    provider = vetted_provider(services, actors[Role.DSL], TODAY)
    pupil = add_pupil(services, actors[Role.DSL])
    placement = proposed_placement(services, actors[Role.DSL], pupil, provider, date(2026, 12, 7))
    return provider, placement


def _complaint(provider, placement=None, **changes):
    c = Complaint(
        "Sam Parent",
        date(2026, 11, 16),
        provider_id=provider.id,
        placement_id=placement.id if placement else None,
        relationship="Parent",
        summary="No one met Robin at the gate on Monday",
    )
    return dataclasses.replace(c, **changes)


def test_recorded_escalated_and_closed_with_the_audit_trail(services, actors, world):
    provider, placement = world
    dsl = actors[Role.DSL]
    saved = complaints.save_complaint(services, dsl, _complaint(provider, placement))
    assert saved.stage_since == date(2026, 11, 16)  # its first stage starts on receipt
    (row,) = complaints.list_complaints(services, dsl)
    assert (row.provider, row.pupil) == ("Bridgeway Learning", "Robin Testcase")
    assert row.due == date(2026, 11, 30) and not row.overdue  # ten school days (no closures)
    escalated = dataclasses.replace(
        saved, stage=ComplaintStage.LOCAL_AUTHORITY, stage_since=date(2026, 11, 24)
    )
    escalated = complaints.save_complaint(services, dsl, escalated)
    closed = dataclasses.replace(
        escalated,
        outcome=ComplaintOutcome.PARTLY_UPHELD,
        outcome_note="Escort now meets pupils at the gate",
        closed_on=TODAY,
    )
    complaints.save_complaint(services, actors[Role.HEADTEACHER], closed)
    (row,) = complaints.list_complaints(services, dsl)
    assert row.status == "Partly upheld, closed 25 Nov 2026"
    assert complaints.list_complaints(services, dsl, open_only=True) == []
    with services.store.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT action, new FROM audit_log WHERE entity = 'complaint' ORDER BY id"
        ).all()
    assert [r[0] for r in rows] == ["complaint.record", "complaint.escalate", "complaint.close"]
    assert "No one met Robin" not in rows[0][1]  # free text kept as its digest
    assert "Sam Parent" in rows[0][1]


def test_refusals_say_every_problem_and_write_nothing(services, actors, world):
    provider, _ = world
    dsl = actors[Role.DSL]
    future = _complaint(provider, received_on=date(2026, 11, 26), summary="")
    with pytest.raises(InvalidInput) as refused:
        complaints.save_complaint(services, dsl, future)
    assert "in the future" in str(refused.value) and "what the complaint is about" in str(
        refused.value
    )
    complaints.save_complaint(services, dsl, _complaint(provider))
    with pytest.raises(InvalidInput, match="already recorded"):
        complaints.save_complaint(services, dsl, _complaint(provider))
    assert len(complaints.list_complaints(services, dsl)) == 1


def test_no_going_back_a_stage_in_the_store(services, actors, world):
    provider, _ = world
    dsl = actors[Role.DSL]
    saved = complaints.save_complaint(
        services,
        dsl,
        _complaint(provider, stage=ComplaintStage.PROVIDER, stage_since=date(2026, 11, 18)),
    )
    back = dataclasses.replace(saved, stage=ComplaintStage.HEADTEACHER)
    with pytest.raises(InvalidInput, match="never back"):
        complaints.save_complaint(services, dsl, back)


def test_a_placement_with_another_provider_is_refused(services, actors, world):
    _, placement = world
    other = vetted_provider(services, actors[Role.DSL], TODAY, name="Second Chance Hub")
    with pytest.raises(InvalidInput, match="another provider"):
        complaints.save_complaint(services, actors[Role.DSL], _complaint(other, placement))


def test_open_and_overdue_complaints_are_on_today_for_those_who_handle_them(
    services, actors, world, clock
):
    provider, _ = world
    complaints.save_complaint(services, actors[Role.DSL], _complaint(provider))
    for role in RECORDERS:
        (item,) = today.today_summary(services, actors[role]).complaints
        assert item.kind == "Open complaint" and item.target == "complaint"
    for role in set(Role) - set(RECORDERS):
        assert today.today_summary(services, actors[role]).complaints == []
    clock.at = datetime(2026, 11, 30, 17, 0)  # the last day: still in time
    assert today.today_summary(services, actors[Role.DSL]).complaints[0].kind == "Open complaint"
    clock.at = datetime(2026, 12, 1, 9, 0)
    (item,) = today.today_summary(services, actors[Role.DSL]).complaints
    assert item.kind == "Complaint overdue" and item.when == date(2026, 11, 30)


def test_the_schools_stage_days_change_the_deadline(services, actors, world):
    provider, _ = world
    head = actors[Role.HEADTEACHER]
    details = school.get_school(services, head)
    assert details is not None
    details.complaint_days_headteacher = 5
    school.save_school(services, head, details)
    complaints.save_complaint(services, actors[Role.DSL], _complaint(provider))
    (row,) = complaints.list_complaints(services, head)
    assert row.due == date(2026, 11, 23) and row.overdue
    details.complaint_days_headteacher = 0
    with pytest.raises(InvalidInput, match="between 1 and 60"):
        school.save_school(services, head, details)


@pytest.mark.parametrize("role", [r for r in Role if r not in RECORDERS])
def test_other_roles_neither_see_nor_record_complaints(services, actors, world, role):
    provider, _ = world
    with pytest.raises(PermissionDenied):
        complaints.list_complaints(services, actors[role])
    with pytest.raises(PermissionDenied):
        complaints.save_complaint(services, actors[role], _complaint(provider))
