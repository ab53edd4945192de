"""Free text reaches the audit log only as a digest; 0013 re-chains older rows verifiably."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import sqlcipher3

from apdesk.domain.audit_text import digest, redact
from apdesk.storage import audit
from apdesk.storage.check import check_store
from apdesk.storage.crypto import database_key_pragma
from apdesk.storage.store import StorePaths, open_store
from apdesk.storage.unlock import key_from_secret

STORES = Path(__file__).parent.parent / "stores"
PLANS = "Visit every provider before half-term."


def test_redact_keeps_structure_and_digests_free_text():
    values = {
        "narrative": "Jamie said",
        "status": "open",
        "risk_level": "high",
        "outcome": "reintegrated",
        "progress": [{"note": "better", "rating": "met", "objective_id": 3}],
        "blank": "",
    }
    got = redact("placement", values)
    assert got is not None
    assert got["narrative"] == digest("Jamie said") and got["narrative"].startswith("sha256:")
    assert got["status"] == "open" and got["risk_level"] == "high"
    assert got["outcome"] == "reintegrated"  # a placement's outcome is a code...
    assert redact("referral", {"outcome": "NFA"}) == {"outcome": digest("NFA")}  # ...not here
    assert got["progress"] == [{"note": digest("better"), "rating": "met", "objective_id": 3}]
    assert redact("x", {"note": ""}) == {"note": ""}
    assert redact("x", {"note": digest("a")}) == {"note": digest("a")}  # never digested twice
    assert redact("x", None) is None


def test_a_new_row_keeps_the_digest_not_the_text(new_store, clock):
    store, _ = new_store
    entry = audit.AuditEntry("t", "incident.save", "incident", "1", new={"narrative": "secret"})
    with store.engine.begin() as conn:
        audit.append(conn, entry, clock.now())
    with store.engine.connect() as conn:
        new = conn.exec_driver_sql("SELECT new FROM audit_log ORDER BY id DESC LIMIT 1").scalar()
        assert json.loads(new) == {"narrative": digest("secret")}
        assert audit.verify_chain(conn) == []


def _old_store(tmp_path: Path) -> tuple[StorePaths, bytes, audit.ChainHead]:
    """A copy of the 0007 store, its key, and its chain head before 0013 (read raw)."""
    paths = StorePaths(tmp_path / "schema-0007")
    shutil.copytree(STORES / "schema-0007", paths.folder)
    key = key_from_secret(paths, "passphrase", "schema-0007-test-passphrase")
    conn = sqlcipher3.dbapi2.connect(str(paths.db))
    try:
        conn.execute(f"PRAGMA key = {database_key_pragma(key)}")
        row_id, hash_ = conn.execute(
            "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"
        ).fetchone()
        assert PLANS in "".join(str(r) for r in conn.execute("SELECT new FROM audit_log"))
    finally:
        conn.close()
    return paths, key, audit.ChainHead(int(row_id), str(hash_))


def test_upgrade_digests_old_rows_and_check_still_matches_earlier_heads(tmp_path, clock):
    paths, key, before = _old_store(tmp_path)
    store = open_store(paths, key, clock.now())
    try:
        with store.engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT action, old, new, reason FROM audit_log").all()
            text = " ".join(str(v) for row in rows for v in row)
            assert PLANS not in text and digest(PLANS) in text
            step = json.loads(next(r.new for r in rows if r.action == "audit.rechain"))
            assert step["before"] == str(before) and step["rows"] == before.row_id
            assert audit.verify_chain(conn, [before]) == []
            forged = audit.ChainHead(before.row_id, "f" * 64)
            assert audit.verify_chain(conn, [forged]) != []
        assert check_store(store).ok
    finally:
        store.close()


@pytest.mark.parametrize(
    "tamper",
    [
        "UPDATE audit_rechain SET old_hash = '{f}' WHERE row_id = 1",
        "DELETE FROM audit_rechain WHERE row_id = 2",
    ],
)
def test_a_changed_record_of_earlier_hashes_fails_the_check(tmp_path, clock, tamper):
    paths, key, before = _old_store(tmp_path)
    store = open_store(paths, key, clock.now())
    try:
        with store.engine.begin() as conn:
            conn.exec_driver_sql(tamper.format(f="f" * 64))
        with store.engine.connect() as conn:
            problems = audit.verify_chain(conn, [before])
        assert any("re-chaining step 1" in p for p in problems), problems
    finally:
        store.close()


def test_an_unchanged_row_edited_under_its_kept_hash_is_found(tmp_path, clock):
    """Someone rewrites row 1 and re-hashes everything: the kept earlier hash gives it away."""
    paths, key, before = _old_store(tmp_path)
    store = open_store(paths, key, clock.now())
    try:
        with store.engine.begin() as conn:
            conn.exec_driver_sql("DROP TRIGGER audit_log_no_update")
            conn.exec_driver_sql("UPDATE audit_log SET actor = 'someone else' WHERE id = 1")
        with store.engine.connect() as conn:
            problems = audit.verify_chain(conn, [before])
        assert "audit row 1 was changed after re-chaining step 1 kept its hash" in problems
    finally:
        store.close()
