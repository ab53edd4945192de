"""Free text in audit rows becomes its SHA-256, the chain re-chained as a recorded step;
the school's retention periods.

Disposing of a record must not leave its narrative in the append-only log (decision 0015).
Each older row's free-text values become "sha256:<hex>" of their text, and the chain is
re-hashed from the first changed row. Each row's earlier hash goes to `audit_rechain` and
one `audit.rechain` row records how many rows were re-chained, the heads before and after,
and the SHA-256 of that list, so `apdesk check` still proves the rows the step did not
change and matches heads that backups and signed documents recorded before it. A log with
no free text in it is left as it was, with no step.

Revision ID: 0013
Revises: 0012
"""

import hashlib
import json
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

STEP = 1
GENESIS = "0" * 64
# Written out here, not imported: a migration must keep doing what it did when it shipped.
TRIGGERS = (
    """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
)
FREE_TEXT = frozenset(
    {
        *("narrative", "actions_taken", "rationale", "decision_reason", "reason_note"),
        *("weekly_pattern", "session_times", "curriculum_plan", "qualification_route"),
        *("risk_travel", "risk_site_hazards", "risk_safeguarding", "risk_health_needs"),
        *("transport", "exit_plan", "termination_reason", "target", "timescale", "progress"),
        *("attendance_note", "concerns", "note", "notes", "evidence_note", "title"),
        *("opened", "text", "complaint_route", "filename", "scope"),
    }
)
FREE_TEXT_FOR = {
    "incident": frozenset({"decision"}),
    "referral": frozenset({"outcome"}),
    "ap_referral": frozenset({"reason"}),
}
FIELDS = ("prev_hash", "id", "at", "actor", "action", "entity", "entity_id", "old", "new")


def _digest(value: Any, free: bool, keys: frozenset[str]) -> Any:
    if isinstance(value, str):
        done = value.startswith("sha256:") and len(value) == 71
        return (
            "sha256:" + hashlib.sha256(value.encode()).hexdigest()
            if free and value and not done
            else value
        )
    if isinstance(value, list):
        return [_digest(v, free, keys) for v in value]
    if isinstance(value, dict):
        return {k: _digest(v, k in keys, keys) for k, v in value.items()}
    return value


def _redacted(entity: str, dumped: str | None) -> str | None:
    if dumped is None:
        return None
    keys = FREE_TEXT | FREE_TEXT_FOR.get(entity, frozenset())
    value = json.loads(dumped)
    redacted = _digest(value, False, keys)
    if redacted == value:
        return dumped
    return json.dumps(redacted, sort_keys=True, default=str, ensure_ascii=False)


def _hash(row: dict[str, Any]) -> str:
    fields = [row[name] for name in FIELDS] + [row["reason"]]
    canonical = json.dumps(fields, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def upgrade() -> None:
    op.create_table(
        "audit_rechain",
        sa.Column("step", sa.Integer, primary_key=True),
        sa.Column("row_id", sa.Integer, primary_key=True),
        sa.Column("old_hash", sa.String(64), nullable=False),
        sa.Column("digested", sa.Boolean, nullable=False),
    )
    with op.batch_alter_table("school", schema=None) as batch_op:
        for kind in ("attendance", "ap_cp", "sen"):
            batch_op.add_column(sa.Column(f"retention_{kind}_years", sa.Integer))
    _rechain(op.get_bind())


def _rechain(conn: sa.Connection) -> None:
    rows = [
        dict(r) for r in conn.execute(sa.text("SELECT * FROM audit_log ORDER BY id")).mappings()
    ]
    kept, previous, changed = [], GENESIS, []
    for row in rows:
        old_hash = row["hash"]
        new = dict(
            row, old=_redacted(row["entity"], row["old"]), new=_redacted(row["entity"], row["new"])
        )
        digested = (new["old"], new["new"]) != (row["old"], row["new"])
        new["prev_hash"] = previous
        new["hash"] = _hash(new)
        if new["hash"] != old_hash:
            changed.append(new)
        kept.append((int(row["id"]), old_hash, digested))
        previous = new["hash"]
    if not any(digested for _, _, digested in kept):
        return
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
        [{"s": STEP, "r": r, "h": h, "d": d} for r, h, d in kept],
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
        "entity_id": str(STEP),
        "old": None,
        "new": json.dumps(record, sort_keys=True, ensure_ascii=False),
        "reason": "free text in audit rows replaced by SHA-256 digests (schema 0013)",
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
    with op.batch_alter_table("school", schema=None) as batch_op:
        for kind in ("attendance", "ap_cp", "sen"):
            batch_op.drop_column(f"retention_{kind}_years")
    op.drop_table("audit_rechain")
