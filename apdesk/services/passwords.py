"""Password hashing with Argon2id (from `cryptography`), in PHC string format."""

from __future__ import annotations

import secrets

from cryptography.exceptions import InvalidKey
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id


def hash_password(password: str) -> str:
    kdf = Argon2id(
        salt=secrets.token_bytes(16), length=32, iterations=3, lanes=4, memory_cost=64 * 1024
    )
    return kdf.derive_phc_encoded(password.encode("utf-8"))


def password_matches(password: str, encoded: str) -> bool:
    try:
        Argon2id.verify_phc_encoded(password.encode("utf-8"), encoded)
    except (InvalidKey, ValueError):
        return False
    return True
