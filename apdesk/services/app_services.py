"""The services' entry point: sessions on the unlocked store, the unit of work and change broadcast.

Every user action is one unit of work: the actor's permission is checked first, the work
runs in one transaction, each change writes an audit row in that same transaction, and
listeners hear what changed only after the commit.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from apdesk.domain.clock import Clock
from apdesk.domain.errors import PermissionDenied
from apdesk.domain.permissions import Permission, require
from apdesk.domain.record_kinds import RecordKind
from apdesk.services.actor import Actor
from apdesk.services.changes import Listener
from apdesk.services.lookups import READ_ONCE
from apdesk.services.unit_of_work import UnitOfWork
from apdesk.storage import audit
from apdesk.storage.engine import reading
from apdesk.storage.store import Store


class AppServices:
    """Built once the store is unlocked; handed to windows and commands by the composition root."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock
        self._sessions = sessionmaker(store.engine, expire_on_commit=False)
        # reads take no write lock: a list loads while another save is under way (0028)
        self._reads = sessionmaker(reading(store.engine), expire_on_commit=False)
        self._listeners: list[Listener] = []
        self._nesting = threading.local()

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    @contextlib.contextmanager
    def work(self, actor: Actor, *permissions: Permission) -> Iterator[UnitOfWork]:
        """A transaction for `actor`; refused before it starts unless every permission is held.

        It commits only if the body completes (leaves the block without an exception): an
        error, Ctrl+C or a generator closed inside it rolls everything back, audit rows too,
        and no listener hears. Listeners hear only after the commit (decision 0020).
        """
        self._not_in_one_read()
        self.require(actor, *permissions)
        # session.begin() commits on leaving normally and rolls back on any BaseException
        with self._refusals_audited(actor), self._sessions() as session, session.begin():
            uow = UnitOfWork(session, actor, self.clock.now())
            yield uow
        changes = tuple(uow.changes)  # reached only once the commit has succeeded
        if changes:
            for listener in list(self._listeners):
                listener(changes)

    @contextlib.contextmanager
    def read(self, actor: Actor, *permissions: Permission) -> Iterator[Session]:
        """A read-only view for `actor`; objects stay usable after it closes."""
        self.require(actor, *permissions)
        shared: Session | None = getattr(self._nesting, "shared", None)
        if shared is not None:  # inside `one_read`: its session, which it closes
            with self._refusals_audited(actor):
                yield shared
            return
        with self._refusals_audited(actor), self._reads() as session:
            yield session  # a snapshot of the store, which refuses any write

    @contextlib.contextmanager
    def one_read(self, actor: Actor) -> Iterator[None]:
        """Every `read` inside this, on this thread, shares one session: one view of the store
        and each record loaded once, however many reads a screen makes (Today's dozen lines).

        Nothing inside may write (`work` and `audit_look` refuse to): reads never write
        (decision 0019), and what the shared session has read would not show the write. A
        refusal inside is audited once the shared session has closed."""
        if getattr(self._nesting, "shared", None) is not None:
            yield
            return
        with self._refusals_audited(actor), self._reads() as session:
            session.info[READ_ONCE] = {}  # what `lookups.read_once` has read
            self._nesting.shared = session
            try:
                yield
            finally:
                self._nesting.shared = None

    def _not_in_one_read(self) -> None:
        if getattr(self._nesting, "shared", None) is not None:
            raise RuntimeError("a write inside one_read: reads never write")

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
        self._not_in_one_read()
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
