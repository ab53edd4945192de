"""Key slots in `keyslots.json`: wrapped copies of the random database key, as LUKS keeps them.

Slots: `keyring` (the key sits in the OS keyring), `recovery` (wrapped under a key derived
with Argon2id from the printed recovery code) and `passphrase` (the same, from a passphrase,
for machines without a secure keyring and for unattended jobs). The file also holds a
key-check value, so a wrong key is told apart from a damaged database without opening it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from apdesk.storage import crypto
from apdesk.storage.errors import StoreDamaged, WrongKey
from apdesk.storage.files import write_atomic

FORMAT = 1
KEYRING = "keyring"
RECOVERY = "recovery"
PASSPHRASE = "passphrase"


@dataclass
class KeySlots:
    store_id: str
    kcv: str
    slots: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def new(cls, store_id: str, key: bytes) -> KeySlots:
        return cls(store_id=store_id, kcv=crypto.key_check_value(key))

    def has(self, slot: str) -> bool:
        return slot in self.slots

    def check_key(self, key: bytes) -> bool:
        return crypto.key_matches(key, self.kcv)

    def set_keyring_slot(self) -> None:
        self.slots[KEYRING] = {"service": "apdesk", "account": self.store_id}

    def set_secret_slot(self, slot: str, key: bytes, secret: str) -> None:
        """Wrap `key` under a key derived from `secret` (a recovery code or a passphrase)."""
        params = crypto.KdfParams.fresh()
        kek = params.derive(_secret_bytes(slot, secret))
        nonce, wrapped = crypto.wrap(key, kek, self._label(slot))
        self.slots[slot] = {
            "kdf": params.to_json(),
            "nonce": crypto.b64(nonce),
            "wrapped_key": crypto.b64(wrapped),
        }

    def open_secret_slot(self, slot: str, secret: str) -> bytes:
        """The database key from a recovery code or passphrase; WrongKey if it does not fit."""
        data = self.slots[slot]
        params = crypto.KdfParams.from_json(data["kdf"])
        kek = params.derive(_secret_bytes(slot, secret))
        try:
            key = crypto.unwrap(
                crypto.unb64(data["nonce"]),
                crypto.unb64(data["wrapped_key"]),
                kek,
                self._label(slot),
            )
        except crypto.UnwrapError:
            raise WrongKey(_WRONG[slot]) from None
        if not self.check_key(key):
            raise StoreDamaged(
                "The key slots file does not match the database: restore from a backup."
            )
        return key

    def remove(self, slot: str) -> None:
        self.slots.pop(slot, None)

    def _label(self, slot: str) -> bytes:
        return f"apdesk/{self.store_id}/{slot}".encode()

    def to_json(self) -> bytes:
        body = {"format": FORMAT, "store_id": self.store_id, "kcv": self.kcv, "slots": self.slots}
        return json.dumps(body, indent=2, sort_keys=True).encode("utf-8")

    def save(self, path: Path) -> None:
        write_atomic(path, self.to_json())

    @classmethod
    def load(cls, path: Path) -> KeySlots:
        try:
            return cls.from_json(path.read_bytes())
        except FileNotFoundError:
            raise StoreDamaged(
                f"The key slots file {path.name} is missing beside the database. "
                "Restore from a backup."
            ) from None

    @classmethod
    def from_json(cls, raw: bytes) -> KeySlots:
        try:
            body = json.loads(raw)
            if body.get("format") != FORMAT:
                raise ValueError("unknown format")
            return cls(store_id=str(body["store_id"]), kcv=str(body["kcv"]), slots=body["slots"])
        except (ValueError, KeyError, TypeError, AttributeError):
            raise StoreDamaged(
                "The key slots file is damaged or from another program. Restore from a backup."
            ) from None


_WRONG = {
    RECOVERY: "That recovery code is not the one for this store. Check it against the recovery "
    "sheet and try again. Nothing was changed.",
    PASSPHRASE: "Wrong passphrase. Nothing was changed.",
}


def _secret_bytes(slot: str, secret: str) -> bytes:
    if slot == RECOVERY:
        secret = crypto.normalise_recovery_code(secret)
    return secret.encode("utf-8")
