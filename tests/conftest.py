"""Shared fixtures: an in-memory keyring, a fixed clock and real encrypted stores in temp folders.

No test touches the real keyring or the user's data folder.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import keyring
import keyring.backend
import pytest

from apdesk.domain.clock import FixedClock
from apdesk.services import passwords
from apdesk.storage import crypto
from apdesk.storage.keyring_store import SystemKeyring
from apdesk.storage.store import Store, StorePaths, create_store

PASSPHRASE = "a test passphrase of some length"


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that lives in this process only, with the priority of a secure system one."""

    priority = 5  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.entries:
            raise keyring.errors.PasswordDeleteError("no such entry")
        del self.entries[(service, username)]


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    for name in ("APDESK_PASSPHRASE", "APDESK_RECOVERY_CODE", "APDESK_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("APDESK_DATA_DIR", str(tmp_path / "default-data"))
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True, scope="session")
def cheap_argon2() -> Iterator[None]:
    """Argon2id at its smallest cost for staff passwords and key slots made in this process,
    from the session's first fixture on (the services' template store is made once): at the
    real cost (64 MiB, three passes) about 1,900 password checks and 200 key slots were most
    of the in-process tests' time. Each hash and slot records its cost, so it is checked as
    made. The real cost is asserted in a fresh interpreter (tests/services/test_passwords.py,
    tests/e2e/test_first_run.py) and used by every tests/e2e run."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "COST", passwords.Cost(iterations=1, lanes=1, memory_cost=8))
        patch.setattr(
            crypto.KdfParams,
            "fresh",
            classmethod(
                lambda cls: cls(
                    salt=secrets.token_bytes(16), iterations=1, lanes=1, memory_cost=1024
                )
            ),
        )
        yield


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 28, 9, 30))


@pytest.fixture
def paths(tmp_path: Path) -> StorePaths:
    return StorePaths(tmp_path / "data")


@pytest.fixture
def new_store(
    paths: StorePaths, clock: FixedClock, memory_keyring: MemoryKeyring
) -> Iterator[tuple[Store, str]]:
    """A fresh store unlocked through the (in-memory) keyring, with a passphrase slot too."""
    store, code = create_store(
        paths, clock.now(), keyring=SystemKeyring(memory_keyring), passphrase=PASSPHRASE
    )
    yield store, code
    store.close()


def file_bytes(path: Path) -> bytes:
    return path.read_bytes() if path.exists() else b""


def subprocess_env(data_dir: Path) -> dict[str, str]:
    """Environment for a child `apdesk`: passphrase unlock, and a keyring that holds nothing."""
    env = dict(os.environ, APDESK_DATA_DIR=str(data_dir), APDESK_PASSPHRASE=PASSPHRASE)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    return env
