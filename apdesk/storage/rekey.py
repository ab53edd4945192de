"""Replacing the database key, journaled so that a kill at any step loses nothing.

A new recovery code is issued (the old sheet stops working: a rekey usually follows a
suspected leak). The store lock is held from the first step to the last. The journal,
`rekey.json` in the data folder, is written before anything else and says which way an
interrupted rekey goes:

1. journal `preparing`; the audit row; an encrypted export `apdesk.db.new` under the new key,
   verified; the new key slots `keyslots.json.new`; on a keyring store, the new key in the
   keyring under a second, pending entry (the store's own entry still holds the old key);
2. the store is closed (its journal checkpointed) and the new code is shown;
3. **commit**: the journal says `committed` (one atomic rename);
4. roll forward: `apdesk.db.new` over `apdesk.db`, `keyslots.json.new` over `keyslots.json`,
   the pending keyring entry into the store's entry; then the journal is removed.

Before the commit nothing of the store has changed, so an interrupted rekey is undone (the
`.new` files and the pending entry removed: the old key and the old code still open it);
after it, every remaining step needs no key, so it is finished. `finish_interrupted_rekey`
does either at the next start and says which.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from apdesk.domain.record_kinds import RecordKind
from apdesk.storage import audit, crypto
from apdesk.storage.engine import cipher_integrity, connect, export_copy, sqlite_integrity
from apdesk.storage.errors import KeyringUnavailable, StoreError, StoreInUse
from apdesk.storage.files import fsync_dir, write_atomic
from apdesk.storage.keyring_store import SystemKeyring
from apdesk.storage.keyslots import KEYRING, PASSPHRASE, RECOVERY, KeySlots
from apdesk.storage.lock import StoreLock
from apdesk.storage.store import Store, StorePaths, open_store

PREPARING, COMMITTED = "preparing", "committed"
STEPS = (
    "journal",
    "audit",
    "export",
    "slots",
    "keyring",
    "closed",
    "code shown",
    "commit",
    "database swapped",
    "slots swapped",
    "keyring swapped",
    "done",
)
FAULT_ENV = "APDESK_TEST_REKEY_FAULT"  # "STEP" or "STEP:kill": for fault-injection tests only


class RekeyFault(Exception):
    """Raised at a step named in APDESK_TEST_REKEY_FAULT (tests only)."""


def fault_point(step: str) -> None:
    """A place a test may stop the rekey: raise, or with `:kill` end the process at once."""
    wanted = os.environ.get(FAULT_ENV, "")
    name, _, how = wanted.partition(":")
    if name != step:
        return
    if how in ("kill", "crash"):
        os._exit(137)  # as `kill -9`: no clean-up, no flush (tests replace it for "crash")
    raise RekeyFault(f"test fault at rekey step '{step}'")


def journal_path(paths: StorePaths) -> Path:
    return paths.rekey_journal


def fresh_db_path(paths: StorePaths) -> Path:
    return paths.folder / "apdesk.db.new"


def pending_account(store_id: str) -> str:
    """The keyring entry that holds the new key until the rekey is committed."""
    return f"{store_id}.rekey"


@dataclass(frozen=True)
class Journal:
    state: str
    store_id: str
    keyring: bool
    started_at: str

    def save(self, paths: StorePaths) -> None:
        body = {"format": 1, **self.__dict__}
        write_atomic(journal_path(paths), json.dumps(body, indent=2).encode())

    @classmethod
    def load(cls, paths: StorePaths) -> Journal | None:
        try:
            body = json.loads(journal_path(paths).read_bytes())
            return cls(
                str(body["state"]),
                str(body["store_id"]),
                bool(body["keyring"]),
                str(body.get("started_at", "")),
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            # Written atomically, so a damaged journal was never committed: undo.
            return cls(PREPARING, "", False, "")


def rekey(
    store: Store,
    now: datetime,
    *,
    actor: str,
    keyring: SystemKeyring | None,
    passphrase: str | None,
    show_code: Callable[[str], None],
) -> tuple[Store, str]:
    """Re-encrypt `store` under a new key and reopen it; `show_code` gets the new code before
    the change is committed. The lock stays held throughout; a failure before the commit undoes
    everything and raises, leaving the old key and code in force."""
    paths, old_slots = store.paths, store.slots
    if old_slots.has(PASSPHRASE) and passphrase is None:
        raise StoreError("This store has a passphrase: give it again so it can be kept.")
    if old_slots.has(KEYRING) and keyring is None:
        raise KeyringUnavailable(
            "This store is unlocked through the keyring, which is not available now, so its "
            "key cannot be changed here. Nothing was changed."
        )
    uses_keyring = old_slots.has(KEYRING)
    new_key, code = crypto.new_database_key(), crypto.new_recovery_code()
    lock = store.detach_lock()
    committed = shown = False
    try:
        journal = Journal(
            PREPARING, store.store_id, uses_keyring, now.isoformat(timespec="seconds")
        )
        journal.save(paths)
        fault_point("journal")
        with store.engine.begin() as conn:
            audit.append(
                conn, audit.AuditEntry(actor, "store.rekey", RecordKind.STORE, store.store_id), now
            )
        fault_point("audit")
        fresh = fresh_db_path(paths)
        with store.raw_connection() as conn:
            export_copy(conn, fresh, new_key)
        _verify(fresh, new_key)
        fault_point("export")
        _new_slots(old_slots, new_key, code, passphrase).save(paths.pending_keyslots)
        fault_point("slots")
        if uses_keyring:
            assert keyring is not None
            keyring.set_key(pending_account(store.store_id), new_key)
        fault_point("keyring")
        store.close_engine()
        _check_sidecars(paths)
        fault_point("closed")
        show_code(code)
        shown = True
        fault_point("code shown")
        Journal(COMMITTED, *_rest(journal)).save(paths)
        committed = True
        fault_point("commit")
        _roll_forward(paths, journal, keyring)
    except Exception as exc:
        store.close_engine()
        if not committed:
            _roll_back(paths, store.store_id, keyring)
        lock.release()
        if committed:
            raise StoreError(FINISH_LATER) from exc
        if shown:
            raise StoreError(f"{_reason(exc)} {NOT_CHANGED_AFTER_SHOWN}") from exc
        raise
    except BaseException:
        lock.release()  # as a kill would: the next start finishes or undoes it
        raise
    try:
        return open_store(paths, new_key, now, lock=lock), code
    except BaseException:
        lock.release()
        raise


FINISH_LATER = (
    "The new key took effect, but APDesk could not finish tidying up; start APDesk again and it "
    "will finish. The NEW recovery code shown above opens the store."
)
NOT_CHANGED_AFTER_SHOWN = (
    "The key was not changed: the store opens as before with its OLD recovery code, and the new "
    "code shown above is not valid."
)


def _reason(exc: Exception) -> str:
    if isinstance(exc, StoreError):
        return str(exc)
    if isinstance(exc, OSError) and exc.strerror:
        return f"A file could not be written ({exc.strerror.lower()})."
    return "Something unexpected stopped it."


def _rest(journal: Journal) -> tuple[str, bool, str]:
    return journal.store_id, journal.keyring, journal.started_at


def _new_slots(old: KeySlots, key: bytes, code: str, passphrase: str | None) -> KeySlots:
    slots = KeySlots.new(old.store_id, key)
    slots.set_secret_slot(RECOVERY, key, code)
    if passphrase is not None and old.has(PASSPHRASE):
        slots.set_secret_slot(PASSPHRASE, key, passphrase)
    if old.has(KEYRING):
        slots.set_keyring_slot(key)
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


def _check_sidecars(paths: StorePaths) -> None:
    for sidecar in paths.sidecars():
        if sidecar.exists() and sidecar.stat().st_size == 0:
            sidecar.unlink()
        elif sidecar.name.endswith("-wal") and sidecar.exists():
            raise StoreError("The store's journal was not empty; the key was not changed.")


def _roll_forward(paths: StorePaths, journal: Journal, keyring: SystemKeyring | None) -> None:
    """Every step after the commit: each needs no key and may be repeated."""
    fresh = fresh_db_path(paths)
    if fresh.exists():
        for sidecar in paths.sidecars():
            sidecar.unlink(missing_ok=True)  # the old database's, empty after its close
        os.replace(fresh, paths.db)
        fsync_dir(paths.folder)
    fault_point("database swapped")
    if paths.pending_keyslots.exists():
        os.replace(paths.pending_keyslots, paths.keyslots)
        fsync_dir(paths.folder)
    fault_point("slots swapped")
    if journal.keyring and keyring is not None:
        # A keyring that fails here leaves the pending entry: the next unlock moves it in.
        pending = pending_account(journal.store_id)
        with contextlib.suppress(StoreError):
            keyring.set_key(journal.store_id, keyring.get_key(pending))
            keyring.delete_key(pending)
    fault_point("keyring swapped")
    journal_path(paths).unlink(missing_ok=True)
    fsync_dir(paths.folder)
    fault_point("done")


def _roll_back(paths: StorePaths, store_id: str, keyring: SystemKeyring | None) -> None:
    """Undo a rekey that never committed: the store itself was never touched."""
    fresh = fresh_db_path(paths)
    for path in (fresh, *[fresh.with_name(fresh.name + s) for s in ("-wal", "-shm")]):
        path.unlink(missing_ok=True)
    paths.pending_keyslots.unlink(missing_ok=True)
    if keyring is not None and store_id:
        with contextlib.suppress(StoreError):
            keyring.delete_key(pending_account(store_id))
    journal_path(paths).unlink(missing_ok=True)
    fsync_dir(paths.folder)


FINISHED = (
    "A change of the store's key was interrupted after it took effect, and APDesk has "
    "now finished it: the NEW recovery code (shown when the change began) is the one that opens "
    "the store; the old one no longer does."
)
UNDONE = (
    "A change of the store's key was interrupted before it took effect, and APDesk has undone "
    "it: the store opens as before, with its OLD recovery code; a new code shown then is not "
    "valid."
)


def finish_interrupted_rekey(
    folder: Path, keyring: SystemKeyring | None, now: datetime
) -> str | None:
    """Finish or undo a rekey stopped part-way (no key needed); say which, or None if none was.

    Left alone while another program holds the store (that program may be the rekey itself).
    """
    paths = StorePaths(folder)
    if not journal_path(paths).exists():
        return None
    lock = StoreLock(folder)
    try:
        lock.acquire(now)
    except StoreInUse:
        return None
    try:
        journal = Journal.load(paths)
        if journal is None:
            return None
        usable = keyring if keyring is not None and keyring.is_secure() else None
        if journal.state == COMMITTED:
            _roll_forward(paths, journal, usable)
            return FINISHED
        _roll_back(paths, journal.store_id, usable)
        return UNDONE
    finally:
        lock.release()
