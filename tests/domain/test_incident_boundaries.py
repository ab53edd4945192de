"""Incident rules at the edges mutation testing found thin: the exact minute, the first and
last day counted, a school without a calendar, and the words a refusal says."""

from __future__ import annotations

from datetime import date

import pytest

from apdesk.domain.entities import Incident
from apdesk.domain.enums import Agency, IncidentCategory, IncidentStatus, PupilRole
from apdesk.domain.errors import InvalidInput, RuleViolation
from apdesk.domain.incidents import (
    add_referral,
    close,
    closure_problems,
    counts_by_category,
    link_pupil,
    notification_deadline,
    notification_delay_text,
)
from tests.domain.factories import at


def incident(occurred: str = "2026-03-04 10:30", notified: str | None = None) -> Incident:
    return Incident(
        IncidentCategory.BEHAVIOUR,
        at(occurred),
        notified_at=at(notified) if notified else None,
        decision="No further action",
        rationale="Dealt with by the provider under its behaviour policy.",
        id=11,
    )


def test_a_notice_at_the_very_minute_it_happened_is_not_before_it() -> None:
    assert notification_delay_text(incident(notified="2026-03-04 10:30")) == (
        "0 min after it happened"
    )
    assert notification_delay_text(incident(notified="2026-03-04 10:29")) == (
        "notified before the time it happened: check both times"
    )


def test_without_a_school_calendar_the_deadline_is_the_day_itself() -> None:
    assert notification_deadline(at("2026-03-07 11:00"), None) == date(2026, 3, 7)  # a Saturday


def test_a_closed_incident_says_so_and_a_refusal_lists_each_problem() -> None:
    item = incident()
    item.status = IncidentStatus.CLOSED
    assert closure_problems(item) == ["It is already closed."]
    item.rationale = "too short"
    with pytest.raises(RuleViolation) as caught:
        close(item, date(2026, 3, 5))
    assert str(caught.value) == (
        "This incident cannot be closed yet:\n"
        "- It is already closed.\n"
        "- Record why that decision was made, in at least 5 words, before closing."
    )


def test_linking_a_pupil_twice_says_what_to_do_instead() -> None:
    item = incident()
    link_pupil(item, 3, PupilRole.VICTIM)
    with pytest.raises(InvalidInput) as caught:
        link_pupil(item, 3, PupilRole.WITNESS)
    assert str(caught.value) == "That pupil is already linked to this incident; change their role."


def test_a_referral_belongs_to_its_incident_with_what_was_typed_trimmed() -> None:
    item = incident()
    plain = add_referral(item, Agency.POLICE, date(2026, 3, 4))
    full = add_referral(item, Agency.LADO, date(2026, 3, 5), " L-1 ", " Strategy meeting held ")
    assert (plain.reference, plain.outcome, plain.incident_id) == ("", "", 11)
    assert (full.reference, full.outcome, full.incident_id) == ("L-1", "Strategy meeting held", 11)


def test_a_referral_the_day_before_is_refused_in_plain_words() -> None:
    with pytest.raises(InvalidInput) as caught:
        add_referral(incident(), Agency.POLICE, date(2026, 3, 3))
    assert str(caught.value) == "A referral cannot be made before the incident happened."


def test_counts_include_the_first_and_last_day_of_the_period() -> None:
    items = [
        incident("2026-01-05 08:00"),
        incident("2026-03-27 16:00"),
        incident("2026-01-04 12:00"),
        incident("2026-03-28 09:00"),
    ]
    counts = counts_by_category(items, date(2026, 1, 5), date(2026, 3, 27))
    assert counts[IncidentCategory.BEHAVIOUR] == 2
