"""Replacing the database key: a fresh encrypted export, new key slots, then two renames.

A new recovery code is issued (the old sheet stops working: a rekey usually follows a
suspected leak). Order: export and verify `apdesk.db.new`, write `keyslots.json.new`, swap
the database in, swap the slots in, update the keyring. A crash between the two swaps is
finished by the next unlock (see `unlock._settle`).
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from apdesk.storage import audit, crypto
from apdesk.storage.engine import cipher_integrity, connect, export_copy, sqlite_integrity
from apdesk.storage.errors import StoreError
from apdesk.storage.files import fsync_dir
from apdesk.storage.keyring_store import SystemKeyring
from apdesk.storage.keyslots import KEYRING, PASSPHRASE, RECOVERY, KeySlots
from apdesk.storage.store import Store, StorePaths, open_store


def rekey(
    store: Store,
    now: datetime,
    *,
    actor: str,
    keyring: SystemKeyring | None,
    passphrase: str | None,
) -> tuple[Store, str]:
    """Close `store`, re-encrypt it under a new key and reopen it; returns the new code."""
    paths, old_slots = store.paths, store.slots
    if old_slots.has(PASSPHRASE) and passphrase is None:
        raise StoreError("This store has a passphrase: give it again so it can be kept.")
    new_key, code = crypto.new_database_key(), crypto.new_recovery_code()
    with store.engine.begin() as conn:
        audit.append(conn, audit.AuditEntry(actor, "store.rekey", "store", store.store_id), now)
    fresh = paths.folder / "apdesk.db.new"
    with store.raw_connection() as conn:
        export_copy(conn, fresh, new_key)
    _verify(fresh, new_key)
    slots = _new_slots(old_slots, new_key, code, passphrase)
    slots.save(paths.pending_keyslots)
    store.close()
    _swap_in(paths, fresh)
    if old_slots.has(KEYRING) and keyring is not None:
        keyring.set_key(slots.store_id, new_key)
    return open_store(paths, new_key, now), code


def _new_slots(old: KeySlots, key: bytes, code: str, passphrase: str | None) -> KeySlots:
    slots = KeySlots.new(old.store_id, key)
    slots.set_secret_slot(RECOVERY, key, code)
    if passphrase is not None and old.has(PASSPHRASE):
        slots.set_secret_slot(PASSPHRASE, key, passphrase)
    if old.has(KEYRING):
        slots.set_keyring_slot()
    return slots


def _verify(db: Path, key: bytes) -> None:
    conn = connect(db, key)
    try:
        problems = cipher_integrity(conn) + sqlite_integrity(conn)
    finally:
        conn.close()
    if problems:
        raise StoreError(
            f"The re-encrypted copy failed its check ({problems[0]}); nothing changed."
        )


def _swap_in(paths: StorePaths, fresh: Path) -> None:
    for sidecar in paths.sidecars():
        if sidecar.exists() and sidecar.stat().st_size == 0:
            sidecar.unlink()
        elif sidecar.name.endswith("-wal") and sidecar.exists():
            raise StoreError("The store's journal was not empty; the key was not changed.")
    os.replace(fresh, paths.db)
    fsync_dir(paths.folder)
    os.replace(paths.pending_keyslots, paths.keyslots)
    fsync_dir(paths.folder)
