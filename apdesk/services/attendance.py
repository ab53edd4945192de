"""Attendance: the weekly register, recording marks, the risk register and unexplained absences.

What the provider reported is kept apart from the final code the school records, so a
disputed session can be traced (who said what, when, how).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import NamedTuple

from sqlalchemy import func, or_, select, true
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import lazyload

from apdesk.domain import attendance as rules
from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.entities import AttendanceMark, Placement, Provider, Pupil
from apdesk.domain.entities.people import display_name
from apdesk.domain.enums import ReportMethod, Session
from apdesk.domain.errors import InvalidInput
from apdesk.domain.formatting import format_date
from apdesk.domain.marking import check_code, check_mark, suggested_code
from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.services.attendance_aggregate import coded_weeks
from apdesk.services.lookups import fetch, name_for, name_map, persisted_id
from apdesk.services.school import one_school, school_calendar
from apdesk.storage import tables as t

LOOK_BACK_DAYS = 14
RECORDED = "attendance.record"  # the audited action (and change) of marks recorded


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


class WeekMark(NamedTuple):
    """A mark as the register's week shows it (its codes and the provider's report), as a
    plain row: the week holds a mark for every session typed, and nothing changes them."""

    pupil_id: int
    placement_id: int | None
    date: date
    session: Session
    code: str | None
    provider_reported_code: str | None
    reported_by: str
    reported_how: ReportMethod | None
    reported_at: datetime | None

    @property
    def effective_code(self) -> str | None:
        """As `AttendanceMark.effective_code`: the final code, else the provider's."""
        return self.code or self.provider_reported_code


@dataclass(frozen=True)
class RegisterRow:
    pupil_id: int
    pupil: str
    placement_id: int
    provider: str
    marks: dict[tuple[date, Session], WeekMark] = field(default_factory=dict)
    expected: frozenset[tuple[date, Session]] = frozenset()
    unexplained: frozenset[tuple[date, Session]] = frozenset()
    suggested: str = "B"  # the code for an attended session here: B, K or D


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


def _placements_in(
    session: DbSession, first: date, last: date, only: int | None = None, *, lean: bool = False
) -> list[Placement]:
    """Every placement whose dates overlap `first` to `last`, whatever its lifecycle state
    (or only the placement `only`, if its dates do); `lean`: the records each holds
    (objectives, checks...) left to load if asked for, for a caller that reads its columns."""
    p = t.placement.c
    # Narrowed in SQL as `last_day` reads them (its end, else its planned end); `reaches` decides.
    end = func.coalesce(p.ended_on, p.planned_end_date)
    query = select(Placement).where(p.start_date <= last, or_(end.is_(None), end >= first))
    if only is not None:
        query = query.where(p.id == only)
    if lean:
        query = query.options(lazyload("*"))
    return [p for p in session.scalars(query) if rules.reaches(p, first)]


def _marks_of(
    session: DbSession, pupil_ids: set[int | None], first: date, last: date
) -> dict[int | None, list[WeekMark]]:
    """These pupils' marks from `first` to `last`, by pupil, as plain rows: one query for them
    all (each placement then keeps the days it covers)."""
    m = t.attendance_mark.c
    found: dict[int | None, list[WeekMark]] = {}
    query = select(*(m[name] for name in WeekMark._fields)).where(
        m.pupil_id.in_([i for i in pupil_ids if i is not None]), m.date >= first, m.date <= last
    )
    for row in session.execute(query):
        mark = WeekMark._make(row)
        found.setdefault(mark.pupil_id, []).append(mark)
    return found


class _Coded(NamedTuple):
    """A mark as first-day follow-up reads it (`rules.MarkCode`), as a plain row."""

    pupil_id: int
    date: date
    session: Session
    effective_code: str | None


def _codes_of(
    session: DbSession, pupil_ids: set[int | None], first: date, last: date
) -> dict[int | None, list[_Coded]]:
    """`_marks_of` as plain rows of what first-day follow-up reads: the effective code is the
    final code, else the provider's (`AttendanceMark.effective_code`, here in SQL)."""
    m = t.attendance_mark.c
    code = func.coalesce(func.nullif(m.code, ""), m.provider_reported_code)
    query = select(m.pupil_id, m.date, m.session, code).where(
        m.pupil_id.in_([i for i in pupil_ids if i is not None]), m.date >= first, m.date <= last
    )
    found: dict[int | None, list[_Coded]] = {}
    for row in session.execute(query):
        found.setdefault(row[0], []).append(_Coded(*row))
    return found


def register_closes(session: DbSession) -> rules.RegisterCloses:
    """When the school's AM and PM registers close (10:00 and 14:30 until it sets its own)."""
    s = t.school.c
    found = session.execute(select(s.am_register_closes, s.pm_register_closes)).first()
    return rules.DEFAULT_CLOSES if found is None else rules.RegisterCloses(*found)


def week_grid(svc: AppServices, actor: Actor, any_day: date) -> RegisterWeek:
    with svc.read(actor, Permission.VIEW_ATTENDANCE) as session:
        return _week(session, svc, any_day)


def _week(
    session: DbSession, svc: AppServices, any_day: date, only: int | None = None
) -> RegisterWeek:
    """The register's week with every placement in it (or only the placement `only`)."""
    monday = any_day - timedelta(days=any_day.weekday())
    days = [monday + timedelta(days=i) for i in range(5)]
    calendar = school_calendar(session)
    school_days = [d for d in days if calendar.is_school_day(d)]
    placements = _placements_in(session, days[0], days[-1], only, lean=True)
    ids = {p.pupil_id for p in placements}
    lean_pupils = select(Pupil).where(t.pupil.c.id.in_(ids)).options(lazyload("*"))
    pupils = {p.id: p for p in session.scalars(lean_pupils)}
    providers = name_map(session, Provider)
    closes = register_closes(session)
    marks = _marks_of(session, set(ids), days[0], days[-1])
    rows = [
        _register_row(
            svc,
            p,
            pupils[p.pupil_id],
            name_for(providers, p.provider_id),
            [m for m in marks.get(p.pupil_id, []) if rules.covers(p, m.date)],
            (calendar, days, closes),
        )
        for p in placements
    ]
    return RegisterWeek(monday, days, frozenset(school_days), sorted(rows, key=lambda r: r.pupil))


@dataclass(frozen=True)
class Marked:
    """What a typed mark changes on the Attendance tab, each part as a whole reload gives it:
    the placement's row of the week shown (None if the placement is not in that week), its
    line of the risk register (None with no counted session) and its sessions so far."""

    placement_id: int
    register: RegisterRow | None
    risk: RiskRegisterRow | None
    attendance: PlacementAttendance


def record_mark(svc: AppServices, actor: Actor, entry: MarkEntry, shown: date) -> Marked:
    """Record one typed session (as `record_marks`), then read again only what it changes:
    its placement's row of the week with `shown` in it, risk register line and sessions."""
    with one_school():
        (placement_id,) = _record(svc, actor, [entry])
        with svc.read(actor, Permission.VIEW_ATTENDANCE) as session:
            week = _week(session, svc, shown, placement_id)
            risk = _risk_rows(session, svc, placement_id)
            placement = fetch(session, Placement, placement_id, "placement")
            sessions = attendance_of(session, svc, placement, school_calendar(session))
    return Marked(placement_id, next(iter(week.rows), None), next(iter(risk), None), sessions)


def _register_row(
    svc: AppServices,
    placement: Placement,
    pupil: Pupil,
    provider: str,
    marks: list[WeekMark],
    week: tuple[SchoolCalendar, list[date], rules.RegisterCloses],
) -> RegisterRow:
    calendar, days, closes = week
    expected = rules.expected_sessions(placement, calendar, days[0], days[-1])
    unexplained = {
        (u.date, u.session)
        for u in rules.unexplained_absences(
            placement.pupil_id, expected, marks, svc.clock.now(), closes, placement.id
        )
    }
    return RegisterRow(
        persisted_id(pupil),
        pupil.display_name,
        persisted_id(placement),
        provider,
        {(m.date, m.session): m for m in marks},
        frozenset(expected),
        frozenset(unexplained),
        suggested_code(placement),
    )


def _placement_for(
    session: DbSession, entry: MarkEntry, calendar: SchoolCalendar, today: date
) -> Placement:
    """The placement a mark belongs to, checked against the domain's rules for marks."""
    if entry.placement_id is not None:
        placement = fetch(session, Placement, entry.placement_id, "placement")
    else:
        covering = [
            p
            for p in session.scalars(
                select(Placement).where(t.placement.c.pupil_id == entry.pupil_id)
            )
            if rules.covers(p, entry.day)
        ]
        if not covering:
            raise InvalidInput(
                f"That pupil has no placement on {format_date(entry.day)}: "
                "attendance is recorded only for days in a placement."
            )
        placement = covering[-1]
    check_mark(placement, entry.pupil_id, entry.day, calendar, today)
    return placement


def record_marks(svc: AppServices, actor: Actor, entries: list[MarkEntry]) -> int:
    """Record sessions. Every code must be a DfE code that fits AP, and every session a school
    day, not in the future, within a placement of that pupil; otherwise nothing is written."""
    return len(_record(svc, actor, entries))


def _record(svc: AppServices, actor: Actor, entries: list[MarkEntry]) -> list[int]:
    """`record_marks`, giving the placement each entry was recorded against."""
    entries = [_checked_codes(entry) for entry in entries]
    with svc.work(actor, Permission.RECORD_ATTENDANCE) as uow:
        calendar = school_calendar(uow.session)
        placements = [_placement_for(uow.session, e, calendar, uow.now.date()) for e in entries]
        changed = []
        for entry, placement in zip(entries, placements, strict=True):
            mark = uow.session.scalar(
                select(AttendanceMark).where(
                    t.attendance_mark.c.pupil_id == entry.pupil_id,
                    t.attendance_mark.c.date == entry.day,
                    t.attendance_mark.c.session == entry.session,
                )
            )
            if mark is None:
                mark = AttendanceMark(entry.pupil_id, entry.day, entry.session, placement.id)
                uow.session.add(mark)
            mark.placement_id = placement.id
            before = (mark.provider_reported_code, mark.code)
            _apply(mark, entry, actor, uow.now)
            changed.append(
                {
                    "pupil_id": entry.pupil_id,
                    "placement_id": placement.id,
                    "date": entry.day.isoformat(),
                    "session": entry.session.value,
                    "was": list(before),
                    "now": [mark.provider_reported_code, mark.code],
                }
            )
        uow.audit(RECORDED, RecordKind.ATTENDANCE, None, new={"marks": changed})
        return [persisted_id(p) for p in placements]


def _checked_codes(entry: MarkEntry) -> MarkEntry:
    """The entry with its codes in capitals, each a DfE code that fits a session at AP."""
    code, reported = (
        check_code(c) if c and c.strip() else c for c in (entry.code, entry.provider_code)
    )
    return replace(entry, code=code, provider_code=reported)


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


@dataclass(frozen=True)
class PlacementAttendance:
    """One placement's sessions so far: its marks, every counted session and the totals."""

    marks: list[AttendanceMark]
    counted: dict[tuple[date, Session], str | None]
    summary: rules.AttendanceSummary


def attendance_of(
    session: DbSession, svc: AppServices, placement: Placement, calendar: SchoolCalendar
) -> PlacementAttendance:
    """Inside a read: the placement's marks and counted sessions from its start to now."""
    today, now = svc.clock.today(), svc.clock.now()
    marks = list(
        session.scalars(
            select(AttendanceMark).where(t.attendance_mark.c.placement_id == placement.id)
        )
    )
    expected = rules.expected_sessions(placement, calendar, placement.start_date, today)
    counted = rules.counted_sessions(marks, expected, now, register_closes(session))
    return PlacementAttendance(marks, counted, rules.summarise_counted(counted))


def placement_attendance(svc: AppServices, actor: Actor, placement_id: int) -> PlacementAttendance:
    """The placement's attendance from its start to now, unmarked expected sessions included."""
    with svc.read(actor, Permission.VIEW_ATTENDANCE) as session:
        placement = fetch(session, Placement, placement_id, "placement")
        return attendance_of(session, svc, placement, school_calendar(session))


def risk_register(
    svc: AppServices, actor: Actor, since: date | None = None
) -> list[RiskRegisterRow]:
    """The Attendance & Punctuality Risk Register: one row per placement with counted sessions
    (its marks and its expected sessions whose register has closed), lowest rate first; with
    `since`, only the placements running on or after that day (the Attendance tab shows this
    school year's first)."""
    with svc.read(actor, Permission.VIEW_ATTENDANCE) as session:
        rows = _risk_rows(session, svc, since=since)
    return sorted(rows, key=lambda r: r.risk.rate if r.risk.rate is not None else 2.0)


class _Placed(NamedTuple):
    """A placement as the risk register reads it: its dates and pattern, and who and where."""

    id: int
    pupil_id: int
    upn: str
    pupil: str
    provider: str
    start_date: date
    planned_end_date: date | None
    ended_on: date | None
    weekly_pattern: str


def _risk_placements(
    session: DbSession, today: date, only: int | None, since: date | None
) -> list[_Placed]:
    """Every placement started by `today` (or just `only`; or those running on or after
    `since`), as plain rows in the order of their ids."""
    p, u, pr = t.placement.c, t.pupil.c, t.provider.c
    query = (
        select(
            p.id,
            p.pupil_id,
            u.upn,
            u.preferred_name,
            u.legal_first_name,
            u.legal_last_name,
            pr.name,
            p.start_date,
            p.planned_end_date,
            p.ended_on,
            p.weekly_pattern,
        )
        .select_from(t.placement.join(t.pupil, u.id == p.pupil_id))
        .outerjoin(t.provider, pr.id == p.provider_id)
        .where(p.start_date <= today, true() if only is None else p.id == only)
        .order_by(p.id)
    )
    if since is not None:  # narrowed in SQL as `last_day` reads them; `reaches` decides
        end = func.coalesce(p.ended_on, p.planned_end_date)
        query = query.where(or_(end.is_(None), end >= since))
    found = [
        _Placed(i, pupil, upn, display_name(preferred, first, last), provider or "", *dates)
        for i, pupil, upn, preferred, first, last, provider, *dates in session.execute(query)
    ]
    return found if since is None else [placed for placed in found if rules.reaches(placed, since)]


def _risk_rows(
    session: DbSession, svc: AppServices, only: int | None = None, since: date | None = None
) -> list[RiskRegisterRow]:
    today, now = svc.clock.today(), svc.clock.now()
    calendar, closes = school_calendar(session), register_closes(session)
    placements = _risk_placements(session, today, only, since)
    every = only is None and since is None
    coded = coded_weeks(session, [placed.id for placed in placements], read_all=every)
    rows = []
    for placed, coded_of in zip(placements, coded, strict=True):
        expected = rules.expected_weeks(placed, calendar, placed.start_date, today)
        closed = rules.closed_weeks(expected, now, closes)
        weeks = rules.weeks_counted(coded_of, closed)
        if weeks:
            risk = rules.risk_row_of(weeks, today, placed.pupil_id, placed.id)
            rows.append(
                RiskRegisterRow(
                    placed.pupil_id, placed.upn, placed.pupil, placed.provider, placed.id, risk
                )
            )
    return rows


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
    """Sessions in the last fortnight with no mark once their register closed, or marked N or O,
    at every placement whose dates include the day, whatever its state."""
    today = svc.clock.today()
    with svc.read(actor, Permission.VIEW_ATTENDANCE) as session:
        return find_unexplained(session, svc, today)


@dataclass(frozen=True)
class PlacementAbsences:
    """One placement's expected sessions in the look-back window and those unexplained."""

    placement: Placement
    expected: list[tuple[date, Session]]
    unexplained: list[rules.UnexplainedSession]


def absences_by_placement(
    session: DbSession, svc: AppServices, today: date
) -> list[PlacementAbsences]:
    """Every placement whose dates touch the last fortnight, whatever its state."""
    calendar = school_calendar(session)
    first = today - timedelta(days=LOOK_BACK_DAYS)
    closes, now = register_closes(session), svc.clock.now()
    found = []
    placements = _placements_in(session, first, today, lean=True)
    window = _codes_of(session, {p.pupil_id for p in placements}, first, today)
    for placement in placements:
        expected = rules.expected_sessions(placement, calendar, first, today)
        marks = [m for m in window.get(placement.pupil_id, []) if rules.covers(placement, m.date)]
        missed = rules.unexplained_absences(
            placement.pupil_id, expected, marks, now, closes, placement.id
        )
        found.append(PlacementAbsences(placement, expected, missed))
    return found


def find_unexplained(
    session: DbSession, svc: AppServices, today: date
) -> list[rules.UnexplainedSession]:
    found = [u for p in absences_by_placement(session, svc, today) for u in p.unexplained]
    return sorted(found, key=lambda u: (u.date, u.session, u.pupil_id or 0))
