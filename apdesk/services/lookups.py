"""Reading records by id for every service: fetch one or say plainly it is gone; names by id."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any, Protocol, TypeVar

from sqlalchemy import Select, inspect, select
from sqlalchemy.orm import Session

from apdesk.domain.entities.people import display_name
from apdesk.domain.errors import InvalidInput
from apdesk.storage import mapping  # noqa: F401  (maps the entities: see storage/__init__)
from apdesk.storage import tables as t

T = TypeVar("T")
R = TypeVar("R")


class Identified(Protocol):
    """An entity with an `id`, which the store fills in when the entity is first saved."""

    @property
    def id(self) -> int | None: ...


E = TypeVar("E", bound=Identified)


def persisted_id(entity: Identified) -> int:
    """The id of an entity known to be stored (loaded by a query, or added and flushed)."""
    if entity.id is None:
        raise ValueError(f"This {type(entity).__name__} has not been stored yet, so has no id.")
    return entity.id


def fetch(session: Session, cls: type[T], record_id: int | None, noun: str) -> T:
    """The record with this id, or a clear message (it may have been removed meanwhile)."""
    found = session.get(cls, record_id) if record_id is not None else None
    if found is None:
        raise InvalidInput(f"That {noun} could not be found. It may have been removed.")
    return found


def name_map(session: Session, cls: type[E], attr: str = "name") -> dict[int, str]:
    """Each record's `attr` by id; a stored column is read as plain rows (a provider's
    name without its sites, checks and Annex B loaded), anything else from the records."""
    table = inspect(cls).local_table
    if attr in table.c:
        return {row[0]: row[1] for row in session.execute(select(table.c.id, table.c[attr]))}
    return {persisted_id(row): getattr(row, attr) for row in session.scalars(select(cls))}


#: The columns a pupil's name on a list is made from (`joined_name`), for a list's query that
#: joins its rows to their pupils.
NAME_COLUMNS = (t.pupil.c.preferred_name, t.pupil.c.legal_first_name, t.pupil.c.legal_last_name)


def joined_name(preferred: str | None, first: str | None, last: str | None) -> str:
    """The name as lists show it from `NAME_COLUMNS` outer-joined: "?" where no pupil is."""
    return "?" if first is None or last is None else display_name(preferred or "", first, last)


def pupil_names(session: Session, among: Select[tuple[int]] | None = None) -> dict[int, str]:
    """Each pupil's name as lists show it, by id, read as plain rows (no pupil records and
    their carers loaded just for a name); once per `one_read`, however many lines ask. With
    `among`, only the pupils whose ids it selects (a list of a hundred referrals names a
    hundred pupils, not the whole roll), read each time."""
    p = t.pupil.c
    query = select(p.id, *NAME_COLUMNS)

    def read() -> dict[int, str]:
        rows = session.execute(query if among is None else query.where(p.id.in_(among)))
        return {i: display_name(preferred, first, last) for i, preferred, first, last in rows}

    return read() if among is not None else read_once(session, "pupil_names", read)


#: Where `AppServices.one_read` keeps what `read_once` has read, in its session's `info`.
READ_ONCE = "apdesk.read_once"


def read_once(session: Session, key: str, read: Callable[[], R]) -> R:
    """`read()` once per `one_read` (every read inside shares its session, and the store does
    not change under it), and each time outside one. Callers must not change the answer."""
    memo: dict[str, Any] | None = session.info.get(READ_ONCE)
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    answer: R = memo[key]
    return answer


def placement_pupils(session: Session, among: Select[tuple[int]] | None = None) -> dict[int, int]:
    """Each placement's pupil id, by placement id, read as plain rows; with `among`, only the
    placements whose ids it selects."""
    p = t.placement.c
    query = select(p.id, p.pupil_id)
    rows = session.execute(query if among is None else query.where(p.id.in_(among)))
    return {placement_id: pupil_id for placement_id, pupil_id in rows}


def driver_rows(session: Session, sql: str) -> list[tuple[Any, ...]]:
    """Every row of `sql` as the driver's own tuples, in the session's transaction: for a
    long list, where SQLAlchemy's result rows (and its reading of each value) would only
    cost time. Its values are as stored: a day is ISO text (`days_from_text`)."""
    driver = session.connection().connection.driver_connection
    assert driver is not None  # a checked-out connection always has one
    rows: list[tuple[Any, ...]] = driver.execute(sql).fetchall()
    return rows


def days_from_text(texts: Iterable[str | None]) -> dict[str | None, date | None]:
    """Each stored day among `texts` (ISO text, as SQLAlchemy stores a `Date` in SQLite) as
    a date, and None as None: each distinct day read once, however many rows hold it."""
    days: dict[str | None, date | None] = {
        text: date.fromisoformat(text) for text in set(texts) if text is not None
    }
    days[None] = None
    return days


def name_for(names: Mapping[int, str], record_id: int | None, default: str = "") -> str:
    """The name a reference points at; `default` when it is unset or unknown."""
    return default if record_id is None else names.get(record_id, default)
