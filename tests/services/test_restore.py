"""Restoring a backup from the window's service: checked whole before the store is touched,
a safety backup first, then the backup in place and open; refused for anyone else."""

from __future__ import annotations

import zipfile
from datetime import timedelta
from pathlib import Path

import pytest

from apdesk.domain.enums import Role
from apdesk.domain.errors import PermissionDenied
from apdesk.domain.permissions import MATRIX, Permission
from apdesk.services import backups
from apdesk.services import staff as staff_service
from apdesk.services.app_services import AppServices
from apdesk.storage import backup as storage_backup
from apdesk.storage.backup import BackupInvalid
from apdesk.storage.errors import WrongKey
from apdesk.storage.store import StorePaths, create_store
from tests.conftest import PASSPHRASE, file_bytes
from tests.services.conftest import PASSWORDS

LEAVER = "a-new-starter"


def usernames(svc: AppServices, actor) -> set[str]:  # type: ignore[no-untyped-def]
    return {member.username for member in staff_service.list_staff(svc, actor)}


def actions(svc: AppServices) -> list[str]:
    with svc.store.engine.connect() as conn:
        return [r[0] for r in conn.exec_driver_sql("SELECT action FROM audit_log ORDER BY id")]


@pytest.fixture
def actors(services):  # type: ignore[no-untyped-def]
    """Everyone; only the Headteacher's password is checked (hashing is the slow part)."""
    head = staff_service.sign_in(services, "head", PASSWORDS[Role.HEADTEACHER])
    members = staff_service.list_staff(services, head)
    return {member.roles[0]: staff_service.actor_for(member) for member in members}


@pytest.fixture
def backed_up(services, actors, tmp_path) -> Path:
    """A backup of the store, then an account made after it (which a restore takes away)."""
    target = tmp_path / "backup.zip"
    backups.backup_now(services, actors[Role.HEADTEACHER], target)
    staff_service.create_staff(
        services, actors[Role.HEADTEACHER], LEAVER, "New Starter", [Role.GOVERNOR], "x" * 16
    )
    return target


@pytest.mark.parametrize("role", [Role.HEADTEACHER, Role.ADMINISTRATOR])
def test_a_restore_replaces_the_store_after_a_safety_backup(
    services, actors, backed_up, clock, role
):
    actor, head = actors[role], actors[Role.HEADTEACHER]
    checked = backups.check_backup(services, actor, backed_up, None)
    assert checked.made == "28 Nov 2026 at 09:30" and not checked.other_store
    done = backups.restore(services, actor, checked, None)
    assert LEAVER not in usernames(done.services, head)
    assert actions(done.services)[-2:] == ["store.backup", "store.restored"]
    assert done.safety_copy.parent == services.store.paths.folder
    # the safety copy is the store as it was: restoring it undoes the restore
    clock.at += timedelta(minutes=1)
    again = backups.restore(
        done.services,
        actor,
        backups.check_backup(done.services, actor, done.safety_copy, None),
        None,
    )
    try:
        assert LEAVER in usernames(again.services, head)
        assert actions(again.services)[-3:] == ["staff.create", "store.restore", "store.restored"]
    finally:
        again.services.close()


def refused(services: AppServices, paths_before: list[Path], before: list[bytes]) -> None:
    assert [file_bytes(p) for p in paths_before] == before
    assert not list(services.store.paths.folder.glob("before restore*"))
    assert not list(services.store.paths.folder.glob("replaced-*"))


def store_files(services: AppServices) -> list[Path]:
    return [services.store.paths.keyslots, services.store.paths.folder / "backups.json"]


@pytest.mark.parametrize("damage", ["not a backup", "database", "cut short"])
def test_a_wrong_or_damaged_file_is_refused_and_nothing_changes(
    services, actors, backed_up, damage
):
    raw = bytearray(backed_up.read_bytes())
    if damage == "not a backup":
        raw = bytearray(b"%PDF-1.7 a letter, not a backup")
    elif damage == "database":
        raw[4096 * 2 + 10] ^= 0xFF
    else:
        raw = raw[: len(raw) // 2]
    backed_up.write_bytes(bytes(raw))
    files = store_files(services)
    before = [file_bytes(p) for p in files]
    with pytest.raises(BackupInvalid, match="Nothing was changed"):
        backups.check_backup(services, actors[Role.HEADTEACHER], backed_up, None)
    refused(services, files, before)
    assert LEAVER in usernames(services, actors[Role.HEADTEACHER])


def test_another_stores_backup_needs_its_passphrase_or_recovery_code(
    services, actors, clock, tmp_path
):
    other, code = create_store(
        StorePaths(tmp_path / "other"), clock.now(), keyring=None, passphrase=PASSPHRASE
    )
    target = tmp_path / "other.zip"
    storage_backup.create_backup(other, target, clock.now())
    other.close()
    head = actors[Role.HEADTEACHER]
    with pytest.raises(backups.SecretNeeded, match="Type its recovery code"):
        backups.check_backup(services, head, target, None)
    with pytest.raises(WrongKey, match=r"does not open this backup\. Check it"):
        backups.check_backup(services, head, target, None, "not the passphrase at all")
    for secret in (PASSPHRASE, code):
        assert backups.check_backup(services, head, target, None, secret).other_store


def test_no_one_else_may_check_or_restore(services, actors, backed_up):
    checked = backups.check_backup(services, actors[Role.HEADTEACHER], backed_up, None)
    others = [role for role in Role if Permission.MANAGE_BACKUPS not in MATRIX[role]]
    assert {Role.HEADTEACHER, Role.ADMINISTRATOR}.isdisjoint(others) and others
    for role in others:
        with pytest.raises(PermissionDenied, match="cannot manage backups"):
            backups.check_backup(services, actors[role], backed_up, None)
        with pytest.raises(PermissionDenied, match="cannot manage backups"):
            backups.restore(services, actors[role], checked, None)
    assert LEAVER in usernames(services, actors[Role.HEADTEACHER])
    assert not list(services.store.paths.folder.glob("before restore*"))


def test_a_restore_that_cannot_finish_puts_the_store_back(services, actors, backed_up, monkeypatch):
    real = backups.restore_backup
    calls: list[Path] = []

    def disk_full(paths, backup, key, now):  # type: ignore[no-untyped-def]
        calls.append(backup)
        if len(calls) == 1:
            raise OSError(28, "No space left on device")
        return real(paths, backup, key, now)

    monkeypatch.setattr(backups, "restore_backup", disk_full)
    head = actors[Role.HEADTEACHER]
    checked = backups.check_backup(services, head, backed_up, None)
    with pytest.raises(
        backups.RestoreFailed, match=r"No space left on device\. APDesk is as"
    ) as got:
        backups.restore(services, head, checked, None)
    reopened = got.value.services
    assert reopened is not None
    try:
        assert LEAVER in usernames(reopened, head)
    finally:
        reopened.close()


def test_the_keyring_gets_the_restored_key(services, actors, backed_up, memory_keyring):
    from apdesk.storage.keyring_store import SystemKeyring
    from apdesk.storage.unlock import key_from_keyring, restore_keyring_slot

    keyring = SystemKeyring(memory_keyring)
    restore_keyring_slot(services.store.paths, keyring, services.store.key)  # after the backup
    head = actors[Role.HEADTEACHER]
    checked = backups.check_backup(services, head, backed_up, keyring)
    done = backups.restore(services, head, checked, keyring)
    try:
        assert key_from_keyring(done.services.store.paths, keyring) == checked.key
    finally:
        done.services.close()


def test_a_zip_that_is_not_ours_is_refused(services, actors, tmp_path):
    target = tmp_path / "photos.zip"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("photo.jpg", b"\xff\xd8 not a backup")
    with pytest.raises(BackupInvalid, match="not a readable APDesk backup"):
        backups.check_backup(services, actors[Role.HEADTEACHER], target, None)
