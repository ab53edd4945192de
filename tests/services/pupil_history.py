"""A pupil with a history to print, hand on or disclose: an active placement, an incident
naming another pupil and a witness, with a referral, and an open action."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from apdesk.domain.entities import Incident, IncidentPupil, Pupil, Referral
from apdesk.domain.enums import Agency, IncidentCategory, PupilRole, Role
from apdesk.domain.errors import PermissionDenied
from apdesk.services import incidents, placements
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from tests.services.builders import (
    add_pupil,
    add_school,
    complete_annex_a,
    proposed_placement,
    vetted_provider,
)

NARRATIVE = "Robin was pushed by Ash in the corridor; Kim Lowe saw it and told Test dsl."


@dataclass(frozen=True)
class History:
    pupil: Pupil
    other: Pupil
    incident_id: int
    placement_id: int


def pupil_with_history(svc: AppServices, actors: dict[Role, Actor], clock: object) -> History:
    clock.at = datetime(2026, 11, 2, 8, 0)  # type: ignore[attr-defined]  # a Monday
    head, dsl = actors[Role.HEADTEACHER], actors[Role.DSL]
    add_school(svc, head)
    provider = vetted_provider(svc, dsl, date(2026, 11, 2))
    pupil = add_pupil(svc, dsl)
    other = add_pupil(svc, dsl, 2, "Ash", "Example")
    placement = proposed_placement(svc, dsl, pupil, provider, date(2026, 11, 9))
    complete_annex_a(svc, dsl, placement)
    placements.authorise(svc, head, placement.id)
    clock.at = datetime(2026, 11, 9, 9, 0)  # type: ignore[attr-defined]
    placements.activate(svc, dsl, placement.id)
    clock.at = datetime(2026, 11, 12, 15, 0)  # type: ignore[attr-defined]
    incident = incidents.save_incident(
        svc,
        dsl,
        Incident(
            IncidentCategory.CHILD_ON_CHILD_ABUSE,
            datetime(2026, 11, 11, 10, 30),
            notified_at=datetime(2026, 11, 11, 12, 0),
            reported_by="Jo Rivers",
            narrative=NARRATIVE,
            actions_taken="Both families spoken to; timetables separated.",
            pupil_links=[
                IncidentPupil(pupil.id, PupilRole.VICTIM),
                IncidentPupil(other.id, PupilRole.ALLEGED_PERPETRATOR),
            ],
            referrals=[Referral(Agency.LA_CHILDRENS_SERVICES, date(2026, 11, 12), "CS-4411")],
        ),
    )
    assert incident.id is not None and placement.id is not None
    return History(pupil, other, incident.id, placement.id)


def refused(call: object, *args: object) -> bool:
    try:
        call(*args)  # type: ignore[operator]
    except PermissionDenied:
        return True
    return False
