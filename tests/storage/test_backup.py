"""Backups: round trip through the CLI, a damaged backup refused with nothing replaced."""

from __future__ import annotations

import contextlib
from datetime import datetime

import pytest

from apdesk.storage.backup import BackupInvalid, create_backup, read_backup, restore_backup
from apdesk.storage.keyring_store import SystemKeyring
from apdesk.storage.store import open_store
from apdesk.storage.unlock import key_from_keyring
from tests.conftest import file_bytes
from tests.storage.helpers import run_cli, write_known_names


def test_backup_then_restore_brings_back_the_data(new_store, clock, capsys, tmp_path):
    store, _ = new_store
    write_known_names(store, clock.now())
    store.close()
    target = tmp_path / "nightly.apdesk-backup"
    status, out = run_cli(capsys, store.paths.folder, "backup", str(target))
    assert status == 0 and "verified" in out
    manifest, _ = read_backup(target)
    assert manifest.audit_head.row_id == 5  # store made, three names, the backup itself
    reopened = open_store(store.paths, key_from_keyring(store.paths, SystemKeyring()), clock.now())
    reopened.set_meta("pupil_note", "changed after the backup")
    reopened.close()
    status, out = run_cli(capsys, store.paths.folder, "restore", str(target))
    assert status == 0 and "replaced was kept" in out
    restored = open_store(store.paths, key_from_keyring(store.paths, SystemKeyring()), clock.now())
    assert restored.meta("pupil_note").startswith("Zebedee")
    restored.close()
    aside = next(store.paths.folder.glob("replaced-*"))
    assert (aside / "apdesk.db").exists()
    status, out = run_cli(capsys, store.paths.folder, "check")
    assert status == 0, out
    with restored_engine(store.paths) as conn:
        actions = [r[0] for r in conn.exec_driver_sql("SELECT action FROM audit_log ORDER BY id")]
    assert actions[-2:] == ["store.backup", "store.restore"]


@pytest.mark.parametrize("where", ["database", "manifest", "truncated"])
def test_corrupted_backup_is_refused_and_nothing_replaced(new_store, clock, tmp_path, where):
    store, _ = new_store
    target = tmp_path / "b.zip"
    create_backup(store, target, clock.now())
    raw = bytearray(target.read_bytes())
    if where == "database":
        raw[4096 * 2 + 10] ^= 0xFF
    elif where == "manifest":
        at = raw.find(b'"db_sha256"')
        raw[at + 20] ^= 0x01
    else:
        raw = raw[: len(raw) // 2]
    target.write_bytes(bytes(raw))
    key = store.key
    store.close()
    before = file_bytes(store.paths.db)
    with pytest.raises(BackupInvalid, match="Nothing was changed"):
        restore_backup(store.paths, target, key, clock.now())
    assert file_bytes(store.paths.db) == before
    assert not list(store.paths.folder.glob("replaced-*"))


@contextlib.contextmanager
def restored_engine(paths):
    store = open_store(paths, key_from_keyring(paths, SystemKeyring()), datetime(2026, 11, 28, 10))
    try:
        with store.engine.connect() as conn:
            yield conn
    finally:
        store.close()
