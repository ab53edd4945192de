"""Migration 0019 seals who a pupil was in rows written before 0018, or writes "(disposed)"
where the file is gone, and re-chains as a recorded step `apdesk check` understands, after
0013's step where the store had one (decision 0015)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3

from apdesk.storage import audit, pupil_keys
from apdesk.storage.check import check_store
from apdesk.storage.crypto import database_key_pragma
from apdesk.storage.store import StorePaths, open_store
from apdesk.storage.unlock import key_from_secret

STORES = Path(__file__).parent.parent / "stores"
GONE = {"legal_first_name": "Ignatius", "legal_last_name": "Dunmore",
        "date_of_birth": "1990-01-02", "upn": "K938400011099", "cp_plan": True}  # fmt: skip
TWIN = {"id": 98, "legal_first_name": "Robin", "legal_last_name": "Twinning",
        "date_of_birth": "2012-03-04", "upn": "K938400011098"}  # fmt: skip
WHO = ("Ignatius", "Dunmore", "1990-01-02", "K938400011099", "Testcase", "Twinning")


def _append(conn: Any, action: str, entity_id: int, **values: Any) -> None:
    """One row as an older APDesk wrote it (in clear), chained onto the log."""
    last_id, last_hash = conn.execute(
        "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"
    ).fetchone()
    row = {"id": last_id + 1, "at": "2025-06-01T09:00:00", "actor": "Sam Patel (dsl)",
           "action": action, "entity": "pupil", "entity_id": str(entity_id),
           "old": None, "new": None, "reason": None, "prev_hash": last_hash}  # fmt: skip
    row |= {k: json.dumps(v, sort_keys=True, ensure_ascii=False) for k, v in values.items()}
    row["hash"] = audit.row_hash(row)
    conn.execute(
        "INSERT INTO audit_log (id, at, actor, action, entity, entity_id, old, new, reason, "
        "prev_hash, hash) VALUES (:id, :at, :actor, :action, :entity, :entity_id, :old, :new, "
        ":reason, :prev_hash, :hash)",
        row,
    )


def _old_store(tmp_path: Path, name: str) -> tuple[StorePaths, bytes, audit.ChainHead]:
    """A copy of a stored store in which, before this upgrade, pupil 99 was saved and then
    disposed of, and pupil 98 saved and merged into pupil 1; and its chain head then."""
    paths = StorePaths(tmp_path / name)
    shutil.copytree(STORES / name, paths.folder)
    key = key_from_secret(paths, "passphrase", f"{name}-test-passphrase")
    conn = sqlcipher3.dbapi2.connect(str(paths.db))
    try:
        conn.execute(f"PRAGMA key = {database_key_pragma(key)}")
        _append(conn, "pupil.save", 99, new=GONE)
        _append(conn, "retention.dispose", 99,
                new={"class": "alternative_provision", "counts": {"pupil record": 1}})  # fmt: skip
        _append(conn, "pupil.save", 98, new={k: v for k, v in TWIN.items() if k != "id"})
        _append(conn, "pupil.merge", 1, old={"duplicate": TWIN}, new={"into": 1, "moved": {}})
        conn.commit()
        row_id, hash_ = conn.execute(
            "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"
        ).fetchone()
        assert "Testcase" in " ".join(str(r) for r in conn.execute("SELECT new FROM audit_log"))
    finally:
        conn.close()
    return paths, key, audit.ChainHead(int(row_id), str(hash_))


@pytest.mark.parametrize(("name", "steps"), [("schema-0007", 2), ("schema-0017", 1)])
def test_older_rows_are_sealed_or_disposed_and_the_chain_still_proves_them(
    tmp_path, clock, name, steps
):
    paths, key, before = _old_store(tmp_path, name)
    store = open_store(paths, key, clock.now())
    try:
        with store.engine.connect() as conn:
            raw = " ".join(str(r) for r in conn.exec_driver_sql("SELECT * FROM audit_log"))
            for needle in WHO:
                assert needle not in raw, needle
            rechains = [
                json.loads(r.new)
                for r in conn.exec_driver_sql(
                    "SELECT new FROM audit_log WHERE action = 'audit.rechain' ORDER BY id"
                )
            ]
            assert len(rechains) == steps and rechains[-1]["revision"] == "0019"
            assert rechains[-1]["rows"] == before.row_id + steps - 1  # 0013's row too
            assert audit.verify_chain(conn, [before]) == []
            assert audit.verify_chain(conn, [audit.ChainHead(before.row_id, "f" * 64)]) != []

            [gone, _] = audit.read(conn, "pupil", "99")
            assert gone.new is not None and gone.new["upn"] == pupil_keys.DISPOSED
            assert '"upn": "(disposed)"' in raw  # no key was ever made for it
            [saved] = [r for r in audit.read(conn, "pupil", "1") if r.action == "pupil.save"]
            assert saved.new is not None and saved.new["legal_last_name"] == "Testcase"
            merge = next(r for r in audit.read(conn, "pupil", "1") if r.action == "pupil.merge")
            assert merge.old == {"duplicate": TWIN}
            [twin] = audit.read(conn, "pupil", "98")
            assert twin.new is not None and twin.new["legal_last_name"] == "Twinning"
            # the twin's rows go with pupil 1's file: its key is pupil 1's to dispose of
            assert pupil_keys.forget(conn, 1) == 2
            [twin] = audit.read(conn, "pupil", "98")
            assert twin.new is not None and twin.new["legal_last_name"] == pupil_keys.DISPOSED
        assert check_store(store).ok
    finally:
        store.close()


def test_a_row_neither_step_changed_still_has_its_kept_hash_checked(tmp_path, clock):
    """Someone rewrites row 1 and re-hashes everything: step 1's kept hash gives it away,
    though step 2 came after it."""
    paths, key, before = _old_store(tmp_path, "schema-0007")
    store = open_store(paths, key, clock.now())
    try:
        with store.engine.begin() as conn:
            conn.exec_driver_sql("DROP TRIGGER audit_log_no_update")
            conn.exec_driver_sql("UPDATE audit_log SET actor = 'someone else' WHERE id = 1")
        with store.engine.connect() as conn:
            problems = audit.verify_chain(conn, [before])
        assert "audit row 1 was changed after re-chaining step 1 kept its hash" in problems
        assert "audit row 1 was changed after re-chaining step 2 kept its hash" in problems
    finally:
        store.close()


def test_a_log_with_nobody_in_it_is_left_as_it_was(tmp_path, clock):
    paths = StorePaths(tmp_path / "schema-0001")
    shutil.copytree(STORES / "schema-0001", paths.folder)
    key = key_from_secret(paths, "passphrase", "schema-0001-test-passphrase")
    store = open_store(paths, key, clock.now())
    try:
        with store.engine.connect() as conn:
            steps = conn.exec_driver_sql(
                "SELECT entity_id FROM audit_log WHERE action = 'audit.rechain'"
            ).all()
            assert [s[0] for s in steps] == ["1"]  # 0013's only
            assert audit.verify_chain(conn) == []
    finally:
        store.close()
