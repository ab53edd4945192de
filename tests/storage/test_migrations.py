"""Every released schema upgrades; a newer schema is refused; a copy is taken first."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from apdesk.storage import migrate
from apdesk.storage.check import check_store
from apdesk.storage.errors import SchemaTooNew
from apdesk.storage.store import StorePaths, open_store
from apdesk.storage.unlock import key_from_secret

STORES = Path(__file__).parent.parent / "stores"
RELEASED = {
    "schema-0001": "schema-0001-test-passphrase",
    "schema-0002": "schema-0002-test-passphrase",
}
# What each stored store holds beyond the school name: rows that must survive every upgrade.
ROWS = {"schema-0001": {"audit_log": 2}, "schema-0002": {"pupil": 1, "provider": 1, "placement": 1}}


@pytest.mark.parametrize("name", sorted(RELEASED))
def test_released_store_upgrades_with_nothing_lost(name, tmp_path, clock):
    folder = tmp_path / name
    shutil.copytree(STORES / name, folder)
    paths = StorePaths(folder)
    store = open_store(paths, key_from_secret(paths, "passphrase", RELEASED[name]), clock.now())
    try:
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        assert store.meta("school_name") == "Fictional Test School"
        with store.engine.connect() as conn:
            for table, count in ROWS[name].items():
                assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() == count
        assert check_store(store).ok
        if migrate.head_revision() != name.split("-")[1]:
            assert store.upgrade_copy is not None and store.upgrade_copy.exists()
    finally:
        store.close()


def test_store_from_a_newer_program_is_refused(new_store, clock):
    store, _ = new_store
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    key, paths = store.key, store.paths
    store.close()
    before = paths.db.read_bytes()
    with pytest.raises(SchemaTooNew, match="newer version of APDesk"):
        open_store(paths, key, clock.now())
    assert paths.db.read_bytes() == before
