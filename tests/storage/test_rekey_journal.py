"""A rekey stopped at any step leaves a store that opens with the old key and the old code, or
the new key and the new code; the next start finishes or undoes it and says which.

`APDESK_TEST_REKEY_FAULT=STEP:crash` stops the rekey as a kill would (no clean-up but the
lock, which the OS would release); `STEP` raises an ordinary error, which the rekey itself
undoes (before the commit) or leaves for the next start to finish (after it).
"""

from __future__ import annotations

import pytest

from apdesk.storage import crypto
from apdesk.storage.check import check_store
from apdesk.storage.errors import StoreError
from apdesk.storage.keyring_store import SERVICE, SystemKeyring
from apdesk.storage.keyslots import RECOVERY
from apdesk.storage.rekey import (
    FAULT_ENV,
    FINISHED,
    STEPS,
    UNDONE,
    RekeyFault,
    finish_interrupted_rekey,
    rekey,
)
from apdesk.storage.store import StorePaths, open_store
from apdesk.storage.unlock import key_from_keyring, key_from_secret
from tests.storage.helpers import KNOWN_NAMES

COMMIT = STEPS.index("commit")


class Crash(BaseException):
    """What a kill is to the code under test: nothing after it runs."""


@pytest.fixture
def cheap_kdf(monkeypatch):
    """New slots with Argon2id at its smallest, so each step's test stays fast."""
    monkeypatch.setattr(
        crypto.KdfParams,
        "fresh",
        classmethod(lambda cls: cls(salt=b"0123456789abcdef", iterations=1, memory_cost=1024)),
    )


def _start_rekey(paths, clock, shown):
    store = open_store(paths, key_from_keyring(paths, SystemKeyring()), clock.now())
    return rekey(
        store,
        clock.now(),
        actor="tester",
        keyring=SystemKeyring(),
        passphrase=None,
        show_code=shown.append,
    )


def _assert_opens_with(paths: StorePaths, clock, key: bytes, code: str, check_code=True) -> None:
    assert key_from_keyring(paths, SystemKeyring()) == key
    if check_code:
        assert key_from_secret(paths, RECOVERY, code) == key
    store = open_store(paths, key, clock.now())
    try:
        assert store.meta("pupil_note") == " and ".join(KNOWN_NAMES)
        assert check_store(store).ok
    finally:
        store.close()
    assert sorted(p.name for p in paths.folder.iterdir() if p.name.endswith((".new", ".json"))) == [
        "keyslots.json"
    ]


@pytest.mark.parametrize("step", STEPS)
def test_a_kill_at_any_step_is_finished_or_undone_at_the_next_start(
    copied_store, store_template, clock, monkeypatch, cheap_kdf, memory_keyring, step
):
    shown: list[str] = []
    monkeypatch.setenv(FAULT_ENV, f"{step}:crash")
    monkeypatch.setattr("apdesk.storage.rekey.os._exit", _crash)
    with pytest.raises(Crash):
        _start_rekey(copied_store, clock, shown)
    monkeypatch.delenv(FAULT_ENV)
    said = finish_interrupted_rekey(copied_store.folder, SystemKeyring(), clock.now())
    if STEPS.index(step) < COMMIT:
        assert said == UNDONE
        _assert_opens_with(copied_store, clock, store_template.key, store_template.code)
        assert (SERVICE, f"{store_template.store_id}.rekey") not in memory_keyring.entries
    else:
        assert said == (None if step == "done" else FINISHED)
        new_key = key_from_keyring(copied_store, SystemKeyring())
        assert new_key != store_template.key
        _assert_opens_with(copied_store, clock, new_key, shown[0])


def _crash(status: int) -> None:
    raise Crash


@pytest.mark.parametrize("step", STEPS)
def test_an_error_at_any_step_is_undone_at_once_or_finished_next_start(
    copied_store, store_template, clock, monkeypatch, cheap_kdf, step
):
    shown: list[str] = []
    monkeypatch.setenv(FAULT_ENV, step)
    if STEPS.index(step) < COMMIT:
        with pytest.raises((RekeyFault, StoreError)) as caught:
            _start_rekey(copied_store, clock, shown)
        if shown:
            assert "new code shown above is not valid" in str(caught.value)
        assert not copied_store.rekey_journal.exists()
        _assert_opens_with(copied_store, clock, store_template.key, "", check_code=False)
        return
    else:
        with pytest.raises(StoreError, match="start APDesk again and it will finish"):
            _start_rekey(copied_store, clock, shown)
    monkeypatch.delenv(FAULT_ENV)
    finish_interrupted_rekey(copied_store.folder, SystemKeyring(), clock.now())
    new_key = key_from_keyring(copied_store, SystemKeyring())
    assert new_key != store_template.key
    _assert_opens_with(copied_store, clock, new_key, shown[0])


def test_the_store_cannot_be_opened_while_a_rekey_is_unfinished(copied_store, clock, monkeypatch):
    monkeypatch.setenv(FAULT_ENV, "export:crash")
    monkeypatch.setattr("apdesk.storage.rekey.os._exit", _crash)
    with pytest.raises(Crash):
        _start_rekey(copied_store, clock, [])
    with pytest.raises(StoreError, match="key was interrupted"):
        open_store(copied_store, key_from_keyring(copied_store, SystemKeyring()), clock.now())


def test_the_lock_is_held_from_first_step_to_last(copied_store, clock, monkeypatch):
    from apdesk.storage.errors import StoreInUse
    from apdesk.storage.lock import StoreLock

    seen: list[str] = []

    def try_second_program(step: str) -> None:
        try:
            StoreLock(copied_store.folder).acquire(clock.now())
        except StoreInUse:
            seen.append(step)

    monkeypatch.setattr("apdesk.storage.rekey.fault_point", try_second_program)
    store, _ = _start_rekey(copied_store, clock, [])
    store.close()
    assert seen == list(STEPS)
