"""Saving a record's owned rows: a child list kept by id (sites, carers, terms), a ticked item."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date
from typing import Any, ClassVar, Protocol, TypeVar

from apdesk.domain.entities import ChecklistItemState
from apdesk.domain.errors import InvalidInput
from apdesk.services.unit_of_work import UnitOfWork, snapshot


class ChildRecord(Protocol):
    """An owned child row (a site, a carer, an objective): a dataclass with an `id`."""

    __dataclass_fields__: ClassVar[dict[str, dataclasses.Field[Any]]]
    id: int | None


C = TypeVar("C", bound=ChildRecord)


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
