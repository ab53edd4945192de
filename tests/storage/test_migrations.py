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
RELEASED = {f"schema-{n:04}": f"schema-{n:04}-test-passphrase" for n in range(1, 13)}
_PLACED = {"pupil": 1, "provider": 1, "placement": 1}
# What each stored store holds beyond the school name: rows that must survive every upgrade.
ROWS = {
    "schema-0001": {"audit_log": 2},
    "schema-0002": _PLACED,
    "schema-0003": _PLACED,
    "schema-0004": _PLACED,
    "schema-0005": _PLACED | {"governors_plans": 1, "check_period": 1},
    "schema-0006": _PLACED | {"governors_plans": 1, "check_period": 1},
    "schema-0007": _PLACED | {"governors_plans": 1, "check_period": 1},
    "schema-0008": _PLACED | {"governors_plans": 1, "check_period": 1, "ap_referral": 1},
    "schema-0009": _PLACED | {"governors_plans": 1, "check_period": 1, "ap_referral": 1},
    "schema-0010": _PLACED | {"governors_plans": 1, "check_period": 1, "ap_referral": 1},
    "schema-0011": _PLACED
    | {
        "governors_plans": 1,
        "check_period": 1,
        "ap_referral": 1,
        "cp_transfer": 1,
        "subject_access_request": 1,
    },
    "schema-0012": _PLACED
    | {
        "governors_plans": 1,
        "check_period": 1,
        "ap_referral": 1,
        "cp_transfer": 1,
        "subject_access_request": 1,
        "staff_training": 1,
    },
}
# Values a schema added, set when the store was made (tests/stores/make_store.py): an upgrade
# keeps them rather than putting the new column's default in their place.
VALUES = {
    "schema-0003": {
        "SELECT review_weeks_high, review_weeks_medium, review_weeks_low FROM school": (
            1,
            None,
            6,
        )
    },
    "schema-0004": {
        "SELECT review_weeks_low, am_register_closes FROM school": (6, "09:45:00.000000"),
        "SELECT dual_registered FROM placement": (1,),
    },
    "schema-0008": {
        "SELECT reason, referred_by FROM ap_referral": ("Exclusions", "Head of Year 9")
    },
    "schema-0005": {
        "SELECT am_register_closes FROM school": ("09:45:00.000000",),
        "SELECT months FROM check_period": (24,),
        "SELECT text FROM governors_plans": ("Visit every provider before half-term.",),
    },
    "schema-0007": {
        "SELECT school_type, policy_version, policy_approved_on, policy_review_on FROM school": (
            None,
            "1.0",
            "2026-03-01",
            "2027-03-01",
        )
    },
    "schema-0009": {"SELECT school_type FROM school": ("maintained",)},
    "schema-0010": {
        "SELECT policy_approving_body, policy_review_on FROM school": ("SSC", "2027-02-01")
    },
}


def test_every_migration_has_a_stored_store():
    """A migration that ships adds its folder here (README.md says how to make one)."""
    assert sorted(RELEASED) == sorted(p.name for p in STORES.glob("schema-*"))
    assert f"schema-{migrate.head_revision()}" in RELEASED


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
            for query, values in VALUES.get(name, {}).items():
                assert tuple(conn.exec_driver_sql(query).one()) == values, query
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
