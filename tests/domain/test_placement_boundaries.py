"""The placement gate at the edges mutation testing found thin: half a consent, the pupil's
own record behind a ticked line, the notice the first printed letter records, and the exact
words of each refusal."""

from __future__ import annotations

from datetime import date

import pytest

from apdesk.domain.entities import Carer, Pupil
from apdesk.domain.enums import (
    PlacementOutcome,
    PlacementReason,
    PlacementStatus,
    ProviderState,
    Role,
)
from apdesk.domain.errors import InvalidInput, RuleViolation
from apdesk.domain.placements import (
    GateChange,
    GateFacts,
    activate,
    apply_gate_changes,
    authorise,
    end,
    gate_problems,
    records_notice_when_printed,
    terminate,
)
from apdesk.domain.providers import ProviderStatus
from tests.domain.factories import ready_placement

APPROVED = GateFacts(ProviderStatus(ProviderState.APPROVED))
TODAY = date(2026, 2, 23)
CONSENT = "Record parental consent: who gave it and when."


def pupil(**changes: object) -> Pupil:
    found = Pupil("Ada", "Lovelace", date(2012, 1, 1), carers=[Carer("Alex", phone="01632 960000")])
    for name, value in changes.items():
        setattr(found, name, value)
    return found


def test_the_first_printed_notice_is_recorded_only_for_an_open_direction_without_one() -> None:
    placement = ready_placement(PlacementReason.OFFSITE_DIRECTION)
    placement.direction_notice_on = None
    assert records_notice_when_printed(placement)
    placement.direction_notice_on = date(2026, 2, 25)
    assert not records_notice_when_printed(placement)
    placement.direction_notice_on = None
    placement.status = PlacementStatus.TERMINATED
    assert not records_notice_when_printed(placement)
    other = ready_placement(PlacementReason.EXCLUSION)
    other.direction_notice_on = None
    assert not records_notice_when_printed(other)


@pytest.mark.parametrize(("by", "on"), [("Alex Carer", None), ("  ", date(2026, 2, 20))])
def test_consent_needs_both_who_and_when(by: str, on: date | None) -> None:
    placement = ready_placement()
    placement.consent_given_by, placement.consent_given_on = by, on
    assert CONSENT in gate_problems(placement, APPROVED)
    for item in placement.annex_a:  # not only because the ticked Annex A line says so
        item.done = item.done and item.key != "parental_consent"
    assert CONSENT in gate_problems(placement, APPROVED)


def test_a_ticked_consent_line_needs_a_carer_the_provider_can_reach() -> None:
    facts = GateFacts(ProviderStatus(ProviderState.APPROVED), pupil=pupil(carers=[Carer("Alex")]))
    assert gate_problems(ready_placement(), facts) == [
        "Add a parent or carer with a phone number or email address to the pupil's record."
    ]
    reachable = GateFacts(ProviderStatus(ProviderState.APPROVED), pupil=pupil())
    assert gate_problems(ready_placement(), reachable) == []


def test_a_child_on_a_plan_needs_the_plan_shared_with_the_provider() -> None:
    facts = GateFacts(ProviderStatus(ProviderState.APPROVED), pupil=pupil(cp_plan=True))
    placement = ready_placement()
    assert gate_problems(placement, facts) == [
        "Share the child-protection plan with the provider and record it.",
        "Record the date the safeguarding information was shared.",
    ]
    placement.shared_cp_plan, placement.info_shared_on = True, date(2026, 2, 20)
    assert gate_problems(placement, facts) == []


def test_authorisation_keeps_the_annex_a_wording_in_force() -> None:
    placement = ready_placement()
    facts = GateFacts(ProviderStatus(ProviderState.APPROVED), wording_version="2026-1")
    authorise(placement, facts, [Role.HEADTEACHER], TODAY)
    assert placement.annex_a_version == "2026-1"


def test_each_refusal_says_what_could_not_happen_and_lists_why() -> None:
    placement = ready_placement()
    placement.exit_plan = ""
    with pytest.raises(RuleViolation) as caught:
        activate(placement, APPROVED, date(2026, 3, 2))
    assert str(caught.value) == (
        "This placement cannot be made active yet:\n"
        "- Only an authorised placement can start; this one is proposed.\n"
        "- Write the exit or reintegration plan."
    )
    with pytest.raises(RuleViolation) as caught:
        end(placement, PlacementOutcome.REINTEGRATED, date(2026, 7, 3))
    assert str(caught.value) == (
        "This placement cannot be ended yet:\n"
        "- Only an active placement can end; this one is proposed."
    )
    with pytest.raises(RuleViolation) as caught:
        terminate(placement, " ", date(2026, 4, 1))
    assert str(caught.value) == (
        "This placement cannot be terminated yet:\n- Give the reason for terminating it."
    )


def test_termination_records_the_day() -> None:
    placement = ready_placement()
    terminate(placement, "Provider closed", date(2026, 4, 1))
    assert placement.ended_on == date(2026, 4, 1)


def test_an_active_placement_names_every_field_that_cannot_change() -> None:
    placement = ready_placement()
    placement.status = PlacementStatus.ACTIVE
    changes = [
        GateChange("provider_id", 1, 2),
        GateChange("start_date", date(2026, 3, 2), date(2026, 3, 9)),
    ]
    with pytest.raises(InvalidInput) as caught:
        apply_gate_changes(placement, changes)
    assert str(caught.value) == (
        "This placement is active, so its provider and start date cannot change. "
        "End or terminate it and propose a new placement instead."
    )
