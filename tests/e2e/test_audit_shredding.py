"""`apdesk audit` and `apdesk retention dispose` in fresh interpreters, on a store written
before 0018 (its rows named the pupil in clear until the upgrade sealed them): the audit
trail names the pupil while the file is kept, and reads "(disposed)" after; nothing in the
store says who the child was, and `apdesk check` still verifies the chain (decision 0015)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from apdesk.domain.identifiers import make_upn
from apdesk.storage.store import Store, StorePaths, open_store
from apdesk.storage.unlock import key_from_secret
from tests.e2e.program import apdesk, stored_school
from tests.services.test_retention import decrypted_pages

STORE = "schema-0017"
# who the stored store's pupil is (tests/stores/make_store.py): name, birth, UPN, receiving DSL
WHO = ("Robin", "Testcase", "2012-03-04", make_upn(938, 4000, 11, 1), "Jane Holt")


def _open(data: Path) -> Store:
    paths = StorePaths(data)
    key = key_from_secret(paths, "passphrase", f"{STORE}-test-passphrase")
    return open_store(paths, key, datetime.now())


def _age(data: Path) -> None:
    """Move the pupil's date of birth back, as if the file had been kept since school."""
    store = _open(data)
    try:
        with store.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE pupil SET date_of_birth = ?", (date(1990, 3, 4),))
    finally:
        store.close()


def _store_text(data: Path) -> tuple[str, bytes]:
    store = _open(data)
    try:
        with store.raw_connection() as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            tables = "SELECT name FROM sqlite_master WHERE type = 'table'"
            names = [r[0] for r in conn.execute(tables)]
            rows = " ".join(repr(r) for n in names for r in conn.execute(f'SELECT * FROM "{n}"'))
        return rows, decrypted_pages(store.paths.db, store.key)
    finally:
        store.close()


def test_the_trail_names_the_pupil_until_the_file_is_disposed_of(tmp_path: Path) -> None:
    env = stored_school(tmp_path, STORE)
    dsl = {**env, "APDESK_PASSWORD": f"{STORE}-dsl-password"}
    data = tmp_path / "data"
    _age(data)

    before = apdesk(dsl, "audit", "--pupil", "1", "--user", "dsl")
    assert before.code == 0, before.text
    assert "pupil.save by Sam Patel (dsl)" in before.out
    assert "legal first name Robin" in before.out and "legal last name Testcase" in before.out
    assert "receiving dsl Jane Holt" in before.out and "(disposed)" not in before.out
    # the records that are the pupil's own are in their trail too, in plain words
    assert "placement.save by Sam Patel (dsl)" in before.out
    assert "ap_referral.save" in before.out and "parent_contact.record" in before.out
    assert "date of birth 4 Mar 2012" in before.out and "looked after no" in before.out

    args = ("retention", "dispose", "--pupil", "1", "--records", "file", "--user", "dsl")
    done = apdesk(dsl, *args, "--reason", "Past DOB + 25 years at the retention review", "--yes")
    assert done.code == 0 and "1 pupil record" in done.out, done.text

    after = apdesk(dsl, "audit", "--pupil", "1", "--user", "dsl")
    assert after.code == 0, after.text
    assert "legal first name (disposed)" in after.out and "retention.dispose" in after.out
    for needle in WHO:
        assert needle not in after.out, needle
    rows, pages = _store_text(data)
    for needle in WHO:
        assert needle not in rows, needle
        assert needle.encode() not in pages, needle
    checked = apdesk(env, "check")
    assert checked.code == 0, checked.text
    nobody = apdesk(dsl, "audit", "--user", "dsl")
    assert nobody.code == 2 and "needs --pupil" in nobody.err and "Traceback" not in nobody.text
