"""Small helpers every service uses: fetch a record or say plainly that it is gone."""

from __future__ import annotations

import dataclasses
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.entities import School
from apdesk.domain.errors import InvalidInput

T = TypeVar("T")


def fetch(session: Session, cls: type[T], record_id: int | None, noun: str) -> T:
    """The record with this id, or a clear message (it may have been removed meanwhile)."""
    found = session.get(cls, record_id) if record_id is not None else None
    if found is None:
        raise InvalidInput(f"That {noun} could not be found. It may have been removed.")
    return found


def school_calendar(session: Session) -> SchoolCalendar:
    school = session.scalar(select(School))
    return SchoolCalendar.for_school(school) if school else SchoolCalendar([])


def name_map(session: Session, cls: type, attr: str = "name") -> dict[int, str]:
    return {row.id: getattr(row, attr) for row in session.scalars(select(cls))}


def sync_children(existing: list[T], incoming: list[T]) -> list[T]:
    """The child list to store: rows kept by id are updated in place, new rows added.

    Rows missing from `incoming` drop out (the mapping deletes orphans). Updating in place
    keeps ids stable, so what hangs off a child (evidence on a check) stays attached.
    """
    by_id = {child.id: child for child in existing}
    result: list[T] = []
    for child in incoming:
        current = by_id.get(getattr(child, "id", None))
        if current is None:
            current = dataclasses.replace(child, id=None)  # type: ignore[type-var]
        else:
            for item in dataclasses.fields(child):  # type: ignore[arg-type]
                if item.name != "id":
                    setattr(current, item.name, getattr(child, item.name))
        result.append(current)
    return result
