"""The service context: sessions on the unlocked store, the unit of work and change broadcast.

Every user action is one unit of work: the actor's permission is checked first, the work
runs in one transaction, each change writes an audit row in that same transaction, and
listeners hear what changed only after the commit.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from apdesk.domain.clock import Clock
from apdesk.domain.enums import Role
from apdesk.domain.errors import PermissionDenied
from apdesk.domain.permissions import ROLE_NAMES, Permission, allowed, require
from apdesk.services.changes import Change, Listener, RecordKind
from apdesk.storage import audit
from apdesk.storage.store import Store


@dataclass(frozen=True)
class Actor:
    """The signed-in member of staff on whose behalf a service acts."""

    staff_id: int
    username: str
    display_name: str
    roles: frozenset[Role]

    @property
    def label(self) -> str:
        return f"{self.display_name} ({self.username})"

    @property
    def role_names(self) -> str:
        return ", ".join(ROLE_NAMES[r] for r in sorted(self.roles))

    def may(self, permission: Permission) -> bool:
        return allowed(self.roles, permission)


SYSTEM = Actor(0, "system", "APDesk", frozenset())


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


class AppServices:
    """Built once the store is unlocked; handed to windows and commands by the composition root."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock
        self._sessions = sessionmaker(store.engine, expire_on_commit=False)
        self._listeners: list[Listener] = []
        self._nesting = threading.local()

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    @contextlib.contextmanager
    def work(self, actor: Actor, *permissions: Permission) -> Iterator[UnitOfWork]:
        """A transaction for `actor`; refused before it starts unless every permission is held."""
        self.require(actor, *permissions)
        with self._refusals_audited(actor), self._sessions() as session, session.begin():
            uow = UnitOfWork(session, actor, self.clock.now())
            yield uow
        changes = tuple(uow.changes)
        if changes:
            for listener in list(self._listeners):
                listener(changes)

    @contextlib.contextmanager
    def read(self, actor: Actor, *permissions: Permission) -> Iterator[Session]:
        """A read-only view for `actor`; objects stay usable after it closes."""
        self.require(actor, *permissions)
        with self._refusals_audited(actor), self._sessions() as session:
            yield session  # closing the session rolls back: nothing read here is written

    def require(self, actor: Actor, *permissions: Permission) -> None:
        """PermissionDenied (and one audit row saying so) unless `actor` holds every one."""
        with self._refusals_audited(actor):
            for permission in permissions:
                require(actor.roles, permission)

    @contextlib.contextmanager
    def _refusals_audited(self, actor: Actor) -> Iterator[None]:
        """A refusal raised inside writes one audit row, in its own transaction (the refused
        work itself was rolled back), however many contexts it passes through."""
        depth = getattr(self._nesting, "depth", 0)
        self._nesting.depth = depth + 1
        try:
            yield
        except PermissionDenied as exc:
            # only the outermost context writes: an inner one may sit inside an open write
            if depth == 0 and not getattr(exc, "audited", False):
                exc.audited = True  # type: ignore[attr-defined]
                self.audit_look(
                    actor, "permission.refused", RecordKind.PERMISSION, None, {"why": str(exc)}
                )
            raise
        finally:
            self._nesting.depth = depth

    def audit_look(
        self,
        actor: Actor,
        action: str,
        entity: RecordKind,
        entity_id: int | None,
        new: dict[str, Any] | None = None,
    ) -> None:
        """One audit row recording that someone looked, printed or was refused (no change)."""
        with self._sessions() as session, session.begin():
            entry = audit.AuditEntry(
                actor.label,
                action,
                entity,
                None if entity_id is None else str(entity_id),
                None,
                new,
            )
            audit.append(session.connection(), entry, self.clock.now())

    def close(self) -> None:
        self.store.close()


def snapshot(entity: object, *fields: str) -> dict[str, Any]:
    """The named fields of an entity, for an audit row's old/new values."""
    return {name: _plain(getattr(entity, name)) for name in fields}


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
