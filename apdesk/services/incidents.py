"""Incidents: safeguarding records for the DSL, deputy DSL and Headteacher only.

Opening a record is audited. An incident closes only with a decision and a rationale of
substance (KCSIE: a decision not to refer is recorded too) and every referral's outcome;
`save_and_close_incident` saves what was typed and closes in one unit of work.
Anyone who can see a pupil can raise a concern (`raise_concern`): they write what they
saw, the DSL triages it, and afterwards they see only that they raised it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from apdesk.domain import incidents as rules
from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.entities import Incident, IncidentPupil, Pupil, Referral
from apdesk.domain.enums import IncidentCategory, IncidentStatus, PupilRole
from apdesk.domain.errors import InvalidInput
from apdesk.domain.labels import label
from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.domain.text import check_record_text
from apdesk.services import evidence
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.services.evidence import EvidenceInfo
from apdesk.services.lookups import (
    NAME_COLUMNS,
    fetch,
    joined_name,
    name_for,
    persisted_id,
    pupil_names,
)
from apdesk.services.school import school_calendar
from apdesk.services.unit_of_work import UnitOfWork, snapshot
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
    late: bool = False  # the provider told the school after the same school day


def list_incidents(svc: AppServices, actor: Actor) -> list[IncidentRow]:
    """Every incident, newest first, read as plain rows: the list shows a few columns of
    each, not the records with their pupils' links and referrals."""
    today = svc.clock.today()
    i, provider = t.incident.c, t.provider.c
    query = (
        select(i.id, i.occurred_at, i.notified_at, i.category, i.status, provider.name)
        .outerjoin(t.provider, provider.id == i.provider_id)
        .order_by(i.occurred_at.desc())
    )
    with svc.read(actor, Permission.VIEW_INCIDENTS) as session:
        calendar = school_calendar(session)
        pupils = _pupils_by_incident(session)
        return [
            IncidentRow(
                row.id,
                row.occurred_at,
                label(row.category),
                ", ".join(pupils.get(row.id, ())),
                row.name or "",
                _delay(row, calendar, today),
                label(row.status),
                rules.notified_late(row, calendar, today),
            )
            for row in session.execute(query)
        ]


def _pupils_by_incident(session: Session) -> dict[int, list[str]]:
    """Each incident's pupils' names, in the order they were linked ("?" for one gone)."""
    link = t.incident_pupil.c
    query = (
        select(link.incident_id, *NAME_COLUMNS)
        .outerjoin(t.pupil, t.pupil.c.id == link.pupil_id)
        .order_by(link.id)
    )
    names: dict[int, list[str]] = {}
    for incident_id, *name in session.execute(query):
        names.setdefault(incident_id, []).append(joined_name(*name))
    return names


def open_incident(svc: AppServices, actor: Actor, incident_id: int) -> Incident:
    """The whole record; who opened it, and when, goes in the audit log."""
    with svc.work(actor, Permission.VIEW_INCIDENTS) as uow:
        incident = fetch(uow.session, Incident, incident_id, "incident")
        uow.audit("incident.open", RecordKind.INCIDENT, incident_id, changed=False)
        return incident


def _delay(incident: rules.Notified, calendar: SchoolCalendar, today: date) -> str:
    text = rules.notification_delay_text(incident)
    if rules.notified_late(incident, calendar, today):
        return f"{text}: late, not the same school day"
    return text


def _checked(incident: Incident) -> Incident:
    """The pupils and referrals as the domain rules allow them: each pupil once, with their
    own role; no referral before the incident."""
    scratch = Incident(incident.category, incident.occurred_at)
    for link in incident.pupil_links:
        rules.link_pupil(scratch, link.pupil_id or 0, link.role)
    for r in incident.referrals:
        rules.add_referral(scratch, r.agency, r.made_on, r.reference, r.outcome)
    return scratch


def _take_links_and_referrals(stored: Incident, incoming: Incident) -> None:
    """Keep the stored row of a pupil still linked (only the role changes), so the store's
    one-link-per-pupil constraint never sees a delete and insert of the same pupil."""
    checked = _checked(incoming)
    by_pupil = {link.pupil_id: link for link in stored.pupil_links}
    links = []
    for link in checked.pupil_links:
        kept = by_pupil.get(link.pupil_id)
        if kept is None:
            kept = IncidentPupil(link.pupil_id, link.role)
        kept.role = link.role
        links.append(kept)
    stored.pupil_links = links
    by_id = {r.id: r for r in stored.referrals}
    referrals = []
    for new, old in zip(checked.referrals, incoming.referrals, strict=True):
        kept_referral = by_id.get(old.id) if old.id is not None else None
        if kept_referral is None:
            kept_referral = Referral(new.agency, new.made_on)
        kept_referral.agency, kept_referral.made_on = new.agency, new.made_on
        kept_referral.reference, kept_referral.outcome = new.reference, new.outcome
        referrals.append(kept_referral)
    stored.referrals = referrals


def save_incident(svc: AppServices, actor: Actor, incident: Incident, reason: str = "") -> Incident:
    """Log a new incident or update one; the occurred and notified times must be in order."""
    _check(svc, incident)
    with svc.work(actor, Permission.EDIT_INCIDENTS) as uow:
        return _save_in(uow, incident, reason)


def close_incident(
    svc: AppServices, actor: Actor, incident_id: int, decision: str, rationale: str
) -> Incident:
    with svc.work(actor, Permission.EDIT_INCIDENTS) as uow:
        incident = fetch(uow.session, Incident, incident_id, "incident")
        return _close_in(uow, incident, decision, rationale)


def save_and_close_incident(svc: AppServices, actor: Actor, incident: Incident) -> Incident:
    """What was typed saved and the incident closed, in one unit of work: if closing is
    refused (no decision or rationale), nothing typed is saved either."""
    _check(svc, incident)
    with svc.work(actor, Permission.EDIT_INCIDENTS) as uow:
        stored = _save_in(uow, incident, "")
        return _close_in(uow, stored, incident.decision, incident.rationale)


def _check(svc: AppServices, incident: Incident) -> None:
    """What is refused before any work starts."""
    check_record_text(incident, "incident")  # no NUL or direction controls; lengths kept
    if incident.notified_at and incident.notified_at < incident.occurred_at:
        raise InvalidInput("The school cannot have been told before the incident happened.")
    if incident.occurred_at > svc.clock.now():
        raise InvalidInput("The time it happened is in the future.")
    if not incident.pupil_links:
        raise InvalidInput("Link at least one pupil, each with their own role.")
    _checked(incident)  # one role per pupil, no referral before the incident: before any work


def _save_in(uow: UnitOfWork, incident: Incident, reason: str) -> Incident:
    stored = uow.session.get(Incident, incident.id) if incident.id else None
    old = snapshot(stored, *FIELDS) if stored else None
    if stored is None:
        stored = Incident(
            incident.category,
            incident.occurred_at,
            recorded_by=uow.actor.staff_id or None,
            recorded_at=uow.now,
        )
        uow.session.add(stored)
    for name in FIELDS:
        setattr(stored, name, getattr(incident, name))
    for link in incident.pupil_links:
        fetch(uow.session, Pupil, link.pupil_id, "pupil")
    _take_links_and_referrals(stored, incident)
    uow.session.flush()
    uow.audit(
        "incident.save",
        RecordKind.INCIDENT,
        stored.id,
        old=old,
        new=snapshot(stored, *FIELDS),
        reason=reason or None,
    )
    return stored


def _close_in(uow: UnitOfWork, incident: Incident, decision: str, rationale: str) -> Incident:
    incident.decision, incident.rationale = decision.strip(), rationale.strip()
    rules.close(incident, uow.now.date())
    uow.audit(
        "incident.close",
        RecordKind.INCIDENT,
        incident.id,
        new=snapshot(incident, "status", "decision", "rationale", "closed_on"),
    )
    return incident


def add_evidence(
    svc: AppServices, actor: Actor, incident_id: int, filename: str, data: bytes
) -> int:
    """Keep a file (a provider's written account, a photo of an injury) with the incident."""
    with svc.read(actor, Permission.EDIT_INCIDENTS) as session:
        fetch(session, Incident, incident_id, "incident")
    return evidence.add(svc, actor, evidence.INCIDENT, incident_id, filename, data)


def list_evidence(svc: AppServices, actor: Actor, incident_id: int) -> list[EvidenceInfo]:
    return evidence.listed(svc, actor, evidence.INCIDENT, incident_id)


def get_evidence(svc: AppServices, actor: Actor, evidence_id: int) -> tuple[EvidenceInfo, bytes]:
    """The file's bytes, to show from memory; who opened it goes in the audit log."""
    info, data = evidence.get(svc, actor, evidence.INCIDENT, evidence_id)
    with svc.work(actor, Permission.VIEW_INCIDENTS) as uow:
        uow.audit("incident.evidence_open", RecordKind.EVIDENCE_FILE, evidence_id, changed=False)
    return info, data


MIN_CONCERN_WORDS = 3
RAISED = "(raised a concern)"  # ends `reported_by` of a concern raised with raise_concern


def raise_concern(
    svc: AppServices, actor: Actor, pupil_id: int, occurred_at: datetime, what_i_saw: str
) -> int:
    """Anyone who can see a pupil logs a concern in their own words (CPOMS-style); it goes
    to the DSL as an open safeguarding concern to triage. Returns nothing they can open."""
    text = what_i_saw.strip()
    if rules.words(text) < MIN_CONCERN_WORDS:
        raise InvalidInput("Write what you saw or heard, in your own words.")
    if occurred_at > svc.clock.now():
        raise InvalidInput("The time it happened is in the future.")
    with svc.work(actor, Permission.RAISE_CONCERN, Permission.VIEW_PUPILS) as uow:
        fetch(uow.session, Pupil, pupil_id, "pupil")
        concern = Incident(
            IncidentCategory.SAFEGUARDING_CONCERN,
            occurred_at,
            notified_at=uow.now,
            reported_by=f"{actor.display_name} {RAISED}",
            narrative=text,
            recorded_by=actor.staff_id or None,
            recorded_at=uow.now,
        )
        rules.link_pupil(concern, pupil_id, PupilRole.INVOLVED)
        uow.session.add(concern)
        uow.session.flush()
        uow.audit("incident.concern", RecordKind.INCIDENT, concern.id, new={"pupil_id": pupil_id})
        return persisted_id(concern)


@dataclass(frozen=True)
class RaisedConcern:
    """What the person who raised a concern sees afterwards: only that they raised it."""

    raised_at: datetime
    pupil: str


def my_concerns(svc: AppServices, actor: Actor) -> list[RaisedConcern]:
    with svc.read(actor, Permission.RAISE_CONCERN) as session:
        names = {p.id: p.display_name for p in session.scalars(select(Pupil))}
        query = select(Incident).where(t.incident.c.recorded_by == actor.staff_id)
        return [
            RaisedConcern(
                i.recorded_at or i.occurred_at,
                ", ".join(names.get(ln.pupil_id, "?") for ln in i.pupil_links),
            )
            for i in session.scalars(query.order_by(t.incident.c.recorded_at.desc()))
            if i.reported_by.endswith(RAISED)
        ]


@dataclass(frozen=True)
class OpenIncident:
    incident_id: int
    occurred_on: date
    text: str


def open_incidents(svc: AppServices, actor: Actor) -> list[OpenIncident]:
    """Open incidents, oldest first, with their age and a late notice flagged (Today)."""
    today = svc.clock.today()
    with svc.read(actor, Permission.VIEW_INCIDENTS) as session:
        names = pupil_names(session)  # plain rows: no pupil and carers loaded for a name
        calendar = school_calendar(session)
        query = select(Incident).where(t.incident.c.status == IncidentStatus.OPEN.value)
        rows = []
        for i in session.scalars(query.order_by(t.incident.c.occurred_at)):
            age = (today - i.occurred_at.date()).days
            pupils = ", ".join(name_for(names, ln.pupil_id, "?") for ln in i.pupil_links)
            text = f"{label(i.category)}: {pupils}, open {age} day{'' if age == 1 else 's'}"
            if rules.notified_late(i, calendar, today):
                text += "; the provider told the school late"
            rows.append(OpenIncident(persisted_id(i), i.occurred_at.date(), text))
        return rows
