"""Complaints about providers (§15): record one, move it up the stages, close it.

The rules are `apdesk.domain.complaints`; this module reads what they need (the stored
complaint, the provider's other complaints, the placement's provider, the school's days
per stage and calendar), applies them in one transaction and audits the result. Viewing
and recording both need MANAGE_COMPLAINTS: the Headteacher, the DSL and the deputy DSL.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from apdesk.domain import complaints as rules
from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.entities import Complaint, Placement, Provider, Pupil
from apdesk.domain.errors import InvalidInput
from apdesk.domain.formatting import format_date
from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.domain.text import check_record_text
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.services.lookups import (
    NAME_COLUMNS,
    fetch,
    joined_name,
    name_for,
    name_map,
    persisted_id,
)
from apdesk.services.school import school_calendar
from apdesk.services.unit_of_work import snapshot
from apdesk.storage import tables as t

FIELDS = (
    "complainant",
    "relationship",
    "received_on",
    "provider_id",
    "placement_id",
    "summary",
    "stage",
    "stage_since",
    "outcome",
    "outcome_note",
    "closed_on",
)


@dataclass(frozen=True)
class ComplaintRow:
    """One complaint on the list, with its stage's deadline today."""

    complaint: Complaint
    provider: str
    pupil: str  # the placement's pupil, if a placement is named
    due: date
    overdue: bool
    status: str

    @property
    def id(self) -> int:
        return persisted_id(self.complaint)


@dataclass(frozen=True)
class PlacementChoice:
    id: int
    text: str
    provider_id: int


def _days_and_calendar(session: DbSession) -> tuple[rules.StageDays, SchoolCalendar]:
    return _stage_days(session), school_calendar(session)


def _stage_days(session: DbSession) -> rules.StageDays:
    """The school's days for each stage, read as its one row of settings (not the school's
    record with its terms, closures and everything else it holds)."""
    columns = [t.school.c[name] for name in rules.SETTING_FIELDS.values()]
    return rules.StageDays.for_school(session.execute(select(*columns)).first())


def all_complaints(session: DbSession) -> list[Complaint]:
    """Every complaint, oldest first (for the governors' report)."""
    query = select(Complaint).order_by(t.complaint.c.received_on, t.complaint.c.id)
    return list(session.scalars(query))


def list_complaints(svc: AppServices, actor: Actor, open_only: bool = False) -> list[ComplaintRow]:
    """Every complaint (or the open ones), newest first, each with its deadline: one query,
    each complaint joined to its provider's name and its placement's pupil's."""
    today = svc.clock.today()
    c, placement = t.complaint.c, t.placement.c
    query = (
        select(Complaint, t.provider.c.name, *NAME_COLUMNS)
        .outerjoin(t.provider, t.provider.c.id == c.provider_id)
        .outerjoin(t.placement, placement.id == c.placement_id)
        .outerjoin(t.pupil, t.pupil.c.id == placement.pupil_id)
        .order_by(c.received_on.desc(), c.id.desc())
    )
    with svc.read(actor, Permission.MANAGE_COMPLAINTS) as session:
        days, calendar = _days_and_calendar(session)
        rows = []
        for complaint, provider, *name in session.execute(query):
            if open_only and not complaint.is_open:
                continue
            due = rules.deadline(complaint, days, calendar)
            pupil = joined_name(*name) if complaint.placement_id else ""
            overdue = rules.is_overdue(complaint, due, today)
            status = rules.status_text(complaint, due, today)
            rows.append(ComplaintRow(complaint, provider or "?", pupil, due, overdue, status))
        return rows


def get_complaint(svc: AppServices, actor: Actor, complaint_id: int) -> Complaint:
    with svc.read(actor, Permission.MANAGE_COMPLAINTS) as session:
        return fetch(session, Complaint, complaint_id, "complaint")


def placement_choices(svc: AppServices, actor: Actor) -> list[PlacementChoice]:
    """Each placement as 'pupil, from date', with its provider, for the complaint form."""
    with svc.read(actor, Permission.MANAGE_COMPLAINTS) as session:
        pupils = name_map(session, Pupil, "display_name")
        query = select(Placement).order_by(t.placement.c.start_date.desc())
        return [
            PlacementChoice(
                persisted_id(p),
                f"{name_for(pupils, p.pupil_id, '?')}, from {format_date(p.start_date)}",
                p.provider_id or 0,
            )
            for p in session.scalars(query)
        ]


def stage_days(svc: AppServices, actor: Actor) -> rules.StageDays:
    with svc.read(actor, Permission.MANAGE_COMPLAINTS) as session:
        return _stage_days(session)


def save_complaint(svc: AppServices, actor: Actor, complaint: Complaint) -> Complaint:
    """Record a complaint, or change it (escalate, close); refused with every problem."""
    check_record_text(complaint, "complaint")
    with svc.work(actor, Permission.MANAGE_COMPLAINTS) as uow:
        session = uow.session
        if complaint.provider_id is not None:
            fetch(session, Provider, complaint.provider_id, "provider")
        placement_provider = None
        if complaint.placement_id is not None:
            placement_provider = fetch(
                session, Placement, complaint.placement_id, "placement"
            ).provider_id
        stored = session.get(Complaint, complaint.id) if complaint.id else None
        if complaint.id and stored is None:
            raise InvalidInput("That complaint could not be found. It may have been removed.")
        others = session.scalars(
            select(Complaint).where(t.complaint.c.provider_id == complaint.provider_id)
        )
        if complaint.stage_since is None:
            complaint = replace(complaint, stage_since=complaint.received_on)
        problems = rules.complaint_problems(
            complaint,
            uow.now.date(),
            before=replace(stored) if stored else None,
            others=list(others),
            placement_provider_id=placement_provider,
        )
        if problems:
            raise InvalidInput(" ".join(problems))
        old = snapshot(stored, *FIELDS) if stored else None
        if stored is None:
            stored = Complaint(
                complaint.complainant, complaint.received_on, recorded_by=actor.staff_id
            )
            session.add(stored)
        for name in FIELDS:
            setattr(stored, name, getattr(complaint, name))
        stored.complainant = stored.complainant.strip()
        session.flush()
        action = _action(old, stored)
        uow.audit(action, RecordKind.COMPLAINT, stored.id, old=old, new=snapshot(stored, *FIELDS))
        return replace(stored)


def _action(old: dict[str, object] | None, stored: Complaint) -> str:
    if old is None:
        return "complaint.record"
    if stored.closed_on is not None and old["closed_on"] is None:
        return "complaint.close"
    if old["stage"] != stored.stage.value:
        return "complaint.escalate"
    return "complaint.save"
