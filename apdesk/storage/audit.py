"""The audit log: append-only (triggers refuse UPDATE and DELETE), each row chained by SHA-256.

Each row's hash covers its own fields and the previous row's hash, so an edited or deleted
row breaks the chain. AUTOINCREMENT keeps ids contiguous, so a cut-off tail shows too, and
the head is written outside the database (backup manifests, signed documents).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select, text

from apdesk.storage.tables import audit_log

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    actor: str
    action: str
    entity: str
    entity_id: str | None = None
    old: dict[str, Any] | None = None
    new: dict[str, Any] | None = None
    reason: str | None = None


@dataclass(frozen=True)
class ChainHead:
    row_id: int
    hash: str

    def __str__(self) -> str:
        return f"{self.row_id}:{self.hash}"


def _dump(value: dict[str, Any] | None) -> str | None:
    if value is None:
        return None
    return json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)


def row_hash(row: dict[str, Any]) -> str:
    fields = [
        row["prev_hash"],
        row["id"],
        row["at"],
        row["actor"],
        row["action"],
        row["entity"],
        row["entity_id"],
        row["old"],
        row["new"],
        row["reason"],
    ]
    canonical = json.dumps(fields, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def head(conn: Connection) -> ChainHead:
    row = conn.execute(
        select(audit_log.c.id, audit_log.c.hash).order_by(audit_log.c.id.desc()).limit(1)
    ).first()
    return ChainHead(0, GENESIS) if row is None else ChainHead(int(row.id), str(row.hash))


def append(conn: Connection, entry: AuditEntry, at: datetime) -> ChainHead:
    """Append one row in the caller's transaction; returns the new head."""
    previous = head(conn)
    row: dict[str, Any] = {
        "id": previous.row_id + 1,
        "at": at.isoformat(timespec="seconds"),
        "actor": entry.actor,
        "action": entry.action,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "old": _dump(entry.old),
        "new": _dump(entry.new),
        "reason": entry.reason,
        "prev_hash": previous.hash,
    }
    row["hash"] = row_hash(row)
    conn.execute(audit_log.insert().values(**row))
    return ChainHead(row["id"], row["hash"])


def verify_chain(conn: Connection, known_heads: Sequence[ChainHead] = ()) -> list[str]:
    """Every break in the chain, in plain English; empty when the log is whole."""
    problems: list[str] = []
    previous = ChainHead(0, GENESIS)
    for row in conn.execute(select(audit_log).order_by(audit_log.c.id)).mappings():
        data = dict(row)
        if data["id"] != previous.row_id + 1:
            problems.append(f"audit rows {previous.row_id + 1} to {data['id'] - 1} are missing")
        if data["prev_hash"] != previous.hash:
            problems.append(f"audit row {data['id']} does not follow the row before it")
        if row_hash(data) != data["hash"]:
            problems.append(f"audit row {data['id']} was changed after it was written")
        previous = ChainHead(int(data["id"]), str(data["hash"]))
    problems += _tail_problems(conn, previous)
    by_id = {h.row_id: h for h in _all_heads(conn)}
    for known in known_heads:
        if by_id.get(known.row_id, known).hash != known.hash or known.row_id > previous.row_id:
            problems.append(
                f"audit row {known.row_id} no longer matches what a backup or signed document "
                "recorded earlier"
            )
    return problems


def _tail_problems(conn: Connection, last: ChainHead) -> list[str]:
    seq = conn.execute(text("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'")).scalar()
    if seq is not None and int(seq) > last.row_id:
        return [f"audit rows {last.row_id + 1} to {int(seq)} were deleted from the end of the log"]
    return []


def _all_heads(conn: Connection) -> list[ChainHead]:
    rows = conn.execute(select(audit_log.c.id, audit_log.c.hash))
    return [ChainHead(int(r.id), str(r.hash)) for r in rows]
