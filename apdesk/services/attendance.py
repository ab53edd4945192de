"""Attendance: the weekly register, recording marks, the risk register and unexplained absences.

What the provider reported is kept apart from the final code the school records, so a
disputed session can be traced (who said what, when, how).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from sqlalchemy import Integer, String, case, cast, func, literal, or_, select
from sqlalchemy.orm import Session as DbSession

from apdesk.domain import attendance as rules
from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.codes import CODES, LATE_CODES
from apdesk.domain.entities import AttendanceMark, Placement, Provider, Pupil
from apdesk.domain.enums import ReportMethod, Session
from apdesk.domain.errors import InvalidInput
from apdesk.domain.formatting import format_date
from apdesk.domain.marking import check_code, check_mark, suggested_code
from apdesk.domain.permissions import Permission
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.services.changes import RecordKind
from apdesk.services.lookups import fetch, name_for, name_map, persisted_id
from apdesk.services.school import find_school, school_calendar
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


def _placements_in(session: DbSession, first: date, last: date) -> list[Placement]:
    """Every placement whose dates overlap `first` to `last`, whatever its lifecycle state."""
    p = t.placement.c
    # Narrowed in SQL to those that could end on or after `first`; `last_day` decides.
    could_reach = or_(
        p.ended_on.is_(None),
        p.ended_on >= first,
        p.planned_end_date.is_(None),
        p.planned_end_date >= first,
    )
    found = session.scalars(select(Placement).where(p.start_date <= last, could_reach))
    return [p for p in found if (rules.last_day(p) or last) >= first]


def _marks(
    session: DbSession, placement: Placement, first: date, last: date
) -> list[AttendanceMark]:
    """The pupil's marks from `first` to `last` on days the placement covers."""
    found = session.scalars(
        select(AttendanceMark).where(
            t.attendance_mark.c.pupil_id == placement.pupil_id,
            t.attendance_mark.c.date >= first,
            t.attendance_mark.c.date <= last,
        )
    )
    return [m for m in found if rules.covers(placement, m.date)]


def _marks_of(
    session: DbSession, pupil_ids: set[int | None], first: date, last: date
) -> dict[int | None, list[AttendanceMark]]:
    """These pupils' marks from `first` to `last`, by pupil: one query for them all (each
    placement then keeps the days it covers, as `_marks` does)."""
    m = t.attendance_mark.c
    found: dict[int | None, list[AttendanceMark]] = {}
    query = select(AttendanceMark).where(
        m.pupil_id.in_([i for i in pupil_ids if i is not None]), m.date >= first, m.date <= last
    )
    for mark in session.scalars(query):
        found.setdefault(mark.pupil_id, []).append(mark)
    return found


def register_closes(session: DbSession) -> rules.RegisterCloses:
    """When the school's AM and PM registers close (10:00 and 14:30 until it sets its own)."""
    school = find_school(session)
    if school is None:
        return rules.DEFAULT_CLOSES
    return rules.RegisterCloses(school.am_register_closes, school.pm_register_closes)


def week_grid(svc: AppServices, actor: Actor, any_day: date) -> RegisterWeek:
    monday = any_day - timedelta(days=any_day.weekday())
    days = [monday + timedelta(days=i) for i in range(5)]
    with svc.read(actor, Permission.VIEW_ATTENDANCE) as session:
        calendar = school_calendar(session)
        school_days = [d for d in days if calendar.is_school_day(d)]
        pupils = {p.id: p for p in session.scalars(select(Pupil))}
        providers = name_map(session, Provider)
        closes = register_closes(session)
        rows = [
            _register_row(
                session,
                svc,
                p,
                pupils[p.pupil_id],
                name_for(providers, p.provider_id),
                (calendar, days, closes),
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
    week: tuple[SchoolCalendar, list[date], rules.RegisterCloses],
) -> RegisterRow:
    calendar, days, closes = week
    marks = _marks(session, placement, days[0], days[-1])
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
        uow.audit("attendance.record", RecordKind.ATTENDANCE, None, new={"marks": changed})
        return len(changed)


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


def risk_register(svc: AppServices, actor: Actor) -> list[RiskRegisterRow]:
    """The Attendance & Punctuality Risk Register: one row per placement with counted sessions
    (its marks and its expected sessions whose register has closed)."""
    today, now = svc.clock.today(), svc.clock.now()
    with svc.read(actor, Permission.VIEW_ATTENDANCE) as session:
        pupils = {p.id: p for p in session.scalars(select(Pupil))}
        providers = name_map(session, Provider)
        calendar, closes = school_calendar(session), register_closes(session)
        coded = coded_weeks(session)
        rows = []
        for placement in _placements_in(session, date.min, today):
            expected = rules.expected_sessions(placement, calendar, placement.start_date, today)
            closed = [key for key in expected if closes.closed(*key, now)]
            weeks = weeks_counted(coded.get(persisted_id(placement), {}), closed)
            if not weeks:
                continue
            pupil = pupils[placement.pupil_id]
            rows.append(
                RiskRegisterRow(
                    persisted_id(pupil),
                    pupil.upn,
                    pupil.display_name,
                    name_for(providers, placement.provider_id),
                    persisted_id(placement),
                    rules.risk_row_of(weeks, today, pupil.id, placement.id),
                )
            )
        return sorted(rows, key=lambda r: r.risk.rate if r.risk.rate is not None else 2.0)


@dataclass(frozen=True)
class CodedWeek:
    """One placement's coded marks in one week, tallied by the database: the tallies, and
    which of the week's fourteen sessions are coded (bit 2 * weekday, plus 1 for PM)."""

    tally: rules.WeekTally
    sessions: int


def _code_kinds() -> dict[str, list[str]]:
    kinds: dict[str, list[str]] = {}
    for code in CODES:
        kinds.setdefault(rules.kind_of(code), []).append(code)
    return kinds


def coded_weeks(session: DbSession) -> dict[int, dict[date, CodedWeek]]:
    """Every placement's coded marks, tallied week by week in SQL (GROUP BY over the code
    classes of domain/codes.py), without loading a mark."""
    m = t.attendance_mark.c
    raw = func.coalesce(func.nullif(m.code, ""), m.provider_reported_code)
    weekday = (cast(func.strftime("%w", m.date), Integer) + 6) % 7
    marks = (
        select(
            m.placement_id,
            func.date(m.date, literal("-").concat(cast(weekday, String)).concat(" days")).label(
                "monday"
            ),
            func.nullif(func.upper(func.trim(raw)), "").label("code"),
            (weekday * 2 + case((m.session == Session.PM, 1), else_=0)).label("bit"),
        )
        .where(m.placement_id.is_not(None))
        .subquery()
    )
    kind = case(
        *((marks.c.code.in_(codes), name) for name, codes in _code_kinds().items()),
        else_="unknown",
    )
    query = (
        select(
            marks.c.placement_id,
            marks.c.monday,
            *(func.sum(case((kind == name, 1), else_=0)) for name in (*rules.TALLIES, "unknown")),
            func.sum(case((marks.c.code.in_(sorted(LATE_CODES)), 1), else_=0)),
            func.sum(literal(1).op("<<")(marks.c.bit)),
        )
        .where(marks.c.code.is_not(None))
        .group_by(marks.c.placement_id, marks.c.monday)
    )
    found: dict[int, dict[date, CodedWeek]] = {}
    for placement_id, monday, *tallies, late, sessions in session.execute(query):
        *by_kind, unknown = tallies
        if unknown:
            raise InvalidInput("A mark in this store has a code that is not a DfE attendance code.")
        day = date.fromisoformat(monday)
        values = dict(zip(rules.TALLIES, by_kind, strict=True))
        found.setdefault(placement_id, {})[day] = CodedWeek(
            rules.WeekTally(day, late=late, **values), sessions
        )
    return found


def weeks_counted(
    coded: dict[date, CodedWeek], closed: Iterable[tuple[date, Session]]
) -> list[rules.WeekTally]:
    """A placement's weekly tallies: its coded marks, and each expected session whose register
    has closed with no code (`closed`: every expected session closed by now)."""
    expected: dict[date, int] = {}
    for day, sess in closed:
        monday = rules.monday_of(day)
        expected[monday] = expected.get(monday, 0) | 1 << (day.weekday() * 2 + (sess is Session.PM))
    weeks = []
    for monday in sorted(expected.keys() | coded.keys()):
        week = coded.get(monday)
        unmarked = (expected.get(monday, 0) & ~(week.sessions if week else 0)).bit_count()
        tally = week.tally if week else rules.WeekTally(monday)
        weeks.append(replace(tally, unmarked=unmarked) if unmarked else tally)
    return weeks


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
    placements = _placements_in(session, first, today)
    window = _marks_of(session, {p.pupil_id for p in placements}, first, today)
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
