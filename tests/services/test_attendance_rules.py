"""Attendance through the services on a real store: refused marks, unmarked sessions counted,
and an authorised placement that reached its start date unactivated still watched."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from apdesk.domain.enums import Role, Session
from apdesk.domain.errors import InvalidInput
from apdesk.domain.record_kinds import RecordKind
from apdesk.services import attendance, placements, today
from apdesk.services.attendance import MarkEntry
from tests.services.builders import (
    add_pupil,
    add_school,
    complete_annex_a,
    proposed_placement,
    vetted_provider,
)

START = date(2026, 12, 2)  # a Wednesday in the autumn term (2 Sep to 18 Dec 2026)
MONDAY = date(2026, 12, 7)


@pytest.fixture
def world(services, actors, clock):
    clock.at = datetime(2026, 11, 30, 8, 0)
    head, dsl = actors[Role.HEADTEACHER], actors[Role.DSL]
    add_school(services, head)
    provider = vetted_provider(services, dsl, clock.today())
    robin = add_pupil(services, dsl)
    ash = add_pupil(services, dsl, 2, "Ash", "Example")
    placement = proposed_placement(services, dsl, robin, provider, START)
    complete_annex_a(services, dsl, placement)
    placements.authorise(services, head, placement.id)  # authorised, never made active
    other = proposed_placement(services, dsl, ash, provider, START)
    clock.at = datetime(2026, 12, 7, 10, 30)  # Monday, after the morning register closed
    return robin, placement, ash, other


def entry(pupil, placement, day, code="B", session=Session.AM):
    return MarkEntry(pupil.id, placement.id, day, session, code=code)


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (date(2026, 12, 5), "5 Dec 2026 is not a school day (a Saturday)"),
        (date(2026, 12, 25), "25 Dec 2026 is not a school day (Christmas Day, a bank holiday)"),
        (date(2026, 12, 8), "8 Dec 2026 is in the future"),
        (date(2026, 12, 1), "The placement starts on 2 Dec 2026: 1 Dec 2026 is before it."),
    ],
)
def test_marks_are_refused_with_a_plain_reason(services, actors, world, day, message):
    robin, placement, _, _ = world
    lead = actors[Role.ATTENDANCE_LEAD]
    with pytest.raises(InvalidInput, match=re.escape(message)):
        attendance.record_marks(
            services, lead, [entry(robin, placement, MONDAY), entry(robin, placement, day)]
        )
    assert attendance.pupil_marks(services, lead, robin.id) == []  # nothing written


def test_a_mark_on_another_pupils_placement_is_refused(services, actors, world):
    robin, _, _, others = world
    with pytest.raises(InvalidInput, match="not this pupil's"):
        attendance.record_marks(
            services, actors[Role.ATTENDANCE_LEAD], [entry(robin, others, MONDAY)]
        )


@pytest.mark.parametrize("code", ["/", "\\"])
def test_present_at_school_is_refused_for_an_ap_session(services, actors, world, code):
    robin, placement, _, _ = world
    with pytest.raises(InvalidInput, match="means present at school"):
        attendance.record_marks(
            services, actors[Role.ATTENDANCE_LEAD], [entry(robin, placement, MONDAY, code)]
        )


def test_a_mark_finds_its_placement_when_none_is_given(services, actors, world):
    robin, placement, _, _ = world
    lead = actors[Role.ATTENDANCE_LEAD]
    attendance.record_marks(
        services, lead, [MarkEntry(robin.id, None, MONDAY, Session.AM, code="B")]
    )
    [mark] = attendance.pupil_marks(services, lead, robin.id)
    assert mark.placement_id == placement.id


def test_an_authorised_placement_past_its_start_is_watched_like_an_active_one(
    services, actors, world
):
    robin, placement, _, _ = world
    lead = actors[Role.ATTENDANCE_LEAD]
    found = [
        (u.date, u.session)
        for u in attendance.unexplained(services, lead)
        if u.pupil_id == robin.id
    ]
    # Wed 2 to Fri 4 Dec, both sessions, and Monday's morning (its register closed at 10:00).
    assert len(found) == 7 and found[-1] == (MONDAY, Session.AM)
    [row] = [r for r in attendance.risk_register(services, lead) if r.pupil_id == robin.id]
    assert (row.risk.possible, row.risk.present, row.risk.unmarked) == (7, 0, 7)
    assert row.risk.flags[:2] == ["persistent", "severe"]
    assert placements.get_placement(services, lead, placement.id).status.value == "authorised"


def test_ten_attended_and_the_rest_unmarked_is_not_full_attendance(services, actors, world, clock):
    robin, placement, _, _ = world
    lead = actors[Role.ATTENDANCE_LEAD]
    days = [date(2026, 12, 2), date(2026, 12, 3), date(2026, 12, 4), MONDAY]
    attendance.record_marks(
        services, lead, [entry(robin, placement, d, "B", s) for d in days[:3] for s in Session]
    )
    [row] = [r for r in attendance.risk_register(services, lead) if r.pupil_id == robin.id]
    assert (row.risk.present, row.risk.possible) == (6, 7)  # Monday morning is unmarked


def test_the_morning_counts_once_the_register_closes_at_ten(services, actors, world, clock):
    robin, placement, _, _ = world
    lead = actors[Role.ATTENDANCE_LEAD]
    sessions = [
        (d, s) for d in (date(2026, 12, 2), date(2026, 12, 3), date(2026, 12, 4)) for s in Session
    ]
    attendance.record_marks(
        services, lead, [entry(robin, placement, d, "B", s) for d, s in sessions]
    )
    clock.at = datetime(2026, 12, 7, 9, 59)
    assert not [u for u in attendance.unexplained(services, lead) if u.pupil_id == robin.id]
    clock.at = datetime(2026, 12, 7, 10, 0)
    [absence] = [u for u in attendance.unexplained(services, lead) if u.pupil_id == robin.id]
    assert (absence.date, absence.session, absence.reason) == (MONDAY, Session.AM, "no mark")
    summary = today.today_summary(services, actors[Role.DSL])
    [line] = [item for item in summary.unexplained if "Robin" in item.text]
    assert (line.text, line.when, line.target) == (
        "Robin Testcase: AM no mark",
        MONDAY,
        RecordKind.ATTENDANCE,
    )
    [late] = [item for item in summary.not_started if "Robin" in item.text]
    assert late.text == (
        "Robin Testcase at Bridgeway Learning: due to start 2 Dec 2026 but still authorised"
    )
    assert late.target == "placement"
    governor = today.today_summary(services, actors[Role.GOVERNOR])
    assert governor.unexplained == []


def test_the_export_lists_unmarked_expected_sessions_with_placement_and_provider(
    services, actors, world
):
    from tests.services.csv_exports import exported

    robin, placement, _, _ = world
    head = actors[Role.HEADTEACHER]
    attendance.record_marks(
        services,
        actors[Role.ATTENDANCE_LEAD],
        [MarkEntry(robin.id, placement.id, START, Session.AM, code="I", provider_code="N")],
    )
    export = exported(services, head, "attendance")
    rows = [dict(zip(export.header, r, strict=True)) for r in export.rows]
    ours = [r for r in rows if r["pupil"] == "Robin Testcase"]
    assert len(ours) == 7  # six sessions Wed to Fri and Monday morning
    first = ours[0]
    assert (first["provider_code"], first["final_code"], first["counted_code"]) == ("N", "I", "I")
    assert first["placement_id"] == str(placement.id) and first["provider"] == "Bridgeway Learning"
    assert all(r["final_code"] == "" and r["counted_code"] == "" for r in ours[1:])


def test_the_register_closing_times_are_the_schools_own(services, actors, world, clock):
    from datetime import time

    from apdesk.services import school

    robin, _, _, _ = world
    head, lead = actors[Role.HEADTEACHER], actors[Role.ATTENDANCE_LEAD]
    details = school.get_school(services, head)
    details.am_register_closes = time(11, 0)
    school.save_school(services, head, details)
    clock.at = datetime(2026, 12, 7, 10, 30)
    mine = [u for u in attendance.unexplained(services, lead) if u.pupil_id == robin.id]
    assert (MONDAY, Session.AM) not in {(u.date, u.session) for u in mine}
    details.pm_register_closes = time(10, 0)
    with pytest.raises(InvalidInput, match="afternoon register must close after the morning"):
        school.save_school(services, head, details)


def test_dual_registration_is_kept_and_suggests_d(services, actors, world):
    robin, placement, _, _ = world
    dsl = actors[Role.DSL]
    stored = placements.get_placement(services, dsl, placement.id)
    stored.dual_registered = True
    placements.save_placement(services, dsl, stored)
    assert placements.get_placement(services, dsl, placement.id).dual_registered
    [row] = [r for r in attendance.week_grid(services, dsl, MONDAY).rows if r.pupil_id == robin.id]
    assert row.suggested == "D"


def test_a_cp_childs_absence_goes_to_the_dsl_urgently_and_opens_an_incident(
    services, actors, world
):
    from apdesk.services import actions, automatic_actions, incidents

    robin, _, ash, _ = world  # both on a CP plan (builders.add_pupil)
    dsl, lead = actors[Role.DSL], actors[Role.ATTENDANCE_LEAD]
    automatic_actions.sweep(services, lead)
    mine = actions.list_actions(services, dsl, mine_only=True)
    urgent = [a for a in mine if a.title.startswith("Urgent: unexplained absence")]
    assert urgent and all(a.source == "Urgent: absence of a vulnerable child" for a in urgent)
    assert {a.pupil_id for a in urgent} == {robin.id, ash.id}
    leads = actions.list_actions(services, lead, mine_only=True)
    assert leads and not any("child-protection" in a.title for a in leads)
    opened = [
        i for i in incidents.list_incidents(services, dsl) if i.category == "Missing from education"
    ]
    assert len(opened) == 2
    automatic_actions.sweep(services, lead)
    again = [
        i for i in incidents.list_incidents(services, dsl) if i.category == "Missing from education"
    ]
    assert len(again) == 2, "one incident per child while it is open"
