"""Providers through the services: school-set periods, a site's own evidence, and a
lapsed provider with a child placed on Today, in an action and on the placement."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from apdesk.domain.entities import Site, VettingCheck
from apdesk.domain.enums import CheckKind, Role, SiteKind
from apdesk.domain.errors import ApdeskError, InvalidInput, PermissionDenied
from apdesk.services import actions, automatic_actions, placements, providers, today
from tests.services.builders import (
    add_pupil,
    add_school,
    complete_annex_a,
    proposed_placement,
    vetted_provider,
)


@pytest.fixture
def live(services, actors, clock):
    clock.at = datetime(2026, 11, 2, 8, 0)
    head, dsl = actors[Role.HEADTEACHER], actors[Role.DSL]
    add_school(services, head)
    provider = vetted_provider(services, dsl, clock.today())
    pupil = add_pupil(services, dsl)
    placement = proposed_placement(services, dsl, pupil, provider, date(2026, 11, 2))
    complete_annex_a(services, dsl, placement)
    placements.authorise(services, head, placement.id)
    placements.activate(services, dsl, placement.id)
    return provider, placement


def test_only_the_headteacher_sets_a_check_period(services, actors):
    for role in Role:
        if role is Role.HEADTEACHER:
            continue
        with pytest.raises(PermissionDenied):
            providers.set_check_period(services, actors[role], CheckKind.PREMISES_FIRE, 6)
    providers.set_check_period(services, actors[Role.HEADTEACHER], CheckKind.PREMISES_FIRE, 6)
    with pytest.raises(InvalidInput, match="from 1 to 36 months"):
        providers.set_check_period(services, actors[Role.HEADTEACHER], CheckKind.PREMISES_FIRE, 37)
    with pytest.raises(InvalidInput, match="expiry date typed"):
        providers.set_check_period(services, actors[Role.HEADTEACHER], CheckKind.INSURANCE, 6)


def test_a_lapsed_provider_with_a_child_placed_is_red_for_dsl_and_head(
    services, actors, live, clock
):
    provider, placement = live
    head, dsl = actors[Role.HEADTEACHER], actors[Role.DSL]
    clock.at += timedelta(days=200)
    assert today.today_summary(services, dsl).providers_lapsed == []
    # The school shortens training evidence to six months: Bridgeway lapses with the
    # child placed (the evidence came in 20 days before the placement started).
    providers.set_check_period(services, head, CheckKind.SAFEGUARDING_TRAINING, 6)
    for role in (Role.DSL, Role.DEPUTY_DSL, Role.HEADTEACHER):
        (line,) = today.today_summary(services, actors[role]).providers_lapsed
        assert line.target == "provider" and line.target_id == provider.id
        assert "Bridgeway Learning is lapsed with 1 child placed (Robin Testcase)" in line.text
        assert "Staff safeguarding and PREVENT training expired on" in line.text
    for role in (Role.INCLUSION_LEAD, Role.ATTENDANCE_LEAD, Role.GOVERNOR):
        assert today.today_summary(services, actors[role]).providers_lapsed == []
    assert automatic_actions.sweep(services, dsl) >= 1
    mine = [a for a in actions.list_actions(services, dsl, mine_only=True) if a.is_open]
    assert [a.provider_id for a in mine if "Provider lapsed" in a.title] == [provider.id]
    assert "The provider is not approved." in placements.readiness(services, dsl, placement.id)


def test_a_placement_at_a_subcontractor_needs_the_sites_evidence(services, actors, clock):
    clock.at = datetime(2026, 11, 2, 8, 0)
    head, dsl = actors[Role.HEADTEACHER], actors[Role.DSL]
    add_school(services, head)
    provider = vetted_provider(services, dsl, clock.today())
    provider = providers.save_provider(
        services,
        dsl,
        replace(
            provider,
            sites=[
                *provider.sites,
                Site("Fenside workshop", "Unit 6, Fenside", SiteKind.SUBCONTRACTED),
            ],
        ),
    )
    workshop = provider.sites[1]
    pupil = add_pupil(services, dsl)
    placement = proposed_placement(services, dsl, pupil, provider, date(2026, 11, 9))
    placements.save_placement(services, dsl, replace(placement, site_id=workshop.id))
    complete_annex_a(services, dsl, placement)
    with pytest.raises(ApdeskError, match="Fenside workshop \\(subcontracted provision\\)"):
        placements.authorise(services, head, placement.id)
    with pytest.raises(InvalidInput, match="carries its own evidence only for"):
        providers.record_check(
            services,
            dsl,
            provider.id,
            VettingCheck(CheckKind.INSURANCE, clock.today(), "Sam Patel", site_id=workshop.id),
        )
    for kind in (
        CheckKind.PREMISES_FIRE,
        CheckKind.SAFER_RECRUITMENT,
        CheckKind.SAFEGUARDING_POLICY,
    ):
        providers.record_check(
            services,
            dsl,
            provider.id,
            VettingCheck(kind, clock.today(), "Sam Patel", site_id=workshop.id),
        )
    assert placements.authorise(services, head, placement.id).status.value == "authorised"


def _tick_annex_b(services, dsl, provider_id, on):
    from apdesk.domain.checklists import ANNEX_B_ITEMS

    for item in ANNEX_B_ITEMS:
        providers.set_annex_b_item(services, dsl, provider_id, item.key, True, on)


def test_annex_b_ticks_lapsing_then_lapsed_are_on_today_where_a_child_is_placed(
    services, actors, live, clock
):
    """A tick counts for twelve months: a month before, Today says to check it again; once
    past, that the provider's Annex B cannot be signed. Only for providers with a child
    placed, and only for those who tick Annex B (the DSL, deputy and Headteacher)."""
    provider, _ = live
    head, dsl = actors[Role.HEADTEACHER], actors[Role.DSL]
    unused = vetted_provider(services, dsl, clock.today(), name="Quiet Lane Farm")
    _tick_annex_b(services, dsl, provider.id, date(2026, 11, 2))  # lapse on 3 Nov 2027
    _tick_annex_b(services, dsl, unused.id, date(2026, 11, 2))

    def lines(when, who=dsl):
        clock.at = when
        return [(i.kind, i.text, i.when) for i in today.today_summary(services, who).annex_b_ticks]

    assert lines(datetime(2027, 10, 3, 9)) == []  # 31 days before
    lapsing = [
        (
            "Annex B ticks lapsing",
            f"{provider.name}: 22 Annex B ticks lapsing, the first on 3 Nov 2027",
            date(2027, 11, 3),
        )
    ]
    assert lines(datetime(2027, 10, 4, 9)) == lapsing  # 30 days before
    assert lines(datetime(2027, 10, 4, 9), head) == lapsing
    assert lines(datetime(2027, 11, 2, 9)) == lapsing  # the last day they count
    lapsed = [
        (
            "Annex B ticks lapsed",
            f"{provider.name}: 22 Annex B ticks over twelve months old",
            date(2027, 11, 3),
        )
    ]
    assert lines(datetime(2027, 11, 3, 9)) == lapsed
    # one requirement checked again: the rest still lapsed, and that one far from lapsing
    providers.set_annex_b_item(services, dsl, provider.id, "1.1", True, date(2027, 11, 3))
    assert lines(datetime(2027, 11, 3, 9)) == [
        (
            "Annex B ticks lapsed",
            f"{provider.name}: 21 Annex B ticks over twelve months old",
            date(2027, 11, 3),
        )
    ]
    for role in (Role.ATTENDANCE_LEAD, Role.INCLUSION_LEAD, Role.GOVERNOR):
        assert lines(datetime(2027, 11, 3, 9), actors[role]) == [], role
