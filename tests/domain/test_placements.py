"""Placement lifecycle: what authorisation needs, and each allowed and refused transition."""

from __future__ import annotations

import re
from datetime import date

import pytest

from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.entities import Term
from apdesk.domain.enums import (
    PlacementOutcome,
    PlacementReason,
    PlacementStatus,
    ProviderState,
    Role,
    Session,
)
from apdesk.domain.errors import InvalidInput, RuleViolation
from apdesk.domain.placements import (
    GateFacts,
    activate,
    authorise,
    date_problems,
    end,
    format_pattern,
    parse_pattern,
    terminate,
)
from apdesk.domain.providers import ProviderStatus
from tests.domain.factories import ready_placement

APPROVED = GateFacts(ProviderStatus(ProviderState.APPROVED))
LAPSED = GateFacts(ProviderStatus(ProviderState.LAPSED, ["Insurance expired on 28 Feb 2026."]))
HEAD = [Role.HEADTEACHER]
TODAY = date(2026, 2, 23)


def test_headteacher_authorises_a_ready_placement() -> None:
    placement = ready_placement()
    authorise(placement, APPROVED, HEAD, TODAY, actor_id=1)
    assert placement.status is PlacementStatus.AUTHORISED
    assert (placement.authorised_on, placement.authorised_by) == (TODAY, 1)


@pytest.mark.parametrize("roles", [[Role.DSL], [Role.INCLUSION_LEAD, Role.DEPUTY_DSL], []])
def test_only_the_headteacher_authorises(roles: list[Role]) -> None:
    placement = ready_placement()
    with pytest.raises(RuleViolation) as caught:
        authorise(placement, APPROVED, roles, TODAY)
    assert caught.value.missing == ["Only the Headteacher can authorise a placement."]
    assert placement.status is PlacementStatus.PROPOSED


def test_refusal_lists_everything_missing() -> None:
    placement = ready_placement()
    placement.annex_a[2].done = False
    placement.planned_end_date = None
    placement.exit_plan = "  "
    placement.consent_given_on = None
    placement.objectives.clear()
    with pytest.raises(RuleViolation) as caught:
        authorise(placement, LAPSED, HEAD, TODAY)
    assert caught.value.missing == [
        "Annex A: Evidence of safer recruitment checks for staff working with the pupil (summary).",
        "The provider is not approved.",
        "Provider: Insurance expired on 28 Feb 2026.",
        "Enter a planned end date: every placement is time-limited.",
        "Add at least one measurable objective.",
        "Write the exit or reintegration plan.",
        "Record parental consent: who gave it and when.",
    ]
    assert str(caught.value).startswith("This placement cannot be authorised yet:\n- Annex A:")


def test_planned_end_must_follow_start() -> None:
    placement = ready_placement()
    placement.planned_end_date = placement.start_date
    assert date_problems(placement) == [
        "The planned end date (2 Mar 2026) must be after the start date (2 Mar 2026)."
    ]
    with pytest.raises(RuleViolation):
        authorise(placement, APPROVED, HEAD, TODAY)


def test_off_site_direction_needs_notice_not_consent() -> None:
    placement = ready_placement(PlacementReason.OFFSITE_DIRECTION)
    placement.consent_given_by, placement.consent_given_on = "", None
    with pytest.raises(RuleViolation) as caught:
        authorise(placement, APPROVED, HEAD, TODAY)
    assert caught.value.missing == [
        "Record the date written notice of the off-site direction went to parents."
    ]
    placement.direction_notice_on = date(2026, 2, 26)
    authorise(placement, APPROVED, HEAD, TODAY)
    assert placement.status is PlacementStatus.AUTHORISED


def test_off_site_notice_two_school_days_ahead_with_a_calendar() -> None:
    cal = SchoolCalendar([Term("Spring", date(2026, 1, 5), date(2026, 3, 27))])
    placement = ready_placement(PlacementReason.OFFSITE_DIRECTION)
    placement.direction_notice_on = date(2026, 2, 27)  # Friday before a Monday start: too late
    with pytest.raises(RuleViolation) as caught:
        authorise(placement, GateFacts(APPROVED.provider_status, cal), HEAD, TODAY)
    assert caught.value.missing == [
        "Notice of an off-site direction must reach parents at least two school days "
        "before the start: by 26 Feb 2026 for this start date."
    ]
    placement.direction_notice_on = date(2026, 2, 26)
    authorise(placement, GateFacts(APPROVED.provider_status, cal), HEAD, TODAY)


def test_authorise_only_from_proposed() -> None:
    placement = ready_placement()
    authorise(placement, APPROVED, HEAD, TODAY)
    with pytest.raises(
        RuleViolation,
        match=re.escape("Only a proposed placement can be authorised; this one is authorised."),
    ):
        authorise(placement, APPROVED, HEAD, TODAY)


def test_activate_on_or_after_start_while_still_ready() -> None:
    placement = ready_placement()
    authorise(placement, APPROVED, HEAD, TODAY)
    with pytest.raises(RuleViolation, match=re.escape("It starts on 2 Mar 2026.")):
        activate(placement, APPROVED, date(2026, 3, 1))
    with pytest.raises(RuleViolation, match=re.escape("The provider is not approved.")):
        activate(placement, LAPSED, date(2026, 3, 2))
    activate(placement, APPROVED, date(2026, 3, 2))
    assert placement.status is PlacementStatus.ACTIVE
    assert placement.activated_on == date(2026, 3, 2)


def test_cannot_activate_a_proposed_placement() -> None:
    with pytest.raises(RuleViolation, match="Only an authorised placement can start"):
        activate(ready_placement(), APPROVED, date(2026, 3, 2))


def test_end_records_outcome() -> None:
    placement = ready_placement()
    authorise(placement, APPROVED, HEAD, TODAY)
    with pytest.raises(RuleViolation, match="Only an active placement can end"):
        end(placement, PlacementOutcome.REINTEGRATED, date(2026, 7, 3))
    activate(placement, APPROVED, date(2026, 3, 2))
    end(placement, PlacementOutcome.REINTEGRATED, date(2026, 7, 3))
    assert placement.status is PlacementStatus.ENDED
    assert (placement.outcome, placement.ended_on) == (
        PlacementOutcome.REINTEGRATED,
        date(2026, 7, 3),
    )


def test_terminate_needs_a_reason() -> None:
    placement = ready_placement()
    with pytest.raises(RuleViolation) as caught:
        terminate(placement, "   ", date(2026, 4, 1))
    assert caught.value.missing == ["Give the reason for terminating it."]
    terminate(placement, " Safeguarding compromised at the site ", date(2026, 4, 1))
    assert placement.status is PlacementStatus.TERMINATED
    assert placement.termination_reason == "Safeguarding compromised at the site"
    with pytest.raises(RuleViolation, match=re.escape("It is already terminated.")):
        terminate(placement, "again", date(2026, 4, 2))


def test_weekly_pattern_round_trip() -> None:
    sessions = parse_pattern("wed am, Mon PM,Monday AM")
    assert sessions == [(0, Session.AM), (0, Session.PM), (2, Session.AM)]
    assert format_pattern(sessions) == "Mon AM, Mon PM, Wed AM"
    assert parse_pattern("") == []


@pytest.mark.parametrize("bad", ["Sat AM", "Mon", "Mon evening", "Funday AM"])
def test_bad_pattern_tokens(bad: str) -> None:
    with pytest.raises(InvalidInput, match="is not a session"):
        parse_pattern(bad)
