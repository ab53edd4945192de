"""The governors' report's incident and objective figures, worked by hand."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from apdesk.documents.governors_figures import incident_figures, standing
from apdesk.domain.entities import Incident, Referral
from apdesk.domain.enums import Agency, IncidentCategory, IncidentStatus

C = IncidentCategory


def incident(category: IncidentCategory, day: int, told_after: timedelta | None) -> Incident:
    at = datetime(2026, 11, day, 10, 0)
    return Incident(category, at, notified_at=at + told_after if told_after else None)


def test_incidents_referrals_and_the_median_notice() -> None:
    concern = incident(C.SAFEGUARDING_CONCERN, 2, timedelta(minutes=30))
    concern.referrals = [Referral(Agency.LA_CHILDRENS_SERVICES, date(2026, 11, 2))]
    concern.status, concern.closed_on = IncidentStatus.CLOSED, date(2026, 11, 10)
    abuse = incident(C.CHILD_ON_CHILD_ABUSE, 3, timedelta(hours=3))
    abuse.referrals = [Referral(Agency.POLICE, date(2026, 11, 3))]
    found = [
        concern,
        abuse,
        incident(C.BEHAVIOUR, 4, timedelta(hours=26)),
        incident(C.COMPLAINT, 5, None),
        incident(C.BEHAVIOUR, 30, timedelta(hours=1)),  # after the end: not counted
    ]
    figures = incident_figures(found, date(2026, 11, 1), date(2026, 11, 20))
    assert figures.by_category[C.SAFEGUARDING_CONCERN] == 1
    assert figures.by_category[C.BEHAVIOUR] == 1 and figures.by_category[C.COMPLAINT] == 1
    assert figures.referrals[Agency.LA_CHILDRENS_SERVICES] == 1
    assert figures.referrals[Agency.POLICE] == 1 and figures.referrals[Agency.LADO] == 0
    assert (figures.referred_closed, figures.referred_open) == (1, 1)
    assert figures.median_notice == timedelta(hours=3) and figures.notified == 3


def test_ratings_become_met_partly_or_not_yet() -> None:
    assert [standing(r) for r in ("Achieved", "On track", "Some progress", "Not started", "")] == [
        "met",
        "partly",
        "partly",
        "not yet",
        "not yet",
    ]
