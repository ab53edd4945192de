"""Annex A lines backed by the data they name, information sharing and registration."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from apdesk.domain.annex_a_data import (
    information_shared_problems,
    line_problems,
    registration_problems,
)
from apdesk.domain.entities import Carer, Pupil
from apdesk.domain.enums import PlacementReason, ProviderKind, ProviderState, Role, SenStatus
from apdesk.domain.errors import RuleViolation
from apdesk.domain.placements import GateFacts, authorise, gate_problems
from apdesk.domain.providers import ProviderStatus
from tests.domain.factories import ready_placement

APPROVED = ProviderStatus(ProviderState.APPROVED)


def _pupil(**flags) -> Pupil:
    carer = Carer("Alex Carer", "Mother", "07700 900001")
    return Pupil("Robin", "Example", date(2012, 3, 4), carers=[carer], **flags)


@pytest.mark.parametrize(
    ("key", "field", "expected"),
    [
        ("risk_assessment", "risk_travel", "Write the risk assessment's travel."),
        ("risk_assessment", "risk_health_needs", "Write the risk assessment's health needs."),
        ("curriculum", "curriculum_plan", "Write the curriculum plan and assessment arrangements."),
        ("transport", "transport", "Describe the transport arrangements."),
        ("reviews", "school_lead", "Name the school lead the provider reports to."),
        ("parental_consent", "consent_given_by", "Record parental consent: who gave it and when."),
    ],
)
def test_a_line_needs_its_data(key, field, expected):
    placement = ready_placement()
    assert line_problems(key, placement, _pupil()) == []
    setattr(placement, field, "   ")
    assert line_problems(key, placement, _pupil()) == [expected]


def test_consent_needs_a_carer_who_can_be_reached():
    placement = ready_placement()
    unreachable = replace(_pupil(), carers=[Carer("Alex Carer", "Mother")])
    assert line_problems("parental_consent", placement, unreachable) == [
        "Add a parent or carer with a phone number or email address to the pupil's record."
    ]
    by_email = replace(_pupil(), carers=[Carer("Alex Carer", email="a@example.org")])
    assert line_problems("parental_consent", placement, by_email) == []


def test_an_off_site_direction_needs_the_notice_not_consent():
    placement = ready_placement(PlacementReason.OFFSITE_DIRECTION)
    placement.consent_given_by, placement.consent_given_on = "", None
    assert line_problems("parental_consent", placement, _pupil()) == [
        "Record the date written notice of the off-site direction went to parents."
    ]
    placement.direction_notice_on = date(2026, 2, 25)
    assert line_problems("parental_consent", placement, _pupil()) == []


def test_lines_backed_by_the_provider_need_nothing_here():
    assert line_problems("insurance", ready_placement(), None) == []


@pytest.mark.parametrize(
    ("flags", "shared", "problems"),
    [
        ({}, {}, []),
        ({"cp_plan": True}, {"shared_cp_plan": True, "info_shared_on": date(2026, 2, 20)}, []),
        (
            {"cp_plan": True},
            {},
            [
                "Share the child-protection plan with the provider and record it.",
                "Record the date the safeguarding information was shared.",
            ],
        ),
        (
            {"sen_status": SenStatus.EHCP},
            {"shared_ehcp_summary": True},
            ["Record the date the safeguarding information was shared."],
        ),
        (
            {"sen_status": SenStatus.SEN_SUPPORT},
            {},
            [],
        ),
    ],
)
def test_information_shared_for_cp_and_ehcp_pupils(flags, shared, problems):
    placement = replace(ready_placement(), **shared)
    assert information_shared_problems(placement, _pupil(**flags)) == problems


@pytest.mark.parametrize(
    ("kind", "full_time", "flags", "pupils", "refused"),
    [
        (ProviderKind.UNREGISTERED, True, {"looked_after": True}, 1, True),
        (ProviderKind.UNREGISTERED, False, {"looked_after": True}, 1, False),  # part-time
        (ProviderKind.OFSTED_REGISTERED_AP, True, {"looked_after": True}, 1, False),
        (ProviderKind.TUTOR, True, {"sen_status": SenStatus.EHCP}, 1, True),
        (ProviderKind.UNREGISTERED, True, {"sen_status": SenStatus.SEN_SUPPORT}, 1, False),
        (ProviderKind.UNREGISTERED, True, {}, 4, False),  # the fourth pupil: still allowed
        (ProviderKind.UNREGISTERED, True, {}, 5, True),  # the fifth: must register
    ],
)
def test_the_registration_threshold(kind, full_time, flags, pupils, refused):
    placement = replace(ready_placement(), full_time=full_time)
    problems = registration_problems(placement, _pupil(**flags), kind, pupils)
    assert bool(problems) is refused
    if refused:
        assert "must register as an independent school" in problems[0]


def test_authorising_a_looked_after_child_full_time_at_an_unregistered_provider():
    placement = replace(ready_placement(), full_time=True)
    facts = GateFacts(APPROVED, None, _pupil(looked_after=True), ProviderKind.UNREGISTERED)
    with pytest.raises(RuleViolation) as caught:
        authorise(placement, facts, [Role.HEADTEACHER], date(2026, 2, 23))
    (reason,) = caught.value.missing
    assert "full time it would educate a looked-after child" in reason


def test_the_gate_catches_data_cleared_after_the_tick():
    placement = ready_placement()
    facts = GateFacts(APPROVED, None, _pupil(), ProviderKind.OFSTED_REGISTERED_AP)
    assert gate_problems(placement, facts) == []
    placement.transport = ""
    placement.risk_site_hazards = ""
    assert gate_problems(placement, facts) == [
        "Write the risk assessment's site hazards.",
        "Describe the transport arrangements.",
    ]


# The edges `make mutate MUTANTS='apdesk.domain.annex_a_data*'` found untested on 4 Dec 2026.


def test_a_placement_with_no_objective_cannot_tick_the_objectives_line():
    placement = ready_placement()
    assert line_problems("objectives", placement, _pupil()) == []
    placement.objectives = []
    assert line_problems("objectives", placement, _pupil()) == [
        "Add at least one measurable objective."
    ]


def test_every_missing_part_of_the_risk_assessment_is_named_in_one_sentence():
    placement = replace(ready_placement(), risk_safeguarding=" ", risk_site_hazards="")
    assert line_problems("risk_assessment", placement, _pupil()) == [
        "Write the risk assessment's site hazards, safeguarding."
    ]


def test_an_ehcp_summary_not_shared_says_so():
    placement = replace(ready_placement(), info_shared_on=date(2026, 2, 20))
    assert information_shared_problems(placement, _pupil(sen_status=SenStatus.EHCP)) == [
        "Share the EHCP summary with the provider and record it."
    ]


def test_each_reason_an_unregistered_setting_must_register_is_named():
    placement = replace(ready_placement(), full_time=True)
    pupil = _pupil(looked_after=True, sen_status=SenStatus.EHCP)
    assert registration_problems(placement, pupil, ProviderKind.UNREGISTERED, 5) == [
        "The provider is not registered, and full time it would educate a looked-after child "
        "and a child with an EHCP and 5 pupils (five or more): a setting doing so must register "
        "as an independent school. Make the placement part-time or choose a registered provider."
    ]
