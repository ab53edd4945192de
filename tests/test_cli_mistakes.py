"""Ordinary mistakes and a full disk: one plain sentence, exit 1 (2 for usage), no traceback.

The cases are the ones found by testing (issue 9), each run as a user would run it: a fresh
interpreter through `python -m apdesk`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.program import ROOT, apdesk, environment

PASSPHRASE = "a passphrase for the mistakes"


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    """A passphrase store with a backup, made once in a fresh interpreter."""
    home = tmp_path_factory.mktemp("home")
    env = environment(
        home, "none", APDESK_DATA_DIR=str(home / "data"), APDESK_PASSPHRASE=PASSPHRASE
    )
    assert apdesk(env, "init", "--passphrase").code == 0
    assert apdesk(env, "backup", str(home / "backup.zip")).code == 0
    return home


CASES = {
    "init into a folder that does not exist yet": (
        ["--data-dir", "{H}/new/deeper", "init", "--passphrase"],
        0,
        "Created a new APDesk store",
    ),
    "restore into a folder that does not exist yet": (
        ["--data-dir", "{H}/fresh/place", "restore", "{H}/backup.zip"],
        0,
        "Restored backup.zip",
    ),
    "--data-dir on /proc": (
        ["--data-dir", "/proc/self/apdesk", "init", "--passphrase"],
        1,
        "could not be used",
    ),
    "--data-dir is a file": (
        ["--data-dir", "{H}/backup.zip", "check"],
        1,
        "is a file, not a folder",
    ),
    "--out a directory": (["export", "register", "--user", "x", "--out", "{H}"], 1, "is a folder"),
    "--out in a missing folder": (
        ["document", "register", "--user", "x", "--out", "{H}/nowhere/r.pdf"],
        1,
        "does not exist",
    ),
    "--out the store's database": (["backup", "{H}/data/apdesk.db"], 1, "file of an APDesk store"),
    "a 400-digit --provider": (
        ["document", "annex-b", "--user", "head", "--provider", "9" * 400, "--out", "{H}/b.pdf"],
        1,
        "no provider with the id",
    ),
    "a usage mistake": (
        ["document", "letter", "--user", "x", "--out", "{H}/l.pdf"],
        2,
        "needs --pupil",
    ),
    "an unknown export": (["export", "nonsense", "--user", "x"], 2, "no export called"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_mistake_gets_one_plain_sentence(made, tmp_path, case):
    home = tmp_path / "home"
    shutil.copytree(made, home)
    args, code, said = CASES[case]
    env = environment(
        home,
        "none",
        APDESK_DATA_DIR=str(home / "data"),
        APDESK_PASSPHRASE=PASSPHRASE,
        APDESK_PASSWORD="x",
    )
    ran = apdesk(env, *[a.replace("{H}", str(home)) for a in args])
    assert ran.code == code, ran.text
    assert said in ran.text
    assert "Traceback" not in ran.text and "unexpected" not in ran.text


def test_check_into_a_closed_pipe_says_so_without_a_traceback(made, tmp_path):
    home = tmp_path / "home"
    shutil.copytree(made, home)
    env = environment(
        home, "none", APDESK_DATA_DIR=str(home / "data"), APDESK_PASSPHRASE=PASSPHRASE
    )
    child = subprocess.Popen(
        [sys.executable, "-m", "apdesk", "check"],
        cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # as `| head` does when it has read enough
    err = child.stderr.read().decode()
    assert child.wait(timeout=120) == 1, err
    assert "Traceback" not in err and "stopped before the end" in err
