"""A pupil's audit trail, as the Headteacher or DSL may read it.

Rows about a pupil keep who the pupil is sealed under the pupil's own key (decision 0015):
while the pupil's file is kept they read as recorded; once it is disposed of, "(disposed)".
Reading the trail is itself audited.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from apdesk.domain.formatting import format_date
from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.storage import audit
from apdesk.storage.audit import AuditRecord


def pupil_trail(svc: AppServices, actor: Actor, pupil_id: int) -> list[AuditRecord]:
    """Every audit row about this pupil id, oldest first, with what can still be read."""
    with svc.read(actor, Permission.VIEW_AUDIT) as session:
        records = audit.read(session.connection(), RecordKind.PUPIL, str(pupil_id))
    svc.audit_look(actor, "audit.view", RecordKind.PUPIL, pupil_id, {"rows": len(records)})
    return records


def describe(record: AuditRecord) -> str:
    """One line: when, who, what, and each value (old → new where it changed)."""
    when = record.at.replace("T", " ")
    day, _, time = when.partition(" ")
    shown = f"{_day(day)} {time[:5]}".strip()
    parts = [_values(record.old, record.new)]
    if record.reason:
        parts.append(f"why: {record.reason}")
    detail = "; ".join(p for p in parts if p)
    return f"{shown}  {record.action} by {record.actor}" + (f": {detail}" if detail else "")


def _day(iso: str) -> str:
    try:
        return format_date(date.fromisoformat(iso))
    except ValueError:
        return iso


def _values(old: dict[str, Any] | None, new: dict[str, Any] | None) -> str:
    old, new = old or {}, new or {}
    shown = []
    for name in [*new, *(k for k in old if k not in new)]:
        if name in old and name in new and old[name] != new[name]:
            shown.append(f"{name} {_plain(old[name])} → {_plain(new[name])}")
        elif name in new:
            shown.append(f"{name} {_plain(new[name])}")
        else:
            shown.append(f"{name} was {_plain(old[name])}")
    return ", ".join(shown)


def _plain(value: Any) -> str:
    if isinstance(value, dict):
        return "(" + ", ".join(f"{k} {_plain(v)}" for k, v in value.items()) + ")"
    if isinstance(value, list):
        return "[" + ", ".join(_plain(v) for v in value) + "]"
    if value is None or value == "":
        return "(blank)"
    return str(value)
