"""Key material: database keys, key-check values, recovery codes and AES-256-GCM wrapping.

Every primitive comes from `cryptography`; nothing here invents its own cipher or KDF.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

KEY_BYTES = 32
_KCV_LABEL = b"apdesk key-check value v1"
# Crockford's base32 alphabet: no I, L, O or U, so a code read aloud or copied by hand survives.
_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CODE_GROUPS = 8
_CODE_GROUP_LEN = 4


class UnwrapError(Exception):
    """A wrapped key did not open: the secret was wrong or the slot was altered."""


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost parameters, stored with each slot so they can be raised later."""

    salt: bytes
    iterations: int = 3
    lanes: int = 4
    memory_cost: int = 64 * 1024  # KiB

    def derive(self, secret: bytes) -> bytes:
        kdf = Argon2id(
            salt=self.salt,
            length=KEY_BYTES,
            iterations=self.iterations,
            lanes=self.lanes,
            memory_cost=self.memory_cost,
        )
        return kdf.derive(secret)

    def to_json(self) -> dict[str, object]:
        return {
            "algorithm": "argon2id",
            "salt": b64(self.salt),
            "iterations": self.iterations,
            "lanes": self.lanes,
            "memory_cost": self.memory_cost,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> KdfParams:
        return cls(
            salt=unb64(str(data["salt"])),
            iterations=int(str(data["iterations"])),
            lanes=int(str(data["lanes"])),
            memory_cost=int(str(data["memory_cost"])),
        )

    @classmethod
    def fresh(cls) -> KdfParams:
        return cls(salt=secrets.token_bytes(16))


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def new_database_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def key_check_value(key: bytes) -> str:
    """An HMAC of a fixed label under the key: tells a wrong key apart from a damaged file."""
    return hmac.new(key, _KCV_LABEL, hashlib.sha256).hexdigest()


def key_matches(key: bytes, kcv: str) -> bool:
    return hmac.compare_digest(key_check_value(key), kcv)


def wrap(key: bytes, kek: bytes, label: bytes) -> tuple[bytes, bytes]:
    """Encrypt `key` under `kek` with AES-256-GCM; `label` binds it to its slot and store."""
    nonce = secrets.token_bytes(12)
    return nonce, AESGCM(kek).encrypt(nonce, key, label)


def unwrap(nonce: bytes, ciphertext: bytes, kek: bytes, label: bytes) -> bytes:
    try:
        return AESGCM(kek).decrypt(nonce, ciphertext, label)
    except InvalidTag as exc:
        raise UnwrapError from exc


def new_recovery_code() -> str:
    """32 base32 characters (160 bits) in groups of four, e.g. 7KQ2-M9XD-…."""
    chars = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_GROUPS * _CODE_GROUP_LEN))
    groups = [chars[i : i + _CODE_GROUP_LEN] for i in range(0, len(chars), _CODE_GROUP_LEN)]
    return "-".join(groups)


def normalise_recovery_code(text: str) -> str:
    """Accept what a person types: any case, spaces or dashes, O for 0 and I/L for 1."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.translate(str.maketrans("OIL", "011"))
    groups = [cleaned[i : i + _CODE_GROUP_LEN] for i in range(0, len(cleaned), _CODE_GROUP_LEN)]
    return "-".join(groups)


def database_key_pragma(key: bytes) -> str:
    """The PRAGMA value for a raw key; built only from bytes.hex(), never from user text."""
    if len(key) != KEY_BYTES:
        raise ValueError("a database key is 32 bytes")
    return f"\"x'{key.hex()}'\""
