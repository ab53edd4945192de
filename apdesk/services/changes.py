"""What a unit of work tells the window it changed: the kind of record, its id and the action.

The kind is a `RecordKind` (domain/record_kinds.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from apdesk.domain.record_kinds import RecordKind


@dataclass(frozen=True)
class Change:
    """What a unit of work changed: a kind of record, its id and the audited action.

    `origin` is the widget whose work made the change, when the window knows it (the bus
    fills it in from the worker's job; services never set it): a tab can tell its own
    save from someone else's. It takes no part in comparing changes.
    """

    entity: RecordKind
    entity_id: int | None
    action: str
    origin: object | None = field(default=None, compare=False)


Listener = Callable[[tuple[Change, ...]], None]
