"""Every released schema upgrades; a newer schema is refused; a copy is taken first."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from apdesk.storage import migrate
from apdesk.storage.check import check_store
from apdesk.storage.engine import connect, make_engine
from apdesk.storage.errors import SchemaTooNew, UpgradeBrokeLinks
from apdesk.storage.store import StorePaths, open_store
from apdesk.storage.unlock import key_from_secret

STORES = Path(__file__).parent.parent / "stores"
RELEASED = {f"schema-{n:04}": f"schema-{n:04}-test-passphrase" for n in range(1, 22)}
_PLACED = {"pupil": 1, "provider": 1, "placement": 1}
# What each stored store holds beyond the school name: rows that must survive every upgrade.
ROWS = {
    "schema-0001": {"audit_log": 3},  # 0013's re-chaining adds one
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
    "schema-0013": _PLACED
    | {
        "governors_plans": 1,
        "check_period": 1,
        "ap_referral": 1,
        "cp_transfer": 1,
        "subject_access_request": 1,
        "staff_training": 1,
    },
    "schema-0014": _PLACED
    | {
        "governors_plans": 1,
        "check_period": 1,
        "ap_referral": 1,
        "cp_transfer": 1,
        "subject_access_request": 1,
        "staff_training": 1,
    },
    "schema-0015": _PLACED
    | {
        "governors_plans": 1,
        "check_period": 1,
        "ap_referral": 1,
        "cp_transfer": 1,
        "subject_access_request": 1,
        "staff_training": 1,
        "complaint": 1,
    },
    "schema-0016": _PLACED
    | {
        "governors_plans": 1,
        "check_period": 1,
        "ap_referral": 1,
        "cp_transfer": 1,
        "subject_access_request": 1,
        "staff_training": 1,
        "complaint": 1,
        "pupil_social_care": 1,
        "pupil_ehcp": 1,
    },
    "schema-0017": _PLACED
    | {
        "governors_plans": 1,
        "check_period": 1,
        "ap_referral": 1,
        "cp_transfer": 1,
        "subject_access_request": 1,
        "staff_training": 1,
        "complaint": 1,
        "pupil_social_care": 1,
        "pupil_ehcp": 1,
        "parent_contact": 1,
    },
    "schema-0018": _PLACED
    | {
        "governors_plans": 1,
        "check_period": 1,
        "ap_referral": 1,
        "cp_transfer": 1,
        "subject_access_request": 1,
        "staff_training": 1,
        "complaint": 1,
        "pupil_social_care": 1,
        "pupil_ehcp": 1,
        "parent_contact": 1,
        "pupil_audit_key": 1,
    },
}
ROWS["schema-0019"] = ROWS["schema-0018"]  # 0019 changes only audit rows
ROWS["schema-0020"] = ROWS["schema-0019"]  # 0020 adds only an index
ROWS["schema-0021"] = ROWS["schema-0020"]  # 0021 changes only an index
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
    "schema-0013": {"SELECT retention_attendance_years FROM school": (7,)},
    "schema-0014": {"SELECT retention_attendance_years FROM school": (7,)},
    "schema-0015": {
        "SELECT complaint_days_headteacher, complaint_days_ofsted FROM school": (15, None),
        "SELECT complainant, stage FROM complaint": ("Parent A", "headteacher"),
    },
    "schema-0016": {
        "SELECT social_worker, next_cp_conference_on FROM pupil_social_care": (
            "Dana Reid",
            "2026-11-30",
        ),
        "SELECT local_authority, last_annual_review_on FROM pupil_ehcp": (
            "Northshire",
            "2026-03-02",
        ),
    },
    "schema-0017": {
        "SELECT kind, sent_by, with_whom FROM parent_contact": ("letter", "post", "Parent A"),
    },
}


def test_every_migration_has_a_stored_store():
    """A migration that ships adds its folder here (README.md says how to make one)."""
    assert sorted(RELEASED) == sorted(p.name for p in STORES.glob("schema-*"))
    assert f"schema-{migrate.head_revision()}" in RELEASED


def test_each_migration_is_named_by_its_revision_so_the_head_needs_no_alembic():
    """Opening an up-to-date store compares its revision with the newest file's number
    instead of importing Alembic; Alembic's own reading of the scripts must say the same."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(migrate._config())
    files = sorted(p.name[:4] for p in (migrate.MIGRATIONS / "versions").glob("0*.py"))
    assert sorted(s.revision for s in scripts.walk_revisions()) == files
    assert migrate.head_revision() == scripts.get_current_head() == files[-1]


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


# A whole demo school made by the program at schema 0007 (`apdesk init --passphrase` and
# `apdesk demo` at commit 0d4b509). Hundreds of marks, reviews and actions point at its
# placements, which the one-placement stores above cannot show: a batch migration copies
# and drops a table that such rows point at, which foreign keys refuse mid-upgrade.
DEMO_0007 = STORES / "demo-0007"
DEMO_0007_PASSPHRASE = "a long demo passphrase for testing"


def _row_counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        tables = conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).scalars()
        return {t: conn.exec_driver_sql(f'SELECT count(*) FROM "{t}"').scalar() for t in tables}


def _demo_copy(tmp_path: Path) -> tuple[StorePaths, bytes]:
    shutil.copytree(DEMO_0007, tmp_path / "demo")
    paths = StorePaths(tmp_path / "demo")
    return paths, key_from_secret(paths, "passphrase", DEMO_0007_PASSPHRASE)


def _unopened(paths: StorePaths, key: bytes, read):
    """`read(engine)` on the store as it lies on disk: no upgrade, unlike open_store."""
    engine = make_engine(paths.db, key)
    try:
        return read(engine)
    finally:
        engine.dispose()


def test_a_whole_demo_school_upgrades_with_every_row_kept(tmp_path, clock):
    paths, key = _demo_copy(tmp_path)
    assert _unopened(paths, key, migrate.current_revision) == "0007"
    before = _unopened(paths, key, _row_counts)
    assert before["attendance_mark"] >= 1000 and before["review"] > 5

    store = open_store(paths, key, clock.now())
    try:
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        after = _row_counts(store.engine)
        for table, count in before.items():
            if table not in ("alembic_version", "audit_log"):
                assert after[table] == count, table
        assert after["audit_log"] >= before["audit_log"]
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert check_store(store).ok
    finally:
        store.close()


def test_an_upgrade_that_would_leave_a_dangling_link_changes_nothing(tmp_path, clock):
    """A row pointing at nothing (written with links off, as no APDesk does) stops the upgrade."""
    paths, key = _demo_copy(tmp_path)
    raw = connect(paths.db, key)
    try:
        raw.execute("PRAGMA foreign_keys = OFF")
        raw.execute("UPDATE attendance_mark SET placement_id = 99999 WHERE id = 1")
    finally:
        raw.close()
    with pytest.raises(UpgradeBrokeLinks, match="nothing was changed"):
        open_store(paths, key, clock.now())
    assert _unopened(paths, key, migrate.current_revision) == "0007"


def test_an_upgrades_copy_is_kept_ninety_days_then_deleted_and_nothing_else_is(tmp_path):
    """The copy taken before an upgrade holds the records as they were, disposed ones too
    (decision 0026): kept long enough to notice an upgrade that went wrong, then deleted."""
    from datetime import datetime

    work = tmp_path / "work"
    work.mkdir()
    names = [
        "before-upgrade-0019-20260901-080000.db",  # 91 days old on 1 Dec 2026 08:00
        "before-upgrade-0020-20260902-090000.db",  # 89 days and 23 hours: kept
        "before-upgrade-0021-20261201-075959.db",  # this morning's
        "before-upgrade-0021-20261399-000000.db",  # no such day: not ours, left alone
        "before-upgrade-mine.db",  # somebody's own file
        "notes.txt",
    ]
    for name in names:
        (work / name).write_bytes(b"x")
    gone = migrate.prune_copies(work, datetime(2026, 12, 1, 8, 0))
    assert [path.name for path in gone] == [names[0]]
    assert sorted(path.name for path in work.iterdir()) == sorted(names[1:])
    assert migrate.prune_copies(work, datetime(2026, 12, 1, 8, 0)) == []  # nothing more to do
    gone = migrate.prune_copies(work, datetime(2026, 12, 1, 9, 0))  # an hour later: 90 days
    assert [path.name for path in gone] == [names[1]]
