"""Multi-agency details on a real encrypted store: saved, audited, refused, on Today; each role."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from apdesk.domain.entities import EhcpDetails, SocialCare
from apdesk.domain.enums import Role, SenStatus
from apdesk.domain.errors import InvalidInput, PermissionDenied, RuleViolation
from apdesk.services import corrections, multi_agency, pupils, today
from tests.services.builders import add_pupil, add_school, proposed_placement, vetted_provider

SOCIAL_CARE_ROLES = (Role.HEADTEACHER, Role.DSL, Role.DEPUTY_DSL)
EHCP_ROLES = (*SOCIAL_CARE_ROLES, Role.INCLUSION_LEAD)
TODAY = date(2026, 11, 25)


@pytest.fixture
def pupil(services, actors, clock):
    clock.at = datetime(2026, 11, 25, 9, 0)
    add_school(services, actors[Role.HEADTEACHER])
    return add_pupil(services, actors[Role.DSL])  # on a CP plan


@pytest.fixture
def placed(services, actors, pupil):
    """The pupil with a proposed placement: Today watches their meetings."""
    provider = vetted_provider(services, actors[Role.DSL], TODAY)
    return proposed_placement(services, actors[Role.DSL], pupil, provider, date(2026, 12, 7))


def _social_care(pupil_id: int) -> SocialCare:
    return SocialCare(
        pupil_id,
        social_worker="Dana Reid",
        social_worker_team="Northshire CSC, Assessment Team 2",
        social_worker_contact="01632 960111",
        last_cp_conference_on=date(2026, 9, 1),
        next_cp_conference_on=date(2026, 12, 1),
    )


def test_social_care_saved_changed_and_audited(services, actors, pupil):
    dsl = actors[Role.DSL]
    assert multi_agency.get_social_care(services, dsl, pupil.id) == SocialCare(pupil.id)
    saved = multi_agency.save_social_care(services, dsl, _social_care(pupil.id))
    changed = multi_agency.save_social_care(
        services, dsl, replace(saved, social_worker="  Kit Moss ")
    )
    assert changed.id == saved.id and changed.social_worker == "Kit Moss"
    assert multi_agency.get_social_care(services, actors[Role.HEADTEACHER], pupil.id) == changed
    with services.store.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT action, old, new FROM audit_log WHERE entity = 'pupil_social_care' ORDER BY id"
        ).all()
    assert [r[0] for r in rows] == ["pupil_social_care.save"] * 2
    assert rows[0][1] is None and "2026-12-01" in rows[0][2]
    assert "Dana Reid" in rows[1][1] and "Kit Moss" in rows[1][2]
    chronology = pupils.chronology(services, dsl, pupil.id)
    assert ("multi-agency", "Child-protection conference held") in [
        (e.kind, e.summary) for e in chronology
    ]


def test_ehcp_details_saved_by_the_inclusion_lead(services, actors, pupil):
    lead = actors[Role.INCLUSION_LEAD]
    record = EhcpDetails(pupil.id, "Northshire", "Lee Grant", "", date(2026, 3, 2))
    saved = multi_agency.save_ehcp(services, lead, record)
    assert multi_agency.get_ehcp(services, actors[Role.DSL], pupil.id) == saved


def test_impossible_dates_refused_with_every_problem_and_nothing_written(services, actors, pupil):
    dsl = actors[Role.DSL]
    bad = replace(
        _social_care(pupil.id),
        last_pep_on=date(2026, 11, 26),
        next_cp_conference_on=date(2027, 3, 2),
    )
    with pytest.raises(InvalidInput) as refused:
        multi_agency.save_social_care(services, dsl, bad)
    assert "in the future" in str(refused.value) and "1 Mar 2027 at the latest" in str(
        refused.value
    )
    assert multi_agency.get_social_care(services, dsl, pupil.id) == SocialCare(pupil.id)


def test_overdue_meetings_on_today_for_those_allowed(services, actors, pupil, placed, clock):
    dsl = actors[Role.DSL]
    pupil.looked_after = True
    pupil.sen_status = SenStatus.EHCP
    pupils.save_pupil(services, dsl, pupil)
    multi_agency.save_social_care(
        services,
        dsl,
        replace(
            _social_care(pupil.id),
            virtual_school_head="Ann Lee",
            last_pep_on=date(2026, 5, 1),
            next_cla_review_on=TODAY,
        ),
    )
    multi_agency.save_ehcp(
        services, dsl, EhcpDetails(pupil.id, "Northshire", last_annual_review_on=date(2025, 11, 1))
    )
    for role in SOCIAL_CARE_ROLES:
        (item,) = today.today_summary(services, actors[role]).social_care
        assert (
            item.kind == "PEP overdue" and item.target == "pupil" and item.when == date(2026, 11, 1)
        )
    for role in EHCP_ROLES:
        (item,) = today.today_summary(services, actors[role]).ehcp
        assert item.kind == "EHCP annual review overdue"
    for role in set(Role) - set(SOCIAL_CARE_ROLES):
        assert today.today_summary(services, actors[role]).social_care == []
    for role in set(Role) - set(EHCP_ROLES):
        assert today.today_summary(services, actors[role]).ehcp == []
    clock.at = datetime(2026, 12, 2, 9, 0)  # the CP conference and CLA review now overdue too
    kinds = [i.kind for i in today.today_summary(services, dsl).social_care]
    assert kinds == [
        "PEP overdue",
        "Child-protection conference overdue",
        "Looked-after (CLA) review overdue",
    ]
    with services.store.engine.begin() as conn:  # the placement over, Today stops watching
        conn.exec_driver_sql("UPDATE placement SET status = 'ended'")
    assert today.today_summary(services, dsl).social_care == []


def test_a_merge_carries_the_twins_details_and_a_removal_is_refused(services, actors, pupil):
    dsl = actors[Role.DSL]
    twin = add_pupil(services, dsl, 2, "Robyn", "Testcase")
    multi_agency.save_social_care(services, dsl, _social_care(twin.id))
    multi_agency.save_ehcp(services, dsl, EhcpDetails(pupil.id, "Northshire"))
    multi_agency.save_ehcp(services, dsl, EhcpDetails(twin.id, "Southshire"))
    with pytest.raises(RuleViolation, match="2 multi-agency records"):
        corrections.remove_pupil(services, dsl, twin.id, "entered by mistake")
    corrections.merge_pupils(services, dsl, pupil.id, twin.id, "the same child entered twice")
    assert multi_agency.get_social_care(services, dsl, pupil.id).social_worker == "Dana Reid"
    assert multi_agency.get_ehcp(services, dsl, pupil.id).local_authority == "Northshire"
    with services.store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM pupil_ehcp").scalar() == 1


@pytest.mark.parametrize("role", [r for r in Role if r not in SOCIAL_CARE_ROLES])
def test_other_roles_neither_see_nor_record_social_care(services, actors, pupil, role):
    with pytest.raises(PermissionDenied):
        multi_agency.get_social_care(services, actors[role], pupil.id)
    with pytest.raises(PermissionDenied):
        multi_agency.save_social_care(services, actors[role], _social_care(pupil.id))


@pytest.mark.parametrize("role", [r for r in Role if r not in EHCP_ROLES])
def test_other_roles_neither_see_nor_record_ehcp_details(services, actors, pupil, role):
    with pytest.raises(PermissionDenied):
        multi_agency.get_ehcp(services, actors[role], pupil.id)
    with pytest.raises(PermissionDenied):
        multi_agency.save_ehcp(services, actors[role], EhcpDetails(pupil.id, "Northshire"))
