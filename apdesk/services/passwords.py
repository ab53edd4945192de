"""Password hashing with Argon2id (from `cryptography`), in PHC string format.

The cost is read from `COST` when a password is hashed and from the PHC string when one is
checked, so a hash keeps working whatever the cost is later set to.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidKey
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id


@dataclass(frozen=True)
class Cost:
    iterations: int
    lanes: int
    memory_cost: int  # KiB


# RFC 9106's second recommended option in spirit: 64 MiB, three passes, four lanes (about
# 0.2 s on a school office PC). In-process tests lower it (tests/conftest.py); tests that
# start the program in a fresh interpreter run with this.
COST = Cost(iterations=3, lanes=4, memory_cost=64 * 1024)


def hash_password(password: str) -> str:
    kdf = Argon2id(
        salt=secrets.token_bytes(16),
        length=32,
        iterations=COST.iterations,
        lanes=COST.lanes,
        memory_cost=COST.memory_cost,
    )
    return kdf.derive_phc_encoded(password.encode("utf-8"))


def password_matches(password: str, encoded: str) -> bool:
    try:
        Argon2id.verify_phc_encoded(password.encode("utf-8"), encoded)
    except (InvalidKey, ValueError):
        return False
    return True
