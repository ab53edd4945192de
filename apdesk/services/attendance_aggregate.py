"""The risk register's count of coded marks, done by the database: each placement's week tallied.

The database reads the marks off their covering index and hands back one row per placement
and week: the sessions coded as each tally of the domain's (`rules.kind_of` says what each
DfE code counts as; the SQL is written from that table when this module is imported), the
late ones and which sessions were coded. No mark crosses into Python, and the rows are the
driver's own tuples: SQLAlchemy's result rows would only cost time here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from json import dumps
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session as DbSession

from apdesk.domain import attendance as rules
from apdesk.domain.codes import CODES, LATE_CODES
from apdesk.domain.errors import InvalidInput
from apdesk.storage import tables as t

#: A date's Julian day number in SQL; its weekday is the number mod 7 (Monday 0) and a
#: Python ordinal is the number less this.
JULIAN_ORDINAL = 1721425

#: A week's counts packed in one integer while the database sums them: five bits a count (a
#: placement's week has at most 14 sessions, one mark each), in this order, then the day's (or
#: the week's) coded sessions. "unknown" counts codes outside the DfE table.
_COUNTS = (
    rules.PRESENT,
    rules.AUTHORISED,
    rules.UNAUTHORISED,
    rules.NOT_POSSIBLE,
    "late",
    "unknown",
)
_BITS = 5
_SESSIONS = _BITS * len(_COUNTS)
#: What `str.strip()` takes off a code, as SQL: space, tab, line feed, vertical tab, form feed,
#: carriage return.
_SPACE = "' ' || char(9, 10, 11, 12, 13)"


def _count(name: str) -> int:
    return 1 << _BITS * _COUNTS.index(name)


def _value(code: str) -> int:
    """What one mark of this code adds to its week's packed counts."""
    return _count(rules.kind_of(code)) + (_count("late") if code in LATE_CODES else 0)


def _tally_sql(marks: str) -> str:
    """The weekly tallies of the marks `marks` chooses, by placement and week (its Julian day
    number ÷ 7), as (placement, week, the `_COUNTS` in order, coded sessions). A mark counts
    by its final code, else the provider's; a code stored in lower case or padded is read as
    the domain reads it."""
    coded = "coalesce(nullif(code, ''), provider_reported_code)"
    session = f"(1 << {_SESSIONS} + (session = 'PM'))"  # AM one bit, PM the next
    known = " ".join(f"WHEN '{code}' THEN {_value(code)} + {session}" for code in CODES)
    mark = (
        f"CASE {coded} {known} ELSE CASE coalesce(upper(trim({coded}, {_SPACE})), '') "
        f"WHEN '' THEN 0 "
        f"{known} ELSE {_count('unknown')} + {session} END END"
    )
    week = f"sum((v & {(1 << _SESSIONS) - 1}) + (v >> {_SESSIONS} << {_SESSIONS} + day % 7 * 2))"
    counts = ", ".join(f"{week} >> {_BITS * i} & {(1 << _BITS) - 1}" for i in range(len(_COUNTS)))
    return f"""
        SELECT placement_id, day / 7 AS week, {counts}, {week} >> {_SESSIONS} FROM (
            SELECT placement_id, CAST(julianday(date) + 0.5 AS INTEGER) AS day, sum({mark}) AS v
            FROM attendance_mark WHERE {marks} GROUP BY placement_id, date
        ) GROUP BY placement_id, week HAVING {week} ORDER BY placement_id, week"""


_EVERY = _tally_sql("placement_id IS NOT NULL")
_THESE = _tally_sql("placement_id IN (SELECT value FROM json_each(?))")


def coded_weeks(
    session: DbSession, ids: Sequence[int], *, read_all: bool = False
) -> Iterator[dict[date, rules.CodedWeek]]:
    """These placements' coded marks (`ids` ascending), tallied week by week: one dict a
    placement, in turn, as the database's rows arrive (each placement's tallies are made and
    dropped while the next are read, rather than every week held at once). The database
    counts the marks of each kind and which sessions are coded; a code outside the DfE table
    is refused (InvalidInput) as the domain refuses it. `read_all`: every placement's marks
    are read (quicker when `ids` are most of them)."""
    rows = _plain_rows(session, _EVERY) if read_all else _plain_rows(session, _THESE, dumps(ids))
    row = next(rows, None)
    mondays: dict[int, date] = {}
    for wanted in ids:
        weeks = {}
        while row is not None and row[0] <= wanted:
            placement_id, week, present, authorised, unauthorised, other, late, unknown, mask = row
            if placement_id == wanted:
                if unknown:
                    _refuse_unknown(session, wanted)
                monday = mondays.get(week)
                if monday is None:
                    monday = mondays[week] = date.fromordinal(week * 7 - JULIAN_ORDINAL)
                tally = rules.WeekTally(monday, present, authorised, unauthorised, 0, other, late)
                weeks[monday] = rules.CodedWeek(tally, mask)
            row = next(rows, None)
        yield weeks


def _plain_rows(session: DbSession, sql: str, *params: object) -> Iterator[tuple[Any, ...]]:
    """The rows of `sql` as the driver's tuples, one at a time, in the session's transaction."""
    driver = session.connection().connection.driver_connection
    assert driver is not None  # a checked-out connection always has one
    return iter(driver.execute(sql, params))


def _refuse_unknown(session: DbSession, placement_id: int) -> None:
    """Raise the domain's own refusal of the placement's code outside the DfE table; or, for
    a code the domain reads and the query cannot (padded with some other space than
    `_SPACE`'s, which the program never stores), refuse it too rather than miscount it."""
    m = t.attendance_mark.c
    raw = func.coalesce(func.nullif(m.code, ""), m.provider_reported_code)
    for code in session.scalars(select(raw).where(m.placement_id == placement_id)):
        if code and code.strip():
            rules.kind_of(code)  # raises for a code outside the table
    raise InvalidInput("An attendance code here has spaces around it the register cannot read.")
