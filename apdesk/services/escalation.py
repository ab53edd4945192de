"""Escalating unexplained absences of vulnerable children during the actions sweep.

The DSL gets an urgent action for each unexplained session of a child on a CP plan, in
need, looked after or with an EHCP; a "missing from education" incident opens once the
rule in `apdesk.domain.escalation` says so (one per child per day, none while one is open).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from apdesk.domain import escalation as rules
from apdesk.domain.entities import Action, Incident, Pupil
from apdesk.domain.enums import IncidentCategory, IncidentStatus
from apdesk.domain.record_kinds import RecordKind
from apdesk.services.app_services import AppServices
from apdesk.services.attendance import absences_by_placement, register_closes
from apdesk.services.unit_of_work import UnitOfWork
from apdesk.storage import tables as t


def escalate_absences(
    uow: UnitOfWork, svc: AppServices, existing: list[Action], dsl_id: int | None
) -> list[Action]:
    """Urgent actions for the DSL (returned, for the caller to add); incidents opened here."""
    s, today = uow.session, svc.clock.today()
    absences = absences_by_placement(s, svc, today)
    # only the pupils of those placements: every pupil with their carers cost more than the rest
    ids = {found.placement.pupil_id for found in absences}
    pupils = {p.id: p for p in s.scalars(select(Pupil).where(t.pupil.c.id.in_(ids)))}
    closes = register_closes(s)
    new: list[Action] = []
    for found in absences:
        pupil, placement = pupils[found.placement.pupil_id], found.placement
        new += rules.urgent_actions(found.unexplained, pupil, existing + new, today, dsl_id)
        missing = [(u.date, u.session) for u in found.unexplained]
        key = rules.incident_session(pupil, found.expected, missing)
        if key is None or _already_open(uow, pupil, key[0]):
            continue
        incident = rules.missing_incident(
            pupil, key, closes.at(key[1]), placement.id, placement.provider_id
        )
        incident.recorded_by, incident.recorded_at = uow.actor.staff_id or None, uow.now
        s.add(incident)
        s.flush()
        uow.audit(
            "incident.open_missing",
            RecordKind.INCIDENT,
            incident.id,
            new={"pupil_id": pupil.id, "date": key[0].isoformat(), "session": key[1].value},
        )
    return new


def _already_open(uow: UnitOfWork, pupil: Pupil, day: date) -> bool:
    """A missing-from-education incident for the pupil is open, or one was opened that day."""
    for incident in uow.session.scalars(
        select(Incident).where(t.incident.c.category == IncidentCategory.MISSING_FROM_EDUCATION)
    ):
        if any(link.pupil_id == pupil.id for link in incident.pupil_links) and (
            incident.status is IncidentStatus.OPEN or incident.occurred_at.date() == day
        ):
            return True
    return False
