"""Small helpers every service uses: fetch a record or say plainly that it is gone."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Any, ClassVar, Protocol, TypeVar

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.entities import ChecklistItemState, School
from apdesk.domain.entities.people import display_name
from apdesk.domain.errors import InvalidInput
from apdesk.services.unit_of_work import UnitOfWork, snapshot
from apdesk.storage import tables as t

T = TypeVar("T")


class Identified(Protocol):
    """An entity with an `id`, which the store fills in when the entity is first saved."""

    @property
    def id(self) -> int | None: ...


class ChildRecord(Protocol):
    """An owned child row (a site, a carer, an objective): a dataclass with an `id`."""

    __dataclass_fields__: ClassVar[dict[str, dataclasses.Field[Any]]]
    id: int | None


E = TypeVar("E", bound=Identified)
C = TypeVar("C", bound=ChildRecord)


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


def find_school(session: Session) -> School | None:
    """The school's details, or None until the set-up wizard has saved them."""
    return session.scalars(select(School)).first()


#: The school calendar made once per request (`one_calendar`): Today asks a dozen services,
#: each of which would otherwise read the school and make its own. None outside a request.
_CALENDAR: ContextVar[list[SchoolCalendar] | None] = ContextVar("one_calendar", default=None)


@contextmanager
def one_calendar() -> Iterator[None]:
    """Within this, every `school_calendar` is the first one made (the terms and closures do
    not change during a read-only request such as Today)."""
    token = _CALENDAR.set([])
    try:
        yield
    finally:
        _CALENDAR.reset(token)


def school_calendar(session: Session) -> SchoolCalendar:
    once = _CALENDAR.get()
    if once:
        return once[0]
    school = find_school(session)
    calendar = SchoolCalendar.for_school(school) if school else SchoolCalendar([])
    if once is not None:
        once.append(calendar)
    return calendar


def name_map(session: Session, cls: type[E], attr: str = "name") -> dict[int, str]:
    """Each record's `attr` by id; a stored column is read as plain rows (a provider's
    name without its sites, checks and Annex B loaded), anything else from the records."""
    table = inspect(cls).local_table
    if attr in table.c:
        return {row[0]: row[1] for row in session.execute(select(table.c.id, table.c[attr]))}
    return {persisted_id(row): getattr(row, attr) for row in session.scalars(select(cls))}


def pupil_names(session: Session) -> dict[int, str]:
    """Each pupil's name as lists show it, by id, read as plain rows (no pupil records and
    their carers loaded just for a name)."""
    p = t.pupil.c
    rows = session.execute(select(p.id, p.preferred_name, p.legal_first_name, p.legal_last_name))
    return {i: display_name(preferred, first, last) for i, preferred, first, last in rows}


def placement_pupils(session: Session) -> dict[int, int]:
    """Each placement's pupil id, by placement id, read as plain rows."""
    p = t.placement.c
    return {
        placement_id: pupil_id
        for placement_id, pupil_id in session.execute(select(p.id, p.pupil_id))
    }


def name_for(names: Mapping[int, str], record_id: int | None, default: str = "") -> str:
    """The name a reference points at; `default` when it is unset or unknown."""
    return default if record_id is None else names.get(record_id, default)


def sync_children(existing: list[C], incoming: list[C]) -> list[C]:
    """The child list to store: rows kept by id are updated in place, new rows added.

    Rows missing from `incoming` drop out (the mapping deletes orphans). Updating in place
    keeps ids stable, so what hangs off a child (evidence on a check) stays attached.
    """
    by_id = {child.id: child for child in existing}
    result: list[C] = []
    for child in incoming:
        current = by_id.get(child.id)
        if current is None:
            current = dataclasses.replace(child, id=None)
        else:
            for item in dataclasses.fields(child):
                if item.name != "id":
                    setattr(current, item.name, getattr(child, item.name))
        result.append(current)
    return result


def tick_item(
    uow: UnitOfWork,
    items: Sequence[ChecklistItemState],
    noun: str,
    key: str,
    done: bool,
    done_on: date | None,
    note: str,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Tick (or untick) one checklist item by key; the audit's old and new values."""
    item = next((i for i in items if i.key == key), None)
    if item is None:
        raise InvalidInput(f"That {noun} item does not exist.")
    old = snapshot(item, "key", "done", "done_on")
    item.done, item.note = done, note
    item.done_on = (done_on or uow.now.date()) if done else None
    return old, snapshot(item, "key", "done", "done_on")
