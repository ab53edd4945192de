"""`apdesk check` proves the audit log extends every backup it can find or is given."""

from __future__ import annotations

import pytest

from apdesk.storage import audit
from apdesk.storage.keyring_store import SystemKeyring
from apdesk.storage.store import open_store
from apdesk.storage.unlock import key_from_keyring
from tests.storage.helpers import run_cli


def _open(paths, clock):
    return open_store(paths, key_from_keyring(paths, SystemKeyring()), clock.now())


def _rewrite_chain(paths, clock, drop_triggers_only=False) -> None:
    """A consistent rewrite from row 2 on: every hash recomputed, nothing missing."""
    store = _open(paths, clock)
    try:
        with store.engine.begin() as conn:
            conn.exec_driver_sql("DROP TRIGGER audit_log_no_delete")
            conn.exec_driver_sql("DROP TRIGGER audit_log_no_update")
            if drop_triggers_only:
                return
            conn.exec_driver_sql("DELETE FROM audit_log WHERE id >= 2")
            conn.exec_driver_sql("UPDATE sqlite_sequence SET seq = 1 WHERE name = 'audit_log'")
            for _ in range(6):
                audit.append(conn, audit.AuditEntry("forger", "pupil.view", "pupil"), clock.now())
    finally:
        store.close()


@pytest.fixture
def backed_up(copied_store, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("APDESK_BACKUPS_DIR", str(tmp_path / "no backups here"))
    target = tmp_path / "before.zip"
    status, text = run_cli(capsys, copied_store.folder, "backup", str(target))
    assert status == 0, text
    return copied_store, target


def test_a_rewritten_chain_fails_against_the_backup_made_before(backed_up, clock, capsys):
    paths, backup = backed_up
    _rewrite_chain(paths, clock)
    (paths.folder / "backups.json").unlink()
    status, text = run_cli(capsys, paths.folder, "check")
    assert status == 1
    assert "1 backup(s) were made, but backups.json" in text
    status, text = run_cli(capsys, paths.folder, "check", "--against", str(backup))
    assert status == 1
    assert "FAIL audit log chain" in text and "recorded earlier" in text


def test_backups_in_the_default_folder_are_found_by_themselves(
    backed_up, clock, capsys, monkeypatch
):
    paths, backup = backed_up
    status, text = run_cli(capsys, paths.folder, "check")
    assert status == 0, text
    monkeypatch.setenv("APDESK_BACKUPS_DIR", str(backup.parent))
    _rewrite_chain(paths, clock)
    (paths.folder / "backups.json").write_text('{"heads": ["1:' + "0" * 64 + '"]}')
    status, text = run_cli(capsys, paths.folder, "check")
    assert status == 1 and "recorded earlier" in text
    assert "Compared with 1 backup(s): before.zip." in text


def test_dropped_triggers_are_an_error(backed_up, clock, capsys):
    paths, _ = backed_up
    _rewrite_chain(paths, clock, drop_triggers_only=True)
    status, text = run_cli(capsys, paths.folder, "check")
    assert status == 1
    assert "audit_log_no_update that keeps the audit log append-only is missing" in text
    assert "audit_log_no_delete" in text


def test_another_stores_backup_is_named_as_such(backed_up, capsys, tmp_path, store_template):
    import shutil

    paths, backup = backed_up
    other = tmp_path / "other.zip"
    shutil.copy(backup, other)
    import zipfile

    with zipfile.ZipFile(backup) as src, zipfile.ZipFile(other, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "manifest.json":
                data = data.replace(store_template.store_id.encode(), b"another-store-id")
            dst.writestr(item, data)
    status, text = run_cli(capsys, paths.folder, "check", "--against", str(other))
    assert status == 1 and "other.zip is a backup of another store" in text


def test_a_replaced_signing_root_is_reported(backed_up, clock, capsys):
    from datetime import UTC

    from apdesk.documents.certificates import certificate_to_pem, create_school_ca

    paths, backup = backed_up
    store = _open(paths, clock)
    _, genuine = create_school_ca("Oakfield", now=clock.now().astimezone(UTC))
    with store.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO school_ca (cert_pem, key_pem, created_at) VALUES (?, ?, ?)",
            (certificate_to_pem(genuine), b"", clock.now().isoformat()),
        )
    store.close()
    status, text = run_cli(capsys, paths.folder, "backup", str(backup))
    assert status == 0, text
    store = _open(paths, clock)
    _, forged = create_school_ca("Oakfield", now=clock.now().astimezone(UTC))
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE school_ca SET cert_pem = ?", (certificate_to_pem(forged),))
    store.close()
    status, text = run_cli(capsys, paths.folder, "check", "--against", str(backup))
    assert status == 1 and "signing root is not the one" in text
