"""Creating and opening the store: key slots, lock, keyed engine and migrations, in that order.

Opening checks the key against the key-check value first, so a wrong key never touches the
database file, and a right key that still fails means the file is damaged.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select, text

from apdesk.domain.record_kinds import RecordKind
from apdesk.storage import (
    audit,
    crypto,
    mapping,  # noqa: F401  (maps the entities: see storage/__init__)
    migrate,
)
from apdesk.storage.engine import DatabaseError, make_engine
from apdesk.storage.errors import StoreDamaged, StoreError, WrongKey
from apdesk.storage.files import make_private_dir
from apdesk.storage.keyring_store import SystemKeyring
from apdesk.storage.keyslots import PASSPHRASE, RECOVERY, KeySlots
from apdesk.storage.lock import StoreLock
from apdesk.storage.paths import StorePaths, load_slots
from apdesk.storage.tables import store_meta

__all__ = [
    "MIN_PASSPHRASE",
    "Store",
    "StorePaths",
    "check_passphrase",
    "create_store",
    "load_slots",
    "open_store",
]

MIN_PASSPHRASE = 12


class Store:
    """An unlocked, migrated store held by this program until `close()`."""

    def __init__(
        self, paths: StorePaths, engine: Engine, slots: KeySlots, key: bytes, lock: StoreLock
    ) -> None:
        self.paths = paths
        self.engine = engine
        self.slots = slots
        self._key = key
        self._lock: StoreLock | None = lock
        self._engine_closed = False
        self.upgrade_copy: Path | None = None

    @property
    def store_id(self) -> str:
        return self.slots.store_id

    @property
    def key(self) -> bytes:
        return self._key

    @property
    def stale_lock_holder(self) -> dict[str, str] | None:
        return self._lock.stale_holder if self._lock is not None else None

    @contextlib.contextmanager
    def raw_connection(self) -> Iterator[Any]:
        """A DB-API connection for pragmas and sqlcipher_export; returned to the pool after."""
        raw = self.engine.raw_connection()
        try:
            yield raw.driver_connection
        finally:
            raw.close()

    def meta(self, key: str) -> str | None:
        with self.engine.connect() as conn:
            value = conn.execute(select(store_meta.c.value).where(store_meta.c.key == key))
            return value.scalar()

    def set_meta(self, key: str, value: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(store_meta.delete().where(store_meta.c.key == key))
            conn.execute(store_meta.insert().values(key=key, value=value))

    def close_engine(self) -> None:
        """Checkpoint the journal into the database and close every connection (once)."""
        if self._engine_closed:
            return
        self._engine_closed = True
        with contextlib.suppress(DatabaseError), self.raw_connection() as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.engine.dispose()

    def detach_lock(self) -> StoreLock:
        """The store's lock, handed to the caller: `close()` will no longer release it."""
        lock, self._lock = self._lock, None
        if lock is None:
            raise StoreError("The store's lock was already handed on.")
        return lock

    def close(self) -> None:
        self.close_engine()
        if self._lock is not None:
            self._lock.release()


def create_store(
    paths: StorePaths,
    now: datetime,
    *,
    keyring: SystemKeyring | None,
    passphrase: str | None = None,
) -> tuple[Store, str]:
    """A new store and its recovery code (to be shown once and printed for the school safe)."""
    if paths.exists():
        raise StoreError(
            f"There is already an APDesk store in {paths.folder}. Nothing was changed."
        )
    if keyring is None and passphrase is None:
        raise StoreError("A new store needs the keyring or a passphrase to unlock it.")
    if keyring is not None:
        keyring.require_secure()
    if passphrase is not None:
        check_passphrase(passphrase)
    key, code = crypto.new_database_key(), crypto.new_recovery_code()
    slots = KeySlots.new(str(uuid.uuid4()), key)
    slots.set_secret_slot(RECOVERY, key, code)
    if passphrase is not None:
        slots.set_secret_slot(PASSPHRASE, key, passphrase)
    if keyring is not None:
        keyring.set_key(slots.store_id, key)
        slots.set_keyring_slot(key)
    make_private_dir(paths.folder)
    slots.save(paths.keyslots)
    store = _open(paths, slots, key, now)
    store.set_meta("store_id", slots.store_id)
    store.set_meta("created_at", now.isoformat(timespec="seconds"))
    with store.engine.begin() as conn:
        audit.append(
            conn, audit.AuditEntry("system", "store.create", RecordKind.STORE, slots.store_id), now
        )
    return store, code


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise StoreError(f"A passphrase needs at least {MIN_PASSPHRASE} characters.")


def open_store(
    paths: StorePaths, key: bytes, now: datetime, *, lock: StoreLock | None = None
) -> Store:
    """Check the key, take the lock (or use `lock`, already held), open the engine and bring
    the schema up to date."""
    slots = load_slots(paths)
    if not slots.check_key(key):
        raise WrongKey("That key does not open this store. The file was not touched.")
    return _open(paths, slots, key, now, lock)


def _open(
    paths: StorePaths, slots: KeySlots, key: bytes, now: datetime, held: StoreLock | None = None
) -> Store:
    lock = held or StoreLock(paths.folder)
    if held is None:
        lock.acquire(now)
    try:
        if paths.rekey_journal.exists():
            raise StoreError(
                "A change of the store's key was interrupted. Start APDesk again (or run any "
                "apdesk command) so it can finish or undo it first."
            )
        engine = make_engine(paths.db, key)
        _prove_readable(engine)
        if slots.seal is None:  # written by an older APDesk: seal it now the key is proven
            slots.seal_with(key)
            slots.save(paths.keyslots)
        make_private_dir(paths.work)
        store = Store(paths, engine, slots, key, lock)
        store.upgrade_copy = migrate.upgrade(engine, key, paths.work, now)
        migrate.prune_copies(paths.work, now)  # the store opened: older copies can go
    except BaseException:
        lock.release()
        raise
    return store


def _prove_readable(engine: Engine) -> None:
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar()
    except Exception as exc:
        engine.dispose()
        if isinstance(getattr(exc, "orig", exc), DatabaseError):
            raise StoreDamaged(
                "The key fits keyslots.json but does not open the database: the database file "
                "is damaged, or keyslots.json came from another store. Restore from a backup "
                "(`apdesk restore FILE`)."
            ) from None
        raise
