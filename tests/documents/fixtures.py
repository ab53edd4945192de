"""Domain objects for document tests: one school, two providers, three pupils, three placements."""

from __future__ import annotations

from datetime import date

from apdesk.domain.checklists import ANNEX_A, ANNEX_B_ITEMS
from apdesk.domain.entities import (
    AnnexAItemState,
    AnnexBItemState,
    AnnexBSignOff,
    Carer,
    Contact,
    Objective,
    Placement,
    Provider,
    Pupil,
    School,
    Site,
    Term,
    VettingCheck,
)
from apdesk.domain.enums import (
    CheckKind,
    ObjectiveArea,
    PlacementReason,
    PlacementStatus,
    ProviderKind,
    RiskLevel,
    SchoolType,
    SiteKind,
)

PUPIL_NAMES = ("Amelia", "Kowalczyk", "Tyler", "Brennan", "Zoë", "Wiśniewska")


def school() -> School:
    return School(
        name="Oakfield Community School",
        address="Meadow Lane\nOakfield\nNorthshire\nOK1 2AB",
        urn="123456",
        school_type=SchoolType.MAINTAINED,  # a community school
        phone="01234 567890",
        email="office@oakfield.sch.uk",
        headteacher="Mrs Helen Carter",
        dsl="Mr David Osei",
        dsl_phone="01234 567891",
        dsl_email="dsl@oakfield.sch.uk",
        deputy_dsl="Ms Priya Shah",
        complaint_route="Our complaints policy is on the school website and at the school office.",
        terms=[
            Term("Autumn 2026", date(2026, 9, 2), date(2026, 12, 18)),
            Term("Spring 2027", date(2027, 1, 5), date(2027, 3, 26)),
            Term("Summer 2027", date(2027, 4, 12), date(2027, 7, 21)),
        ],
        id=1,
    )


def _checks(insurance_expires: date) -> list[VettingCheck]:
    return [
        VettingCheck(
            kind,
            date(2026, 8, 20),
            "Mr David Osei",
            insurance_expires if kind is CheckKind.INSURANCE else None,
        )
        for kind in CheckKind
    ]


def riverside() -> Provider:
    provider = Provider(
        name="Riverside Learning Centre",
        kind=ProviderKind.OFSTED_REGISTERED_AP,
        ofsted_urn="2654321",
        phone="01234 600100",
        sites=[
            Site("Main site", "12 River Road, Oakfield, OK2 3CD", SiteKind.MAIN, 1, id=10),
            Site(
                "Farm site", "Holly Farm, Lower Lane, Oakfield, OK3 9XY", SiteKind.SATELLITE, 1, 11
            ),
        ],
        contacts=[
            Contact("Sam Patel", "Centre manager", "01234 600101", "sam@riverside.org.uk"),
            Contact("Lucy Grant", "DSL", "01234 600102", "lucy@riverside.org.uk", is_dsl=True),
        ],
        checks=_checks(date(2027, 8, 31)),
        annex_b_responsible="Mr David Osei",
        id=1,
    )
    provider.annex_b = [
        AnnexBItemState(key=item.key, done=True, done_on=date(2026, 9, 1 + n % 20), provider_id=1)
        for n, item in enumerate(ANNEX_B_ITEMS)
    ]
    provider.annex_b_signoffs = [
        AnnexBSignOff("Mrs Helen Carter", "Headteacher", date(2026, 9, 25))
    ]
    return provider


def hilltop() -> Provider:
    return Provider(
        name="Hilltop Tutoring",
        kind=ProviderKind.TUTOR,
        sites=[Site("Study room", "3 High Street, Oakfield, OK1 4EF", SiteKind.MAIN, 2, id=20)],
        contacts=[Contact("Ann Hill", "Tutor and DSL", "07700 900123", is_dsl=True)],
        checks=_checks(date(2026, 10, 31)),
        id=2,
    )


def amelia() -> Pupil:
    return Pupil(
        "Amelia",
        "Kowalczyk",
        date(2012, 5, 14),
        upn="A123456789012",
        year_group=9,
        carers=[
            Carer(
                "Joanna Kowalczyk",
                "Mother",
                "07700 900001",
                address="4 Elm Close\nOakfield\nOK1 5GH",
            ),
            Carer("Piotr Kowalczyk", "Father", "07700 900002"),
        ],
        id=1,
    )


def tyler() -> Pupil:
    return Pupil(
        "Tyler",
        "Brennan",
        date(2011, 2, 3),
        year_group=10,
        carers=[Carer("Karen Brennan", "Mother", address="9 Ash Road, Oakfield, OK1 6JK")],
        id=2,
    )


def zoe() -> Pupil:
    return Pupil("Zoë", "Wiśniewska", date(2012, 11, 30), year_group=9, id=3)


def _objectives() -> list[Objective]:
    return [
        Objective(
            ObjectiveArea.ATTENDANCE, "Attend at least 95% of sessions", "By 19 Dec 2026", "Mr Osei"
        ),
        Objective(
            ObjectiveArea.ACADEMIC,
            "Complete the Level 1 English functional skills course",
            "By the planned end",
            "Ms Shah",
        ),
        Objective(
            ObjectiveArea.REINTEGRATION,
            "Return to two mainstream lessons each week",
            "From January 2027",
            "Mrs Carter",
        ),
    ]


def amelia_placement() -> Placement:
    return Placement(
        pupil_id=1,
        provider_id=1,
        site_id=11,
        start_date=date(2026, 11, 30),
        planned_end_date=date(2027, 2, 12),
        reason=PlacementReason.OTHER,
        reason_note="Amelia finds the main school overwhelming and needs a smaller setting.",
        weekly_pattern="Mon AM, Mon PM, Wed AM, Thu PM",
        session_times="9:15 to 12:15 and 13:00 to 15:00",
        report_to="Sam Patel, centre manager",
        objectives=_objectives(),
        school_lead="Ms Priya Shah",
        risk_level=RiskLevel.MEDIUM,
        transport="A taxi arranged by the school collects Amelia from home at 8:40.",
        exit_plan="Phased return",
        status=PlacementStatus.AUTHORISED,
        annex_a=[
            AnnexAItemState(i.key, done=n != 7, done_on=date(2026, 11, 20) if n != 7 else None)
            for n, i in enumerate(ANNEX_A)
        ],
        id=1,
    )


def tyler_placement() -> Placement:
    return Placement(
        pupil_id=2,
        provider_id=1,
        site_id=10,
        start_date=date(2026, 12, 2),
        planned_end_date=date(2027, 1, 29),
        reason=PlacementReason.OFFSITE_DIRECTION,
        reason_note="Repeated disruption of lessons and two fixed-term suspensions this term.",
        full_time=True,
        session_times="9:00 to 15:00",
        report_to="Sam Patel, centre manager",
        objectives=_objectives()[:2],
        school_lead="Mr David Osei",
        risk_level=RiskLevel.HIGH,
        transport="Tyler travels by the number 7 bus; the school provides a bus pass.",
        direction_notice_on=date(2026, 11, 27),
        la_notified_on=date(2026, 11, 27),
        status=PlacementStatus.AUTHORISED,
        id=2,
    )


def zoe_placement() -> Placement:
    return Placement(
        pupil_id=3,
        provider_id=2,
        start_date=date(2026, 9, 14),
        planned_end_date=date(2026, 11, 20),
        reason=PlacementReason.ILLNESS_LA,
        weekly_pattern="Tue AM, Fri AM",
        objectives=_objectives()[1:2],
        school_lead="Ms Priya Shah",
        risk_level=RiskLevel.LOW,
        status=PlacementStatus.ENDED,
        ended_on=date(2026, 11, 20),
        id=3,
    )


def autumn_records():
    """Marks, reviews and incidents for the autumn term, with names only in the narratives."""
    from datetime import datetime, timedelta

    from apdesk.domain.entities import AttendanceMark, Incident, Review
    from apdesk.domain.enums import IncidentCategory, PlacementOutcome, ReviewKind, Session

    amelia_p, tyler_p, zoe_p = amelia_placement(), tyler_placement(), zoe_placement()
    amelia_p.start_date = date(2026, 10, 5)
    amelia_p.status = PlacementStatus.ACTIVE
    zoe_p.outcome = PlacementOutcome.REINTEGRATED
    marks = []
    for n in range(30):
        day = date(2026, 10, 5) + timedelta(days=n)
        if day.weekday() < 5:
            marks.append(
                AttendanceMark(1, day, Session.AM, placement_id=1, code="B" if n % 4 else "N")
            )
            marks.append(AttendanceMark(3, day, Session.AM, placement_id=3, code="B"))
    reviews = [
        Review(1, ReviewKind.MONITORING_CONTACT, date(2026, 10, 12)),
        Review(1, ReviewKind.MONITORING_CONTACT, date(2026, 10, 19)),
        Review(3, ReviewKind.EXIT, date(2026, 11, 20)),
    ]
    incidents = [
        Incident(
            IncidentCategory.SAFEGUARDING_CONCERN,
            datetime(2026, 10, 14, 11, 0),
            provider_id=1,
            placement_id=1,
            narrative="Amelia Kowalczyk disclosed worries about home.",
        ),
        Incident(
            IncidentCategory.BEHAVIOUR,
            datetime(2026, 11, 3, 14, 0),
            provider_id=1,
            narrative="Tyler Brennan and Zoë Wiśniewska argued in the corridor.",
        ),
        Incident(IncidentCategory.BEHAVIOUR, datetime(2026, 11, 5, 10, 0), provider_id=2),
    ]
    return [amelia_p, tyler_p, zoe_p], marks, reviews, incidents
