"""`apdesk init`, `rekey`, `check`, `backup`, `restore` as IT staff would run them: the
recovery code always reaches the screen, and a rekey killed at any step loses nothing."""

from __future__ import annotations

import re
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from apdesk.storage.rekey import FAULT_ENV
from tests.e2e.program import PASSPHRASE, apdesk, environment, passphrase_school
from tests.storage.helpers import run_cli

CODE = re.compile(r"^    ([0-9A-Z]{4}(?:-[0-9A-Z]{4}){7})$", re.MULTILINE)


def codes(text: str) -> list[str]:
    return CODE.findall(text)


def test_init_shows_the_code_even_when_the_sheet_cannot_be_written(tmp_path, capsys):
    status, text = run_cli(
        capsys, tmp_path / "data", "init", "--recovery-sheet", "/nonexistent/sheet.pdf"
    )
    assert status == 0, text
    assert len(codes(text)) == 1
    assert "Warning: the recovery sheet was not written" in text
    assert "/nonexistent does not exist" in text
    assert text.index(codes(text)[0]) < text.index("Warning")
    assert "Traceback" not in text


def test_rekey_shows_the_new_code_even_when_the_sheet_cannot_be_written(
    tmp_path, capsys, monkeypatch
):
    folder = tmp_path / "data"
    status, text = run_cli(capsys, folder, "init")
    old = codes(text)[0]
    status, text = run_cli(capsys, folder, "rekey", "--recovery-sheet", str(folder / "apdesk.db"))
    assert status == 0, text
    new = codes(text)[0]
    assert new != old and "Warning: the recovery sheet was not written" in text
    assert "file of an APDesk store" in text
    monkeypatch.setenv("APDESK_RECOVERY_CODE", old)
    status, text = run_cli(capsys, folder, "recover")
    assert status == 1 and "not the one for this store" in text
    monkeypatch.setenv("APDESK_RECOVERY_CODE", new)
    status, text = run_cli(capsys, folder, "recover")
    assert status == 0, text
    assert _actions(folder).count("store.recover") == 1  # the refused try wrote none


def _actions(folder: Path) -> list[str]:
    from apdesk.storage.keyring_store import SystemKeyring
    from apdesk.storage.store import StorePaths, open_store
    from apdesk.storage.unlock import key_from_keyring

    paths = StorePaths(folder)
    store = open_store(paths, key_from_keyring(paths, SystemKeyring()), datetime(2026, 12, 1))
    try:
        with store.engine.connect() as conn:
            return [r[0] for r in conn.exec_driver_sql("SELECT action FROM audit_log")]
    finally:
        store.close()


@pytest.fixture(scope="module")
def initialised(tmp_path_factory) -> tuple[Path, str]:
    """A store made by `apdesk init` in a fresh interpreter, with a file-backed keyring."""
    home = tmp_path_factory.mktemp("home")
    made = apdesk(environment(home, APDESK_DATA_DIR=str(home / "data")), "init")
    assert made.code == 0, made.text
    return home, codes(made.out)[0]


@pytest.mark.parametrize(
    "step,outcome",
    [("keyring", "undone"), ("code shown", "undone"), ("database swapped", "finished")],
)
def test_a_rekey_killed_mid_way_is_finished_or_undone_by_the_next_command(
    initialised, tmp_path, step, outcome
):
    home = tmp_path / "home"
    shutil.copytree(initialised[0], home)
    env = environment(home, APDESK_DATA_DIR=str(home / "data"))
    killed = apdesk({**env, FAULT_ENV: f"{step}:kill"}, "rekey")
    assert killed.code == 137, killed.text
    printed = codes(killed.out)
    checked = apdesk(env, "check")
    assert checked.code == 0, checked.text
    assert {"undone": "has undone it", "finished": "now finished it"}[outcome] in checked.err
    assert "All checks passed." in checked.out
    code = initialised[1] if outcome == "undone" else printed[0]
    recovered = apdesk({**env, "APDESK_RECOVERY_CODE": code}, "recover")
    assert recovered.code == 0, recovered.text
    assert not (home / "data" / "rekey.json").exists()


def test_a_passphrase_store_opened_without_its_passphrase_says_how_to_give_it(tmp_path):
    # A script on a PC with no keyring entry: the passphrase is the way in, not the recovery
    # code (which a person might otherwise use up, and then need a new sheet printed).
    env = passphrase_school(tmp_path)
    assert apdesk(env, "init", "--passphrase").code == 0
    without = {key: value for key, value in env.items() if key != "APDESK_PASSPHRASE"}
    refused = apdesk(without, "check")
    assert refused.code != 0
    assert "locked with a passphrase and none was given" in refused.err
    assert "set APDESK_PASSPHRASE" in refused.err
    assert "recover" not in refused.text and "Traceback" not in refused.text
    assert apdesk(env, "check").code == 0  # the passphrase opens it, and nothing was changed


def test_a_keyring_that_fails_names_the_passphrase_beside_the_recovery_code(tmp_path):
    env = environment(tmp_path, APDESK_DATA_DIR=str(tmp_path / "data"))
    made = apdesk({**env, "APDESK_PASSPHRASE": PASSPHRASE}, "init", "--passphrase")
    assert made.code == 0, made.text
    (tmp_path / "keyring.json").unlink()  # a Windows profile reset: the keyring entry is gone
    refused = apdesk(env, "check")
    assert refused.code != 0
    assert "keyring no longer holds the key" in refused.err  # why, as before
    assert "Its passphrase opens it too: set APDESK_PASSPHRASE" in refused.err
    assert "Traceback" not in refused.text
    assert apdesk({**env, "APDESK_PASSPHRASE": PASSPHRASE}, "check").code == 0
