"""Key slots in `keyslots.json`: wrapped copies of the random database key, as LUKS keeps them.

Slots: `keyring` (the key sits in the OS keyring), `recovery` (wrapped under a key derived
with Argon2id from the printed recovery code) and `passphrase` (the same, from a passphrase,
for machines without a secure keyring and for unattended jobs). The file also holds a
key-check value, so a wrong key is told apart from a damaged database without opening it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
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


_SEAL_LABEL = b"apdesk key-slot seal v1"
KNOWN_SLOTS = (KEYRING, RECOVERY, PASSPHRASE)
# Argon2id settings a slot may carry; anything outside is damage (or tampering).
KDF_RANGE = {"iterations": (1, 64), "lanes": (1, 64), "memory_cost": (1024, 4 * 1024 * 1024)}


def _seal_key(key: bytes) -> bytes:
    return hmac.new(key, _SEAL_LABEL, hashlib.sha256).digest()


def _mac(seal_key: bytes, *parts: object) -> str:
    canonical = json.dumps(parts, sort_keys=True, separators=(",", ":"))
    return hmac.new(seal_key, canonical.encode("utf-8"), hashlib.sha256).hexdigest()


def slot_seal(key: bytes, store_id: str, name: str, data: dict[str, Any]) -> str:
    """An HMAC, under a key derived from the database key, of one slot's metadata."""
    body = {k: v for k, v in data.items() if k != "seal"}
    return _mac(_seal_key(key), "slot", store_id, name, body)


def file_seal(key: bytes, store_id: str, kcv: str, names: list[str]) -> str:
    """An HMAC of the store id, key-check value and which slots there are."""
    return _mac(_seal_key(key), "file", store_id, kcv, sorted(names))


@dataclass
class KeySlots:
    store_id: str
    kcv: str
    slots: dict[str, dict[str, Any]] = field(default_factory=dict)
    seal: str | None = None
    _key: bytes | None = field(default=None, repr=False, compare=False)

    @classmethod
    def new(cls, store_id: str, key: bytes) -> KeySlots:
        return cls(store_id=store_id, kcv=crypto.key_check_value(key), _key=key)

    def seal_with(self, key: bytes) -> None:
        """Seal (again) with the database key when next written: it must be this store's."""
        if not self.check_key(key):
            raise WrongKey("That key does not open this store. The file was not touched.")
        self._key = key

    def has(self, slot: str) -> bool:
        return slot in self.slots

    def check_key(self, key: bytes) -> bool:
        return crypto.key_matches(key, self.kcv)

    def set_keyring_slot(self, key: bytes) -> None:
        self.seal_with(key)
        self.slots[KEYRING] = {"service": "apdesk", "account": self.store_id}

    def set_secret_slot(self, slot: str, key: bytes, secret: str) -> None:
        """Wrap `key` under a key derived from `secret` (a recovery code or a passphrase)."""
        self.seal_with(key)
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
        try:
            params = crypto.KdfParams.from_json(data["kdf"])
            nonce, wrapped = crypto.unb64(data["nonce"]), crypto.unb64(data["wrapped_key"])
            kek = params.derive(_secret_bytes(slot, secret))
        except (KeyError, TypeError, ValueError, AttributeError, binascii.Error):
            raise StoreDamaged(
                f"The {slot} slot in keyslots.json is damaged, so it cannot be used. Unlock "
                "another way if you can, run `apdesk check`, and restore from a backup."
            ) from None
        try:
            key = crypto.unwrap(nonce, wrapped, kek, self._label(slot))
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
        if self._key is not None:
            for name, data in self.slots.items():
                data["seal"] = slot_seal(self._key, self.store_id, name, data)
            self.seal = file_seal(self._key, self.store_id, self.kcv, list(self.slots))
        body: dict[str, Any] = {
            "format": FORMAT,
            "store_id": self.store_id,
            "kcv": self.kcv,
            "slots": self.slots,
        }
        if self.seal is not None:
            body["seal"] = self.seal
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
            if not isinstance(body["slots"], dict):
                raise ValueError("slots")
            seal = body.get("seal")
            return cls(
                store_id=str(body["store_id"]),
                kcv=str(body["kcv"]),
                slots=body["slots"],
                seal=None if seal is None else str(seal),
            )
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


def slot_problems(raw: bytes, key: bytes) -> list[str]:
    """What is wrong with a key-slots file, found without unwrapping anything (the database
    key only checks the seals); empty when every slot is whole."""
    try:
        slots = KeySlots.from_json(raw)
    except StoreDamaged:
        return ["keyslots.json cannot be read: it is damaged or not an APDesk key-slots file"]
    problems = []
    if not slots.check_key(key):
        return ["keyslots.json does not belong to this database (its key-check value differs)"]
    if slots.seal is None:
        problems.append("keyslots.json carries no seal (it was written by an older APDesk)")
    elif not hmac.compare_digest(
        slots.seal, file_seal(key, slots.store_id, slots.kcv, list(slots.slots))
    ):
        problems.append("keyslots.json was changed: its list of slots or its store id is wrong")
    if RECOVERY not in slots.slots:
        problems.append("the recovery slot is missing, so the recovery code cannot unlock")
    for name, data in slots.slots.items():
        problems += [f"the {name} slot is damaged: {p}" for p in _one_slot(slots, name, data, key)]
    return problems


def _one_slot(slots: KeySlots, name: str, data: Any, key: bytes) -> list[str]:
    if name not in KNOWN_SLOTS:
        return ["it is not a kind of slot APDesk makes"]
    if not isinstance(data, dict):
        return ["it cannot be read"]
    found = []
    seal = data.get("seal")
    if seal is None and slots.seal is not None:
        found.append("its seal is missing")
    elif seal is not None and not hmac.compare_digest(
        str(seal), slot_seal(key, slots.store_id, name, data)
    ):
        found.append("its seal does not match (a byte of it changed)")
    if name == KEYRING:
        if data.get("service") != "apdesk" or data.get("account") != slots.store_id:
            found.append("it names the wrong keyring entry")
        return found
    return found + _secret_slot_shape(data)


def _secret_slot_shape(data: dict[str, Any]) -> list[str]:
    found: list[str] = []
    kdf = data.get("kdf")
    if not isinstance(kdf, dict) or kdf.get("algorithm") != "argon2id":
        return ["its key-derivation settings are missing or not Argon2id"]
    for setting, (low, high) in KDF_RANGE.items():
        value = kdf.get(setting)
        if not isinstance(value, int) or not low <= value <= high:
            found.append(f"its Argon2id {setting} ({value}) is outside {low} to {high}")
    for label, value, size in (
        ("salt", kdf.get("salt"), 16),
        ("nonce", data.get("nonce"), 12),
        ("wrapped key", data.get("wrapped_key"), crypto.KEY_BYTES + 16),
    ):
        try:
            length = len(base64.b64decode(str(value).encode("ascii"), validate=True))
        except (binascii.Error, ValueError, UnicodeEncodeError):
            length = -1
        if length != size:
            found.append(f"its {label} is not {size} bytes")
    return found
