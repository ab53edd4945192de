"""The attendance, MIS attendance and census exports on a real encrypted store: what goes in,
what is left out and said, the setting type saved on the provider, and who may export."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import text

from apdesk.domain.entities import Carer, Pupil
from apdesk.domain.enums import Role, Session, SettingType
from apdesk.domain.errors import PermissionDenied
from apdesk.services import attendance, placements, providers, pupils
from apdesk.services.attendance import MarkEntry
from tests.services.builders import (
    add_pupil,
    add_school,
    complete_annex_a,
    proposed_placement,
    vetted_provider,
)
from tests.services.csv_exports import Exported, exported

START = date(2026, 12, 2)  # a Wednesday; Sat 5 and Sun 6 Dec follow


@pytest.fixture
def world(services, actors, clock):
    clock.at = datetime(2026, 11, 30, 8, 0)
    head, dsl = actors[Role.HEADTEACHER], actors[Role.DSL]
    add_school(services, head)
    provider = vetted_provider(services, dsl, clock.today())
    robin = add_pupil(services, dsl)
    placement = proposed_placement(services, dsl, robin, provider, START)
    complete_annex_a(services, dsl, placement)
    placements.authorise(services, head, placement.id)
    nameless = pupils.save_pupil(
        services,
        dsl,
        Pupil(
            "Nova", "Noupn", date(2012, 5, 6), carers=[Carer("Parent B", "Father", "07700 900124")]
        ),
    )
    other = proposed_placement(services, dsl, nameless, provider, START)
    complete_annex_a(services, dsl, other)
    placements.authorise(services, head, other.id)
    clock.at = datetime(2026, 12, 7, 10, 30)  # Monday, after the morning register closed
    lead = actors[Role.ATTENDANCE_LEAD]
    attendance.record_marks(services, lead, [
        MarkEntry(robin.id, placement.id, START, Session.AM, code="B", provider_code="B"),
        MarkEntry(robin.id, placement.id, START, Session.PM, code="O", provider_code="B"),
        MarkEntry(robin.id, placement.id, date(2026, 12, 3), Session.AM, provider_code="B"),
        MarkEntry(nameless.id, other.id, START, Session.AM, code="B"),
    ])  # fmt: skip
    return robin, provider, placement


def parsed(export: Exported) -> list[dict[str, str]]:
    return export.dicts


def test_the_mis_file_has_every_session_to_now_with_the_final_code_apart(services, actors, world):
    robin, _, placement = world
    result = exported(services, actors[Role.DSL], "mis-attendance")
    rows = parsed(result)
    # Wed, Thu, Fri both sessions and Monday's morning (its afternoon register is still open).
    assert [(r["Date"], r["Session"]) for r in rows] == [
        ("02/12/2026", "AM"), ("02/12/2026", "PM"), ("03/12/2026", "AM"), ("03/12/2026", "PM"),
        ("04/12/2026", "AM"), ("04/12/2026", "PM"), ("07/12/2026", "AM"),
    ]  # fmt: skip
    assert {r["UPN"] for r in rows} == {robin.upn}  # the pupil without a UPN is not in it
    assert [(r["Mark"], r["Provider Mark"], r["Status"]) for r in rows[:4]] == [
        ("B", "B", "final"), ("O", "B", "final"), ("", "B", "awaiting final code"),
        ("", "", "no mark"),
    ]  # fmt: skip
    assert rows[0]["ISO Date"] == "2026-12-02" and rows[0]["Placement ID"] == str(placement.id)
    assert result.notes == (
        "Nova Noupn has no UPN, so their sessions are not in the file: add the UPN on the "
        "pupil, then export again.",
    )


def test_the_census_gives_the_setting_type_saved_on_a_provider_without_urn(services, actors, world):
    robin, provider, _ = world
    dsl = actors[Role.DSL]
    provider.ofsted_urn, provider.setting_type = "", SettingType.WBP
    saved = providers.save_provider(services, dsl, provider)
    assert providers.get_provider(services, dsl, saved.id)[0].setting_type is SettingType.WBP
    rows = parsed(exported(services, dsl, "census"))
    assert [(r["upn"], r["urn"], r["ukprn"], r["setting_type"]) for r in rows] == [
        ("", "", "", "WBP"), (robin.upn, "", "", "WBP"),
    ]  # fmt: skip
    assert rows[0]["problem"] == "no UPN: add it on the pupil"
    assert rows[1]["start_date"] == "2026-12-02" and rows[1]["reason"] == "exclusion"
    with services.store.engine.connect() as conn:
        kinds = conn.execute(
            text("SELECT new FROM audit_log WHERE action = 'export.csv' ORDER BY id")
        ).scalars()
        assert [k for k in kinds if '"census"' in k]


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("kind", ["mis-attendance", "census"])
def test_only_the_headteacher_and_dsl_may_export(services, actors, role, kind):
    if role in (Role.HEADTEACHER, Role.DSL):
        assert exported(services, actors[role], kind).rows == []  # an empty school
    else:
        with pytest.raises(PermissionDenied):
            exported(services, actors[role], kind)


@pytest.mark.parametrize("closed", [False, True])
def test_attendance_has_each_mark_and_each_session_unmarked_once_its_register_closed(
    services, actors, clock, world, closed
):
    # Read as plain rows (export_rows.attendance_rows); the unmarked sessions as the risk
    # register counts them.
    clock.at = datetime(2026, 12, 7, 10, 0) if closed else datetime(2026, 12, 7, 9, 59)
    robin, _, placement = world
    at = str(placement.id)
    rows = exported(services, actors[Role.DSL], "attendance").dicts
    keys = ("date", "session", "provider_code", "final_code", "counted_code", "placement_id")
    monday = [("2026-12-07", "AM", "", "", "", at)] if closed else []
    assert [tuple(r[k] for k in keys) for r in rows if r["upn"] == robin.upn] == [
        ("2026-12-02", "AM", "B", "B", "B", at),
        ("2026-12-02", "PM", "B", "O", "O", at),  # the school's code counts
        ("2026-12-03", "AM", "B", "", "B", at),  # the provider's, until the school's
        ("2026-12-03", "PM", "", "", "", at),  # no mark: a row all the same
        ("2026-12-04", "AM", "", "", "", at),
        ("2026-12-04", "PM", "", "", "", at),  # no weekend
        *monday,  # Monday morning's register closes at 10:00
    ]
    assert {r["pupil"] for r in rows} == {"Robin Testcase", "Nova Noupn"}  # UPN or not
