"""Getting the database key from a slot: keyring, passphrase or recovery code.

A rekey interrupted between its renames leaves `keyslots.json.new`; a key that fits those
pending slots finishes the rekey's last step.
"""

from __future__ import annotations

import os

from apdesk.storage.errors import KeyringEntryMissing, StoreError, WrongKey
from apdesk.storage.files import fsync_dir
from apdesk.storage.keyring_store import SystemKeyring
from apdesk.storage.keyslots import KEYRING, PASSPHRASE, RECOVERY, KeySlots
from apdesk.storage.store import StorePaths, load_slots


def _candidates(paths: StorePaths) -> list[KeySlots]:
    found = [load_slots(paths)]
    if paths.pending_keyslots.exists():
        found.append(KeySlots.load(paths.pending_keyslots))
    return found


def _settle(paths: StorePaths, slots: KeySlots, key: bytes) -> bytes:
    """If the key fits the pending slots, the rekey had replaced the database: finish it."""
    pending = paths.pending_keyslots
    if (
        pending.exists()
        and KeySlots.load(pending).check_key(key)
        and not load_slots(paths).check_key(key)
    ):
        os.replace(pending, paths.keyslots)
        fsync_dir(paths.folder)
    return key


def key_from_keyring(paths: StorePaths, keyring: SystemKeyring) -> bytes:
    slots = load_slots(paths)
    if not slots.has(KEYRING):
        raise KeyringEntryMissing(
            "This store is not unlocked through the keyring on this computer."
        )
    key = keyring.get_key(slots.store_id)
    for candidate in _candidates(paths):
        if candidate.check_key(key):
            return _settle(paths, candidate, key)
    raise WrongKey(
        "The keyring holds a key that does not fit this store (was the store replaced?). "
        "Unlock it with the recovery code: run `apdesk recover`. The file was not touched."
    )


def key_from_secret(paths: StorePaths, slot: str, secret: str) -> bytes:
    """The key from a passphrase or a recovery code; WrongKey if neither set of slots fits."""
    error: StoreError | None = None
    usable = [c for c in _candidates(paths) if c.has(slot)]
    if not usable:
        raise WrongKey(_NO_SLOT[slot])
    for candidate in usable:
        try:
            return _settle(paths, candidate, candidate.open_secret_slot(slot, secret))
        except WrongKey as exc:
            error = exc
    assert error is not None
    raise error


def restore_keyring_slot(paths: StorePaths, keyring: SystemKeyring, key: bytes) -> None:
    """After a recovery: put the key back in this computer's keyring and note the slot."""
    slots = load_slots(paths)
    keyring.set_key(slots.store_id, key)
    slots.set_keyring_slot()
    slots.save(paths.keyslots)


_NO_SLOT = {
    PASSPHRASE: "This store has no passphrase set, so a passphrase cannot unlock it.",
    RECOVERY: "This store has no recovery slot. Restore from a backup.",
}
