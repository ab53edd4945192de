"""A damaged file is named as damaged, down to the page; a crash loses no acknowledged commit."""

from __future__ import annotations

import random
import subprocess
import sys
import time

from apdesk.storage.check import check_store
from apdesk.storage.store import open_store
from apdesk.storage.unlock import key_from_secret
from tests.conftest import PASSPHRASE, subprocess_env
from tests.storage.helpers import run_cli, write_known_names

PAGE = 4096


def test_flipped_byte_fails_check_and_names_the_page(new_store, clock, capsys):
    store, _ = new_store
    for _ in range(40):
        write_known_names(store, clock.now())
    store.close()
    data = bytearray(store.paths.db.read_bytes())
    assert len(data) > 4 * PAGE
    data[3 * PAGE + 200] ^= 0x01  # inside page 4
    store.paths.db.write_bytes(bytes(data))
    status, out = run_cli(capsys, store.paths.folder, "check")
    assert status == 1
    assert "FAIL encryption" in out and "4" in out.split("FAIL encryption")[1].splitlines()[1]


def test_flipped_byte_in_first_page_is_damage_not_wrong_key(new_store, clock, capsys):
    store, _ = new_store
    store.close()
    data = bytearray(store.paths.db.read_bytes())
    data[100] ^= 0x01
    store.paths.db.write_bytes(bytes(data))
    status, out = run_cli(capsys, store.paths.folder, "check")
    assert status == 1
    assert "damaged" in out and "Restore from a backup" in out and "Wrong" not in out


WRITER = """
import sys, datetime
from pathlib import Path
from apdesk.storage.store import StorePaths, open_store
from apdesk.storage.unlock import key_from_secret
from apdesk.storage import audit
paths = StorePaths(Path(sys.argv[1]))
key = key_from_secret(paths, "passphrase", sys.argv[2])
store = open_store(paths, key, datetime.datetime.now())
n = 0
while True:
    n += 1
    with store.engine.begin() as conn:
        entry = audit.AuditEntry("writer", "tick", "counter", str(n))
        audit.append(conn, entry, datetime.datetime.now())
    print(n, flush=True)
"""


def test_kill_during_commits_loses_no_acknowledged_commit(new_store, clock, tmp_path):
    store, _ = new_store
    store.close()
    acknowledged: set[str] = set()
    rng = random.Random(7)
    for _ in range(4):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(store.paths.folder), PASSPHRASE],
            stdout=subprocess.PIPE,
            text=True,
            env=subprocess_env(store.paths.folder),
        )
        assert child.stdout is not None
        first = child.stdout.readline()  # wait until it is really writing
        time.sleep(rng.uniform(0.05, 0.4))
        child.kill()
        acknowledged_run = [first.strip(), *child.stdout.read().split()]
        child.wait()
        acknowledged.update(f"run{_}:{n}" for n in acknowledged_run if n)
        key = key_from_secret(store.paths, "passphrase", PASSPHRASE)
        reopened = open_store(store.paths, key, clock.now())
        with reopened.engine.connect() as conn:
            written = {
                r[0]
                for r in conn.exec_driver_sql(
                    "SELECT entity_id FROM audit_log WHERE action = 'tick' AND id > ?",
                    (int(reopened.meta("ticks_before") or 0),),
                )
            }
        assert {n.split(":")[1] for n in acknowledged if n.startswith(f"run{_}:")} <= written
        assert check_store(reopened).ok
        with reopened.engine.connect() as conn:
            last = conn.exec_driver_sql("SELECT max(id) FROM audit_log").scalar()
        reopened.set_meta("ticks_before", str(last))
        reopened.close()
