"""Incidents: safeguarding records for the DSL, deputy DSL and Headteacher only.

Opening a record is audited. A safeguarding incident closes only with a decision and its
rationale (KCSIE: a decision not to refer is recorded too).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select

from apdesk.domain import incidents as rules
from apdesk.domain.entities import Incident, Provider, Pupil
from apdesk.domain.errors import InvalidInput
from apdesk.domain.labels import label
from apdesk.domain.permissions import Permission
from apdesk.services import evidence
from apdesk.services.context import Actor, AppServices, snapshot
from apdesk.services.evidence import EvidenceInfo
from apdesk.services.records import fetch, name_map, persisted_id
from apdesk.storage import tables as t

FIELDS = (
    "category",
    "occurred_at",
    "notified_at",
    "provider_id",
    "placement_id",
    "reported_by",
    "narrative",
    "actions_taken",
    "decision",
    "rationale",
)


@dataclass(frozen=True)
class IncidentRow:
    id: int
    occurred_at: datetime
    category: str
    pupils: str
    provider: str
    delay: str
    status: str


def list_incidents(svc: AppServices, actor: Actor) -> list[IncidentRow]:
    with svc.read(actor, Permission.VIEW_INCIDENTS) as session:
        pupils = {p.id: p.display_name for p in session.scalars(select(Pupil))}
        providers = name_map(session, Provider)
        return [
            IncidentRow(
                persisted_id(i),
                i.occurred_at,
                label(i.category),
                ", ".join(pupils.get(link.pupil_id, "?") for link in i.pupil_links),
                providers.get(i.provider_id, "") if i.provider_id else "",
                rules.notification_delay_text(i),
                label(i.status),
            )
            for i in session.scalars(select(Incident).order_by(t.incident.c.occurred_at.desc()))
        ]


def open_incident(svc: AppServices, actor: Actor, incident_id: int) -> Incident:
    """The whole record; who opened it, and when, goes in the audit log."""
    with svc.work(actor, Permission.VIEW_INCIDENTS) as uow:
        incident = fetch(uow.session, Incident, incident_id, "incident")
        uow.audit("incident.open", "incident", incident_id, changed=False)
        return incident


def save_incident(svc: AppServices, actor: Actor, incident: Incident, reason: str = "") -> Incident:
    """Log a new incident or update one; the occurred and notified times must be in order."""
    if incident.notified_at and incident.notified_at < incident.occurred_at:
        raise InvalidInput("The school cannot have been told before the incident happened.")
    if incident.occurred_at > svc.clock.now():
        raise InvalidInput("The time it happened is in the future.")
    if not incident.pupil_links:
        raise InvalidInput("Link at least one pupil, each with their own role.")
    with svc.work(actor, Permission.EDIT_INCIDENTS) as uow:
        stored = uow.session.get(Incident, incident.id) if incident.id else None
        old = snapshot(stored, *FIELDS) if stored else None
        if stored is None:
            stored = Incident(
                incident.category,
                incident.occurred_at,
                recorded_by=actor.staff_id or None,
                recorded_at=uow.now,
            )
            uow.session.add(stored)
        for name in FIELDS:
            setattr(stored, name, getattr(incident, name))
        for link in incident.pupil_links:
            fetch(uow.session, Pupil, link.pupil_id, "pupil")
        stored.pupil_links = [
            replace(link, id=None, incident_id=None) for link in incident.pupil_links
        ]
        stored.referrals = [replace(r, id=None, incident_id=None) for r in incident.referrals]
        uow.session.flush()
        uow.audit(
            "incident.save",
            "incident",
            stored.id,
            old=old,
            new=snapshot(stored, *FIELDS),
            reason=reason or None,
        )
        return stored


def close_incident(
    svc: AppServices, actor: Actor, incident_id: int, decision: str, rationale: str
) -> Incident:
    with svc.work(actor, Permission.EDIT_INCIDENTS) as uow:
        incident = fetch(uow.session, Incident, incident_id, "incident")
        incident.decision, incident.rationale = decision.strip(), rationale.strip()
        rules.close(incident, uow.now.date())
        uow.audit(
            "incident.close",
            "incident",
            incident_id,
            new=snapshot(incident, "status", "decision", "rationale", "closed_on"),
        )
        return incident


def add_evidence(
    svc: AppServices, actor: Actor, incident_id: int, filename: str, media_type: str, data: bytes
) -> int:
    """Keep a file (a provider's written account, a photo of an injury) with the incident."""
    with svc.read(actor, Permission.EDIT_INCIDENTS) as session:
        fetch(session, Incident, incident_id, "incident")
    return evidence.add(svc, actor, evidence.INCIDENT, incident_id, filename, media_type, data)


def list_evidence(svc: AppServices, actor: Actor, incident_id: int) -> list[EvidenceInfo]:
    return evidence.listed(svc, actor, evidence.INCIDENT, incident_id)


def get_evidence(svc: AppServices, actor: Actor, evidence_id: int) -> tuple[EvidenceInfo, bytes]:
    """The file's bytes, to show from memory; who opened it goes in the audit log."""
    info, data = evidence.get(svc, actor, evidence.INCIDENT, evidence_id)
    with svc.work(actor, Permission.VIEW_INCIDENTS) as uow:
        uow.audit("incident.evidence_open", "evidence_file", evidence_id, changed=False)
    return info, data
