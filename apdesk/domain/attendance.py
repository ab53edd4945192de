"""Attendance figures: expected sessions, rates, the risk register, first-day follow-up.

Definitions (policy §9, DOMAIN.md rules 5 and 6):
- Expected sessions: the placement's weekly pattern (every session when it has none) on
  school days within the placement's dates, whatever its lifecycle state.
- A session's register closes at a time the school sets (10:00 for AM, 14:30 for PM by
  default). An expected session with no mark once its register has closed is an
  unexplained absence *and* a possible session, counted absent until it is coded.
- A mark counts by its final code, or the provider's reported code until the school sets
  one. Rate = present ÷ possible; Q, D, X, Y1 to Y7, Z and # are not possible sessions.
- Persistent absence: missing 10% or more of possible sessions; severe: 50% or more (DfE
  "or more", compared in whole numbers so exactly 10% is persistent). A severe row is also
  flagged persistent, as the DfE counts severe absentees among persistent ones.
- Lateness: 3 or more sessions coded L or U.
- Falling: among complete weeks (Monday to Friday, Friday before `today`) with any
  possible sessions, the last two each have a lower rate than the week before them.
- Unexplained absence: an expected session with no mark once its register has closed, or
  a session marked N or O. Each needs first-day follow-up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import NamedTuple, Protocol

from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.codes import LATE_CODES, UNEXPLAINED_CODES, CodeCategory, lookup
from apdesk.domain.entities.attendance import AttendanceMark
from apdesk.domain.enums import Session
from apdesk.domain.placements import parse_pattern

LATE_THRESHOLD = 3
SessionKey = tuple[date, Session]
#: A counted session and its code; None is an expected session whose register closed unmarked.
Counted = Mapping[SessionKey, str | None]
#: Sessions of one Monday-to-Sunday week as bits: bit 2 * weekday for AM, one more for PM.
SessionMask = int
EVERY_SESSION: SessionMask = (1 << 14) - 1
#: The sessions of each set of weekdays (bit d for weekday d): both bits of each day.
_SESSIONS_OF_DAYS = [sum(3 << 2 * d for d in range(7) if days >> d & 1) for days in range(128)]


class PlacementDates(Protocol):
    """What the attendance rules read of a placement: a `Placement`, or a plain row of it."""

    @property
    def start_date(self) -> date: ...
    @property
    def planned_end_date(self) -> date | None: ...
    @property
    def ended_on(self) -> date | None: ...
    @property
    def weekly_pattern(self) -> str: ...


@dataclass(frozen=True)
class RegisterCloses:
    """When each session's register closes: after that an unmarked session is an absence."""

    am: time = time(10, 0)
    pm: time = time(14, 30)

    def at(self, session: Session) -> time:
        return self.am if session is Session.AM else self.pm

    def closed(self, day: date, session: Session, now: datetime) -> bool:
        return now >= datetime.combine(day, self.at(session))


DEFAULT_CLOSES = RegisterCloses()


def last_day(placement: PlacementDates) -> date | None:
    """The placement's last day: when it ended, else its planned end (None: open-ended)."""
    return placement.ended_on or placement.planned_end_date


def reaches(placement: PlacementDates, day: date) -> bool:
    """The placement runs on `day` or later (open-ended ones always do)."""
    end = last_day(placement)
    return end is None or end >= day


def covers(placement: PlacementDates, day: date) -> bool:
    """The placement's dates include `day`."""
    end = last_day(placement)
    return placement.start_date <= day and (end is None or day <= end)


def session_bit(day: date, session: Session) -> SessionMask:
    """The session's bit in its week's `SessionMask`."""
    return 1 << (day.weekday() * 2 + (session is Session.PM))


@cache  # a school has a handful of patterns, and the register asks for each placement's
def pattern_mask(weekly_pattern: str) -> SessionMask:
    """The weekly pattern's sessions ('Mon AM, Wed PM'); every session when it is blank."""
    pattern = parse_pattern(weekly_pattern)
    return sum(1 << (d * 2 + (s is Session.PM)) for d, s in pattern) if pattern else EVERY_SESSION


def expected_weeks(
    placement: PlacementDates, calendar: SchoolCalendar, first: date, last: date
) -> dict[date, SessionMask]:
    """The sessions from `first` to `last` (inclusive) the pupil should be at provision, by
    Monday: the pattern on the week's school days within the placement (weeks with none left
    out). One step a week, not a day: the risk register asks this of every placement."""
    end = last_day(placement)
    start, stop = max(first, placement.start_date), min(last, end) if end else last
    pattern = pattern_mask(placement.weekly_pattern)
    weeks = {
        monday: mask
        for monday, days in calendar.school_weeks(start, stop)
        if (mask := _SESSIONS_OF_DAYS[days] & pattern)
    }
    begin, close = monday_of(start), monday_of(stop)
    for monday in {begin, close} & weeks.keys():  # the first and last weeks: their days between
        mask = weeks[monday]
        if monday == begin:
            mask &= ~((1 << 2 * start.weekday()) - 1)
        if monday == close:
            mask &= (1 << 2 * (stop.weekday() + 1)) - 1
        if mask:
            weeks[monday] = mask
        else:
            del weeks[monday]
    return weeks


def sessions_of(weeks: Mapping[date, SessionMask]) -> list[SessionKey]:
    """The sessions in weekly masks, in order (day, then AM before PM)."""
    return [
        (monday + timedelta(days=bit // 2), Session.PM if bit & 1 else Session.AM)
        for monday in sorted(weeks)
        for bit in range(14)
        if weeks[monday] >> bit & 1
    ]


def expected_sessions(
    placement: PlacementDates, calendar: SchoolCalendar, first: date, last: date
) -> list[SessionKey]:
    """The sessions from `first` to `last` (inclusive) the pupil should be at provision."""
    return sessions_of(expected_weeks(placement, calendar, first, last))


def closed_weeks(
    weeks: Mapping[date, SessionMask], now: datetime, closes: RegisterCloses = DEFAULT_CLOSES
) -> dict[date, SessionMask]:
    """Of these sessions, those whose register has closed by `now` (weeks left empty dropped)."""
    this_week = monday_of(now.date())
    closed = {monday: mask for monday, mask in weeks.items() if monday < this_week}
    mask = weeks.get(this_week, 0)
    for day, session in sessions_of({this_week: mask}):
        if not closes.closed(day, session, now):
            mask &= ~session_bit(day, session)
    if mask:
        closed[this_week] = mask
    return closed


class MarkCode(Protocol):
    """What first-day follow-up reads of a mark: an `AttendanceMark`, or a plain row of it."""

    @property
    def pupil_id(self) -> int | None: ...
    @property
    def date(self) -> date: ...
    @property
    def session(self) -> Session: ...
    @property
    def effective_code(self) -> str | None: ...


def _code(mark: MarkCode | None) -> str | None:
    code = mark.effective_code if mark else None
    return code.strip().upper() if code and code.strip() else None


def counted_sessions(
    marks: Iterable[AttendanceMark],
    expected: Iterable[SessionKey],
    now: datetime | None = None,
    closes: RegisterCloses = DEFAULT_CLOSES,
) -> dict[SessionKey, str | None]:
    """Every session that counts: each coded mark, and each expected session without a
    code whose register has closed by `now` (every one, when `now` is None)."""
    counted: dict[SessionKey, str | None] = {
        key: None for key in expected if now is None or closes.closed(*key, now)
    }
    for mark in marks:
        code = _code(mark)
        if code is not None:
            counted[(mark.date, mark.session)] = code
    return counted


@dataclass(frozen=True)
class AttendanceSummary:
    """Counted sessions by kind. possible = present + authorised + unauthorised + unmarked."""

    possible: int = 0
    present: int = 0
    late_count: int = 0
    authorised: int = 0
    unauthorised: int = 0
    unmarked: int = 0
    not_possible: int = 0

    @property
    def missed(self) -> int:
        return self.possible - self.present

    @property
    def rate(self) -> float | None:
        """Present ÷ possible, as a fraction (0.85 for 85%), or None with no possible session."""
        return self.present / self.possible if self.possible else None

    @property
    def persistent(self) -> bool:
        """10% or more of possible sessions missed: 2 of 20 (exactly 90%) is persistent."""
        return self.possible > 0 and self.missed * 10 >= self.possible

    @property
    def severe(self) -> bool:
        """50% or more of possible sessions missed: 2 of 4 is severe."""
        return self.possible > 0 and self.missed * 2 >= self.possible


#: How a counted code tallies: its `AttendanceSummary` field (late is counted besides).
PRESENT, AUTHORISED, UNAUTHORISED, UNMARKED, NOT_POSSIBLE = (
    "present",
    "authorised",
    "unauthorised",
    "unmarked",
    "not_possible",
)
TALLIES = (PRESENT, AUTHORISED, UNAUTHORISED, UNMARKED, NOT_POSSIBLE)


def kind_of(code: str | None) -> str:
    """The tally a counted session goes in; unknown codes are refused (InvalidInput)."""
    if code is None:
        return UNMARKED
    entry = lookup(code)
    if entry.counts_present:
        return PRESENT
    if entry.category is CodeCategory.AUTHORISED:
        return AUTHORISED
    if entry.category is CodeCategory.UNAUTHORISED:
        return UNAUTHORISED
    return NOT_POSSIBLE


class WeekTally(NamedTuple):
    """One Monday-to-Sunday week's counted sessions by kind: what the risk register's rules
    need, whether tallied here from counted sessions or aggregated by the database (a
    tuple: the register makes one for every week of every placement)."""

    monday: date
    present: int = 0
    authorised: int = 0
    unauthorised: int = 0
    unmarked: int = 0
    not_possible: int = 0
    late: int = 0

    @property
    def possible(self) -> int:
        return self.present + self.authorised + self.unauthorised + self.unmarked


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def tally_weeks(counted: Counted) -> list[WeekTally]:
    """Counted sessions tallied week by week, oldest first (weeks with none left out)."""
    weeks: dict[date, dict[str, int]] = {}
    for (day, _session), code in counted.items():
        tally = weeks.setdefault(monday_of(day), dict.fromkeys((*TALLIES, "late"), 0))
        tally[kind_of(code)] += 1
        tally["late"] += code in LATE_CODES
    return [WeekTally(monday, **weeks[monday]) for monday in sorted(weeks)]


class CodedWeek(NamedTuple):
    """One placement's coded marks in one week, as the database tallies them: the tallies, and
    which of the week's sessions are coded."""

    tally: WeekTally
    sessions: SessionMask


def weeks_counted(
    coded: Mapping[date, CodedWeek], closed: Mapping[date, SessionMask]
) -> list[WeekTally]:
    """A placement's weekly tallies, oldest first: its coded marks, and each expected session
    whose register has closed with no code (`closed`: the expected sessions closed by now)."""
    weeks = []
    for monday in sorted(closed.keys() | coded.keys()):
        week = coded.get(monday)
        unmarked = (closed.get(monday, 0) & ~(week.sessions if week else 0)).bit_count()
        tally = week.tally if week else WeekTally(monday)
        weeks.append(tally._replace(unmarked=unmarked) if unmarked else tally)
    return weeks


def summary_of(weeks: Iterable[WeekTally]) -> AttendanceSummary:
    """The totals of weekly tallies."""
    present = authorised = unauthorised = unmarked = not_possible = late = 0
    for week in weeks:
        present += week.present
        authorised += week.authorised
        unauthorised += week.unauthorised
        unmarked += week.unmarked
        not_possible += week.not_possible
        late += week.late
    return AttendanceSummary(
        present + authorised + unauthorised + unmarked,
        present,
        late_count=late,
        authorised=authorised,
        unauthorised=unauthorised,
        unmarked=unmarked,
        not_possible=not_possible,
    )


def summarise_counted(counted: Counted) -> AttendanceSummary:
    """Tally counted sessions; unknown codes are refused."""
    return summary_of(tally_weeks(counted))


def summarise(
    marks: Iterable[AttendanceMark],
    expected: Iterable[SessionKey],
    now: datetime | None = None,
    closes: RegisterCloses = DEFAULT_CLOSES,
) -> AttendanceSummary:
    """The one attendance rate: coded marks plus expected sessions left unmarked after their
    register closed (by `now`; all of them when `now` is None). Pass `expected=()` only
    where nothing was expected."""
    return summarise_counted(counted_sessions(marks, expected, now, closes))


def for_placement(
    marks: Iterable[AttendanceMark], placement_id: int | None
) -> list[AttendanceMark]:
    return [m for m in marks if m.placement_id == placement_id]


@dataclass(frozen=True)
class WeekRate:
    week_start: date
    summary: AttendanceSummary


def weekly_rates(counted: Counted) -> list[WeekRate]:
    """One summary per Monday-to-Sunday week that has counted sessions, oldest first."""
    return [WeekRate(w.monday, summary_of([w])) for w in tally_weeks(counted)]


def is_falling(counted: Counted, today: date) -> bool:
    """The last two complete weeks each had a lower rate than the week before them."""
    return falling(tally_weeks(counted), today)


def falling(weeks: Sequence[WeekTally], today: date) -> bool:
    """`is_falling` over weekly tallies (oldest first): only the last weeks are read."""
    friday = today - timedelta(days=4)  # a week is complete once its Friday is before today
    latest: list[float] = []  # the rates of the last complete weeks with possible sessions
    for week in reversed(weeks):
        if week.monday < friday and week.possible:
            latest.append(week.present / week.possible)
            if len(latest) == 3:
                third, second, first = latest
                return second < first and third < second
    return False


@dataclass(frozen=True)
class RiskRow:
    """One line of the Attendance & Punctuality Risk Register."""

    possible: int
    present: int
    rate: float | None
    late_count: int
    flags: list[str] = field(default_factory=list)
    pupil_id: int | None = None
    placement_id: int | None = None
    unmarked: int = 0


def risk_row_of(
    weeks: Iterable[WeekTally],
    today: date,
    pupil_id: int | None = None,
    placement_id: int | None = None,
) -> RiskRow:
    """The register row from one placement's weekly tallies, oldest first."""
    weeks = list(weeks)
    summary = summary_of(weeks)
    flags = []
    if summary.persistent:
        flags.append("persistent")
    if summary.severe:
        flags.append("severe")
    if summary.late_count >= LATE_THRESHOLD:
        flags.append("lateness")
    if falling(weeks, today):
        flags.append("falling")
    return RiskRow(
        summary.possible,
        summary.present,
        summary.rate,
        summary.late_count,
        flags,
        pupil_id,
        placement_id,
        summary.unmarked,
    )


@dataclass(frozen=True)
class UnexplainedSession:
    """A session that needs first-day follow-up, and why."""

    pupil_id: int | None
    date: date
    session: Session
    reason: str
    placement_id: int | None = None


def unexplained_absences(
    pupil_id: int | None,
    expected: Iterable[SessionKey],
    marks: Iterable[MarkCode],
    now: datetime,
    closes: RegisterCloses = DEFAULT_CLOSES,
    placement_id: int | None = None,
) -> list[UnexplainedSession]:
    """Expected sessions with no mark once their register closed, and sessions marked N or O.

    `marks` are the pupil's marks within the placement (others' marks are ignored)."""
    by_session = {(m.date, m.session): m for m in marks if m.pupil_id == pupil_id}
    wanted = set(expected)
    found = []
    for day, session in sorted(wanted | set(by_session)):
        code = _code(by_session.get((day, session)))
        if code in UNEXPLAINED_CODES:
            reason = f"marked {code}"
        elif code is None and (day, session) in wanted and closes.closed(day, session, now):
            reason = "no mark"
        else:
            continue
        found.append(UnexplainedSession(pupil_id, day, session, reason, placement_id))
    return found
