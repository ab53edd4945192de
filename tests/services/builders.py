"""Build realistic records through the services, as a user of the program would."""

from __future__ import annotations

from datetime import date, timedelta

from apdesk.domain import checklists
from apdesk.domain.entities import (
    Carer,
    Contact,
    Objective,
    Placement,
    Provider,
    Pupil,
    ReviewAttendee,
    School,
    Site,
    Term,
    VettingCheck,
)
from apdesk.domain.enums import (
    AttendeeParty,
    CheckKind,
    ObjectiveArea,
    PlacementReason,
    ProviderKind,
    Role,
)
from apdesk.domain.identifiers import make_upn
from apdesk.services import placements, providers, pupils, school
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices

#: Who took part in a review recorded by a test: a review must name someone.
TOOK_PART = [ReviewAttendee(AttendeeParty.SCHOOL, "Sam Patel")]


def add_school(svc: AppServices, head: Actor) -> School:
    return school.save_school(
        svc,
        head,
        School(
            name="Oakfield Fictional Academy",
            address="1 Example Road, Testtown, TT1 1AA",
            urn="123456",
            headteacher="Alex Morgan",
            dsl="Sam Patel",
            complaint_route="Write to the Headteacher.",
            terms=[Term("Autumn 2026", date(2026, 9, 2), date(2026, 12, 18))],
        ),
    )


def vetted_provider(
    svc: AppServices, dsl: Actor, today: date, name: str = "Bridgeway Learning"
) -> Provider:
    provider = providers.save_provider(
        svc,
        dsl,
        Provider(
            name=name,
            kind=ProviderKind.OFSTED_REGISTERED_AP,
            ofsted_urn="2654321",
            sites=[Site("Main site", "4 Mill Lane, Testtown, TT2 2BB")],
            contacts=[
                Contact("Jo Rivers", "Centre manager", "01632 960000"),
                Contact("Kim Lowe", "DSL", "01632 960001", is_dsl=True),
            ],
        ),
    )
    for kind in CheckKind:
        expires = today + timedelta(days=200) if kind is CheckKind.INSURANCE else None
        providers.record_check(
            svc,
            dsl,
            provider.id,
            VettingCheck(kind, today - timedelta(days=20), "Sam Patel", expires),
        )
    return provider


def add_pupil(
    svc: AppServices, actor: Actor, serial: int = 1, first: str = "Robin", last: str = "Testcase"
) -> Pupil:
    return pupils.save_pupil(
        svc,
        actor,
        Pupil(
            first,
            last,
            date(2012, 3, 4),
            upn=make_upn(938, 4000, 11, serial),
            year_group=9,
            cp_plan=True,
            carers=[Carer("Parent A", "Mother", "07700 900123", "parent.a@example.org")],
        ),
    )


def proposed_placement(
    svc: AppServices, actor: Actor, pupil: Pupil, provider: Provider, start: date
) -> Placement:
    return placements.save_placement(
        svc,
        actor,
        Placement(
            pupil.id,
            provider.id,
            start,
            start + timedelta(weeks=12),
            site_id=provider.sites[0].id,
            reason=PlacementReason.EXCLUSION,
            objectives=[
                Objective(
                    ObjectiveArea.ATTENDANCE, "Attend 95% of sessions", "12 weeks", "Sam Patel"
                )
            ],
            exit_plan="Phased return to mainstream over two weeks.",
            risk_travel="Bus pass; route walked with the pupil.",
            risk_site_hazards="Workshop supervised; PPE provided.",
            risk_safeguarding="Named DSL on site.",
            risk_health_needs="None known.",
            curriculum_plan="English and maths each morning.",
            transport="Own travel by bus (school bus pass).",
            school_lead="Sam Patel",
            shared_cp_plan=True,
            shared_chronology=True,
            info_shared_on=start - timedelta(days=7),
            consent_given_by="Parent A",
            consent_given_on=start - timedelta(days=7),
            weekly_pattern="Mon AM, Mon PM, Tue AM, Tue PM, Wed AM, Wed PM, Thu AM, Thu PM, "
            "Fri AM, Fri PM",
        ),
    )


def complete_annex_a(svc: AppServices, actor: Actor, placement: Placement) -> None:
    for item in checklists.ANNEX_A:
        placements.set_annex_a_item(svc, actor, placement.id, item.key, True)


ALL = tuple(Role)


def trained_staff(svc: AppServices, actor: Actor) -> None:
    """A member of staff in date for all of Annex B §6 (policy read, AP-procedures and
    safeguarding training), so 6.1 to 6.3 have a record behind a tick."""
    from apdesk.domain.training import StaffTraining
    from apdesk.services import training

    today = svc.clock.today()
    training.save_training(
        svc,
        actor,
        StaffTraining(
            "Pat Trained",
            policy_read_on=today,
            policy_read_version=training.policy_version(svc, actor),
            ap_trained_on=today,
            ap_expires_on=today + timedelta(days=365),
            safeguarding_on=today,
            safeguarding_expires_on=today + timedelta(days=365),
        ),
    )
