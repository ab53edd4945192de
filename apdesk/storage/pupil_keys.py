"""Crypto-shredding of who a pupil was: each pupil's key for its audit rows' identifying values.

The audit log is append-only and kept for ever, but DOMAIN rule 13 says a disposed child's
file goes. So in rows about a pupil, the values that say who the child is (domain/audit_text
`IDENTIFYING`) are stored as AES-256-GCM ciphertext under a random 256-bit key kept for that
pupil in `pupil_audit_key`. While the key exists the audit reader shows the values; disposing
of the pupil's file deletes the key (`secure_delete` scrubs its page), after which they read
"(disposed)". The chain hashes the ciphertext, so `apdesk check` verifies the log with or
without the key (decision 0015).

Each value is sealed with a fresh 96-bit nonce; the associated data names the pupil and the
field it sits under, so a value moved to another pupil or field does not open; the plain
text is padded so the ciphertext's length does not give a flag or a short name away.
"""

from __future__ import annotations

import base64
import json
import secrets
from collections.abc import Iterable
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import Connection, and_, delete, or_, select, update

from apdesk.storage.tables import pupil_audit_key

SEALED_PREFIX = "aes-gcm:"
DISPOSED = "(disposed)"
KEY_BYTES = 32
NONCE_BYTES = 12
#: Plain text is padded to a multiple of this, so a sealed value's length tells nothing of a
#: flag (true and false) and little of a name.
PAD_BYTES = 32


def is_sealed(value: object) -> bool:
    return isinstance(value, str) and value.startswith(SEALED_PREFIX)


def _aad(pupil_id: str, name: str) -> bytes:
    return f"apdesk audit v1|pupil {pupil_id}|{name}".encode()


def seal(key: bytes, pupil_id: str, name: str, value: Any) -> str:
    """`value` (any JSON value) as "aes-gcm:<base64 of nonce and ciphertext>"."""
    nonce = secrets.token_bytes(NONCE_BYTES)
    plain = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8")
    plain += b" " * (-len(plain) % PAD_BYTES)  # JSON ignores the trailing spaces
    sealed = AESGCM(key).encrypt(nonce, plain, _aad(pupil_id, name))
    return SEALED_PREFIX + base64.b64encode(nonce + sealed).decode("ascii")


def unseal(keys: Iterable[bytes], pupil_id: str, name: str, value: str) -> Any:
    """The value sealed under one of `keys`, or DISPOSED when none of them opens it."""
    try:
        raw = base64.b64decode(value[len(SEALED_PREFIX) :], validate=True)
    except ValueError:
        return DISPOSED
    nonce, sealed = raw[:NONCE_BYTES], raw[NONCE_BYTES:]
    for key in keys:
        try:
            plain = AESGCM(key).decrypt(nonce, sealed, _aad(pupil_id, name))
        except (InvalidTag, ValueError):
            continue
        return json.loads(plain.decode("utf-8"))
    return DISPOSED


def keys_for(conn: Connection, pupil_id: int) -> list[bytes]:
    """Every key kept for this pupil id (newest first); none once its file is disposed of."""
    rows = conn.execute(
        select(pupil_audit_key.c.key)
        .where(pupil_audit_key.c.pupil_id == pupil_id)
        .order_by(pupil_audit_key.c.id.desc())
    )
    return [bytes(r.key) for r in rows]


def current_key(conn: Connection, pupil_id: int) -> bytes:
    """The key new rows about this pupil are sealed under, made the first time it is needed."""
    found = conn.execute(
        select(pupil_audit_key.c.key)
        .where(pupil_audit_key.c.pupil_id == pupil_id, pupil_audit_key.c.merged_into.is_(None))
        .order_by(pupil_audit_key.c.id.desc())
        .limit(1)
    ).scalar()
    if found is not None:
        return bytes(found)
    key = secrets.token_bytes(KEY_BYTES)
    conn.execute(pupil_audit_key.insert().values(pupil_id=pupil_id, key=key))
    return key


def merged(conn: Connection, duplicate_id: int, keep_id: int) -> None:
    """The duplicate's keys (and those merged into it) now go with the record kept."""
    table = pupil_audit_key
    conn.execute(
        update(table)
        .where(or_(table.c.pupil_id == duplicate_id, table.c.merged_into == duplicate_id))
        .values(merged_into=keep_id)
    )


def forget(conn: Connection, pupil_id: int) -> int:
    """Delete the pupil's keys and those of duplicates merged into it; how many went."""
    table = pupil_audit_key
    own = and_(table.c.pupil_id == pupil_id, table.c.merged_into.is_(None))
    result = conn.execute(delete(table).where(or_(own, table.c.merged_into == pupil_id)))
    return int(getattr(result, "rowcount", 0) or 0)


def seal_values(
    conn: Connection, pupil_id: str, names: frozenset[str], values: dict[str, Any]
) -> dict[str, Any]:
    """`values` with each of `names` sealed under the pupil's current key."""
    if not names:
        return values
    key = current_key(conn, int(pupil_id))
    return {
        name: seal(key, pupil_id, name, value) if name in names and not is_sealed(value) else value
        for name, value in values.items()
    }


def open_values(
    conn: Connection, pupil_id: str | None, values: dict[str, Any] | None
) -> dict[str, Any] | None:
    """`values` with each sealed value opened, or DISPOSED where its key is gone."""
    if not values or not any(is_sealed(v) for v in values.values()):
        return values
    keys = keys_for(conn, int(pupil_id)) if pupil_id and pupil_id.isdigit() else []
    return {
        name: unseal(keys, pupil_id or "", name, value) if is_sealed(value) else value
        for name, value in values.items()
    }
