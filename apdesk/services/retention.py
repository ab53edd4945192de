"""Retention review and disposal (DOMAIN rule 13, decision 0015).

The review lists, per pupil, what is past its period by `domain.retention`'s rules under the
school's periods: attendance marks (from the day each was recorded) and the whole AP and
child-protection file (from the date of birth; to 31 for a pupil with SEN). The Headteacher or
DSL confirms a disposal with a reason; the records, their evidence files and the pupil go in
one transaction, `secure_delete` overwrites the freed pages, and one audit row records what
kind, how many, which pupil id, who and why, and nothing of what was removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, delete, select, update

from apdesk.domain.enums import SenStatus
from apdesk.domain.errors import InvalidInput, RuleViolation
from apdesk.domain.formatting import format_date
from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.domain.retention import (
    RECORD_NAMES,
    RecordClass,
    RetentionPeriods,
    check_disposal_reason,
    file_class,
    keep_until,
    may_destroy,
)
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.services.school import find_school
from apdesk.services.unit_of_work import UnitOfWork
from apdesk.storage import pupil_keys
from apdesk.storage import tables as t

ATTENDANCE = RecordClass.ATTENDANCE
FILE = RecordClass.ALTERNATIVE_PROVISION  # the pupil's whole AP and CP file


@dataclass(frozen=True)
class DueLine:
    """One pupil's records of one class that may now be disposed of."""

    pupil_id: int
    pupil: str
    date_of_birth: date
    record: RecordClass  # ATTENDANCE, or the file's class (AP, or SEN for a pupil with SEN)
    kept_until: date  # the latest expiry among the records listed
    counts: dict[str, int]

    @property
    def what(self) -> str:
        return RECORD_NAMES[self.record]

    @property
    def summary(self) -> str:
        return ", ".join(f"{n} {what}" for what, n in self.counts.items() if n)


def periods(svc: AppServices, actor: Actor) -> RetentionPeriods:
    """The school's periods; anyone who may review disposals or set them may read them."""
    needed = Permission.SET_RETENTION
    if actor.may(Permission.DISPOSE_RECORDS):
        needed = Permission.DISPOSE_RECORDS
    with svc.read(actor, needed) as session:
        return _periods(session)


def _periods(session: Any) -> RetentionPeriods:
    school = find_school(session)
    if school is None:
        return RetentionPeriods()
    return RetentionPeriods.of(
        school.retention_attendance_years, school.retention_ap_cp_years, school.retention_sen_years
    )


def set_periods(svc: AppServices, actor: Actor, chosen: RetentionPeriods) -> RetentionPeriods:
    """The Headteacher sets the periods, each within its bounds."""
    chosen.check()
    with svc.work(actor, Permission.SET_RETENTION) as uow:
        school = find_school(uow.session)
        if school is None:
            raise InvalidInput("Enter the school's details before its retention periods.")
        old = _periods(uow.session)
        school.retention_attendance_years = chosen.attendance
        school.retention_ap_cp_years = chosen.ap_cp
        school.retention_sen_years = chosen.sen
        uow.audit(
            "retention.periods",
            RecordKind.SCHOOL,
            school.id,
            old=old.__dict__.copy(),
            new=chosen.__dict__.copy(),
        )
        return chosen


def review(svc: AppServices, actor: Actor) -> list[DueLine]:
    """Everything past its period today, pupil by pupil (the file first, then attendance)."""
    with svc.read(actor, Permission.DISPOSE_RECORDS) as session:
        today = svc.clock.now().date()
        chosen = _periods(session)
        lines: list[DueLine] = []
        for pupil in session.execute(select(t.pupil).order_by(t.pupil.c.id)).all():
            lines += _due(session, pupil, chosen, today)
        return lines


def _due(session: Any, pupil: Any, chosen: RetentionPeriods, today: date) -> list[DueLine]:
    name = f"{pupil.legal_first_name} {pupil.legal_last_name}"
    record = file_class(SenStatus(pupil.sen_status) is not SenStatus.NONE)
    until = keep_until(record, pupil.date_of_birth, pupil.date_of_birth, chosen)
    if today >= until:
        counts = _file_counts(session, pupil.id, today, chosen)
        return [DueLine(pupil.id, name, pupil.date_of_birth, record, until, counts)]
    marks = _expired_marks(session, pupil, today, chosen)
    if not marks:
        return []
    latest = keep_until(ATTENDANCE, pupil.date_of_birth, max(marks), chosen)
    counts = {"attendance marks": len(marks)}
    return [DueLine(pupil.id, name, pupil.date_of_birth, ATTENDANCE, latest, counts)]


def _expired_marks(session: Any, pupil: Any, today: date, chosen: RetentionPeriods) -> list[date]:
    days = session.scalars(
        select(t.attendance_mark.c.date).where(t.attendance_mark.c.pupil_id == pupil.id)
    )
    return [d for d in days if may_destroy(ATTENDANCE, pupil.date_of_birth, d, today, chosen)]


def dispose(
    svc: AppServices, actor: Actor, pupil_id: int, record: RecordClass, reason: str
) -> dict[str, int]:
    """Delete what of this pupil is past its period now; returns how many of each went."""
    why = check_disposal_reason(reason)
    kind = ATTENDANCE if record is ATTENDANCE else FILE
    with svc.work(actor, Permission.DISPOSE_RECORDS) as uow:
        pupil = uow.session.execute(select(t.pupil).where(t.pupil.c.id == pupil_id)).first()
        if pupil is None:
            raise InvalidInput(f"There is no pupil {pupil_id} (already disposed of?).")
        due = [
            line
            for line in _due(uow.session, pupil, _periods(uow.session), uow.now.date())
            if (line.record is ATTENDANCE) == (kind is ATTENDANCE)
        ]
        if not due:
            raise RuleViolation(
                f"Nothing of this pupil's {RECORD_NAMES[kind].lower()} is past its retention "
                "period yet: nothing was deleted."
            )
        if kind is ATTENDANCE:
            counts = _delete_marks(uow, pupil, _periods(uow.session))
        else:
            counts = _delete_file(uow, pupil_id, uow.now.date(), _periods(uow.session))
        uow.audit(
            "retention.dispose",
            RecordKind.PUPIL,
            pupil_id,
            new={"class": due[0].record.value, "counts": counts},
            reason=why,
        )
        return counts


def _delete_marks(uow: UnitOfWork, pupil: Any, chosen: RetentionPeriods) -> dict[str, int]:
    days = _expired_marks(uow.session, pupil, uow.now.date(), chosen)
    mark = t.attendance_mark
    gone = _gone(uow, delete(mark).where(mark.c.pupil_id == pupil.id, mark.c.date.in_(days)))
    return {"attendance marks": gone}


def _file_counts(
    session: Any, pupil_id: int, today: date, chosen: RetentionPeriods
) -> dict[str, int]:
    ids = _file_ids(session, pupil_id, today, chosen)
    return {what: len(found) for what, found in ids.items() if what != "shared incidents"}


def _file_ids(
    session: Any, pupil_id: int, today: date, chosen: RetentionPeriods
) -> dict[str, list[int]]:
    """The ids of everything in the pupil's file. An incident shared with a pupil whose own
    file is still kept stays (only this pupil's link to it goes)."""

    def ids(table: Any, *where: ColumnElement[bool]) -> list[int]:
        return list(session.scalars(select(table.c.id).where(*where)))

    placements = ids(t.placement, t.placement.c.pupil_id == pupil_id)
    linked = list(
        session.scalars(
            select(t.incident_pupil.c.incident_id).where(t.incident_pupil.c.pupil_id == pupil_id)
        )
    )
    own: list[int] = []
    shared: list[int] = []
    for incident_id in linked:
        others = session.execute(
            select(t.pupil)
            .join(t.incident_pupil, t.incident_pupil.c.pupil_id == t.pupil.c.id)
            .where(t.incident_pupil.c.incident_id == incident_id, t.pupil.c.id != pupil_id)
        ).all()
        kept = [p for p in others if not _file_due(p, today, chosen)]
        (shared if kept else own).append(incident_id)
    return {
        "placements": placements,
        "reviews": ids(t.review, t.review.c.placement_id.in_(placements)),
        "incidents": own,
        "shared incidents": shared,
        "evidence files": ids(t.evidence_file, t.evidence_file.c.incident_id.in_(own)),
        "referrals": ids(t.referral, t.referral.c.incident_id.in_(own)),
        "attendance marks": ids(t.attendance_mark, t.attendance_mark.c.pupil_id == pupil_id),
        "AP referrals": ids(t.ap_referral, t.ap_referral.c.pupil_id == pupil_id),
        "CP-file transfers": ids(t.cp_transfer, t.cp_transfer.c.pupil_id == pupil_id),
        "subject access requests": ids(
            t.subject_access_request, t.subject_access_request.c.pupil_id == pupil_id
        ),
        "carers": ids(t.carer, t.carer.c.pupil_id == pupil_id),
        "multi-agency records": ids(t.pupil_social_care, t.pupil_social_care.c.pupil_id == pupil_id)
        + ids(t.pupil_ehcp, t.pupil_ehcp.c.pupil_id == pupil_id),
    }


def _file_due(pupil: Any, today: date, chosen: RetentionPeriods) -> bool:
    record = file_class(SenStatus(pupil.sen_status) is not SenStatus.NONE)
    return may_destroy(record, pupil.date_of_birth, pupil.date_of_birth, today, chosen)


def _delete_file(
    uow: UnitOfWork, pupil_id: int, today: date, chosen: RetentionPeriods
) -> dict[str, int]:
    found = _file_ids(uow.session, pupil_id, today, chosen)
    placements, reviews, own = found["placements"], found["reviews"], found["incidents"]
    counts = {what: len(v) for what, v in found.items() if what != "shared incidents" and v}
    action = t.action
    counts["actions"] = _gone(
        uow,
        delete(action).where(
            (action.c.pupil_id == pupil_id)
            | action.c.placement_id.in_(placements)
            | action.c.review_id.in_(reviews)
            | action.c.incident_id.in_(own)
        ),
    )
    links = t.incident_pupil
    uow.session.execute(delete(links).where(links.c.pupil_id == pupil_id))
    uow.session.execute(
        update(t.incident)
        .where(t.incident.c.id.in_(found["shared incidents"]))
        .where(t.incident.c.placement_id.in_(placements))
        .values(placement_id=None)
    )
    # a complaint is about the provider and is kept; it no longer names the placement
    uow.session.execute(
        update(t.complaint)
        .where(t.complaint.c.placement_id.in_(placements))
        .values(placement_id=None)
    )
    # children go with their parents (ON DELETE CASCADE: objectives, Annex A items, review
    # attendees and progress, referrals, evidence files, carers, multi-agency records); the
    # rest one by one
    for table, where in (
        (t.incident, t.incident.c.id.in_(own)),
        (t.attendance_mark, t.attendance_mark.c.pupil_id == pupil_id),
        (t.review, t.review.c.id.in_(reviews)),
        (t.placement, t.placement.c.id.in_(placements)),
        (t.ap_referral, t.ap_referral.c.pupil_id == pupil_id),
        (t.cp_transfer, t.cp_transfer.c.pupil_id == pupil_id),
        (t.subject_access_request, t.subject_access_request.c.pupil_id == pupil_id),
        (t.pupil, t.pupil.c.id == pupil_id),
    ):
        uow.session.execute(delete(table).where(where))
    # who the pupil was, in the audit rows about them, can no longer be read (decision 0015)
    pupil_keys.forget(uow.session.connection(), pupil_id)
    counts["pupil record"] = 1
    return {what: n for what, n in counts.items() if n}


def _gone(uow: UnitOfWork, statement: Any) -> int:
    return int(getattr(uow.session.execute(statement), "rowcount", 0) or 0)


def describe(line: DueLine) -> str:
    return (
        f"{line.pupil} (born {format_date(line.date_of_birth)}): {line.what}, kept until "
        f"{format_date(line.kept_until)}: {line.summary}"
    )
