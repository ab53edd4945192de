"""Rekey, the audit chain under tampering, the one-program lock and location warnings."""

from __future__ import annotations

from pathlib import Path

import pytest

from apdesk.storage import audit
from apdesk.storage.check import check_store
from apdesk.storage.errors import StoreInUse, WrongKey
from apdesk.storage.keyring_store import SystemKeyring
from apdesk.storage.keyslots import RECOVERY
from apdesk.storage.location import location_warning
from apdesk.storage.lock import HOLDER_NAME
from apdesk.storage.rekey import rekey
from apdesk.storage.store import open_store
from apdesk.storage.unlock import key_from_keyring, key_from_secret
from tests.conftest import PASSPHRASE
from tests.storage.helpers import run_cli, write_known_names


def test_rekey_old_key_fails_new_key_opens_content_same(new_store, clock):
    store, old_code = new_store
    write_known_names(store, clock.now())
    old_key = store.key
    store, new_code = rekey(
        store,
        clock.now(),
        actor="tester",
        keyring=SystemKeyring(),
        passphrase=PASSPHRASE,
        show_code=lambda code: None,
    )
    paths = store.paths
    store.close()
    with pytest.raises(WrongKey):
        open_store(paths, old_key, clock.now())
    with pytest.raises(WrongKey):
        key_from_secret(paths, RECOVERY, old_code)
    for key in (
        key_from_keyring(paths, SystemKeyring()),
        key_from_secret(paths, RECOVERY, new_code),
        key_from_secret(paths, "passphrase", PASSPHRASE),
    ):
        reopened = open_store(paths, key, clock.now())
        assert reopened.meta("pupil_note").startswith("Zebedee Quartermaine")
        assert check_store(reopened).ok
        reopened.close()


def _tamper(store, sql: str) -> None:
    with store.raw_connection() as conn:
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("DROP TRIGGER audit_log_no_delete")
        conn.execute(sql)


@pytest.mark.parametrize(
    "sql,expected",
    [
        ("UPDATE audit_log SET actor = 'someone else' WHERE id = 2", "row 2 was changed"),
        ("DELETE FROM audit_log WHERE id = 2", "rows 2 to 2 are missing"),
        ("DELETE FROM audit_log WHERE id = 4", "deleted from the end"),
    ],
)
def test_audit_tampering_is_reported_by_check(new_store, clock, capsys, sql, expected):
    store, _ = new_store
    write_known_names(store, clock.now())
    _tamper(store, sql)
    store.close()
    status, out = run_cli(capsys, store.paths.folder, "check")
    assert status == 1 and "FAIL audit log chain" in out and expected in out


def test_audit_log_refuses_update_and_delete(new_store, clock):
    store, _ = new_store
    with pytest.raises(Exception, match="append-only"), store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE audit_log SET actor = 'x'")
    with pytest.raises(Exception, match="append-only"), store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM audit_log")


def test_backup_head_catches_a_rebuilt_chain(new_store, clock, tmp_path, capsys):
    from apdesk.storage.backup import create_backup

    store, _ = new_store
    write_known_names(store, clock.now())
    create_backup(store, tmp_path / "b.zip", clock.now())
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER audit_log_no_delete")
        conn.exec_driver_sql("DELETE FROM audit_log WHERE id >= 3")
        conn.exec_driver_sql("UPDATE sqlite_sequence SET seq = 2 WHERE name = 'audit_log'")
        audit.append(conn, audit.AuditEntry("forger", "x", "y"), clock.now())
        audit.append(conn, audit.AuditEntry("forger", "x", "y"), clock.now())
    report = check_store(store)
    assert not report.ok and any("recorded earlier" in line for line in report.lines())


def test_second_program_is_told_who_holds_the_store(new_store, clock):
    store, _ = new_store
    with pytest.raises(
        StoreInUse, match=r"already open on this store by .+ on .+ since 28 Nov 2026"
    ):
        open_store(store.paths, store.key, clock.now())


def test_lock_left_by_a_crash_is_recognised_as_stale(new_store, clock):
    store, _ = new_store
    key, paths = store.key, store.paths
    holder = (paths.folder / HOLDER_NAME).read_bytes()
    store.close()
    (paths.folder / HOLDER_NAME).write_bytes(holder)  # what a killed program leaves behind
    reopened = open_store(paths, key, clock.now())
    assert reopened.stale_lock_holder is not None
    assert reopened.stale_lock_holder["since"].startswith("2026-11-28")
    reopened.close()


@pytest.mark.parametrize(
    "folder",
    [
        r"\\server\share\APDesk",
        "C:/Users/dsl/OneDrive - Trust/APDesk",
        "/home/x/Dropbox/apdesk",
    ],
)
def test_network_and_synced_folders_get_a_warning(folder):
    assert "Move it to this computer's own disk" in location_warning(Path(folder))


def test_local_folder_gets_no_warning(tmp_path):
    assert location_warning(tmp_path) is None
