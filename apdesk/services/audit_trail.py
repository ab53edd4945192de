"""A pupil's audit trail, as the Headteacher or DSL may read it.

Rows about a pupil keep who the pupil is sealed under the pupil's own key (decision 0015):
while the pupil's file is kept they read as recorded; once it is disposed of, "(disposed)".
Reading the trail is itself audited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from apdesk.domain.audit_text import is_digest
from apdesk.domain.formatting import format_date
from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.storage import audit
from apdesk.storage import tables as t
from apdesk.storage.audit import AuditRecord


def pupil_trail(svc: AppServices, actor: Actor, pupil_id: int) -> list[AuditRecord]:
    """Every audit row about this pupil and the records that are theirs (`_theirs`), oldest
    first, with what can still be read."""
    with svc.read(actor, Permission.VIEW_AUDIT) as session:
        records = audit.read_about(session.connection(), _theirs(session, pupil_id))
    svc.audit_look(actor, "audit.view", RecordKind.PUPIL, pupil_id, {"rows": len(records)})
    return records


def _theirs(session: Session, pupil_id: int) -> dict[RecordKind, list[int]]:
    """The pupil's own record and those that are about them alone or chiefly: their
    placements with each one's reviews, objectives and letters home, their AP referrals,
    social care and EHCP details, and the incidents they are linked to. (A register's marks
    are audited a day's typing to a row, not by pupil, so they are not among them.)"""

    def ids(column: Any, where: Any) -> list[int]:
        return [int(i) for i in session.scalars(select(column).where(where))]

    placements = ids(t.placement.c.id, t.placement.c.pupil_id == pupil_id)
    return {
        RecordKind.PUPIL: [pupil_id],
        RecordKind.PLACEMENT: placements,
        RecordKind.REVIEW: ids(t.review.c.id, t.review.c.placement_id.in_(placements)),
        RecordKind.OBJECTIVE: ids(t.objective.c.id, t.objective.c.placement_id.in_(placements)),
        RecordKind.PARENT_CONTACT: ids(
            t.parent_contact.c.id, t.parent_contact.c.placement_id.in_(placements)
        ),
        RecordKind.AP_REFERRAL: ids(t.ap_referral.c.id, t.ap_referral.c.pupil_id == pupil_id),
        RecordKind.SOCIAL_CARE: ids(
            t.pupil_social_care.c.id, t.pupil_social_care.c.pupil_id == pupil_id
        ),
        RecordKind.EHCP: ids(t.pupil_ehcp.c.id, t.pupil_ehcp.c.pupil_id == pupil_id),
        RecordKind.INCIDENT: ids(
            t.incident_pupil.c.incident_id, t.incident_pupil.c.pupil_id == pupil_id
        ),
    }


_CODE = re.compile(r"[a-z]+(?:_[a-z0-9]+)+")  # a stored choice with more than one word
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")

#: How History names a kind of record where its audit name would not read well.
NAMES = {
    "annex_a": "Annex A",
    "ap_referral": "AP referral",
    "cp_transfer": "CP file transfer",
    "pupil_ehcp": "EHCP",
    "pupil_social_care": "Social care",
}


@dataclass(frozen=True)
class HistoryLine:
    """One audit row as the pupil's History shows it."""

    row: int  # the audit row's number: the order rows were written
    at: str  # as stored (ISO), which sorts by time
    when: str  # "13 Jul 2026 09:00"
    who: str
    what: str  # "Placement: authorise"
    details: str  # each value, old → new where it changed
    why: str


def pupil_history(svc: AppServices, actor: Actor, pupil_id: int) -> list[HistoryLine]:
    """`pupil_trail` as lines, oldest first."""
    return [history_line(record) for record in pupil_trail(svc, actor, pupil_id)]


def history_line(record: AuditRecord) -> HistoryLine:
    day, _, time = record.at.replace("T", " ").partition(" ")
    kind, _, verb = record.action.partition(".")
    name = NAMES.get(kind) or kind.replace("_", " ").capitalize()
    what = f"{name}: {verb.replace('_', ' ')}" if verb else name
    return HistoryLine(
        record.id,
        record.at,
        f"{_day(day)} {time[:5]}".strip(),
        record.actor,
        what,
        _values(record.old, record.new),
        record.reason or "",
    )


def describe(record: AuditRecord) -> str:
    """One line: when, who, what, and each value (old → new where it changed)."""
    line = history_line(record)
    parts = [line.details, f"why: {line.why}" if line.why else ""]
    detail = "; ".join(p for p in parts if p)
    return f"{line.when}  {record.action} by {record.actor}" + (f": {detail}" if detail else "")


def _day(iso: str) -> str:
    try:
        return format_date(date.fromisoformat(iso))
    except ValueError:
        return iso


def _values(old: dict[str, Any] | None, new: dict[str, Any] | None) -> str:
    """Each value as words: "done on (blank) → 28 Nov 2026", "looked after no"."""
    old, new = old or {}, new or {}
    shown = []
    for name in [*new, *(k for k in old if k not in new)]:
        field = _field(name)
        if name in old and name in new and old[name] != new[name]:
            shown.append(f"{field} {_plain(old[name])} → {_plain(new[name])}")
        elif name in new:
            shown.append(f"{field} {_plain(new[name])}")
        else:
            shown.append(f"{field} was {_plain(old[name])}")
    return ", ".join(shown)


def _field(name: str) -> str:
    return name.replace("_", " ")


def _plain(value: Any) -> str:
    if isinstance(value, dict):
        return "(" + ", ".join(f"{_field(k)} {_plain(v)}" for k, v in value.items()) + ")"
    if isinstance(value, list):
        return "[" + ", ".join(_plain(v) for v in value) + "]"
    if value is None or value == "":
        return "(blank)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if not isinstance(value, str):
        return str(value)
    if is_digest(value):
        return "(text, kept as its fingerprint)"  # decision 0015: never the words
    if _CODE.fullmatch(value):
        return value.replace("_", " ")  # a stored choice: "review_meeting"
    if _ISO.fullmatch(value):  # a day or a time as stored, as they read ("28 Nov 2026 09:30")
        day, _, time = value.partition("T")
        return f"{_day(day)} {time[:5]}".strip()
    return value
