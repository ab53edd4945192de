"""Attendance: the weekly register, recording marks, the risk register and unexplained absences.

What the provider reported is kept apart from the final code the school records, so a
disputed session can be traced (who said what, when, how).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from apdesk.domain import attendance as rules
from apdesk.domain.codes import lookup
from apdesk.domain.entities import AttendanceMark, Placement, Provider, Pupil
from apdesk.domain.enums import PlacementStatus, ReportMethod, Session
from apdesk.domain.permissions import Permission
from apdesk.domain.placements import parse_pattern
from apdesk.services.context import Actor, AppServices
from apdesk.services.records import name_for, name_map, persisted_id, school_calendar
from apdesk.storage import tables as t

LOOK_BACK_DAYS = 14


@dataclass(frozen=True)
class MarkEntry:
    """One session typed into the register (the final code and/or the provider's report)."""

    pupil_id: int
    placement_id: int | None
    day: date
    session: Session
    code: str | None = None
    provider_code: str | None = None
    reported_by: str = ""
    reported_how: ReportMethod | None = None
    note: str = ""


@dataclass(frozen=True)
class RegisterRow:
    pupil_id: int
    pupil: str
    placement_id: int
    provider: str
    marks: dict[tuple[date, Session], AttendanceMark] = field(default_factory=dict)
    expected: frozenset[tuple[date, Session]] = frozenset()
    unexplained: frozenset[tuple[date, Session]] = frozenset()


@dataclass(frozen=True)
class RegisterWeek:
    monday: date
    days: list[date]
    school_days: frozenset[date]
    rows: list[RegisterRow]


@dataclass(frozen=True)
class RiskRegisterRow:
    pupil_id: int
    upn: str
    pupil: str
    provider: str
    placement_id: int
    risk: rules.RiskRow


def _placements_in(session: DbSession, first: date, last: date) -> list[Placement]:
    live = (
        PlacementStatus.ACTIVE,
        PlacementStatus.AUTHORISED,
        PlacementStatus.ENDED,
        PlacementStatus.TERMINATED,
    )
    found = session.scalars(select(Placement).where(t.placement.c.status.in_(live)))
    return [p for p in found if p.start_date <= last and (p.ended_on or last) >= first]


def expected_sessions(placement: Placement, days: list[date]) -> set[tuple[date, Session]]:
    """The sessions the pupil should be at provision: the weekly pattern, or every session."""
    pattern = parse_pattern(placement.weekly_pattern) if placement.weekly_pattern.strip() else []
    end = placement.ended_on or date.max
    return {
        (d, s)
        for d in days
        if placement.start_date <= d <= end
        for s in (Session.AM, Session.PM)
        if not pattern or (d.weekday(), s) in pattern
    }


def week_grid(svc: AppServices, actor: Actor, any_day: date) -> RegisterWeek:
    monday = any_day - timedelta(days=any_day.weekday())
    days = [monday + timedelta(days=i) for i in range(5)]
    with svc.read(actor, Permission.VIEW_ATTENDANCE) as session:
        calendar = school_calendar(session)
        school_days = [d for d in days if calendar.is_school_day(d)]
        pupils = {p.id: p for p in session.scalars(select(Pupil))}
        providers = name_map(session, Provider)
        rows = [
            _register_row(
                session,
                svc,
                p,
                pupils[p.pupil_id],
                name_for(providers, p.provider_id),
                school_days,
            )
            for p in _placements_in(session, days[0], days[-1])
        ]
        return RegisterWeek(
            monday, days, frozenset(school_days), sorted(rows, key=lambda r: r.pupil)
        )


def _register_row(
    session: DbSession,
    svc: AppServices,
    placement: Placement,
    pupil: Pupil,
    provider: str,
    school_days: list[date],
) -> RegisterRow:
    marks = list(
        session.scalars(
            select(AttendanceMark).where(
                t.attendance_mark.c.pupil_id == placement.pupil_id,
                t.attendance_mark.c.date.in_(school_days),
            )
        )
    )
    expected = expected_sessions(placement, school_days)
    unexplained = {
        (u.date, u.session)
        for u in rules.unexplained_absences(
            placement.pupil_id, school_days, marks, svc.clock.now(), placement.id
        )
    }
    return RegisterRow(
        persisted_id(pupil),
        pupil.display_name,
        persisted_id(placement),
        provider,
        {(m.date, m.session): m for m in marks},
        frozenset(expected),
        frozenset(unexplained & expected),
    )


def record_marks(svc: AppServices, actor: Actor, entries: list[MarkEntry]) -> int:
    """Record sessions; each code is checked against the DfE table before anything is written."""
    for entry in entries:
        for code in (entry.code, entry.provider_code):
            if code:
                lookup(code)
    with svc.work(actor, Permission.RECORD_ATTENDANCE) as uow:
        changed = []
        for entry in entries:
            mark = uow.session.scalar(
                select(AttendanceMark).where(
                    t.attendance_mark.c.pupil_id == entry.pupil_id,
                    t.attendance_mark.c.date == entry.day,
                    t.attendance_mark.c.session == entry.session,
                )
            )
            if mark is None:
                mark = AttendanceMark(entry.pupil_id, entry.day, entry.session, entry.placement_id)
                uow.session.add(mark)
            before = (mark.provider_reported_code, mark.code)
            _apply(mark, entry, actor, uow.now)
            changed.append(
                {
                    "pupil_id": entry.pupil_id,
                    "date": entry.day.isoformat(),
                    "session": entry.session.value,
                    "was": list(before),
                    "now": [mark.provider_reported_code, mark.code],
                }
            )
        uow.audit("attendance.record", "attendance", None, new={"marks": changed})
        return len(changed)


def _apply(mark: AttendanceMark, entry: MarkEntry, actor: Actor, now: datetime) -> None:
    if entry.provider_code is not None:
        mark.provider_reported_code = entry.provider_code.strip().upper() or None
        mark.reported_by, mark.reported_how = entry.reported_by, entry.reported_how
        mark.reported_at = now
    if entry.code is not None:
        mark.code = entry.code.strip().upper() or None
        mark.recorded_by, mark.recorded_at = actor.staff_id or None, now
    if entry.note:
        mark.note = entry.note


def risk_register(svc: AppServices, actor: Actor) -> list[RiskRegisterRow]:
    """The Attendance & Punctuality Risk Register: one row per placement with marks."""
    today = svc.clock.today()
    with svc.read(actor, Permission.VIEW_ATTENDANCE) as session:
        pupils = {p.id: p for p in session.scalars(select(Pupil))}
        providers = name_map(session, Provider)
        rows = []
        for placement in _placements_in(session, date.min, today):
            marks = list(
                session.scalars(
                    select(AttendanceMark).where(t.attendance_mark.c.placement_id == placement.id)
                )
            )
            if not marks:
                continue
            pupil = pupils[placement.pupil_id]
            rows.append(
                RiskRegisterRow(
                    persisted_id(pupil),
                    pupil.upn,
                    pupil.display_name,
                    name_for(providers, placement.provider_id),
                    persisted_id(placement),
                    rules.risk_row(marks, today, pupil.id, placement.id),
                )
            )
        return sorted(rows, key=lambda r: r.risk.rate if r.risk.rate is not None else 2.0)


def pupil_marks(svc: AppServices, actor: Actor, pupil_id: int) -> list[AttendanceMark]:
    with svc.read(actor, Permission.VIEW_ATTENDANCE) as session:
        return list(
            session.scalars(
                select(AttendanceMark)
                .where(t.attendance_mark.c.pupil_id == pupil_id)
                .order_by(t.attendance_mark.c.date)
            )
        )


def unexplained(svc: AppServices, actor: Actor) -> list[rules.UnexplainedSession]:
    """Sessions in the last fortnight with no mark when due, or marked N or O."""
    today = svc.clock.today()
    with svc.read(actor, Permission.VIEW_ATTENDANCE) as session:
        return find_unexplained(session, svc, today)


def find_unexplained(
    session: DbSession, svc: AppServices, today: date
) -> list[rules.UnexplainedSession]:
    calendar = school_calendar(session)
    days = calendar.school_days_between(today - timedelta(days=LOOK_BACK_DAYS), today)
    found = []
    for placement in _placements_in(session, days[0] if days else today, today):
        if placement.status is not PlacementStatus.ACTIVE:
            continue
        marks = list(
            session.scalars(
                select(AttendanceMark).where(
                    t.attendance_mark.c.pupil_id == placement.pupil_id,
                    t.attendance_mark.c.date.in_(days),
                )
            )
        )
        expected = expected_sessions(placement, days)
        found += [
            u
            for u in rules.unexplained_absences(
                placement.pupil_id, days, marks, svc.clock.now(), placement.id
            )
            if (u.date, u.session) in expected
        ]
    return found
