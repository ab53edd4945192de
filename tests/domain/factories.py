"""Small builders for domain tests: a fully vetted provider and a placement ready to authorise."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest

from apdesk.domain.checklists import blank_annex_a
from apdesk.domain.entities import (
    AttendanceMark,
    Contact,
    Objective,
    Placement,
    Provider,
    Site,
    VettingCheck,
)
from apdesk.domain.enums import (
    CheckKind,
    ObjectiveArea,
    PlacementReason,
    ProviderKind,
    RiskLevel,
    Session,
)
from apdesk.domain.errors import InvalidInput

RECEIVED = date(2025, 9, 1)


def vetted_provider(
    received: date = RECEIVED, insurance_until: date = date(2026, 8, 31)
) -> Provider:
    """A provider with a site, a named DSL and every required check received on `received`."""
    checks = [
        VettingCheck(kind, received, checked_by="DSL", provider_id=1)
        for kind in CheckKind
        if kind is not CheckKind.INSURANCE
    ]
    checks.append(VettingCheck(CheckKind.INSURANCE, received, "DSL", expires_on=insurance_until))
    return Provider(
        name="Riverside Learning Centre",
        kind=ProviderKind.OFSTED_REGISTERED_AP,
        ofsted_urn="123456",
        sites=[Site("Main site", "1 River Road, Anytown AN1 1AA")],
        contacts=[Contact("Sam Patel", "Centre manager", is_dsl=True)],
        checks=checks,
        id=1,
    )


def ready_placement(reason: PlacementReason = PlacementReason.EXCLUSION) -> Placement:
    """A proposed placement with everything authorisation needs (Annex A ticked, consent)."""
    annex = blank_annex_a(placement_id=7)
    for item in annex:
        item.done, item.done_on = True, date(2026, 2, 20)
    return Placement(
        pupil_id=3,
        provider_id=1,
        site_id=1,
        start_date=date(2026, 3, 2),
        planned_end_date=date(2026, 7, 3),
        reason=reason,
        objectives=[Objective(ObjectiveArea.ATTENDANCE, "Attend 95% of sessions", "by Easter")],
        exit_plan="Phased return to mainstream timetable from June.",
        consent_given_by="Alex Carer",
        consent_given_on=date(2026, 2, 20),
        risk_level=RiskLevel.HIGH,
        risk_travel="Taxi from home; escorted on the first day.",
        risk_site_hazards="Workshop supervised; PPE provided.",
        risk_safeguarding="Named DSL on site; no contact with older learners unsupervised.",
        risk_health_needs="None known.",
        curriculum_plan="English and maths each morning; vocational afternoons.",
        transport="School taxi, booked for the placement's length.",
        school_lead="Sam Patel",
        annex_a=annex,
        id=7,
    )


def marks(codes: str, start: date = date(2026, 3, 2), pupil_id: int = 3) -> list[AttendanceMark]:
    """Marks from a space-separated code string, AM then PM of each weekday from `start`.

    'B B / L' gives Monday AM B, Monday PM B, Tuesday AM /, Tuesday PM L.
    """
    days: list[date] = []
    day = start
    while len(days) * 2 < len(codes.split()):
        if day.weekday() < 5:
            days.append(day)
        day = date.fromordinal(day.toordinal() + 1)
    result = []
    for i, code in enumerate(codes.split()):
        session = Session.AM if i % 2 == 0 else Session.PM
        result.append(AttendanceMark(pupil_id, days[i // 2], session, placement_id=7, code=code))
    return result


def at(text: str) -> datetime:
    """datetime from 'YYYY-MM-DD HH:MM'."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M")


def refusal(call: Callable[..., object], *args: object) -> str:
    """The plain-English message `call(*args)` refuses with (it must refuse)."""
    with pytest.raises(InvalidInput) as refused:
        call(*args)
    return str(refused.value)
