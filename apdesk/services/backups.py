"""Backups from the window: a verified backup on demand, and restoring one, for those
who manage backups.

A restore is checked whole before anything is touched (`check_backup`: it is an APDesk
backup, a key opens it, its checksum and both integrity checks pass). Only then does
`restore` write a verified safety backup of the store as it is, close it, put the backup in
its place and open that. If putting it in place fails, the safety backup goes back.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from apdesk.domain.errors import ApdeskError
from apdesk.domain.formatting import format_datetime
from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.storage.backup import (
    Manifest,
    create_backup,
    read_backup,
    restore_backup,
    verify_backup,
)
from apdesk.storage.errors import StoreError, WrongKey
from apdesk.storage.files import check_output_path
from apdesk.storage.keyring_store import SystemKeyring
from apdesk.storage.keyslots import KEYRING, PASSPHRASE, RECOVERY, KeySlots
from apdesk.storage.lock import StoreLock
from apdesk.storage.store import Store, StorePaths, load_slots, open_store
from apdesk.storage.unlock import restore_keyring_slot


def backup_now(svc: AppServices, actor: Actor, target: Path) -> Manifest:
    """Write an encrypted, verified backup to `target`; the audit log records who and where.

    The audit row is written first, so the backup's chain head includes it; a path that
    must not be written (a store's own file, say) is refused before that.
    """
    check_output_path(target)
    with svc.work(actor, Permission.MANAGE_BACKUPS) as uow:
        uow.audit("store.backup", RecordKind.STORE, None, new={"file": target.name})
    try:
        return create_backup(svc.store, target, svc.clock.now())
    except OSError as exc:
        reason = exc.strerror or "the folder may be read-only or the disk full"
        raise ApdeskError(f"The backup could not be written there: {reason}.") from exc


class SecretNeeded(ApdeskError):
    """No key this computer holds opens the backup: ask for its recovery code or passphrase."""


class RestoreFailed(ApdeskError):
    """The backup could not be put in place; `services` is the store as it was, reopened."""

    def __init__(self, message: str, services: AppServices | None) -> None:
        super().__init__(message)
        self.services = services


@dataclass(frozen=True)
class CheckedBackup:
    """A backup read, opened with its key and checked whole: safe to restore."""

    path: Path
    made_at: datetime
    other_store: bool  # another school's store, or one set up afresh since
    key: bytes = field(repr=False)

    @property
    def made(self) -> str:
        return format_datetime(self.made_at)


@dataclass(frozen=True)
class Restored:
    services: AppServices  # the restored store, open
    backup: CheckedBackup
    safety_copy: Path  # a verified backup of the store it replaced


SECRET_NEEDED = (
    "This backup was made with a different key (before the store's key was changed, or on "
    "another computer). Type its recovery code, or its passphrase, to open it."
)
WRONG_SECRET = "That does not open this backup. Check it and try again. Nothing was changed."


def check_backup(
    svc: AppServices,
    actor: Actor,
    path: Path,
    keyring: SystemKeyring | None,
    secret: str | None = None,
) -> CheckedBackup:
    """Read and verify `path` without touching the store; SecretNeeded if no key at hand fits."""
    svc.require(actor, Permission.MANAGE_BACKUPS)
    manifest, slots = read_backup(path)
    key = _backup_key(svc.store, slots, keyring, secret)
    verify_backup(path, key, svc.store.paths.work)
    made_at = datetime.fromisoformat(manifest.created_at)
    return CheckedBackup(path, made_at, manifest.store_id != svc.store.store_id, key)


def _backup_key(
    store: Store, slots: KeySlots, keyring: SystemKeyring | None, secret: str | None
) -> bytes:
    if slots.check_key(store.key):
        return store.key
    if keyring is not None and keyring.is_secure():
        with contextlib.suppress(StoreError):
            key = keyring.get_key(slots.store_id)
            if slots.check_key(key):
                return key
    if not secret:
        raise SecretNeeded(SECRET_NEEDED)
    for slot in (PASSPHRASE, RECOVERY):
        if slots.has(slot):
            with contextlib.suppress(WrongKey):
                return slots.open_secret_slot(slot, secret)
    raise WrongKey(WRONG_SECRET)


def restore(
    svc: AppServices, actor: Actor, backup: CheckedBackup, keyring: SystemKeyring | None
) -> Restored:
    """Replace the store with a checked backup. `svc` is closed afterwards, whatever happens:
    use the returned services (or, on RestoreFailed, its `services`)."""
    svc.require(actor, Permission.MANAGE_BACKUPS)
    store, now = svc.store, svc.clock.now()
    paths, old_key = store.paths, store.key
    on_keyring = _on_keyring(paths)  # this computer opened it silently
    safety = paths.folder / f"before restore {now:%Y-%m-%d %H%M%S}.zip"
    with svc.work(actor, Permission.MANAGE_BACKUPS) as uow:
        new = {"file": backup.path.name, "made": backup.made, "safety_copy": safety.name}
        uow.audit("store.restore", RecordKind.STORE, None, new=new)
    create_backup(store, safety, now)  # checked after writing, like every backup
    store.close_engine()
    lock = store.detach_lock()
    try:
        restore_backup(paths, backup.path, backup.key, now)
        if keyring is not None and keyring.is_secure() and (on_keyring or _on_keyring(paths)):
            restore_keyring_slot(paths, keyring, backup.key)  # opens silently, as before
        restored = AppServices(open_store(paths, backup.key, now, lock=lock), svc.clock)
    except (OSError, StoreError) as exc:
        raise _put_back(svc, exc, safety, old_key, lock) from exc
    with restored.work(actor, Permission.MANAGE_BACKUPS) as uow:
        uow.audit("store.restored", RecordKind.STORE, None, new=new)
    return Restored(restored, backup, safety)


def _on_keyring(paths: StorePaths) -> bool:
    return load_slots(paths).has(KEYRING)


def _put_back(
    svc: AppServices, exc: OSError | StoreError, safety: Path, key: bytes, lock: StoreLock
) -> RestoreFailed:
    """The safety backup back in place and open again, if that can be done."""
    reason = str(exc) if isinstance(exc, StoreError) else exc.strerror or "the disk may be full"
    said = f"The backup could not be put in place: {reason.rstrip('.')}."
    paths, now = svc.store.paths, svc.clock.now()
    try:
        restore_backup(paths, safety, key, now)
        services = AppServices(open_store(paths, key, now, lock=lock), svc.clock)
    except (OSError, StoreError):
        lock.release()
        return RestoreFailed(
            f"{said} Nor could the records as they were be put back: a checked copy of them "
            f"is kept in {safety}. Close APDesk and run `apdesk restore` with that file.",
            None,
        )
    return RestoreFailed(f"{said} APDesk is as it was before; sign in again.", services)
