"""A backup restored from the window, in a fresh interpreter through the program's own entry
point: the Headteacher signs in, restores, is signed out with a plain note, and the store is
the backup's (an account made since is gone) and passes `apdesk check`."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from apdesk.domain.clock import SystemClock
from apdesk.domain.enums import Role
from apdesk.services import staff
from apdesk.services.app_services import AppServices
from apdesk.storage.keyslots import PASSPHRASE as PASSPHRASE_SLOT
from apdesk.storage.store import StorePaths, open_store
from apdesk.storage.unlock import key_from_secret
from tests.e2e.program import PASSPHRASE, PASSWORD, _run, apdesk, environment

LATER = "an account made after the backup"


def add_account(data: Path, username: str) -> None:
    paths = StorePaths(data)
    key = key_from_secret(paths, PASSPHRASE_SLOT, PASSPHRASE)
    svc = AppServices(open_store(paths, key, datetime.now()), SystemClock())
    try:
        if not staff.has_staff(svc):
            staff.create_first_headteacher(svc, username, "Alex Morgan", PASSWORD)
        else:
            head = staff.sign_in(svc, "amorgan", PASSWORD)
            staff.create_staff(svc, head, username, "Sam Later", [Role.GOVERNOR], LATER)
    finally:
        svc.close()


def test_the_headteacher_restores_a_backup_from_the_window(tmp_path: Path) -> None:
    data, backup = tmp_path / "data", tmp_path / "Friday.zip"
    env = environment(tmp_path, "none", APDESK_DATA_DIR=str(data), APDESK_PASSPHRASE=PASSPHRASE)
    assert apdesk(env, "init", "--passphrase").code == 0
    add_account(data, "amorgan")
    assert apdesk(env, "backup", str(backup)).code == 0
    add_account(data, "later")

    robot_env = {**env, "ROBOT_RESTORE_FILE": str(backup)}
    ran = _run([sys.executable, "-m", "tests.e2e.restore_robot"], robot_env, 180)
    assert ran.code == 0, ran.text
    assert "Traceback" not in ran.text
    assert "ASKED: Restore the backup made " in ran.out
    assert "is lost, for everyone" in ran.out
    assert "SIGNED OUT AFTER RESTORE: " in ran.out and "has been restored" in ran.out
    assert len(list(data.glob("before restore *.zip"))) == 1

    later = apdesk({**env, "APDESK_PASSWORD": LATER}, "today", "--user", "later")
    assert later.code == 1 and "Traceback" not in later.text
    assert apdesk({**env, "APDESK_PASSWORD": PASSWORD}, "today", "--user", "amorgan").code == 0
    checked = apdesk(env, "check")
    assert checked.code == 0, checked.text
