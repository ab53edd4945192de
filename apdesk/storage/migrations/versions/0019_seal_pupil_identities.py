"""Who a pupil was, in audit rows written before 0018, sealed under the pupil's key or gone.

From 0018 on, audit rows about a pupil keep its names, date of birth, UPN, CP flags, carers,
requesters and recipients as AES-256-GCM ciphertext under the pupil's own key, which
disposal deletes (decision 0015). Older rows still hold them in clear. This migration seals
them under the key of the pupil whose file they now belong to (a merged duplicate's rows go
with the record kept) and, where that file was already disposed of, replaces them with
"(disposed)". The chain is re-hashed as one more recorded step, as 0013 did: each row's
earlier hash goes to `audit_rechain` under the next step number, and one `audit.rechain` row
records the count, the heads before and after and the SHA-256 of that list, so `apdesk
check` still proves the rows the step did not change and matches heads recorded before it.
A log with nothing to seal is left as it was, with no step.

Revision ID: 0019
Revises: 0018
"""

import base64
import hashlib
import json
import secrets
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from alembic import op
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None
#: rows only: the schema is 0018's (tests/storage/test_schema_agrees.py)
DATA_ONLY = True

# Written out here, not imported: a migration must keep doing what it did when it shipped.
TRIGGERS = (
    """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
)
IDENTIFYING = frozenset(
    {
        *("legal_first_name", "legal_last_name", "preferred_name", "date_of_birth", "upn"),
        *("cp_plan", "child_in_need", "looked_after", "carers", "duplicate"),
        *("requester", "relationship", "receiving_school", "receiving_urn"),
        *("receiving_dsl", "receipt_from"),
    }
)
SEALED = "aes-gcm:"
DISPOSED = "(disposed)"
PAD_BYTES = 32
FIELDS = ("prev_hash", "id", "at", "actor", "action", "entity", "entity_id", "old", "new")
GENESIS = "0" * 64


def _seal(key: bytes, pupil_id: str, name: str, value: Any) -> str:
    nonce = secrets.token_bytes(12)
    plain = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8")
    plain += b" " * (-len(plain) % PAD_BYTES)
    aad = f"apdesk audit v1|pupil {pupil_id}|{name}".encode()
    return SEALED + base64.b64encode(nonce + AESGCM(key).encrypt(nonce, plain, aad)).decode()


def _hash(row: dict[str, Any]) -> str:
    fields = [row[name] for name in FIELDS] + [row["reason"]]
    canonical = json.dumps(fields, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _load(dumped: str | None) -> dict[str, Any] | None:
    value = json.loads(dumped) if dumped else None
    return value if isinstance(value, dict) else None


def _clear(values: dict[str, Any] | None) -> list[str]:
    """The identifying keys of `values` still in clear."""
    if not values:
        return []
    return [k for k, v in values.items() if k in IDENTIFYING and not str(v).startswith(SEALED)]


def _events(rows: list[dict[str, Any]]) -> list[tuple[int, str, str, str]]:
    """In row order: ("merge", duplicate, kept) and ("dispose", pupil, "") by row id."""
    events = []
    for row in rows:
        if row["entity"] != "pupil" or not row["entity_id"]:
            continue
        if row["action"] == "pupil.merge":
            duplicate = (_load(row["old"]) or {}).get("duplicate")
            twin = (_load(row["new"]) or {}).get("from")  # sealed merges name it here
            if isinstance(duplicate, dict) and duplicate.get("id") is not None:
                twin = duplicate["id"]
            if twin is not None:
                events.append((int(row["id"]), "merge", str(twin), row["entity_id"]))
        elif row["action"] == "retention.dispose":
            counts = (_load(row["new"]) or {}).get("counts") or {}
            if "pupil record" in counts:
                events.append((int(row["id"]), "dispose", row["entity_id"], ""))
    return events


def _owner(row_id: int, pupil_id: str, events: list[tuple[int, str, str, str]]) -> str | None:
    """Whose file a row about `pupil_id` now belongs to; None once that file was disposed of."""
    owner = pupil_id
    for at, kind, who, kept in events:
        if at <= row_id or who != owner:
            continue
        if kind == "dispose":
            return None
        owner = kept
    return owner


class _Keys:
    """The key each (pupil id, the file it belongs to) is sealed under, made when first needed."""

    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn
        self.made: dict[tuple[str, str], bytes] = {}

    def key(self, pupil_id: str, owner: str) -> bytes:
        if (pupil_id, owner) in self.made:
            return self.made[(pupil_id, owner)]
        merged = None if owner == pupil_id else int(owner)
        found = self.conn.execute(
            sa.text(
                "SELECT key FROM pupil_audit_key WHERE pupil_id = :p AND "
                "merged_into IS :m ORDER BY id DESC LIMIT 1"
            ),
            {"p": int(pupil_id), "m": merged},
        ).scalar()
        key = bytes(found) if found is not None else secrets.token_bytes(32)
        if found is None:
            self.conn.execute(
                sa.text(
                    "INSERT INTO pupil_audit_key (pupil_id, key, merged_into) VALUES (:p, :k, :m)"
                ),
                {"p": int(pupil_id), "k": key, "m": merged},
            )
        self.made[(pupil_id, owner)] = key
        return key


def upgrade() -> None:
    conn = op.get_bind()
    rows = [
        dict(r) for r in conn.execute(sa.text("SELECT * FROM audit_log ORDER BY id")).mappings()
    ]
    events = _events(rows)
    keys = _Keys(conn)
    kept, previous, changed = [], GENESIS, []
    for row in rows:
        old_hash = row["hash"]
        new = dict(row)
        if row["entity"] == "pupil" and str(row["entity_id"] or "").isdigit():
            pupil_id = str(row["entity_id"])
            for column in ("old", "new"):
                values = _load(row[column])
                names = _clear(values)
                if not values or not names:
                    continue
                owner = _owner(int(row["id"]), pupil_id, events)
                for name in names:
                    values[name] = (
                        DISPOSED
                        if owner is None
                        else _seal(keys.key(pupil_id, owner), pupil_id, name, values[name])
                    )
                new[column] = json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)
        sealed = (new["old"], new["new"]) != (row["old"], row["new"])
        new["prev_hash"] = previous
        new["hash"] = _hash(new)
        if new["hash"] != old_hash:
            changed.append(new)
        kept.append((int(row["id"]), old_hash, sealed))
        previous = new["hash"]
    if not any(sealed for _, _, sealed in kept):
        return
    step = int(
        conn.execute(sa.text("SELECT coalesce(max(step), 0) FROM audit_rechain")).scalar_one()
    )
    step += 1
    for trigger in ("audit_log_no_update", "audit_log_no_delete"):
        conn.execute(sa.text(f"DROP TRIGGER {trigger}"))
    for row in changed:
        conn.execute(
            sa.text(
                "UPDATE audit_log SET old = :old, new = :new, prev_hash = :prev_hash, hash = :hash "
                "WHERE id = :id"
            ),
            row,
        )
    for trigger in TRIGGERS:
        conn.execute(sa.text(trigger))
    conn.execute(
        sa.text(
            "INSERT INTO audit_rechain (step, row_id, old_hash, digested) VALUES (:s, :r, :h, :d)"
        ),
        [{"s": step, "r": r, "h": h, "d": d} for r, h, d in kept],
    )
    mapping = hashlib.sha256(
        json.dumps([list(k) for k in kept], separators=(",", ":")).encode()
    ).hexdigest()
    last = kept[-1][0]
    record = {
        "revision": revision,
        "rows": len(kept),
        "digested": sum(1 for _, _, d in kept if d),
        "before": f"{last}:{kept[-1][1]}",
        "after": f"{last}:{previous}",
        "mapping": mapping,
    }
    row = {
        "id": last + 1,
        "at": datetime.now().isoformat(timespec="seconds"),
        "actor": "system",
        "action": "audit.rechain",
        "entity": "audit_log",
        "entity_id": str(step),
        "old": None,
        "new": json.dumps(record, sort_keys=True, ensure_ascii=False),
        "reason": "who a pupil was sealed under the pupil's key, or disposed (schema 0019)",
        "prev_hash": previous,
    }
    row["hash"] = _hash(row)
    conn.execute(
        sa.text(
            "INSERT INTO audit_log (id, at, actor, action, entity, entity_id, old, new, reason, "
            "prev_hash, hash) VALUES (:id, :at, :actor, :action, :entity, :entity_id, :old, :new, "
            ":reason, :prev_hash, :hash)"
        ),
        row,
    )


def downgrade() -> None:
    """Sealed values stay sealed: the keys that open them are in `pupil_audit_key`."""
