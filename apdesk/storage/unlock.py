"""Getting the database key from a slot: keyring, passphrase or recovery code.

An interrupted rekey is finished or undone before anything unlocks (see
`rekey.finish_interrupted_rekey`); the one thing left for here is a keyring whose store entry
could not be updated when the rekey finished: the new key still sits in the pending entry,
and is moved into place on first use.
"""

from __future__ import annotations

import contextlib

from apdesk.storage.errors import KeyringEntryMissing, StoreError, WrongKey
from apdesk.storage.keyring_store import SystemKeyring
from apdesk.storage.keyslots import KEYRING, PASSPHRASE, RECOVERY
from apdesk.storage.paths import StorePaths, load_slots


def key_from_keyring(paths: StorePaths, keyring: SystemKeyring) -> bytes:
    slots = load_slots(paths)
    if not slots.has(KEYRING):
        raise KeyringEntryMissing(
            "This store is not unlocked through the keyring on this computer."
        )
    key = keyring.get_key(slots.store_id)
    if slots.check_key(key):
        return key
    with contextlib.suppress(StoreError):
        pending = keyring.get_key(f"{slots.store_id}.rekey")
        if slots.check_key(pending):
            keyring.set_key(slots.store_id, pending)
            keyring.delete_key(f"{slots.store_id}.rekey")
            return pending
    raise WrongKey(
        "The keyring holds a key that does not fit this store (was the store replaced?). "
        "Unlock it with the recovery code: run `apdesk recover`. The file was not touched."
    )


def key_from_secret(paths: StorePaths, slot: str, secret: str) -> bytes:
    """The key from a passphrase or a recovery code; WrongKey if neither set of slots fits."""
    slots = load_slots(paths)
    if not slots.has(slot):
        raise WrongKey(_NO_SLOT[slot])
    return slots.open_secret_slot(slot, secret)


def restore_keyring_slot(paths: StorePaths, keyring: SystemKeyring, key: bytes) -> None:
    """After a recovery: put the key back in this computer's keyring and note the slot."""
    slots = load_slots(paths)
    keyring.set_key(slots.store_id, key)
    slots.set_keyring_slot(key)
    slots.save(paths.keyslots)


_NO_SLOT = {
    PASSPHRASE: "This store has no passphrase set, so a passphrase cannot unlock it.",
    RECOVERY: "This store has no recovery slot. Restore from a backup.",
}
