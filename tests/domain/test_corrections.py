"""Putting a mistake right: the reason a correction needs, and what cannot be removed or merged.

Written for `make mutate MUTANTS='apdesk.domain.corrections*'` (4 Dec 2026), whose 48 mutants
no domain test reached: each refusal is compared word for word, each limit on its line.
"""

from __future__ import annotations

from datetime import date

import pytest

from apdesk.domain.corrections import (
    MAX_REASON,
    MIN_REASON,
    check_merge,
    check_removable,
    check_reopen,
    checked_reason,
)
from apdesk.domain.entities import Incident
from apdesk.domain.enums import IncidentCategory, IncidentStatus
from apdesk.domain.errors import InvalidInput, RuleViolation
from tests.domain.factories import at

SAY_WHY = (
    "Say why this is being corrected (a few words, for example 'typed the wrong date'): "
    "the reason is kept in the audit log."
)


def test_a_reason_is_tidied_to_single_spaces() -> None:
    assert checked_reason("  typed   the\nwrong date ") == "typed the wrong date"


def test_a_reason_of_five_characters_is_enough_and_four_are_not() -> None:
    assert MIN_REASON == 5
    assert checked_reason("typo!") == "typo!"
    with pytest.raises(InvalidInput) as refused:
        checked_reason(" ty  p ")
    assert str(refused.value) == SAY_WHY


def test_a_reason_of_1000_characters_is_kept_and_one_more_is_refused() -> None:
    assert MAX_REASON == 1000
    assert checked_reason("x" * 1000) == "x" * 1000
    with pytest.raises(InvalidInput) as refused:
        checked_reason("x" * 1001)
    assert str(refused.value) == "Keep the reason under 1000 characters."


def _incident(status: IncidentStatus) -> Incident:
    incident = Incident(IncidentCategory.BEHAVIOUR, at("2026-03-10 14:20"), id=21)
    incident.status = status
    return incident


def test_only_a_closed_incident_can_be_reopened() -> None:
    check_reopen(_incident(IncidentStatus.CLOSED))
    with pytest.raises(RuleViolation) as refused:
        check_reopen(_incident(IncidentStatus.OPEN))
    assert str(refused.value) == "This incident is still open: there is nothing to reopen."


def test_a_pupil_cannot_be_merged_with_itself() -> None:
    with pytest.raises(InvalidInput) as refused:
        check_merge(3, 3, [])
    assert str(refused.value) == ("Choose two different pupils: a record cannot merge with itself.")


def test_two_pupils_with_no_session_in_common_can_be_merged() -> None:
    check_merge(3, 4, [])


def test_sessions_both_records_mark_are_named_in_date_order() -> None:
    clashes = [(date(2026, 3, 3), "PM"), (date(2026, 3, 2), "AM")]
    with pytest.raises(RuleViolation) as refused:
        check_merge(3, 4, clashes)
    assert str(refused.value) == (
        "Both records have attendance for the same sessions (2 Mar 2026 AM, 3 Mar 2026 PM). "
        "Clear the wrong marks first, then merge, so no mark is lost."
    )


def test_five_clashing_sessions_are_all_named_and_a_sixth_is_counted() -> None:
    five = [(date(2026, 3, day), "AM") for day in range(2, 7)]
    named = "2 Mar 2026 AM, 3 Mar 2026 AM, 4 Mar 2026 AM, 5 Mar 2026 AM, 6 Mar 2026 AM"
    with pytest.raises(RuleViolation, match=rf"\({named}\)\. Clear"):
        check_merge(3, 4, five)
    with pytest.raises(RuleViolation, match=rf"\({named} and 1 more\)\. Clear"):
        check_merge(3, 4, [*five, (date(2026, 3, 9), "AM")])
    with pytest.raises(RuleViolation, match=rf"\({named} and 2 more\)\. Clear"):
        check_merge(3, 4, [*five, (date(2026, 3, 9), "AM"), (date(2026, 3, 9), "PM")])


def test_a_record_nothing_hangs_off_can_be_removed() -> None:
    check_removable("provider", {})
    check_removable("provider", {"placements": 0, "checks": 0})


def test_a_record_others_rely_on_names_what_still_hangs_off_it() -> None:
    with pytest.raises(RuleViolation) as refused:
        check_removable("provider", {"placements": 2, "reviews": 0, "checks": 1})
    assert str(refused.value) == (
        "This provider cannot be removed: it still has 2 placements, 1 checks. "
        "Nothing is deleted that others rely on; merge it or correct it instead."
    )
