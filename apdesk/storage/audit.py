"""The audit log: append-only (triggers refuse UPDATE and DELETE), each row chained by SHA-256.

Each row's hash covers its own fields and the previous row's hash, so an edited or deleted
row breaks the chain. AUTOINCREMENT keeps ids contiguous, so a cut-off tail shows too, and
the head is written outside the database (backup manifests, signed documents).

Free text reaches a row only as its digest (domain/audit_text.py). Migration 0013 replaced
the free text already in older rows by digests and so re-chained them (0019 did the same
when it sealed who a pupil was); it kept each row's
earlier hash in `audit_rechain` and wrote one `audit.rechain` row naming that list's
digest, so `verify_chain` can still prove the untouched rows and match heads that backups
and signed documents recorded before it (decision 0015).

Who a pupil is reaches a row about that pupil only sealed under the pupil's own key
(storage/pupil_keys.py); `read` opens what it can and says "(disposed)" for the rest. The
chain hashes the sealed text, so it verifies without any key.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, and_, false, or_, select, text

from apdesk.domain.audit_text import identifying, redact
from apdesk.domain.record_kinds import RecordKind
from apdesk.storage import (
    mapping,  # noqa: F401  (maps the entities: see storage/__init__)
    pupil_keys,
)
from apdesk.storage.tables import audit_log, audit_rechain

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    actor: str
    action: str
    entity: RecordKind
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


def _kept(conn: Connection, entry: AuditEntry, values: dict[str, Any] | None) -> str | None:
    """What a row keeps of `values`: free text digested, who a pupil is sealed."""
    kept = redact(entry.entity, values)
    names = identifying(entry.entity, kept)
    if kept is not None and names and entry.entity_id and entry.entity_id.isdigit():
        kept = pupil_keys.seal_values(conn, entry.entity_id, names, kept)
    return _dump(kept)


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
        "old": _kept(conn, entry, entry.old),
        "new": _kept(conn, entry, entry.new),
        "reason": entry.reason,
        "prev_hash": previous.hash,
    }
    row["hash"] = row_hash(row)
    conn.execute(audit_log.insert().values(**row))
    return ChainHead(row["id"], row["hash"])


@dataclass(frozen=True)
class AuditRecord:
    """One audit row as a reader sees it: sealed values opened, or "(disposed)"."""

    id: int
    at: str
    actor: str
    action: str
    entity: str
    entity_id: str | None
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    reason: str | None


def read(conn: Connection, entity: RecordKind, entity_id: str | None = None) -> list[AuditRecord]:
    """The rows about `entity` (one of them when `entity_id` is given), oldest first."""
    query = select(audit_log).where(audit_log.c.entity == entity).order_by(audit_log.c.id)
    if entity_id is not None:
        query = query.where(audit_log.c.entity_id == entity_id)
    return _records(conn, query)


def read_about(conn: Connection, records: Mapping[RecordKind, Iterable[int]]) -> list[AuditRecord]:
    """The rows about each of these records (their kinds and ids), oldest first."""
    c = audit_log.c
    wanted = [
        and_(c.entity == kind, c.entity_id.in_([str(i) for i in ids]))
        for kind, ids in records.items()
    ]
    return _records(conn, select(audit_log).where(or_(false(), *wanted)).order_by(c.id))


def _records(conn: Connection, query: Select[Any]) -> list[AuditRecord]:
    records = []
    for row in conn.execute(query):
        old, new = (None if v is None else json.loads(v) for v in (row.old, row.new))
        records.append(
            AuditRecord(
                int(row.id),
                str(row.at),
                str(row.actor),
                str(row.action),
                str(row.entity),
                row.entity_id,
                pupil_keys.open_values(conn, row.entity_id, old),
                pupil_keys.open_values(conn, row.entity_id, new),
                row.reason,
            )
        )
    return records


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
    earlier, rechain_problems = _rechained(conn)
    problems += rechain_problems
    by_id = {h.row_id: h for h in _all_heads(conn)}
    for known in known_heads:
        current = by_id.get(known.row_id, known).hash
        if (
            current != known.hash and known.hash not in earlier.get(known.row_id, ())
        ) or known.row_id > previous.row_id:
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


RECHAIN_ACTION = "audit.rechain"


def mapping_digest(rows: Sequence[tuple[int, str, bool]]) -> str:
    """The SHA-256 of a re-chaining's list of (row id, earlier hash, digested) in row order."""
    canonical = json.dumps([list(r) for r in rows], separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _rechained(conn: Connection) -> tuple[dict[int, set[str]], list[str]]:
    """The hashes rows had before each re-chaining (by row id), and what is wrong with them.

    A step's list must be the one its audit row names; each row the step left unchanged must
    rebuild its earlier hash from its fields and the earlier hash before it. Steps are taken
    newest first: a row a later step changed (0019 sealed who a pupil was) no longer has the
    fields an earlier step hashed, so that step's hash for it is taken on the later one's word.
    """
    steps = {
        int(r.entity_id): r
        for r in conn.execute(select(audit_log).where(audit_log.c.action == RECHAIN_ACTION))
    }
    mapped: dict[int, list[tuple[int, str, bool]]] = {}
    for m in conn.execute(select(audit_rechain).order_by(audit_rechain.c.row_id)):
        mapped.setdefault(int(m.step), []).append((int(m.row_id), str(m.old_hash), m.digested))
    earlier: dict[int, set[str]] = {}
    problems: list[str] = []
    later: set[int] = set()  # rows a later step changed: their fields before it are gone
    for step in sorted(set(steps) | set(mapped), reverse=True):
        rows, record = mapped.get(step, []), steps.get(step)
        if record is None:
            problems.append(f"re-chaining step {step} has no audit row recording it")
            continue
        recorded = json.loads(record.new or "{}")
        if not rows or mapping_digest(rows) != recorded.get("mapping"):
            problems.append(
                f"the earlier hashes kept by re-chaining step {step} (audit row {record.id}) "
                "are not the ones it recorded"
            )
            continue
        problems += _earlier_chain_problems(conn, step, rows, later)
        for row_id, old_hash, changed in rows:
            earlier.setdefault(row_id, set()).add(old_hash)
            if changed:
                later.add(row_id)
    return earlier, problems


def _earlier_chain_problems(
    conn: Connection, step: int, rows: list[tuple[int, str, bool]], later: set[int]
) -> list[str]:
    stored = {
        int(r["id"]): dict(r)
        for r in conn.execute(
            select(audit_log).where(audit_log.c.id <= rows[-1][0]).order_by(audit_log.c.id)
        ).mappings()
    }
    problems, previous = [], GENESIS
    for expected, (row_id, old_hash, digested) in enumerate(rows, start=1):
        if row_id != expected or row_id not in stored:
            return [f"re-chaining step {step} does not cover audit rows 1 to {rows[-1][0]}"]
        unchanged_since = not digested and row_id not in later
        if unchanged_since and row_hash(stored[row_id] | {"prev_hash": previous}) != old_hash:
            problems.append(
                f"audit row {row_id} was changed after re-chaining step {step} kept its hash"
            )
        previous = old_hash
    return problems
