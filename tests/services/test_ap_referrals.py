"""AP referrals on a real encrypted store: recording, deciding, proposing a placement, roles."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from apdesk.domain.entities import APReferral
from apdesk.domain.enums import APReferralDecision, PlacementReason, Role
from apdesk.domain.errors import InvalidInput, PermissionDenied
from apdesk.services import ap_referrals, corrections, placements
from tests.services.builders import add_pupil, add_school, proposed_placement, vetted_provider

TODAY = date(2026, 11, 2)


@pytest.fixture
def world(services, actors, clock):
    clock.at = datetime(2026, 11, 2, 9, 0)
    add_school(services, actors[Role.HEADTEACHER])
    provider = vetted_provider(services, actors[Role.DSL], TODAY)
    pupil = add_pupil(services, actors[Role.DSL])
    return provider, pupil


def _record(services, actor, pupil, provider=None, **changes):
    referral = APReferral(
        pupil.id,
        date(2026, 10, 20),
        "Three fixed-term exclusions this half term",
        "Head of Year 9",
        PlacementReason.EXCLUSION,
        provider_id=provider.id if provider else None,
    )
    for name, value in changes.items():
        setattr(referral, name, value)
    return ap_referrals.save_ap_referral(services, actor, referral)


def test_recorded_declined_and_listed_with_its_outcome(services, actors, world):
    provider, pupil = world
    lead = actors[Role.INCLUSION_LEAD]
    referral = _record(services, lead, pupil, provider)
    referral.decision = APReferralDecision.DECLINED
    referral.decided_on = TODAY
    referral.decision_reason = "Needs can be met with in-school support"
    ap_referrals.save_ap_referral(services, lead, referral)
    (row,) = ap_referrals.list_ap_referrals(services, actors[Role.ATTENDANCE_LEAD])
    assert row.pupil == "Robin Testcase" and row.provider == "Bridgeway Learning"
    assert row.outcome == "Declined on 2 Nov 2026: Needs can be met with in-school support"
    with services.store.engine.connect() as conn:
        actions = conn.exec_driver_sql(
            "SELECT action FROM audit_log WHERE entity = 'ap_referral' ORDER BY id"
        ).scalars()
        assert list(actions) == ["ap_referral.save", "ap_referral.decide"]


def test_refusals_name_every_problem_and_nothing_is_written(services, actors, world):
    _, pupil = world
    dsl = actors[Role.DSL]
    with pytest.raises(InvalidInput, match="in the future") as caught:
        _record(services, dsl, pupil, referred_on=date(2026, 11, 3), reason="")
    assert "Write the reason" in str(caught.value)
    _record(services, dsl, pupil)
    with pytest.raises(InvalidInput, match="still being considered"):
        _record(services, dsl, pupil, referred_on=TODAY)
    assert len(ap_referrals.list_ap_referrals(services, dsl)) == 1


def test_a_placement_proposed_from_the_referral_then_placed(services, actors, world):
    provider, pupil = world
    dsl = actors[Role.DSL]
    referral = _record(services, dsl, pupil, provider)
    referral.decision, referral.decided_on = APReferralDecision.PLACED, TODAY
    referral.decision_reason = "Panel agreed a 12-week placement"
    with pytest.raises(InvalidInput, match="Propose a placement"):
        ap_referrals.save_ap_referral(services, dsl, referral)
    draft = ap_referrals.draft_placement(services, dsl, referral.id)
    assert (draft.pupil_id, draft.provider_id, draft.ap_referral_id) == (
        pupil.id,
        provider.id,
        referral.id,
    )
    assert draft.reason is PlacementReason.EXCLUSION and draft.id is None
    full = proposed_placement(services, dsl, pupil, provider, date(2026, 11, 16))
    full.ap_referral_id = referral.id
    placements.save_placement(services, dsl, full)
    ap_referrals.save_ap_referral(services, dsl, referral)
    (row,) = ap_referrals.list_ap_referrals(services, dsl)
    assert row.decision is APReferralDecision.PLACED and row.placement_ids == (full.id,)


def test_the_list_names_every_placement_made_from_each_referral_in_order(services, actors, world):
    """The list reads each referral's placements in its own query (their ids joined by the
    database): the same ids, in the same order, as `placements_from`; none for a referral
    nothing was proposed from."""
    provider, pupil = world
    dsl = actors[Role.DSL]
    referral = _record(services, dsl, pupil, provider)
    other = add_pupil(services, dsl, serial=2, first="Sky", last="Other")
    _record(services, dsl, other, provider, referred_on=date(2026, 10, 21))
    made = []
    for start in (date(2026, 11, 16), date(2027, 3, 1)):
        placement = proposed_placement(services, dsl, pupil, provider, start)
        placement.ap_referral_id = referral.id
        made.append(placements.save_placement(services, dsl, placement).id)
    newest, oldest = ap_referrals.list_ap_referrals(services, dsl)
    assert (newest.pupil, newest.placement_ids) == ("Sky Other", ())
    assert oldest.id == referral.id and oldest.placement_ids == tuple(sorted(made))
    with services.read(dsl) as session:
        assert ap_referrals.placements_from(session) == {referral.id: sorted(made)}


def test_no_placement_from_a_withdrawn_referral_or_for_another_pupil(services, actors, world):
    provider, pupil = world
    dsl = actors[Role.DSL]
    other = add_pupil(services, dsl, serial=2, first="Sky", last="Other")
    referral = _record(services, dsl, pupil, provider)
    placement = proposed_placement(services, dsl, other, provider, date(2026, 11, 16))
    placement.ap_referral_id = referral.id
    with pytest.raises(InvalidInput, match="another pupil's AP referral"):
        placements.save_placement(services, dsl, placement)
    referral.decision, referral.decided_on = APReferralDecision.WITHDRAWN, TODAY
    referral.decision_reason = "Family moved out of area"
    ap_referrals.save_ap_referral(services, dsl, referral)
    with pytest.raises(InvalidInput, match="withdrawn"):
        ap_referrals.draft_placement(services, dsl, referral.id)


@pytest.mark.usefixtures("world")
def test_each_role(services, actors):
    recorders = (Role.HEADTEACHER, Role.DSL, Role.DEPUTY_DSL, Role.INCLUSION_LEAD)
    for serial, role in enumerate(Role, start=10):
        actor = actors[role]
        someone = add_pupil(services, actors[Role.DSL], serial=serial, last=f"Role{serial}")
        if role in recorders:
            _record(services, actor, someone)
        else:
            with pytest.raises(PermissionDenied):
                _record(services, actor, someone)
        if role in (Role.GOVERNOR, Role.ADMINISTRATOR):
            with pytest.raises(PermissionDenied):
                ap_referrals.list_ap_referrals(services, actor)
        else:
            assert ap_referrals.list_ap_referrals(services, actor)


def test_merging_a_pupil_moves_their_referrals(services, actors, world):
    _, pupil = world
    head = actors[Role.HEADTEACHER]
    twin = add_pupil(services, head, serial=3, first="Robin", last="Testcase-Twin")
    _record(services, head, twin)
    corrections.merge_pupils(services, head, pupil.id, twin.id, "Entered twice at admission")
    (row,) = ap_referrals.list_ap_referrals(services, head)
    assert row.pupil_id == pupil.id
