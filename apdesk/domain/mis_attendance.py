"""The attendance file for the school's MIS: one row per pupil per session at provision.

The MIS holds the school's register, so `Mark` is the school's final code: what the school
decided, never the provider's report promoted to it. The report is kept apart in
`Provider Mark`, so the attendance officer sees where the two differ; an MIS import maps only
UPN, Date, Session and Mark. A session with no final code keeps its row with an empty Mark,
and `Status` says why (the provider's report still waits for the school's code, or nothing
at all was recorded once the register closed), so a gap shows instead of vanishing.

Only school days inside the placement's dates are sessions: a weekend, holiday or closure is
never exported (a mark left on a day the school later made a closure stays in APDesk). A
placement only proposed has no sessions. A pupil without a UPN cannot be matched by an MIS:
their sessions are left out, and the caller names them.

`Date` is dd/mm/yyyy, as UK MIS import screens and their own exports write it; `ISO Date`
(2026-11-28) is there for scripts and cannot be read month first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from apdesk.domain.attendance import PlacementDates, RegisterCloses, covers, expected_sessions
from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.enums import PlacementStatus, Session

HEADER = (
    "UPN", "Legal Surname", "Legal Forename", "Date", "Session", "Mark", "Provider Mark",
    "Status", "ISO Date", "Provider", "Placement ID",
)  # fmt: skip
FINAL = "final"
AWAITING = "awaiting final code"
UNMARKED = "no mark"
#: Which row wins when two placements share a session: a final code, then a report.
_RANK = {FINAL: 0, AWAITING: 1, UNMARKED: 2}


class PlacementAt(PlacementDates, Protocol):
    """What the file reads of a placement: a `Placement`, or a plain row of it."""

    @property
    def id(self) -> int | None: ...
    @property
    def status(self) -> PlacementStatus: ...


class MarkAt(Protocol):
    """What the file reads of a mark: an `AttendanceMark`, or a plain row of it."""

    @property
    def date(self) -> date: ...
    @property
    def session(self) -> Session: ...
    @property
    def code(self) -> str | None: ...
    @property
    def provider_reported_code(self) -> str | None: ...


class Named(Protocol):
    """Who a row is for: a `Pupil`, or a plain row of one."""

    @property
    def upn(self) -> str: ...
    @property
    def legal_last_name(self) -> str: ...
    @property
    def legal_first_name(self) -> str: ...


@dataclass(frozen=True)
class MisSession:
    """One session as the MIS file gives it."""

    day: date
    session: Session
    mark: str
    provider_mark: str
    status: str
    placement_id: int | None


def _clean(code: str | None) -> str:
    return (code or "").strip().upper()


def placement_sessions(
    placement: PlacementAt,
    marks: Iterable[MarkAt],
    calendar: SchoolCalendar,
    now: datetime,
    closes: RegisterCloses,
) -> list[MisSession]:
    """The placement's sessions up to `now`: each school day's mark inside its dates, and each
    expected session still unmarked once its register closed."""
    if placement.status is PlacementStatus.PROPOSED:
        return []
    found: dict[tuple[date, Session], MisSession] = {}
    for day, part in expected_sessions(placement, calendar, placement.start_date, now.date()):
        if closes.closed(day, part, now):
            found[(day, part)] = MisSession(day, part, "", "", UNMARKED, placement.id)
    for mark in marks:
        if not (calendar.is_school_day(mark.date) and covers(placement, mark.date)):
            continue
        final, reported = _clean(mark.code), _clean(mark.provider_reported_code)
        if final or reported:
            status = FINAL if final else AWAITING
            found[(mark.date, mark.session)] = MisSession(
                mark.date, mark.session, final, reported, status, placement.id
            )
    return [found[key] for key in sorted(found)]


def merge_sessions(*lists: Iterable[MisSession]) -> list[MisSession]:
    """One pupil's sessions from all their placements, one per session (the most final)."""
    best: dict[tuple[date, Session], MisSession] = {}
    for sessions in lists:
        for item in sessions:
            key = (item.day, item.session)
            if key not in best or _RANK[item.status] < _RANK[best[key].status]:
                best[key] = item
    return [best[key] for key in sorted(best)]


def mis_row(pupil: Named, provider: str, item: MisSession) -> list[str]:
    """One session in HEADER's order."""
    return [
        pupil.upn, pupil.legal_last_name, pupil.legal_first_name, item.day.strftime("%d/%m/%Y"),
        item.session.value, item.mark, item.provider_mark, item.status, item.day.isoformat(),
        provider, str(item.placement_id or ""),
    ]  # fmt: skip
