"""First run: a new store, the school's details and the first Headteacher account, in one go.

The store is built in a scratch folder inside the data folder and moved into place only once
the school, the Headteacher and the recovery code all exist, so a failure at any step leaves
the data folder as it was. The move is journaled by a `complete` marker: a set-up killed after
it finishes moving the files in at the next start; one killed before it is removed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from apdesk.domain.clock import Clock
from apdesk.domain.entities import Provider, Pupil, School
from apdesk.domain.errors import ApdeskError
from apdesk.domain.permissions import check_password_strength
from apdesk.services import school as school_service
from apdesk.services import staff as staff_service
from apdesk.services.actor import SYSTEM, Actor
from apdesk.services.app_services import AppServices
from apdesk.storage.errors import StoreError
from apdesk.storage.files import fsync_dir, make_private_dir
from apdesk.storage.keyring_store import SystemKeyring
from apdesk.storage.lock import LOCK_NAME, StoreLock
from apdesk.storage.paths import SETUP_SCRATCH_PREFIX
from apdesk.storage.store import StorePaths, check_passphrase, create_store, open_store

log = logging.getLogger("apdesk")
SCRATCH_PREFIX = SETUP_SCRATCH_PREFIX
COMPLETE = "complete"


@dataclass(frozen=True)
class FirstRun:
    services: AppServices
    headteacher: Actor
    recovery_code: str


def create_school_store(
    folder: Path,
    school: School,
    head_username: str,
    head_name: str,
    head_password: str,
    clock: Clock,
    *,
    keyring: SystemKeyring | None,
    passphrase: str | None = None,
) -> FirstRun:
    """Everything the set-up wizard makes, or nothing. Inputs are checked before any write."""
    check_password_strength(head_password)
    if passphrase is not None:
        check_passphrase(passphrase)
    school_service.validate_school(school)
    paths = StorePaths(folder)
    make_private_dir(folder)
    lock_file = folder / LOCK_NAME
    had_lock_file = lock_file.exists()
    lock = StoreLock(folder)
    lock.acquire(clock.now())
    try:
        if paths.exists():
            raise StoreError(f"There is already an APDesk store in {folder}. Nothing was changed.")
        scratch = folder / f"{SCRATCH_PREFIX}{uuid.uuid4().hex}"
        key, code, head = _build(
            scratch, school, head_username, head_name, head_password, clock, keyring, passphrase
        )
        _move_into_place(scratch, paths)
    except BaseException:
        lock.release()
        if not had_lock_file:
            lock_file.unlink(missing_ok=True)
        raise
    lock.release()
    return FirstRun(AppServices(open_store(paths, key, clock.now()), clock), head, code)


def _build(
    scratch: Path,
    school: School,
    head_username: str,
    head_name: str,
    head_password: str,
    clock: Clock,
    keyring: SystemKeyring | None,
    passphrase: str | None,
) -> tuple[bytes, str, Actor]:
    """The whole store in `scratch`, closed and marked complete; removed again on failure."""
    store_id = ""
    try:
        store, code = create_store(
            StorePaths(scratch), clock.now(), keyring=keyring, passphrase=passphrase
        )
        store_id, key = store.store_id, store.key
        try:
            services = AppServices(store, clock)
            head = staff_service.create_first_headteacher(
                services, head_username, head_name, head_password, school
            )
        finally:
            store.close()
        (scratch / COMPLETE).write_bytes(b"")
        fsync_dir(scratch)
        return key, code, head
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        if keyring is not None and store_id:
            with contextlib.suppress(ApdeskError):
                keyring.delete_key(store_id)
        raise


def _move_into_place(scratch: Path, paths: StorePaths) -> None:
    """Database first, key slots last: the store exists from the moment its key slots do."""
    os.replace(scratch / paths.db.name, paths.db)
    os.replace(scratch / paths.keyslots.name, paths.keyslots)
    fsync_dir(paths.folder)
    shutil.rmtree(scratch, ignore_errors=True)


def finish_interrupted_setup(folder: Path) -> str | None:
    """Complete or remove a set-up that was stopped part-way; say which, or None if none was.

    Best effort: a folder APDesk cannot read or change is reported later, by whatever
    opens the store, in plain words.
    """
    try:
        return _finish_interrupted_setup(folder)
    except OSError:
        log.exception("could not tidy an interrupted set-up in %s", folder)
        return None


def _finish_interrupted_setup(folder: Path) -> str | None:
    said = None
    paths = StorePaths(folder)
    for scratch in paths.setup_scratches():
        ready = (scratch / COMPLETE).exists() and (scratch / paths.keyslots.name).exists()
        if ready and not paths.keyslots.exists():
            if (scratch / paths.db.name).exists() and not paths.db.exists():
                os.replace(scratch / paths.db.name, paths.db)
            if paths.db.exists():
                os.replace(scratch / paths.keyslots.name, paths.keyslots)
                fsync_dir(folder)
                said = "APDesk finished moving in the store that set-up made before it stopped."
                log.warning("finished an interrupted set-up from %s", scratch.name)
        else:
            log.warning("removed an unfinished set-up in %s", scratch.name)
        shutil.rmtree(scratch, ignore_errors=True)
    return said


def is_empty_store(services: AppServices) -> bool:
    """True for a store nobody can use: no staff account, and so no records either."""
    if staff_service.has_staff(services):
        return False
    with services.read(SYSTEM) as session:
        for entity in (Pupil, Provider):
            if session.scalar(select(func.count()).select_from(entity)):
                return False
    return True


def discard_empty_store(services: AppServices, keyring: SystemKeyring) -> list[str]:
    """Remove a store with no accounts and no records (left by an older APDesk's failed set-up).

    Refused for any store that holds an account or a record. Returns the files removed.
    """
    if not is_empty_store(services):
        raise StoreError("This store holds accounts or records, so APDesk will not remove it.")
    paths = services.store.paths
    store_id = services.store.store_id
    services.close()
    removed = [path.name for path in _store_files(paths) if path.exists()]
    for path in _store_files(paths):
        path.unlink(missing_ok=True)
    (paths.folder / "apdesk.lock.json").unlink(missing_ok=True)
    shutil.rmtree(paths.work, ignore_errors=True)
    if keyring.is_secure():
        with contextlib.suppress(ApdeskError):
            keyring.delete_key(store_id)
    fsync_dir(paths.folder)
    return removed


def removable_files(paths: StorePaths) -> list[str]:
    """What `discard_empty_store` would remove, to say before asking."""
    names = [p.name for p in _store_files(paths) if p.exists()]
    return names + (["work/"] if paths.work.exists() else [])


def _store_files(paths: StorePaths) -> list[Path]:
    """The files that are the store itself: key slots first, so it stops existing first."""
    return [paths.keyslots, paths.db, *paths.sidecars()]
