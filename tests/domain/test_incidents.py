"""Incidents: notification delay, closure rule for safeguarding, per-pupil roles, counts."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from apdesk.domain.entities import Incident
from apdesk.domain.enums import Agency, IncidentCategory, IncidentStatus, PupilRole
from apdesk.domain.errors import InvalidInput, RuleViolation
from apdesk.domain.incidents import (
    add_referral,
    close,
    counts_by_category,
    is_safeguarding,
    link_pupil,
    notification_delay,
    notification_delay_text,
    reopen,
    role_of,
)
from tests.domain.factories import at

TODAY = date(2026, 3, 5)


def incident(category: IncidentCategory = IncidentCategory.SAFEGUARDING_CONCERN) -> Incident:
    return Incident(
        category=category,
        occurred_at=at("2026-03-04 10:30"),
        notified_at=at("2026-03-04 12:45"),
        narrative="Disclosure during a lesson.",
        id=11,
    )


def test_notification_delay_worked_example() -> None:
    item = incident()
    assert notification_delay(item) == timedelta(hours=2, minutes=15)
    assert notification_delay_text(item) == "2 h 15 min after it happened"


def test_delay_not_yet_notified_and_impossible_order() -> None:
    item = incident()
    item.notified_at = None
    assert notification_delay(item) is None
    assert notification_delay_text(item) == "not yet notified"
    item.notified_at = at("2026-03-04 09:00")
    assert "check both times" in notification_delay_text(item)


@pytest.mark.parametrize("category", list(IncidentCategory))
def test_every_incident_needs_decision_and_rationale(category: IncidentCategory) -> None:
    item = incident(category)
    with pytest.raises(RuleViolation) as caught:
        close(item, TODAY)
    assert caught.value.missing == [
        "Record the decision (including a decision not to refer) in at least 2 words "
        "before closing.",
        "Record why that decision was made, in at least 5 words, before closing.",
    ]
    assert item.status is IncidentStatus.OPEN


def test_decision_not_to_refer_with_rationale_closes() -> None:
    item = incident()
    item.decision = "Not referred to children's services"
    item.rationale = "Threshold not met; early help offered and parent informed."
    close(item, TODAY)
    assert (item.status, item.closed_on) == (IncidentStatus.CLOSED, TODAY)
    with pytest.raises(RuleViolation, match=re.escape("It is already closed.")):
        close(item, TODAY)
    reopen(item)
    assert (item.status, item.closed_on) == (IncidentStatus.OPEN, None)


@pytest.mark.parametrize(
    "category",
    [
        IncidentCategory.SERIOUS_ACCIDENT,
        IncidentCategory.UNEXPLAINED_ABSENCE,
        IncidentCategory.BEHAVIOUR,
        IncidentCategory.COMPLAINT,
    ],
)
def test_other_incidents_close_with_a_decision_of_substance(category: IncidentCategory) -> None:
    item = incident(category)
    assert not is_safeguarding(item)
    item.decision, item.rationale = "x", "x"
    with pytest.raises(RuleViolation):
        close(item, TODAY)
    item.decision = "No further action"
    item.rationale = "Parent confirmed the reason the same afternoon."
    close(item, TODAY)
    assert item.status is IncidentStatus.CLOSED


def test_each_pupil_keeps_their_own_role() -> None:
    item = incident(IncidentCategory.CHILD_ON_CHILD_ABUSE)
    link_pupil(item, 3, PupilRole.VICTIM)
    link_pupil(item, 4, PupilRole.ALLEGED_PERPETRATOR)
    link_pupil(item, 5, PupilRole.INVOLVED)
    assert [(ln.pupil_id, ln.role) for ln in item.pupil_links] == [
        (3, PupilRole.VICTIM),
        (4, PupilRole.ALLEGED_PERPETRATOR),
        (5, PupilRole.INVOLVED),
    ]
    assert role_of(item, 4) is PupilRole.ALLEGED_PERPETRATOR
    assert role_of(item, 99) is None
    assert all(ln.incident_id == 11 for ln in item.pupil_links)


def test_pupil_linked_once_and_unknown_pupil_refused() -> None:
    item = incident()
    link_pupil(item, 3, PupilRole.VICTIM)
    with pytest.raises(InvalidInput, match="already linked"):
        link_pupil(item, 3, PupilRole.WITNESS)
    assert role_of(item, 3) is PupilRole.VICTIM


def test_referrals() -> None:
    item = incident()
    add_referral(item, Agency.LADO, date(2026, 3, 4), " LADO-77 ")
    assert [(r.agency, r.reference) for r in item.referrals] == [(Agency.LADO, "LADO-77")]
    with pytest.raises(InvalidInput, match="before the incident happened"):
        add_referral(item, Agency.POLICE, date(2026, 3, 3))


def test_counts_by_category_for_governors() -> None:
    items = [
        incident(),
        incident(),
        incident(IncidentCategory.BEHAVIOUR),
        Incident(IncidentCategory.COMPLAINT, at("2026-04-20 09:00")),
    ]
    counts = counts_by_category(items, date(2026, 1, 5), date(2026, 3, 27))
    assert counts[IncidentCategory.SAFEGUARDING_CONCERN] == 2
    assert counts[IncidentCategory.BEHAVIOUR] == 1
    assert counts[IncidentCategory.COMPLAINT] == 0
    assert set(counts) == set(IncidentCategory)
