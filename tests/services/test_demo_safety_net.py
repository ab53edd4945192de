"""The issue's probe on a demo store, through the services the window calls: the lapsed
provider with a child placed is on the DSL's Today, opens an action, shows on the
placement, and its Annex B cannot be signed; an authorised placement moved onto an
unvetted provider goes back to proposed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from apdesk.demo.fill import DemoReport
from apdesk.domain.enums import PlacementStatus
from apdesk.domain.errors import InvalidInput
from apdesk.services import (
    actions,
    automatic_actions,
    documents,
    placements,
    providers,
    staff,
    today,
)
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from tests.services.test_demo import demo_services


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppServices, DemoReport]]:
    svc, report = demo_services(tmp_path_factory.mktemp("demo-net") / "data")
    yield svc, report
    svc.close()


def _who(svc: AppServices, name: str) -> Actor:
    return staff.sign_in(svc, name, f"demo-password-{name}")


def test_kestrel_lapsed_with_a_child_placed_is_red_on_the_dsls_today(demo):
    svc, _ = demo
    for name in ("dsl", "head", "deputy"):
        lines = today.today_summary(svc, _who(svc, name)).providers_lapsed
        (kestrel,) = [i for i in lines if i.text.startswith("Kestrel Outdoor Learning")]
        assert "is lapsed with 1 child placed" in kestrel.text
        assert "Annual written safeguarding assurance expired on" in kestrel.text
    for name in ("inclusion", "attendance"):
        assert today.today_summary(svc, _who(svc, name)).providers_lapsed == []


def test_the_lapse_opens_one_action_for_the_dsl(demo):
    svc, _ = demo
    dsl = _who(svc, "dsl")
    automatic_actions.sweep(svc, dsl)
    automatic_actions.sweep(svc, dsl)  # a second sweep opens nothing new
    opened = [a for a in actions.list_actions(svc, dsl, mine_only=True) if "lapsed" in a.title]
    assert len(opened) == 1 and opened[0].title.startswith(
        "Provider lapsed with a child placed: Kestrel Outdoor Learning"
    )


def test_the_placement_at_kestrel_shows_it(demo):
    svc, _ = demo
    dsl = _who(svc, "dsl")
    (row,) = [
        r
        for r in placements.list_placements(svc, dsl)
        if r.provider == "Kestrel Outdoor Learning" and r.state.value in ("authorised", "active")
    ]
    problems = placements.readiness(svc, dsl, row.id)
    assert "The provider is not approved." in problems


def test_kestrels_annex_b_cannot_be_signed_and_the_refusal_says_why(demo):
    svc, _ = demo
    head = _who(svc, "head")
    kestrel = providers.find_provider(svc, head, "Kestrel")
    with pytest.raises(InvalidInput) as refused:
        documents.sign_annex_b(svc, head, kestrel.id, "demo-password-head")
    text = str(refused.value)
    assert "Kestrel Outdoor Learning is lapsed" in text
    assert "Insurance expired on" in text
    assert "more than twelve months old" in text
    assert "AP providers are Ofsted-registered and safeguarding compliant (ticked" in text
    # The window asks this before the password and reasons, and hears the same refusal.
    assert providers.sign_refusal(svc, head, kestrel.id) == text
    ready = {a.provider for a in providers.annex_b_ready(svc, head)}
    assert "Kestrel Outdoor Learning" not in ready
    assert ready, "an approved provider with fresh ticks is ready to sign"


def test_an_authorised_placement_moved_onto_an_unvetted_provider_goes_back(demo):
    svc, _ = demo
    inclusion, head = _who(svc, "inclusion"), _who(svc, "head")
    (row,) = [
        r for r in placements.list_placements(svc, inclusion) if r.state.value == "authorised"
    ][:1]
    fernlea = providers.find_provider(svc, inclusion, "Fernlea")
    placement = placements.get_placement(svc, inclusion, row.id)
    moved = replace(placement, provider_id=fernlea.id, site_id=fernlea.sites[0].id)
    assert placements.save_placement(svc, inclusion, moved).status is PlacementStatus.PROPOSED
    waiting = today.today_summary(svc, head).awaiting_authorisation
    assert row.id in {i.target_id for i in waiting}
