"""A placement's life through the services, with the rules and permissions a user meets."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from apdesk.domain.entities import (
    Incident,
    IncidentPupil,
    ObjectiveProgress,
    Review,
    ReviewAttendee,
)
from apdesk.domain.enums import (
    AttendeeParty,
    IncidentCategory,
    PlacementOutcome,
    PupilRole,
    ReviewKind,
    Role,
    Session,
)
from apdesk.domain.errors import ApdeskError, PermissionDenied
from apdesk.services import (
    attendance,
    automatic_actions,
    incidents,
    placements,
    pupils,
    reviews,
    today,
)
from apdesk.services.attendance import MarkEntry
from apdesk.storage import audit
from tests.services.builders import (
    add_pupil,
    add_school,
    complete_annex_a,
    proposed_placement,
    vetted_provider,
)


@pytest.fixture
def world(services, actors, clock):
    clock.at = datetime(2026, 11, 2, 8, 0)  # a Monday
    head, dsl = actors[Role.HEADTEACHER], actors[Role.DSL]
    add_school(services, head)
    provider = vetted_provider(services, dsl, clock.today())
    pupil = add_pupil(services, dsl)
    placement = proposed_placement(services, dsl, pupil, provider, date(2026, 11, 2))
    return provider, pupil, placement


def test_authorising_needs_the_headteacher_and_annex_a(services, actors, world):
    _, _, placement = world
    with pytest.raises(PermissionDenied, match="cannot authorise placements"):
        placements.authorise(services, actors[Role.DSL], placement.id)
    with pytest.raises(ApdeskError, match="Annex A"):
        placements.authorise(services, actors[Role.HEADTEACHER], placement.id)
    complete_annex_a(services, actors[Role.DSL], placement)
    done = placements.authorise(services, actors[Role.HEADTEACHER], placement.id)
    assert done.status.value == "authorised" and done.authorised_on == date(2026, 11, 2)


def test_a_lapsed_provider_blocks_authorisation(services, actors, world, clock):
    _, _, placement = world
    complete_annex_a(services, actors[Role.DSL], placement)
    clock.at += timedelta(days=400)  # the annual assurance is now out of date
    with pytest.raises(ApdeskError, match="provider is not approved"):
        placements.authorise(services, actors[Role.HEADTEACHER], placement.id)


def _live(services, actors, placement):
    complete_annex_a(services, actors[Role.DSL], placement)
    placements.authorise(services, actors[Role.HEADTEACHER], placement.id)
    return placements.activate(services, actors[Role.DSL], placement.id)


def test_attendance_register_rate_and_unexplained_absence(services, actors, world, clock):
    _, pupil, placement = world
    _live(services, actors, placement)
    lead = actors[Role.ATTENDANCE_LEAD]
    week = [date(2026, 11, 2) + timedelta(days=i) for i in range(5)]
    codes = {(d, s): "B" for d in week for s in Session}
    codes[(week[0], Session.AM)] = "L"
    codes[(week[1], Session.PM)] = "N"
    clock.at = datetime(2026, 11, 6, 16, 0)  # marks are recorded on the day or after it
    attendance.record_marks(
        services,
        lead,
        [MarkEntry(pupil.id, placement.id, d, s, code=c) for (d, s), c in codes.items()],
    )
    row = attendance.risk_register(services, lead)[0]
    assert (row.risk.possible, row.risk.present) == (10, 9)  # L counts present, N does not
    assert row.risk.rate == pytest.approx(0.9) and "persistent" in row.risk.flags  # 10% or more
    grid = attendance.week_grid(services, lead, week[2])
    assert grid.rows[0].unexplained == {(week[1], Session.PM)}
    summary = today.today_summary(services, actors[Role.DSL])
    assert [item.when for item in summary.unexplained] == [week[1]]
    assert automatic_actions.sweep(services, actors[Role.DSL]) >= 1
    assert automatic_actions.sweep(services, actors[Role.DSL]) == 0, "each action opens once"


def test_an_unknown_code_is_refused_and_nothing_recorded(services, actors, world):
    _, pupil, placement = world
    lead = actors[Role.ATTENDANCE_LEAD]
    with pytest.raises(ApdeskError, match="'Z9' is not a DfE attendance code"):
        attendance.record_marks(
            services,
            lead,
            [
                MarkEntry(pupil.id, placement.id, date(2026, 11, 2), Session.AM, code="B"),
                MarkEntry(pupil.id, placement.id, date(2026, 11, 2), Session.PM, code="Z9"),
            ],
        )
    assert attendance.pupil_marks(services, lead, pupil.id) == []


def test_review_clears_what_was_due(services, actors, world, clock):
    _, _, placement = world
    _live(services, actors, placement)
    clock.at = datetime(2026, 11, 12, 9, 0)
    due = reviews.reviews_due(services, actors[Role.DSL])
    assert due[0].overdue and due[0].due_on == date(2026, 11, 6)  # Friday of the first week
    stored = placements.get_placement(services, actors[Role.DSL], placement.id)
    suggested = reviews.suggested_next_review(services, actors[Role.DSL], placement.id)
    reviews.record_review(
        services,
        actors[Role.DSL],
        Review(
            placement.id,
            ReviewKind.MONITORING_CONTACT,
            date(2026, 11, 12),
            attendees=[ReviewAttendee(AttendeeParty.PROVIDER, "Jo Rivers")],
            progress=[ObjectiveProgress(stored.objectives[0].id, "Attending well", "on track")],
            next_review_on=suggested,
        ),
    )
    assert not [r for r in reviews.reviews_due(services, actors[Role.DSL]) if r.overdue]


def test_safeguarding_incident_needs_a_rationale_to_close(services, actors, world, clock):
    provider, pupil, _ = world
    other = add_pupil(services, actors[Role.DSL], serial=2, first="Sky", last="Example")
    dsl = actors[Role.DSL]
    record = incidents.save_incident(
        services,
        dsl,
        Incident(
            IncidentCategory.CHILD_ON_CHILD_ABUSE,
            datetime(2026, 11, 1, 10, 0),
            notified_at=datetime(2026, 11, 1, 12, 15),
            provider_id=provider.id,
            narrative="Fictional narrative.",
            pupil_links=[
                IncidentPupil(pupil.id, PupilRole.VICTIM),
                IncidentPupil(other.id, PupilRole.ALLEGED_PERPETRATOR),
            ],
        ),
    )
    row = incidents.list_incidents(services, dsl)[0]
    assert row.delay == "2 h 15 min after it happened"
    with pytest.raises(ApdeskError, match="why that decision was made"):
        incidents.close_incident(services, dsl, record.id, "No referral", "")
    closed = incidents.close_incident(
        services,
        dsl,
        record.id,
        "No referral to children's services",
        "Threshold not met; provider plan in place.",
    )
    assert closed.status.value == "closed"
    roles = {
        link.pupil_id: link.role
        for link in incidents.open_incident(services, dsl, record.id).pupil_links
    }
    assert roles == {pupil.id: PupilRole.VICTIM, other.id: PupilRole.ALLEGED_PERPETRATOR}


def test_each_change_writes_one_audit_row_and_the_chain_holds(services, actors, world):
    _, _, placement = world
    with services.store.engine.connect() as conn:
        before = audit.head(conn).row_id
    complete_annex_a(services, actors[Role.DSL], placement)
    incidents_opened = services.store.engine
    with incidents_opened.connect() as conn:
        assert audit.head(conn).row_id == before + 10
        assert audit.verify_chain(conn) == []
        last = conn.exec_driver_sql(
            "SELECT actor, action, old, new FROM audit_log ORDER BY id DESC LIMIT 1"
        ).one()
    assert last.actor == "Test dsl (dsl)" and last.action == "annex_a.item"
    assert '"done": false' in last.old and '"done": true' in last.new


def test_end_of_placement_records_outcome(services, actors, world):
    _, _, placement = world
    _live(services, actors, placement)
    ended = placements.end_placement(
        services, actors[Role.DSL], placement.id, PlacementOutcome.REINTEGRATED
    )
    assert ended.status.value == "ended" and ended.outcome is PlacementOutcome.REINTEGRATED
    with pytest.raises(ApdeskError, match="reason"):
        placements.terminate(services, actors[Role.DSL], placement.id, "")


def test_cp_flags_are_hidden_from_those_who_may_not_see_them(services, actors, world):
    _, pupil, _ = world
    inclusion = actors[Role.INCLUSION_LEAD]
    assert pupils.get_pupil(services, actors[Role.DSL], pupil.id).cp_plan is True
    seen = pupils.get_pupil(services, inclusion, pupil.id)
    assert seen.cp_plan is False
    assert pupils.list_pupils(services, inclusion)[0].flags == ()
    seen.year_group = 10
    pupils.save_pupil(services, inclusion, seen)  # saving must not clear what they cannot see
    assert pupils.get_pupil(services, actors[Role.DSL], pupil.id).cp_plan is True


@pytest.mark.parametrize("role", [Role.GOVERNOR, Role.ADMINISTRATOR])
def test_governors_and_administrators_get_no_child_detail(services, actors, world, role):
    for call in (pupils.list_pupils, incidents.list_incidents, attendance.risk_register):
        with pytest.raises(PermissionDenied):
            call(services, actors[role])


def test_incidents_are_for_designated_staff_only(services, actors, world):
    for role in (Role.INCLUSION_LEAD, Role.ATTENDANCE_LEAD, Role.GOVERNOR, Role.ADMINISTRATOR):
        with pytest.raises(PermissionDenied, match="cannot view incident records"):
            incidents.list_incidents(services, actors[role])
    for role in (Role.DSL, Role.DEPUTY_DSL, Role.HEADTEACHER):
        assert incidents.list_incidents(services, actors[role]) == []


def test_opening_an_incident_is_audited(services, actors, world):
    _provider, pupil, _ = world
    dsl = actors[Role.DSL]
    record = incidents.save_incident(
        services,
        dsl,
        Incident(
            IncidentCategory.SAFEGUARDING_CONCERN,
            datetime(2026, 11, 1, 10, 0),
            pupil_links=[IncidentPupil(pupil.id, PupilRole.INVOLVED)],
        ),
    )
    incidents.open_incident(services, actors[Role.HEADTEACHER], record.id)
    with services.store.engine.connect() as conn:
        row = conn.exec_driver_sql(
            "SELECT actor, action FROM audit_log ORDER BY id DESC LIMIT 1"
        ).one()
    assert tuple(row) == ("Alex Morgan (Head) (head)", "incident.open")


def test_incident_evidence_is_kept_in_the_store_for_designated_staff(services, actors, world):
    _, pupil, _ = world
    dsl = actors[Role.DSL]
    record = incidents.save_incident(
        services,
        dsl,
        Incident(
            IncidentCategory.SERIOUS_ACCIDENT,
            datetime(2026, 11, 1, 10, 0),
            pupil_links=[IncidentPupil(pupil.id, PupilRole.INVOLVED)],
        ),
    )
    evidence_id = incidents.add_evidence(
        services, dsl, record.id, "account.pdf", b"%PDF-1.7 provider account"
    )
    assert [e.filename for e in incidents.list_evidence(services, dsl, record.id)] == [
        "account.pdf"
    ]
    info, data = incidents.get_evidence(services, actors[Role.HEADTEACHER], evidence_id)
    assert data == b"%PDF-1.7 provider account" and info.size == len(data)
    with pytest.raises(PermissionDenied):
        incidents.get_evidence(services, actors[Role.INCLUSION_LEAD], evidence_id)
    from apdesk.services import providers as provider_service

    with pytest.raises(ApdeskError, match="could not be found"):
        provider_service.get_evidence(services, dsl, evidence_id)  # not a check's file
    with services.store.engine.connect() as conn:
        last = conn.exec_driver_sql("SELECT action FROM audit_log ORDER BY id DESC LIMIT 2")
        # the refused look is recorded as a refusal, not as a look
        assert [r[0] for r in last] == ["permission.refused", "incident.evidence_open"]


def test_looking_at_an_incident_is_audited_but_changes_nothing_on_screen(services, actors, world):
    _, pupil, _ = world
    dsl = actors[Role.DSL]
    record = incidents.save_incident(
        services,
        dsl,
        Incident(
            IncidentCategory.BEHAVIOUR,
            datetime(2026, 11, 1, 10, 0),
            pupil_links=[IncidentPupil(pupil.id, PupilRole.INVOLVED)],
        ),
    )
    heard: list = []
    services.subscribe(heard.append)
    incidents.open_incident(services, dsl, record.id)
    assert heard == [], "a window reloading on this would reopen the incident for ever"
    incidents.close_incident(
        services,
        dsl,
        record.id,
        "Handled by the provider",
        "Minor; the provider dealt with it well.",
    )
    assert [c.action for batch in heard for c in batch] == ["incident.close"]
