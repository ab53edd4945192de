"""Closing needs substance, referrals their outcome, and a late notice is flagged."""

from __future__ import annotations

from datetime import date

import pytest

from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.entities import Incident, Term
from apdesk.domain.enums import Agency, IncidentCategory
from apdesk.domain.errors import InvalidInput
from apdesk.domain.incidents import add_referral, closure_problems, notified_late, words
from tests.domain.factories import at

SPRING = SchoolCalendar([Term("Spring", date(2026, 1, 5), date(2026, 3, 27))])


def _incident(occurred: str = "2026-03-04 10:30", notified: str | None = None) -> Incident:
    return Incident(
        IncidentCategory.BEHAVIOUR,
        at(occurred),
        notified_at=at(notified) if notified else None,
        decision="No further action",
        rationale="Dealt with by the provider under its behaviour policy.",
    )


@pytest.mark.parametrize(
    ("rationale", "ok"),
    [
        ("x", False),
        ("ok ok ok ok", False),  # four words
        ("Provider dealt with it well", True),  # five
        ("1 2 3 4 5 6", False),  # numbers are not words
    ],
)
def test_a_rationale_of_substance(rationale, ok):
    item = _incident()
    item.rationale = rationale
    assert (closure_problems(item) == []) is ok


@pytest.mark.parametrize(
    ("decision", "ok"), [("x", False), ("Refer", False), ("No referral", True)]
)
def test_a_decision_of_substance(decision, ok):
    item = _incident()
    item.decision = decision
    assert (closure_problems(item) == []) is ok


def test_words_counts_letters_only():
    assert words("Saw a bruise; he said 'it's fine'") == 6  # 'a' is too short


def test_a_referral_needs_its_outcome_to_close():
    item = _incident()
    add_referral(item, Agency.POLICE, date(2026, 3, 4))
    assert closure_problems(item) == [
        "Record the outcome of the referral to Police made on 4 Mar 2026."
    ]
    item.referrals[0].outcome = "No further action"
    assert closure_problems(item) == []


def test_a_referral_cannot_predate_the_incident():
    with pytest.raises(InvalidInput, match="before the incident happened"):
        add_referral(_incident(), Agency.POLICE, date(2026, 3, 3))
    add_referral(_incident(), Agency.POLICE, date(2026, 3, 4))  # the same day is fine


@pytest.mark.parametrize(
    ("occurred", "notified", "late"),
    [
        ("2026-03-04 10:30", "2026-03-04 23:59", False),  # Wednesday, the same day
        ("2026-03-04 10:30", "2026-03-05 05:30", True),  # 19 hours: the next morning
        ("2026-03-07 11:00", "2026-03-09 09:00", False),  # Saturday: by Monday is in time
        ("2026-03-07 11:00", "2026-03-10 09:00", True),  # ... but not Tuesday
    ],
)
def test_a_notice_after_the_same_school_day_is_late(occurred, notified, late):
    assert notified_late(_incident(occurred, notified), SPRING) is late


def test_no_notice_is_late_once_the_day_has_passed():
    item = _incident()
    assert notified_late(item, SPRING, date(2026, 3, 4)) is False
    assert notified_late(item, SPRING, date(2026, 3, 5)) is True
