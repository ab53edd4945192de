"""AP referral rules: reason, date and who referred; a decision with its date and reason."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from apdesk.domain.ap_referrals import (
    draft_placement,
    outcome_text,
    proposal_problems,
    referral_problems,
)
from apdesk.domain.entities import APReferral
from apdesk.domain.enums import APReferralDecision, PlacementReason

TODAY = date(2026, 11, 2)


def _referral(**changes: object) -> APReferral:
    base = APReferral(
        1, TODAY, "Fixed-term exclusions this term", "Sam Patel", PlacementReason.EXCLUSION, id=7
    )
    return replace(base, **changes)


def test_a_complete_referral_has_no_problems():
    assert referral_problems(_referral(), TODAY) == []


def test_the_referral_date_may_be_today_but_not_tomorrow():
    assert referral_problems(_referral(referred_on=TODAY), TODAY) == []
    problems = referral_problems(_referral(referred_on=TODAY + timedelta(days=1)), TODAY)
    assert problems == [
        "The referral date (3 Nov 2026) is in the future: record a referral once it has been made."
    ]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"reason": "  "}, "Write the reason for the referral."),
        ({"referred_by": ""}, "Say who made the referral."),
        ({"pupil_id": None}, "Choose the pupil being referred."),
    ],
)
def test_what_a_referral_must_say(changes, expected):
    assert referral_problems(_referral(**changes), TODAY) == [expected]


def test_a_decision_needs_its_reason():
    declined = _referral(decision=APReferralDecision.DECLINED, decided_on=TODAY)
    assert referral_problems(declined, TODAY) == [
        "Write why the referral was declined: the reason is part of the record."
    ]
    assert referral_problems(replace(declined, decision_reason="Needs met in school"), TODAY) == []


def test_a_decision_needs_its_date_between_the_referral_and_today():
    decided = _referral(
        referred_on=TODAY - timedelta(days=5),
        decision=APReferralDecision.WITHDRAWN,
        decision_reason="Parent asked to withdraw",
    )
    assert referral_problems(decided, TODAY) == ["Enter the date the referral was withdrawn."]
    for ok in (TODAY - timedelta(days=5), TODAY):
        assert referral_problems(replace(decided, decided_on=ok), TODAY) == []
    early = referral_problems(replace(decided, decided_on=TODAY - timedelta(days=6)), TODAY)
    assert early == ["The decision date (27 Oct 2026) is before the referral (28 Oct 2026)."]
    late = referral_problems(replace(decided, decided_on=TODAY + timedelta(days=1)), TODAY)
    assert "in the future" in late[0]


def test_a_date_or_reason_without_a_decision_is_refused():
    assert referral_problems(_referral(decision_reason="Because"), TODAY) == [
        "Choose the decision, or clear its date and reason."
    ]


def test_placed_needs_a_placement_proposed_from_it():
    placed = _referral(
        decision=APReferralDecision.PLACED, decided_on=TODAY, decision_reason="Place agreed"
    )
    assert "Propose a placement" in referral_problems(placed, TODAY)[0]
    assert referral_problems(placed, TODAY, has_placement=True) == []


def test_one_open_referral_per_pupil():
    first = _referral(id=1, referred_on=TODAY - timedelta(days=10))
    second = _referral(id=None)
    problems = referral_problems(second, TODAY, others=[first])
    assert problems == [
        "This pupil already has a referral made on 23 Oct 2026 still being considered: "
        "record its decision first, or add to it."
    ]
    # the same referral saved again is not its own duplicate; a decided one is no obstacle
    assert referral_problems(first, TODAY, others=[first]) == []
    decided = replace(
        first, decision=APReferralDecision.DECLINED, decided_on=TODAY, decision_reason="No need"
    )
    assert referral_problems(second, TODAY, others=[decided]) == []
    # another pupil's open referral is no obstacle either
    assert referral_problems(second, TODAY, others=[replace(first, pupil_id=2)]) == []


def test_a_placement_is_proposed_only_from_a_live_referral():
    assert proposal_problems(_referral()) == []
    for decision in (APReferralDecision.DECLINED, APReferralDecision.WITHDRAWN):
        assert "cannot be proposed" in proposal_problems(_referral(decision=decision))[0]
    assert proposal_problems(_referral(decision=APReferralDecision.REFERRED_TO_LA)) == []


def test_the_draft_placement_carries_pupil_provider_and_reason():
    draft = draft_placement(_referral(provider_id=3), TODAY)
    assert (draft.pupil_id, draft.provider_id, draft.reason) == (1, 3, PlacementReason.EXCLUSION)
    assert draft.reason_note == "Fixed-term exclusions this term"
    assert draft.ap_referral_id == 7 and draft.id is None
    assert draft.planned_end_date == TODAY + timedelta(weeks=12)


def test_outcome_in_words():
    assert outcome_text(_referral()) == "Being considered"
    declined = _referral(
        decision=APReferralDecision.REFERRED_TO_LA, decided_on=TODAY, decision_reason="Medical"
    )
    assert outcome_text(declined) == "Referred to the local authority on 2 Nov 2026: Medical"


def test_a_decision_in_the_future_or_placed_too_soon_is_refused_in_words():
    later = _referral(
        decision=APReferralDecision.DECLINED,
        decided_on=date(2026, 11, 3),
        decision_reason="Attendance plan in school first",
    )
    assert referral_problems(later, TODAY) == [
        "The decision date (3 Nov 2026) is in the future: record the decision once it has been "
        "made."
    ]
    placed = replace(later, decision=APReferralDecision.PLACED, decided_on=TODAY)
    assert referral_problems(placed, TODAY) == [
        "A referral is placed once a placement has been proposed from it: use Propose a "
        "placement first."
    ]


def test_a_declined_referral_says_so_and_a_decision_reads_with_or_without_day_and_reason():
    declined = _referral(decision=APReferralDecision.DECLINED)
    assert proposal_problems(declined) == [
        "This referral was declined: a placement cannot be proposed from it. Record a new "
        "referral if things have changed."
    ]
    assert outcome_text(declined) == "Declined"
    assert draft_placement(_referral(), date(2026, 11, 9)).start_date == date(2026, 11, 9)
