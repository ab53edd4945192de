"""Incidents through the services: the domain's rules on pupils and referrals, the store's
constraint, concerns raised by anyone who sees the pupil, and closing with substance."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy.exc import IntegrityError

from apdesk.domain.entities import Incident, IncidentPupil, Referral
from apdesk.domain.enums import Agency, IncidentCategory, PupilRole, Role
from apdesk.domain.errors import ApdeskError, InvalidInput, PermissionDenied
from apdesk.services import incidents, today
from tests.services.builders import add_pupil, add_school


@pytest.fixture
def pupils(services, actors, clock):
    clock.at = datetime(2026, 11, 5, 9, 0)  # a Thursday
    add_school(services, actors[Role.HEADTEACHER])
    dsl = actors[Role.DSL]
    return add_pupil(services, dsl), add_pupil(services, dsl, 2, "Ash", "Example")


def _incident(pupils, **extra):
    one, two = pupils
    return Incident(
        IncidentCategory.CHILD_ON_CHILD_ABUSE,
        datetime(2026, 11, 4, 10, 30),
        notified_at=datetime(2026, 11, 4, 12, 0),
        narrative="A push in the corridor; a witness saw it.",
        pupil_links=[
            IncidentPupil(one.id, PupilRole.VICTIM),
            IncidentPupil(two.id, PupilRole.ALLEGED_PERPETRATOR),
        ],
        **extra,
    )


def test_one_pupil_cannot_have_two_roles(services, actors, pupils):
    dsl = actors[Role.DSL]
    twice = _incident(pupils)
    twice.pupil_links.append(IncidentPupil(pupils[0].id, PupilRole.WITNESS))
    with pytest.raises(InvalidInput, match="already linked"):
        incidents.save_incident(services, dsl, twice)
    assert incidents.list_incidents(services, dsl) == []


def test_a_referral_before_the_incident_is_refused(services, actors, pupils):
    early = _incident(pupils, referrals=[Referral(Agency.POLICE, date(2026, 11, 3))])
    with pytest.raises(InvalidInput, match="before the incident happened"):
        incidents.save_incident(services, actors[Role.DSL], early)
    assert incidents.list_incidents(services, actors[Role.DSL]) == []


def test_changing_a_role_keeps_each_pupil_once_and_the_store_enforces_it(services, actors, pupils):
    dsl = actors[Role.DSL]
    saved = incidents.save_incident(services, dsl, _incident(pupils))
    again = incidents.open_incident(services, dsl, saved.id)
    again.pupil_links[1].role = PupilRole.WITNESS
    incidents.save_incident(services, dsl, again)
    roles = {
        ln.pupil_id: ln.role for ln in incidents.open_incident(services, dsl, saved.id).pupil_links
    }
    assert roles == {pupils[0].id: PupilRole.VICTIM, pupils[1].id: PupilRole.WITNESS}
    with services.store.engine.begin() as conn, pytest.raises(IntegrityError):
        conn.exec_driver_sql(
            "INSERT INTO incident_pupil (incident_id, pupil_id, role) VALUES (?, ?, 'witness')",
            (saved.id, pupils[0].id),
        )


def test_closing_needs_substance_and_each_referrals_outcome(services, actors, pupils):
    dsl = actors[Role.DSL]
    referral = Referral(Agency.LA_CHILDRENS_SERVICES, date(2026, 11, 4))
    saved = incidents.save_incident(services, dsl, _incident(pupils, referrals=[referral]))
    with pytest.raises(ApdeskError, match="at least 5 words"):
        incidents.close_incident(services, dsl, saved.id, "Referred", "x")
    with pytest.raises(ApdeskError, match="outcome of the referral to LA children's services"):
        incidents.close_incident(
            services,
            dsl,
            saved.id,
            "Referred to children's services",
            "Physical harm by another pupil meets the threshold.",
        )
    record = incidents.open_incident(services, dsl, saved.id)
    record.referrals[0].outcome = "Strategy discussion; no further action."
    incidents.save_incident(services, dsl, record)
    closed = incidents.close_incident(
        services,
        dsl,
        saved.id,
        "Referred to children's services",
        "Physical harm by another pupil meets the threshold.",
    )
    assert closed.status.value == "closed"


def test_saving_and_closing_is_one_action_refused_whole(services, actors, pupils):
    """The window saved what was typed, then closed in a second call: a refused close left
    the typing saved (and audited) on an incident still open."""
    dsl = actors[Role.DSL]
    saved = incidents.save_incident(services, dsl, _incident(pupils))
    typed = incidents.open_incident(services, dsl, saved.id)
    typed.narrative = "A push in the corridor; two witnesses saw it."
    typed.decision, typed.rationale = "Referred", "x"  # too thin to close on
    with pytest.raises(ApdeskError, match="at least 5 words"):
        incidents.save_and_close_incident(services, dsl, typed)
    stored = incidents.open_incident(services, dsl, saved.id)
    assert stored.narrative == "A push in the corridor; a witness saw it."
    assert (stored.decision, stored.status.value) == ("", "open")
    typed.decision = "No referral: handled by the school's behaviour policy"
    typed.rationale = "A single push, no injury; both pupils spoken to with parents told."
    closed = incidents.save_and_close_incident(services, dsl, typed)
    stored = incidents.open_incident(services, dsl, saved.id)
    assert (stored.narrative, stored.status.value) == (typed.narrative, "closed")
    assert closed.closed_on == date(2026, 11, 5)


def test_a_late_notice_is_flagged(services, actors, pupils):
    dsl = actors[Role.DSL]
    late = _incident(pupils)
    late.notified_at = datetime(2026, 11, 5, 5, 30)  # 19 hours later, the next day
    incidents.save_incident(services, dsl, late)
    (row,) = incidents.list_incidents(services, dsl)
    assert row.late and row.delay.endswith("late, not the same school day")
    (line,) = today.today_summary(services, dsl).open_incidents
    assert "open 1 day; the provider told the school late" in line.text


@pytest.mark.parametrize(
    "role", [Role.INCLUSION_LEAD, Role.ATTENDANCE_LEAD, Role.DSL, Role.DEPUTY_DSL, Role.HEADTEACHER]
)
def test_anyone_who_sees_the_pupil_raises_a_concern(services, actors, pupils, role, clock):
    pupil = pupils[0]
    raised = incidents.raise_concern(
        services,
        actors[role],
        pupil.id,
        datetime(2026, 11, 5, 8, 40),
        "He said his stepdad hit him last night; a bruise on his arm.",
    )
    mine = incidents.my_concerns(services, actors[role])
    assert [(c.pupil, c.raised_at) for c in mine] == [(pupil.display_name, clock.now())]
    assert not hasattr(mine[0], "narrative")  # they see only that they raised it
    dsl = actors[Role.DSL]
    record = incidents.open_incident(services, dsl, raised)
    assert record.category is IncidentCategory.SAFEGUARDING_CONCERN
    assert record.narrative.startswith("He said his stepdad hit him")
    assert any(i.target_id == raised for i in today.today_summary(services, dsl).open_incidents)
    if role in (Role.INCLUSION_LEAD, Role.ATTENDANCE_LEAD):
        with pytest.raises(PermissionDenied):
            incidents.list_incidents(services, actors[role])
        with pytest.raises(PermissionDenied):
            incidents.open_incident(services, actors[role], raised)
        assert today.today_summary(services, actors[role]).open_incidents == []


@pytest.mark.parametrize("role", [Role.GOVERNOR, Role.ADMINISTRATOR])
def test_roles_that_never_see_a_pupil_cannot_raise_one(services, actors, pupils, role):
    with pytest.raises(PermissionDenied):
        incidents.raise_concern(
            services,
            actors[role],
            pupils[0].id,
            datetime(2026, 11, 5, 8, 40),
            "Something I saw in the car park today.",
        )


def test_a_concern_needs_words_and_a_past_time(services, actors, pupils):
    lead = actors[Role.INCLUSION_LEAD]
    with pytest.raises(InvalidInput, match="in your own words"):
        incidents.raise_concern(services, lead, pupils[0].id, datetime(2026, 11, 5, 8), "x")
    with pytest.raises(InvalidInput, match="in the future"):
        incidents.raise_concern(
            services, lead, pupils[0].id, datetime(2026, 11, 6, 8), "Saw him crying alone."
        )
    assert incidents.my_concerns(services, lead) == []
