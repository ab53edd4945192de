"""Attendance figures: rates, the Attendance & Punctuality Risk Register, first-day follow-up.

Definitions (policy §9, DOMAIN.md rules 5 and 6):
- A mark counts by its final code, or the provider's reported code until the school sets
  one; a mark with neither is ignored. Rate = present ÷ possible; Q, D, X, Y1 to Y7, Z and #
  are not possible sessions.
- Persistent absence: rate below 90%; severe absence: below 50% (a severe row is also
  flagged persistent, as the DfE counts severe absentees among persistent ones).
- Lateness: 3 or more sessions coded L or U.
- Falling: among complete weeks (Monday to Friday, Friday before `today`) with any
  possible sessions, the last two each have a lower rate than the week before them.
- Unexplained absence: a school-day session with no mark once the session should have
  been registered (morning after 12:00, afternoon after the end of the day), or a mark of
  N or O. Each needs first-day follow-up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from apdesk.domain.codes import LATE_CODES, UNEXPLAINED_CODES, lookup
from apdesk.domain.entities.records import AttendanceMark
from apdesk.domain.enums import Session

LATE_THRESHOLD = 3
MORNING_ENDS = time(12, 0)
DAY_ENDS = time(15, 30)


@dataclass(frozen=True)
class AttendanceSummary:
    possible: int = 0
    present: int = 0
    late_count: int = 0

    @property
    def rate(self) -> float | None:
        """Present ÷ possible, as a fraction (0.85 for 85%), or None with no possible session."""
        return self.present / self.possible if self.possible else None

    @property
    def persistent(self) -> bool:
        """Below 90%, compared in whole numbers so 18 of 20 is exactly 90% (not persistent)."""
        return self.possible > 0 and self.present * 10 < self.possible * 9

    @property
    def severe(self) -> bool:
        return self.possible > 0 and self.present * 2 < self.possible


def _code(mark: AttendanceMark) -> str | None:
    code = mark.effective_code
    return code.strip().upper() if code and code.strip() else None


def summarise(marks: Iterable[AttendanceMark]) -> AttendanceSummary:
    """Possible, present and late sessions over the marks given; unknown codes are refused."""
    possible = present = late = 0
    for mark in marks:
        code = _code(mark)
        if code is None:
            continue
        entry = lookup(code)
        possible += entry.counts_possible
        present += entry.counts_present
        late += code in LATE_CODES
    return AttendanceSummary(possible, present, late)


def for_pupil(marks: Iterable[AttendanceMark], pupil_id: int | None) -> list[AttendanceMark]:
    return [m for m in marks if m.pupil_id == pupil_id]


def for_placement(
    marks: Iterable[AttendanceMark], placement_id: int | None
) -> list[AttendanceMark]:
    return [m for m in marks if m.placement_id == placement_id]


@dataclass(frozen=True)
class WeekRate:
    week_start: date
    summary: AttendanceSummary


def weekly_rates(marks: Iterable[AttendanceMark]) -> list[WeekRate]:
    """One summary per Monday-to-Sunday week that has marks, oldest first."""
    weeks: dict[date, list[AttendanceMark]] = {}
    for mark in marks:
        monday = mark.date - timedelta(days=mark.date.weekday())
        weeks.setdefault(monday, []).append(mark)
    return [WeekRate(w, summarise(weeks[w])) for w in sorted(weeks)]


def is_falling(marks: Iterable[AttendanceMark], today: date) -> bool:
    """The last two complete weeks each had a lower rate than the week before them."""
    complete = [
        w.summary.present / w.summary.possible
        for w in weekly_rates(marks)
        if w.week_start + timedelta(days=4) < today and w.summary.possible
    ]
    if len(complete) < 3:
        return False
    first, second, third = complete[-3:]
    return second < first and third < second


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


def risk_row(
    marks: Iterable[AttendanceMark],
    today: date,
    pupil_id: int | None = None,
    placement_id: int | None = None,
) -> RiskRow:
    """The register row for the marks given (normally one placement's marks)."""
    marks = list(marks)
    summary = summarise(marks)
    flags = []
    if summary.persistent:
        flags.append("persistent")
    if summary.severe:
        flags.append("severe")
    if summary.late_count >= LATE_THRESHOLD:
        flags.append("lateness")
    if is_falling(marks, today):
        flags.append("falling")
    return RiskRow(
        summary.possible,
        summary.present,
        summary.rate,
        summary.late_count,
        flags,
        pupil_id,
        placement_id,
    )


@dataclass(frozen=True)
class UnexplainedSession:
    """A session that needs first-day follow-up, and why."""

    pupil_id: int | None
    date: date
    session: Session
    reason: str
    placement_id: int | None = None


def _due_by(day: date, session: Session, day_ends: time) -> datetime:
    return datetime.combine(day, MORNING_ENDS if session is Session.AM else day_ends)


def unexplained_absences(
    pupil_id: int | None,
    school_days: Iterable[date],
    marks: Iterable[AttendanceMark],
    now: datetime,
    placement_id: int | None = None,
    day_ends: time = DAY_ENDS,
) -> list[UnexplainedSession]:
    """Sessions on the given school days with no mark when one was due, or marked N or O."""
    by_session = {(m.date, m.session): m for m in marks if m.pupil_id == pupil_id}
    found = []
    for day in sorted(school_days):
        for session in (Session.AM, Session.PM):
            mark = by_session.get((day, session))
            code = _code(mark) if mark else None
            if code in UNEXPLAINED_CODES:
                reason = f"marked {code}"
            elif code is None and now >= _due_by(day, session, day_ends):
                reason = "no mark"
            else:
                continue
            found.append(UnexplainedSession(pupil_id, day, session, reason, placement_id))
    return found
