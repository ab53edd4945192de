"""What an audit row may keep of a record: structured values as they are, free text as a digest.

The audit log is append-only and kept for ever, so it must not become a second copy of
what retention later disposes of (decision 0015). Field names, dates, codes, ids, flags and
names stay readable; narratives, notes, plans and other free text are kept as the SHA-256 of
their text ("sha256:<64 hex>"): enough to prove what a record said, given the text, and
nothing to read it back from. A row's `reason` (why someone corrected or disposed of a
record) is the audit's own explanation and stays text.

Who a pupil is (names, date of birth, UPN, child-protection flags, carers, the people who
asked about them) is kept readable only while the pupil is: in rows about a pupil
(`entity == "pupil"`) the values of `IDENTIFYING` keys are encrypted under that pupil's own
key, which disposal deletes (storage/pupil_keys.py, decision 0015).
"""

from __future__ import annotations

import hashlib
from typing import Any

DIGEST_PREFIX = "sha256:"

#: Keys whose string values are free text, in any entity's audit values.
FREE_TEXT = frozenset(
    {
        # incidents
        "narrative",
        "actions_taken",
        "rationale",
        "decision_reason",
        # placements and their objectives
        "reason_note",
        "weekly_pattern",
        "session_times",
        "curriculum_plan",
        "qualification_route",
        "risk_travel",
        "risk_site_hazards",
        "risk_safeguarding",
        "risk_health_needs",
        "transport",
        "exit_plan",
        "termination_reason",
        "target",
        "timescale",
        "progress",
        # reviews
        "attendance_note",
        "concerns",
        # notes, titles and written plans anywhere
        "note",
        "notes",
        "evidence_note",
        "title",
        "opened",
        "text",
        "complaint_route",
        "filename",
        "scope",  # what a subject access request asked for
    }
)

#: Keys that are free text only for one kind of record (elsewhere the same key is a code).
FREE_TEXT_FOR: dict[str, frozenset[str]] = {
    "incident": frozenset({"decision"}),
    "referral": frozenset({"outcome"}),
    "ap_referral": frozenset({"reason"}),
    "complaint": frozenset({"summary", "outcome_note"}),
    "parent_contact": frozenset({"summary"}),
    "parent_feedback": frozenset({"comments"}),
}


#: Keys whose values say who a pupil is, in rows about that pupil: kept encrypted under the
#: pupil's key. Year group, SEN status, counts, ids and dates of events stay as they are.
IDENTIFYING = frozenset(
    {
        # the pupil record (pupil.save, pupil.import, pupil.remove)
        "legal_first_name",
        "legal_last_name",
        "preferred_name",
        "date_of_birth",
        "upn",
        "cp_plan",
        "child_in_need",
        "looked_after",
        "carers",
        # a merge: the duplicate's names, date of birth and UPN
        "duplicate",
        # a subject access request: who asked, and how they are related to the child
        "requester",
        "relationship",
        # a CP-file transfer: where the child went, and who received the file
        "receiving_school",
        "receiving_urn",
        "receiving_dsl",
        "receipt_from",
    }
)


def identifying(entity: str, values: dict[str, Any] | None) -> frozenset[str]:
    """The keys of `values` that say who the pupil is (only rows about a pupil have any)."""
    if entity != "pupil" or not values:
        return frozenset()
    return IDENTIFYING & values.keys()


def digest(text: str) -> str:
    """The SHA-256 of `text` (UTF-8), as an audit row keeps it."""
    return DIGEST_PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_digest(value: object) -> bool:
    return isinstance(value, str) and value.startswith(DIGEST_PREFIX) and len(value) == 71


def redact(entity: str, values: dict[str, Any] | None) -> dict[str, Any] | None:
    """`values` with every free-text string replaced by its digest (blank text stays blank)."""
    if values is None:
        return None
    keys = FREE_TEXT | FREE_TEXT_FOR.get(entity, frozenset())
    return {key: _redact(value, key in keys, keys) for key, value in values.items()}


def _redact(value: Any, free: bool, keys: frozenset[str]) -> Any:
    if isinstance(value, str):
        return digest(value) if free and value and not is_digest(value) else value
    if isinstance(value, list):
        return [_redact(item, free, keys) for item in value]
    if isinstance(value, dict):  # nested records (a review's progress notes) by their own keys
        return {key: _redact(item, key in keys, keys) for key, item in value.items()}
    return value
