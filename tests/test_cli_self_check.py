"""`apdesk self-check` tells IT staff what the installation runs on, unlocking nothing."""

from __future__ import annotations

import stat

from apdesk.services.self_check import self_check
from apdesk.storage.keyring_store import SystemKeyring
from tests.conftest import MemoryKeyring
from tests.e2e.program import apdesk, environment


def test_the_facts_name_keyring_versions_settings_and_modes(new_store):
    store, _ = new_store
    facts = dict(self_check(store.paths.folder, SystemKeyring(MemoryKeyring())))
    assert facts["Keyring backend"] == "MemoryKeyring (trusted)"
    assert facts["SQLCipher"].startswith("4.")
    assert "OpenSSL" in facts["Crypto provider"]
    assert "HMAC_SHA512" in facts["Cipher settings"]
    assert facts["Data folder"] == str(store.paths.folder)
    assert facts["apdesk.db"].startswith("0600") and facts["keyslots.json"].startswith("0600")
    assert facts["Folder mode"] == "0700"


def test_a_file_readable_by_others_is_pointed_out(new_store):
    store, _ = new_store
    store.paths.keyslots.chmod(0o644)
    facts = dict(self_check(store.paths.folder, SystemKeyring(MemoryKeyring())))
    assert "should be owner-only" in facts["keyslots.json"]
    assert stat.S_IMODE(store.paths.db.stat().st_mode) == 0o600


def test_the_command_runs_in_a_fresh_interpreter_without_a_store(tmp_path):
    ran = apdesk(environment(tmp_path, "none", APDESK_DATA_DIR=str(tmp_path / "d")), "self-check")
    assert ran.code == 0, ran.text
    assert "Keyring backend:" in ran.out and "NOT trusted" in ran.out
    assert "SQLCipher:" in ran.out and "Data folder:" in ran.out
    assert not (tmp_path / "d").exists()
