"""A school's store written by an older APDesk opens in this one, from the command line, and
the copy an upgrade took long ago is deleted."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.e2e.program import apdesk, environment

DEMO_0007 = Path(__file__).resolve().parents[1] / "stores" / "demo-0007"


def test_an_older_whole_school_store_upgrades_and_checks(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DEMO_0007, data)
    (data / "work").mkdir(exist_ok=True)
    old_copy = data / "work" / "before-upgrade-0005-20250101-080000.db"  # an upgrade long ago
    old_copy.write_bytes(b"an encrypted copy of the store as it was then")
    env = environment(
        tmp_path,
        keyring="none",
        APDESK_DATA_DIR=str(data),
        APDESK_PASSPHRASE="a long demo passphrase for testing",
    )
    ran = apdesk(env, "check")
    assert ran.code == 0, ran.text
    assert "All checks passed." in ran.out
    assert list((data / "work").glob("before-upgrade-0007-*.db"))  # today's, kept 90 days
    assert not old_copy.exists()  # it held what had been disposed of since (decision 0026)
