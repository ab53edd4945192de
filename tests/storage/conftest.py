"""A keyring-only store made once per module and copied for each test (Argon2 runs once)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import keyring
import pytest

from apdesk.storage.keyring_store import SERVICE, SystemKeyring
from apdesk.storage.store import StorePaths, create_store
from tests.conftest import MemoryKeyring


@pytest.fixture(scope="module")
def store_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str, str]]:
    """(folder, store id, key hex) of a fresh keyring-only store, never used directly."""
    folder = tmp_path_factory.mktemp("template") / "data"
    backend = MemoryKeyring()
    store, _ = create_store(
        StorePaths(folder), datetime(2026, 11, 28, 9, 0), keyring=SystemKeyring(backend)
    )
    store_id, key = store.store_id, store.key.hex()
    store.close()
    yield folder, store_id, key


@pytest.fixture
def copied_store(
    store_template: tuple[Path, str, str], tmp_path: Path, memory_keyring: MemoryKeyring
) -> StorePaths:
    """A copy of the template store whose key is in this test's in-memory keyring."""
    folder, store_id, key = store_template
    target = tmp_path / "data"
    shutil.copytree(folder, target)
    memory_keyring.set_password(SERVICE, store_id, key)
    assert keyring.get_keyring() is memory_keyring
    return StorePaths(target)
