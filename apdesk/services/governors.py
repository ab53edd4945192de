"""The termly report to governors (§12): its figures, and the plans the Headteacher writes.

Plans are kept by term name, so the report for a term always carries what was written for it
(and says so when nothing was). Only the Headteacher writes them; anyone who may see the
report reads them. A report for a past term is made as the term stood at its end.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import insert, or_, select, update
from sqlalchemy.orm import Session as DbSession

from apdesk.documents.governors_data import GovernorsReportData, build_report_data
from apdesk.domain.entities import (
    APReferral,
    AttendanceMark,
    Complaint,
    Incident,
    Placement,
    Provider,
    Review,
    Term,
)
from apdesk.domain.enums import PlacementStatus, Role
from apdesk.domain.errors import InvalidInput, PermissionDenied
from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.services.review_plans import plans_for
from apdesk.services.school import find_school, school_calendar
from apdesk.storage import tables as t

MAX_PLANS = 5000


def find_term(session: DbSession, term_name: str) -> Term:
    school = find_school(session)
    terms = school.terms if school else []
    term = next((x for x in terms if x.name.lower() == term_name.strip().lower()), None)
    if term is None:
        known = ", ".join(x.name for x in terms) or "none entered yet"
        raise InvalidInput(f"There is no term called '{term_name}'. Terms: {known}.")
    return term


def stored_plans(session: DbSession, term_name: str) -> tuple[str, date | None]:
    row = session.execute(
        select(t.governors_plans.c.text, t.governors_plans.c.written_at).where(
            t.governors_plans.c.term_name == term_name
        )
    ).first()
    if row is None:
        return "", None
    return row.text, row.written_at.date() if row.written_at else None


def save_plans(svc: AppServices, actor: Actor, term_name: str, text: str) -> None:
    """Keep the Headteacher's plans for the term's report (replacing any written before)."""
    if Role.HEADTEACHER not in actor.roles:
        raise PermissionDenied("Only the Headteacher writes the plans in the report to governors.")
    text = text.strip()
    if len(text) > MAX_PLANS:
        raise InvalidInput(f"The plans are too long: keep them under {MAX_PLANS} characters.")
    with svc.work(actor, Permission.VIEW_GOVERNORS_REPORT) as uow:
        term = find_term(uow.session, term_name)
        values = {"text": text, "written_by": actor.staff_id or None, "written_at": uow.now}
        table = t.governors_plans
        done = uow.session.execute(
            update(table).where(table.c.term_name == term.name).values(**values)
        )
        if not getattr(done, "rowcount", 0):
            uow.session.execute(insert(table).values(term_name=term.name, **values))
        uow.audit(
            "governors.plans", RecordKind.TERM, term.id, new={"term": term.name, "text": text}
        )


def report_data(svc: AppServices, actor: Actor, term_name: str) -> GovernorsReportData:
    """The report's figures for the term, as they stand today or at the term's end.

    Only the term is read: the placements that overlap it, their marks in the term and their
    reviews (the review plan rolls from every review a placement had), and the incidents and
    referrals of the term; `build_report_data` applies the same rules to what it is given."""
    with svc.read(actor, Permission.VIEW_GOVERNORS_REPORT) as session:
        term = find_term(session, term_name)
        placements = _placements_in(session, term)
        ids = [p.id for p in placements]
        plans, written_on = stored_plans(session, term.name)
        return build_report_data(
            term,
            placements,
            list(session.scalars(select(Provider))),
            _marks_in(session, ids, term),
            list(session.scalars(select(Review).where(t.review.c.placement_id.in_(ids)))),
            _incidents_in(session, term),
            school_calendar(session),
            today=svc.clock.today(),
            plans=plans,
            review_plans=plans_for(session, placements),
            plans_written_on=written_on,
            ap_referrals=_referrals_in(session, term),
            complaints=_complaints_in(session, term),
        )


def _placements_in(session: DbSession, term: Term) -> list[Placement]:
    """Placements past proposal whose dates overlap the term (the report's own rule again)."""
    c = t.placement.c
    query = select(Placement).where(
        c.status != PlacementStatus.PROPOSED,
        c.start_date <= term.end,
        or_(c.ended_on.is_(None), c.ended_on >= term.start),
    )
    return list(session.scalars(query.order_by(c.id)))


def _marks_in(session: DbSession, ids: list[int | None], term: Term) -> list[AttendanceMark]:
    c = t.attendance_mark.c
    query = select(AttendanceMark).where(
        c.placement_id.in_(ids), c.date >= term.start, c.date <= term.end
    )
    return list(session.scalars(query))


def _incidents_in(session: DbSession, term: Term) -> list[Incident]:
    c = t.incident.c
    after = datetime.combine(term.end + timedelta(days=1), time())
    query = select(Incident).where(
        c.occurred_at >= datetime.combine(term.start, time()), c.occurred_at < after
    )
    return list(session.scalars(query))


def _referrals_in(session: DbSession, term: Term) -> list[APReferral]:
    c = t.ap_referral.c
    query = select(APReferral).where(c.referred_on >= term.start, c.referred_on <= term.end)
    return list(session.scalars(query.order_by(c.referred_on, c.id)))


def _complaints_in(session: DbSession, term: Term) -> list[Complaint]:
    c = t.complaint.c
    query = select(Complaint).where(c.received_on >= term.start, c.received_on <= term.end)
    return list(session.scalars(query.order_by(c.received_on, c.id)))
