"""Keys that cannot be lost, and wrong ones that change nothing."""

from __future__ import annotations

import json

import keyrings.alt.file
import pytest

from apdesk.storage.errors import KeyringUnavailable, WrongKey
from apdesk.storage.keyring_store import SystemKeyring
from apdesk.storage.keyslots import PASSPHRASE, RECOVERY
from apdesk.storage.store import create_store, open_store
from apdesk.storage.unlock import key_from_keyring, key_from_secret
from tests.conftest import PASSPHRASE as RIGHT_PASSPHRASE
from tests.conftest import file_bytes
from tests.storage.helpers import run_cli, write_known_names


@pytest.fixture
def closed_store(new_store, clock):
    store, code = new_store
    write_known_names(store, clock.now())
    store.close()
    return store.paths, code


def test_wrong_key_is_reported_and_file_untouched(closed_store, clock):
    paths, _ = closed_store
    before = file_bytes(paths.db)
    with pytest.raises(WrongKey, match="does not open this store"):
        open_store(paths, b"\x01" * 32, clock.now())
    assert file_bytes(paths.db) == before
    assert not paths.db.with_name("apdesk.db-wal").exists()


def test_wrong_passphrase_is_reported_and_file_untouched(closed_store):
    paths, _ = closed_store
    before = file_bytes(paths.db), file_bytes(paths.keyslots)
    with pytest.raises(WrongKey, match="Wrong passphrase"):
        key_from_secret(paths, PASSPHRASE, "not the passphrase at all")
    assert (file_bytes(paths.db), file_bytes(paths.keyslots)) == before


def test_wrong_recovery_code_is_reported_and_file_untouched(closed_store, capsys):
    paths, code = closed_store
    before = file_bytes(paths.db)
    wrong = code[:-1] + ("A" if code[-1] != "A" else "B")
    with pytest.raises(WrongKey, match="recovery code is not the one"):
        key_from_secret(paths, RECOVERY, wrong)
    assert file_bytes(paths.db) == before


def test_recovery_code_is_forgiving_of_how_it_is_typed(closed_store):
    paths, code = closed_store
    typed = code.lower().replace("-", " ").replace("0", "o")
    assert key_from_secret(paths, RECOVERY, typed) == key_from_secret(paths, RECOVERY, code)


def test_deleted_keyring_entry_is_recovered_with_the_code(
    closed_store, memory_keyring, monkeypatch, capsys, clock
):
    paths, code = closed_store
    memory_keyring.entries.clear()
    status, out = run_cli(capsys, paths.folder, "check")
    assert status == 1 and "recovery code" in out and "apdesk recover" in out
    monkeypatch.setenv("APDESK_RECOVERY_CODE", code)
    status, out = run_cli(capsys, paths.folder, "recover")
    assert status == 0 and "Nothing was lost" in out
    monkeypatch.delenv("APDESK_RECOVERY_CODE")
    store = open_store(paths, key_from_keyring(paths, SystemKeyring()), clock.now())
    assert store.meta("pupil_note").startswith("Zebedee Quartermaine")
    store.close()


def test_insecure_keyring_is_refused_and_passphrase_offered(paths, clock, capsys, monkeypatch):
    import keyring

    keyring.set_keyring(keyrings.alt.file.PlaintextKeyring())
    with pytest.raises(KeyringUnavailable, match="passphrase"):
        create_store(paths, clock.now(), keyring=SystemKeyring())
    status, out = run_cli(capsys, paths.folder, "init")
    assert status == 1 and "apdesk init --passphrase" in out and "PlaintextKeyring" in out
    assert not paths.exists()
    monkeypatch.setenv("APDESK_PASSPHRASE", RIGHT_PASSPHRASE)
    status, out = run_cli(capsys, paths.folder, "init", "--passphrase")
    assert status == 0 and "RECOVERY CODE" in out
    slots = json.loads(paths.keyslots.read_text())["slots"]
    assert set(slots) == {"recovery", "passphrase"}, "no key may go to a plain-text keyring"


def test_keyslots_file_is_owner_only(closed_store):
    paths, _ = closed_store
    assert paths.keyslots.stat().st_mode & 0o077 == 0
