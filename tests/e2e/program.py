"""Start APDesk in a fresh interpreter, as a user or a script would, and read what it says.

Nothing here prepares a store or maps anything: each call is a new `python -m apdesk` (or
the window robot) with only the environment a user's PC would give it, plus a keyring
choice: `secure` is a file-backed stand-in with a system keyring's priority, `none` is the
keyring library's own `fail` backend (a PC with no usable keyring).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery"
PASSPHRASE = "a long passphrase for this PC"


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def environment(home: Path, keyring: str = "secure", **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("APDESK_", "PYTHON_KEYRING", "ROBOT_"))
    }
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data-home"),
        XDG_CONFIG_HOME=str(home / "config"),
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(ROOT),
        PYTHONDONTWRITEBYTECODE="1",
    )
    if keyring == "secure":
        env["PYTHON_KEYRING_BACKEND"] = "tests.e2e.keyring_backend.FileKeyring"
        env["APDESK_TEST_KEYRING_FILE"] = str(home / "keyring.json")
    else:
        env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env.update(extra)
    return env


def passphrase_school(home: Path, passphrase: str = PASSPHRASE) -> dict[str, str]:
    """The environment of a store in `home / "data"` opened by its passphrase (no keyring)."""
    return environment(
        home, "none", APDESK_DATA_DIR=str(home / "data"), APDESK_PASSPHRASE=passphrase
    )


def stored_school(home: Path, name: str) -> dict[str, str]:
    """A copy of `tests/stores/NAME` in `home / "data"`, opened by its passphrase."""
    shutil.copytree(ROOT / "tests" / "stores" / name, home / "data")
    return passphrase_school(home, f"{name}-test-passphrase")


def apdesk(env: dict[str, str], *args: str, timeout: float = 180) -> Ran:
    """`python -m apdesk ARGS` with no terminal: answers come from the environment."""
    return _run([sys.executable, "-m", "apdesk", *args], env, timeout)


def robot(env: dict[str, str], *args: str, timeout: float = 180) -> Ran:
    """The window, driven by `tests.e2e.robot` until the main window shows."""
    return _run([sys.executable, "-m", "tests.e2e.robot", *args], env, timeout)


def _run(argv: list[str], env: dict[str, str], timeout: float) -> Ran:
    done = subprocess.run(
        argv,
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return Ran(done.returncode, done.stdout, done.stderr)
