"""The gate through the services: an authorised placement edited around it goes back to
proposed, audited old → new, and the Headteacher is told on Today."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime

import pytest

from apdesk.domain.entities import Closure, Provider, Site
from apdesk.domain.enums import PlacementReason, PlacementStatus, ProviderKind, Role
from apdesk.domain.errors import ApdeskError, InvalidInput, PermissionDenied
from apdesk.services import actions, placements, providers, school, today
from tests.services.builders import (
    add_pupil,
    add_school,
    complete_annex_a,
    proposed_placement,
    vetted_provider,
)


@pytest.fixture
def authorised(services, actors, clock):
    clock.at = datetime(2026, 10, 26, 8, 0)  # a Monday, a week before the start
    head, dsl = actors[Role.HEADTEACHER], actors[Role.DSL]
    add_school(services, head)
    provider = vetted_provider(services, dsl, clock.today())
    pupil = add_pupil(services, dsl)
    placement = proposed_placement(services, dsl, pupil, provider, date(2026, 11, 2))
    complete_annex_a(services, dsl, placement)
    placements.authorise(services, head, placement.id)
    return placements.get_placement(services, dsl, placement.id)


def _unvetted(services, dsl):
    return providers.save_provider(
        services,
        dsl,
        Provider(
            "Fernlea Tuition",
            ProviderKind.UNREGISTERED,
            sites=[Site("Rooms", "2 Fernlea Row, Testtown")],
        ),
    )


def _gate_audit(services):
    with services.store.engine.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT actor, old, new, reason FROM audit_log "
            "WHERE action = 'placement.gate_changed' ORDER BY id"
        ).all()


def test_moving_an_authorised_placement_to_an_unvetted_provider_sends_it_back(
    services, actors, authorised
):
    lead, head = actors[Role.INCLUSION_LEAD], actors[Role.HEADTEACHER]
    fernlea = _unvetted(services, actors[Role.DSL])
    edited = replace(authorised, provider_id=fernlea.id, site_id=fernlea.sites[0].id)
    saved = placements.save_placement(services, lead, edited)
    assert saved.status is PlacementStatus.PROPOSED and saved.authorised_on is None

    (row,) = _gate_audit(services)
    assert row.actor.startswith("Test inclusion_lead")
    old, new = json.loads(row.old), json.loads(row.new)
    assert (old["provider_id"], new["provider_id"]) == (authorised.provider_id, fernlea.id)
    assert (old["status"], new["status"]) == ("authorised", "proposed")
    assert "Provider: Bridgeway Learning → Fernlea Tuition" in row.reason

    lines = today.today_summary(services, head)
    (mine,) = [i for i in lines.my_actions if "changed after authorisation" in i.text]
    assert "Provider: Bridgeway Learning → Fernlea Tuition" in mine.text
    (waiting,) = lines.awaiting_authorisation
    assert waiting.target_id == authorised.id and "still missing" in waiting.text
    with pytest.raises(ApdeskError, match="The provider is not approved"):
        placements.authorise(services, head, authorised.id)
    with pytest.raises(ApdeskError, match="Only an authorised placement can start"):
        placements.activate(services, lead, authorised.id)


def test_authorising_again_settles_the_headteachers_action(services, actors, authorised):
    head, dsl = actors[Role.HEADTEACHER], actors[Role.DSL]
    later = replace(authorised, start_date=date(2026, 11, 9))
    assert placements.save_placement(services, dsl, later).status is PlacementStatus.PROPOSED
    placements.authorise(services, head, authorised.id)
    open_ones = [a for a in actions.list_actions(services, head) if a.is_open]
    assert not [a for a in open_ones if "changed after authorisation" in a.title]
    assert today.today_summary(services, head).awaiting_authorisation == []


def test_a_change_outside_the_gate_leaves_it_authorised(services, actors, authorised):
    edited = replace(authorised, curriculum_plan="Maths and English each morning; BTEC sport.")
    saved = placements.save_placement(services, actors[Role.DSL], edited)
    assert saved.status is PlacementStatus.AUTHORISED
    assert _gate_audit(services) == []


@pytest.mark.parametrize("role", [Role.INCLUSION_LEAD, Role.DSL, Role.DEPUTY_DSL, Role.HEADTEACHER])
def test_whoever_edits_the_reason_the_placement_goes_back(services, actors, authorised, role):
    edited = replace(authorised, reason=PlacementReason.OFFSITE_DIRECTION)
    saved = placements.save_placement(services, actors[role], edited)
    assert saved.status is PlacementStatus.PROPOSED
    assert "Reason: Exclusion → Off-site direction to improve behaviour" in (
        _gate_audit(services)[0].reason
    )


@pytest.mark.parametrize("role", [Role.ATTENDANCE_LEAD, Role.GOVERNOR, Role.ADMINISTRATOR])
def test_roles_that_cannot_change_placements_are_refused(services, actors, authorised, role):
    with pytest.raises(PermissionDenied):
        placements.save_placement(services, actors[role], replace(authorised, full_time=True))
    kept = placements.get_placement(services, actors[Role.DSL], authorised.id)
    assert kept.status is PlacementStatus.AUTHORISED


def test_the_awaiting_line_is_only_for_who_may_authorise(services, actors, authorised):
    placements.save_placement(
        services, actors[Role.DSL], replace(authorised, weekly_pattern="Mon AM")
    )
    for role in (Role.DSL, Role.INCLUSION_LEAD, Role.ATTENDANCE_LEAD):
        assert today.today_summary(services, actors[role]).awaiting_authorisation == []
    with pytest.raises(PermissionDenied):
        placements.awaiting_authorisation(services, actors[Role.DSL])


def test_an_active_placement_cannot_move_provider(services, actors, authorised, clock):
    clock.at = datetime(2026, 11, 2, 9, 0)
    placements.activate(services, actors[Role.DSL], authorised.id)
    fernlea = _unvetted(services, actors[Role.DSL])
    with pytest.raises(InvalidInput, match="its provider and site cannot change"):
        placements.save_placement(
            services,
            actors[Role.DSL],
            replace(authorised, provider_id=fernlea.id, site_id=fernlea.sites[0].id),
        )
    kept = placements.get_placement(services, actors[Role.DSL], authorised.id)
    assert kept.provider_id == authorised.provider_id and kept.status is PlacementStatus.ACTIVE


def test_activate_counts_an_off_site_notice_in_school_days(services, actors, clock):
    clock.at = datetime(2026, 10, 26, 8, 0)
    head, dsl = actors[Role.HEADTEACHER], actors[Role.DSL]
    add_school(services, head)
    provider = vetted_provider(services, dsl, clock.today())
    pupil = add_pupil(services, dsl)
    placement = proposed_placement(services, dsl, pupil, provider, date(2026, 11, 2))
    direction = replace(
        placement,
        reason=PlacementReason.OFFSITE_DIRECTION,
        consent_given_by="",
        consent_given_on=None,
        direction_notice_on=date(2026, 10, 29),  # Thursday: two school days before Monday
    )
    placements.save_placement(services, dsl, direction)
    complete_annex_a(services, dsl, placement)
    placements.authorise(services, head, placement.id)
    # Then the school closes on Friday 30 Oct (an INSET day): Thursday's notice is now only
    # one school day ahead, and activating on the day counts it with the calendar.
    details = school.get_school(services, head)
    details.closures.append(Closure(date(2026, 10, 30), "INSET day"))
    school.save_school(services, head, details)
    clock.at = datetime(2026, 11, 2, 9, 0)
    with pytest.raises(ApdeskError, match="by 28 Oct 2026 for this start date"):
        placements.activate(services, dsl, placement.id)
    kept = placements.get_placement(services, dsl, placement.id)
    assert kept.status is PlacementStatus.AUTHORISED


@pytest.fixture
def proposed(services, actors, clock):
    clock.at = datetime(2026, 10, 26, 8, 0)
    head, dsl = actors[Role.HEADTEACHER], actors[Role.DSL]
    add_school(services, head)
    provider = vetted_provider(services, dsl, clock.today())
    pupil = add_pupil(services, dsl)
    return pupil, proposed_placement(services, dsl, pupil, provider, date(2026, 11, 2))


@pytest.mark.parametrize("role", [Role.INCLUSION_LEAD, Role.DSL, Role.HEADTEACHER])
def test_a_line_cannot_be_ticked_while_its_data_are_missing(services, actors, proposed, role):
    _, placement = proposed
    empty = replace(placement, transport="", risk_travel="")
    placements.save_placement(services, actors[role], empty)
    with pytest.raises(InvalidInput, match="cannot be ticked yet: Describe the transport"):
        placements.set_annex_a_item(services, actors[role], placement.id, "transport", True)
    with pytest.raises(InvalidInput, match="risk assessment's travel"):
        placements.set_annex_a_item(services, actors[role], placement.id, "risk_assessment", True)
    kept = placements.get_placement(services, actors[role], placement.id)
    assert not [i for i in kept.annex_a if i.done]
    placements.save_placement(services, actors[role], placement)  # the data written after all
    placements.set_annex_a_item(services, actors[role], placement.id, "transport", True)


def test_unticking_needs_no_data(services, actors, proposed):
    _, placement = proposed
    dsl = actors[Role.DSL]
    placements.set_annex_a_item(services, dsl, placement.id, "transport", True)
    placements.save_placement(services, dsl, replace(placement, transport=""))
    placements.set_annex_a_item(services, dsl, placement.id, "transport", False)


def test_a_cp_pupils_placement_needs_the_plan_shared(services, actors, proposed):
    _, placement = proposed
    dsl, head = actors[Role.DSL], actors[Role.HEADTEACHER]
    complete_annex_a(services, dsl, placement)
    placements.save_placement(services, dsl, replace(placement, shared_cp_plan=False))
    with pytest.raises(ApdeskError, match="Share the child-protection plan"):
        placements.authorise(services, head, placement.id)


def _fernlea_registered_enough(services, dsl, clock):
    """An unregistered provider otherwise fully vetted."""
    provider = vetted_provider(services, dsl, clock.today(), name="Fernlea Tuition")
    return providers.save_provider(
        services, dsl, replace(provider, kind=ProviderKind.UNREGISTERED, ofsted_urn="")
    )


def test_full_time_looked_after_child_at_an_unregistered_provider_is_refused(
    services, actors, proposed, clock
):
    pupil, placement = proposed
    dsl, head = actors[Role.DSL], actors[Role.HEADTEACHER]
    from apdesk.services import pupils

    pupils.save_pupil(services, dsl, replace(pupil, looked_after=True))
    fernlea = _fernlea_registered_enough(services, dsl, clock)
    moved = replace(placement, provider_id=fernlea.id, site_id=fernlea.sites[0].id, full_time=True)
    placements.save_placement(services, dsl, moved)
    complete_annex_a(services, dsl, placement)
    with pytest.raises(ApdeskError, match="full time it would educate a looked-after child"):
        placements.authorise(services, head, placement.id)
    placements.save_placement(services, dsl, replace(moved, full_time=False))
    assert placements.authorise(services, head, placement.id).status is PlacementStatus.AUTHORISED


def test_the_fifth_full_time_pupil_at_an_unregistered_provider_is_refused(services, actors, clock):
    clock.at = datetime(2026, 10, 26, 8, 0)
    head, dsl = actors[Role.HEADTEACHER], actors[Role.DSL]
    add_school(services, head)
    fernlea = _fernlea_registered_enough(services, dsl, clock)
    for serial in range(1, 6):
        pupil = add_pupil(services, dsl, serial, last=f"Pupil{serial}")
        placement = proposed_placement(services, dsl, pupil, fernlea, date(2026, 11, 2))
        placements.save_placement(services, dsl, replace(placement, full_time=True))
        complete_annex_a(services, dsl, placement)
        if serial < 5:
            placements.authorise(services, head, placement.id)
    with pytest.raises(ApdeskError, match="5 pupils \\(five or more\\)"):
        placements.authorise(services, head, placement.id)
