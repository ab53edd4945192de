"""A keyring-only store made once per module and copied for each test (Argon2 runs once)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import keyring
import pytest

from apdesk.storage.keyring_store import SERVICE, SystemKeyring
from apdesk.storage.store import StorePaths, create_store
from tests.conftest import MemoryKeyring
from tests.storage.helpers import write_known_names


@dataclass(frozen=True)
class Template:
    folder: Path
    store_id: str
    key: bytes
    code: str


@pytest.fixture(scope="module")
def store_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Template]:
    """A fresh keyring-only store holding the known names, never used directly."""
    folder = tmp_path_factory.mktemp("template") / "data"
    backend = MemoryKeyring()
    now = datetime(2026, 11, 28, 9, 0)
    store, code = create_store(StorePaths(folder), now, keyring=SystemKeyring(backend))
    write_known_names(store, now)
    template = Template(folder, store.store_id, store.key, code)
    store.close()
    yield template


@pytest.fixture
def copied_store(
    store_template: Template, tmp_path: Path, memory_keyring: MemoryKeyring
) -> StorePaths:
    """A copy of the template store whose key is in this test's in-memory keyring."""
    folder, store_id, key = store_template.folder, store_template.store_id, store_template.key.hex()
    target = tmp_path / "data"
    shutil.copytree(folder, target)
    memory_keyring.set_password(SERVICE, store_id, key)
    assert keyring.get_keyring() is memory_keyring
    return StorePaths(target)
