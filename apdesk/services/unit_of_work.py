"""One user action's transaction (`UnitOfWork`): its session, actor, time, audit rows and changes.

Each change writes an audit row in the same transaction (`uow.audit`); `snapshot` gives an
audit row's old and new values. `AppServices.work` opens one and tells listeners after commit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from apdesk.domain.record_kinds import RecordKind
from apdesk.services.actor import Actor
from apdesk.services.changes import Change
from apdesk.storage import audit


@dataclass
class UnitOfWork:
    session: Session
    actor: Actor
    now: datetime
    changes: list[Change] = field(default_factory=list)

    def audit(
        self,
        action: str,
        entity: RecordKind,
        entity_id: int | None,
        *,
        old: dict[str, Any] | None = None,
        new: dict[str, Any] | None = None,
        reason: str | None = None,
        changed: bool = True,
    ) -> None:
        """One audit row, in this transaction, and a change for listeners.

        `changed=False` records that someone looked (opened an incident, exported, signed
        in) without telling listeners: nothing on screen changed, and a window that
        reloaded on it would open the record again, and audit it again, for ever.
        """
        self.session.flush()
        entry = audit.AuditEntry(
            self.actor.label,
            action,
            entity,
            None if entity_id is None else str(entity_id),
            old,
            new,
            reason,
        )
        audit.append(self.session.connection(), entry, self.now)
        if changed:
            self.changes.append(Change(entity, entity_id, action))


def snapshot(entity: object, *fields: str) -> dict[str, Any]:
    """The named fields of an entity, for an audit row's old/new values."""
    return {name: _plain(getattr(entity, name)) for name in fields}


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
