"""Corrections: put a mistake right with a reason, the audit log keeping old -> new and why.

Edit or void a vetting check, a referral, a review or an objective; clear a wrong attendance
mark; merge a pupil entered twice into the right record (everything moves across, nothing
is lost) or remove one that holds nothing; reopen a closed incident. Each is one unit of
work whose audit row holds the record as it was, as it is now and the reason given. The
rules (what a reason is, what cannot go) are `apdesk.domain.corrections`.
"""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date
from typing import Any

from sqlalchemy import delete, func, select, update

from apdesk.domain import corrections as rules
from apdesk.domain import incidents as incident_rules
from apdesk.domain import reviews as review_rules
from apdesk.domain.entities import (
    AttendanceMark,
    Incident,
    Objective,
    Placement,
    Pupil,
    Referral,
    Review,
    VettingCheck,
)
from apdesk.domain.enums import Session
from apdesk.domain.errors import InvalidInput
from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.services import multi_agency
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.services.changes import Change
from apdesk.services.lookups import fetch
from apdesk.services.school import school_calendar
from apdesk.services.unit_of_work import UnitOfWork, snapshot
from apdesk.storage import pupil_keys
from apdesk.storage import tables as t

CHECK_FIELDS = ("kind", "received_on", "checked_by", "expires_on", "evidence_note")
REFERRAL_FIELDS = ("agency", "made_on", "reference", "outcome")
REVIEW_FIELDS = ("kind", "held_on", "attendance_note", "concerns", "next_review_on")
OBJECTIVE_FIELDS = ("area", "target", "timescale", "lead", "progress")
MARK_FIELDS = ("date", "session", "provider_reported_code", "code", "note")
PUPIL_FIELDS = ("legal_first_name", "legal_last_name", "date_of_birth", "upn")


def _count(uow: UnitOfWork, column: Any, value: int) -> int:
    return int(uow.session.scalar(select(func.count()).where(column == value)) or 0)


def _correct(
    uow: UnitOfWork,
    entity: RecordKind,
    record: Any,
    corrected: Any,
    names: tuple[str, ...],
    why: str,
) -> None:
    """Copy the corrected fields onto the stored record; one audit row with old, new and why."""
    old = snapshot(record, *names)
    for name in names:
        setattr(record, name, getattr(corrected, name))
    uow.audit(
        f"{entity}.correct", entity, record.id, old=old, new=snapshot(record, *names), reason=why
    )


# Vetting checks ------------------------------------------------------------------------------
def correct_check(
    svc: AppServices, actor: Actor, check_id: int, corrected: VettingCheck, reason: str
) -> VettingCheck:
    """A check recorded with a wrong date, kind or expiry, put right."""
    why = rules.checked_reason(reason)
    if corrected.expires_on is not None and corrected.expires_on < corrected.received_on:
        raise InvalidInput("The expiry date must be after the date the evidence was received.")
    if not corrected.checked_by.strip():
        raise InvalidInput("Say who checked the evidence.")
    with svc.work(actor, Permission.VET_PROVIDERS) as uow:
        check = fetch(uow.session, VettingCheck, check_id, "check")
        tidied = replace(corrected, checked_by=corrected.checked_by.strip())
        _correct(uow, RecordKind.CHECK, check, tidied, CHECK_FIELDS, why)
        uow.changes.append(_provider_change(check))
        return check


def void_check(svc: AppServices, actor: Actor, check_id: int, reason: str) -> None:
    """A check recorded by mistake: it goes, and no longer counts towards vetting."""
    why = rules.checked_reason(reason)
    with svc.work(actor, Permission.VET_PROVIDERS) as uow:
        check = fetch(uow.session, VettingCheck, check_id, "check")
        files = _count(uow, t.evidence_file.c.vetting_check_id, check_id)
        rules.check_removable("check", {"evidence files (remove them first)": files})
        old = snapshot(check, "provider_id", *CHECK_FIELDS)
        change = _provider_change(check)
        uow.session.delete(check)
        uow.audit("check.void", RecordKind.CHECK, check_id, old=old, reason=why)
        uow.changes.append(change)


def _provider_change(check: VettingCheck) -> Change:
    """The provider's list and status depend on its checks: tell its tab too."""
    return Change(RecordKind.PROVIDER, check.provider_id, "check.correct")


# Referrals -----------------------------------------------------------------------------------
def correct_referral(
    svc: AppServices, actor: Actor, referral_id: int, corrected: Referral, reason: str
) -> Referral:
    why = rules.checked_reason(reason)
    with svc.work(actor, Permission.EDIT_INCIDENTS) as uow:
        referral = fetch(uow.session, Referral, referral_id, "referral")
        incident = fetch(uow.session, Incident, referral.incident_id, "incident")
        if corrected.made_on < incident.occurred_at.date():
            raise InvalidInput("A referral cannot be made before the incident happened.")
        _correct(uow, RecordKind.REFERRAL, referral, corrected, REFERRAL_FIELDS, why)
        uow.audit("incident.referral_correct", RecordKind.INCIDENT, incident.id, reason=why)
        return referral


def void_referral(svc: AppServices, actor: Actor, referral_id: int, reason: str) -> None:
    why = rules.checked_reason(reason)
    with svc.work(actor, Permission.EDIT_INCIDENTS) as uow:
        referral = fetch(uow.session, Referral, referral_id, "referral")
        incident = fetch(uow.session, Incident, referral.incident_id, "incident")
        old = snapshot(referral, "incident_id", *REFERRAL_FIELDS)
        incident.referrals = [r for r in incident.referrals if r.id != referral_id]
        uow.audit("referral.void", RecordKind.REFERRAL, referral_id, old=old, reason=why)
        uow.audit("incident.referral_void", RecordKind.INCIDENT, incident.id, reason=why)


# Reviews -------------------------------------------------------------------------------------
def correct_review(
    svc: AppServices, actor: Actor, review_id: int, corrected: Review, reason: str
) -> Review:
    """A review's kind, date, notes or next date put right (the same rules as recording)."""
    why = rules.checked_reason(reason)
    if corrected.held_on > svc.clock.today():
        raise InvalidInput(
            "A review is recorded once it has been held; that date is in the future."
        )
    review_rules.check_next_review_date(corrected.held_on, corrected.next_review_on)
    with svc.work(actor, Permission.RECORD_REVIEWS) as uow:
        review = fetch(uow.session, Review, review_id, "review")
        placement = fetch(uow.session, Placement, review.placement_id, "placement")
        review_rules.check_review_date(
            placement, corrected.kind, corrected.held_on, school_calendar(uow.session)
        )
        _correct(uow, RecordKind.REVIEW, review, corrected, REVIEW_FIELDS, why)
        return review


def void_review(svc: AppServices, actor: Actor, review_id: int, reason: str) -> None:
    """A review recorded by mistake (the wrong pupil, twice): it goes, and is due again."""
    why = rules.checked_reason(reason)
    with svc.work(actor, Permission.RECORD_REVIEWS) as uow:
        review = fetch(uow.session, Review, review_id, "review")
        old = snapshot(review, "placement_id", *REVIEW_FIELDS)
        old["progress"] = [snapshot(p, "objective_id", "note", "rating") for p in review.progress]
        uow.session.execute(
            update(t.action).where(t.action.c.review_id == review_id).values(review_id=None)
        )
        uow.session.delete(review)
        uow.audit("review.void", RecordKind.REVIEW, review_id, old=old, reason=why)


# Objectives ----------------------------------------------------------------------------------
def correct_objective(
    svc: AppServices, actor: Actor, objective_id: int, corrected: Objective, reason: str
) -> Objective:
    why = rules.checked_reason(reason)
    if not corrected.target.strip():
        raise InvalidInput("An objective needs its target: what will be measured.")
    with svc.work(actor, Permission.EDIT_PLACEMENTS) as uow:
        objective = fetch(uow.session, Objective, objective_id, "objective")
        _correct(uow, RecordKind.OBJECTIVE, objective, corrected, OBJECTIVE_FIELDS, why)
        uow.audit(
            "placement.objective_correct", RecordKind.PLACEMENT, objective.placement_id, reason=why
        )
        return objective


def void_objective(svc: AppServices, actor: Actor, objective_id: int, reason: str) -> None:
    why = rules.checked_reason(reason)
    with svc.work(actor, Permission.EDIT_PLACEMENTS) as uow:
        objective = fetch(uow.session, Objective, objective_id, "objective")
        progress = _count(uow, t.objective_progress.c.objective_id, objective_id)
        rules.check_removable("objective", {"progress notes from reviews": progress})
        placement = fetch(uow.session, Placement, objective.placement_id, "placement")
        old = snapshot(objective, "placement_id", *OBJECTIVE_FIELDS)
        placement.objectives = [o for o in placement.objectives if o.id != objective_id]
        uow.audit("objective.void", RecordKind.OBJECTIVE, objective_id, old=old, reason=why)
        uow.audit("placement.objective_void", RecordKind.PLACEMENT, placement.id, reason=why)


# Attendance ----------------------------------------------------------------------------------
def clear_mark(
    svc: AppServices, actor: Actor, pupil_id: int, day: date, session: Session, reason: str
) -> None:
    """A mark typed against the wrong pupil or session: the session is unmarked again."""
    why = rules.checked_reason(reason)
    with svc.work(actor, Permission.RECORD_ATTENDANCE) as uow:
        mark = uow.session.scalar(
            select(AttendanceMark).where(
                t.attendance_mark.c.pupil_id == pupil_id,
                t.attendance_mark.c.date == day,
                t.attendance_mark.c.session == session,
            )
        )
        if mark is None:
            raise InvalidInput("That session has no mark to clear.")
        old = snapshot(mark, "pupil_id", "placement_id", *MARK_FIELDS)
        uow.session.delete(mark)
        uow.audit("attendance.clear", RecordKind.ATTENDANCE, mark.id, old=old, reason=why)


# Pupils --------------------------------------------------------------------------------------
PUPIL_LINKS = (
    ("carers", t.carer),
    ("placements", t.placement),
    ("AP referrals", t.ap_referral),
    ("attendance marks", t.attendance_mark),
    ("incident links", t.incident_pupil),
    ("actions", t.action),
)


def merge_pupils(
    svc: AppServices, actor: Actor, keep_id: int, duplicate_id: int, reason: str
) -> Pupil:
    """Move everything of a pupil entered twice onto the right record, then drop the twin."""
    why = rules.checked_reason(reason)
    with svc.work(actor, Permission.MERGE_PUPILS, Permission.EDIT_PUPILS) as uow:
        keep = fetch(uow.session, Pupil, keep_id, "pupil")
        twin = fetch(uow.session, Pupil, duplicate_id, "pupil")
        rules.check_merge(keep_id, duplicate_id, _clashes(uow, keep_id, duplicate_id))
        moved = _move_links(uow, duplicate_id, keep_id)
        moved |= multi_agency.carry_over(uow.session, duplicate_id, keep_id)
        old = snapshot(twin, *PUPIL_FIELDS) | {"id": duplicate_id}
        uow.session.expunge(twin)
        uow.session.execute(delete(t.pupil).where(t.pupil.c.id == duplicate_id))
        # the duplicate's audit rows now go with the record kept, and are disposed of with it
        pupil_keys.merged(uow.session.connection(), duplicate_id, keep_id)
        uow.audit(
            "pupil.merge",
            RecordKind.PUPIL,
            keep_id,
            old={"duplicate": old},
            new={"into": keep_id, "from": duplicate_id, "moved": moved},  # ids stay readable
            reason=why,
        )
        uow.session.refresh(keep)  # the moved carers, loaded while the session is open
        keep.carers = list(keep.carers)
        return keep


def _clashes(uow: UnitOfWork, keep_id: int, duplicate_id: int) -> list[tuple[date, str]]:
    mark = t.attendance_mark
    mine = select(mark.c.date, mark.c.session).where(mark.c.pupil_id == keep_id)
    theirs = set(
        uow.session.execute(
            select(mark.c.date, mark.c.session).where(mark.c.pupil_id == duplicate_id)
        )
    )
    return [(day, Session(s).value) for day, s in uow.session.execute(mine) if (day, s) in theirs]


def _move_links(uow: UnitOfWork, duplicate_id: int, keep_id: int) -> dict[str, int]:
    links = t.incident_pupil
    shared = select(links.c.incident_id).where(links.c.pupil_id == keep_id)
    doubled = uow.session.execute(
        delete(links).where(links.c.pupil_id == duplicate_id, links.c.incident_id.in_(shared))
    )
    moved = {"incident links already on the record": _rows(doubled)}
    for what, table in PUPIL_LINKS:
        result = uow.session.execute(
            update(table).where(table.c.pupil_id == duplicate_id).values(pupil_id=keep_id)
        )
        moved[what] = _rows(result)
    return moved


def _rows(result: Any) -> int:
    """How many rows an UPDATE or DELETE touched."""
    return int(getattr(result, "rowcount", 0) or 0)


def remove_pupil(svc: AppServices, actor: Actor, pupil_id: int, reason: str) -> None:
    """A pupil entered by mistake, with nothing recorded for them yet."""
    why = rules.checked_reason(reason)
    with svc.work(actor, Permission.MERGE_PUPILS, Permission.EDIT_PUPILS) as uow:
        pupil = fetch(uow.session, Pupil, pupil_id, "pupil")
        holds = {
            what: _count(uow, table.c.pupil_id, pupil_id)
            for what, table in PUPIL_LINKS
            if what != "carers"
        }
        holds["multi-agency records"] = sum(
            _count(uow, table.c.pupil_id, pupil_id) for table in (t.pupil_social_care, t.pupil_ehcp)
        )
        rules.check_removable("pupil", holds)
        old = snapshot(pupil, *PUPIL_FIELDS)
        old["carers"] = [
            snapshot(c, *(f.name for f in fields(c) if f.name != "id")) for c in pupil.carers
        ]
        uow.session.delete(pupil)
        uow.audit("pupil.remove", RecordKind.PUPIL, pupil_id, old=old, reason=why)


# Incidents -----------------------------------------------------------------------------------
def reopen_incident(svc: AppServices, actor: Actor, incident_id: int, reason: str) -> Incident:
    """The DSL (or Headteacher) reopens a closed incident: something new has come to light."""
    why = rules.checked_reason(reason)
    with svc.work(actor, Permission.REOPEN_INCIDENTS) as uow:
        incident = fetch(uow.session, Incident, incident_id, "incident")
        rules.check_reopen(incident)
        old = snapshot(incident, "status", "closed_on")
        incident_rules.reopen(incident)
        uow.audit(
            "incident.reopen",
            RecordKind.INCIDENT,
            incident_id,
            old=old,
            new=snapshot(incident, "status", "closed_on"),
            reason=why,
        )
        return incident
