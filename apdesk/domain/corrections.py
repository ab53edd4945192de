"""Putting a mistake right: every correction gives its reason, and some cannot be made.

A correction (a wrong date on a vetting check, a review recorded against the wrong
placement, a pupil entered twice) changes or removes a record that others may have relied
on, so the audit log keeps what it said before, what it says now and why. These rules say
what a reason must be and when a record cannot be removed without losing something.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from apdesk.domain.entities.incidents import Incident
from apdesk.domain.enums import IncidentStatus
from apdesk.domain.errors import InvalidInput, RuleViolation
from apdesk.domain.formatting import format_date

MIN_REASON = 5
MAX_REASON = 1000


def checked_reason(reason: str) -> str:
    """The reason, tidied; `InvalidInput` when it is missing or says nothing."""
    text = " ".join(reason.split())
    if len(text) < MIN_REASON:
        raise InvalidInput(
            "Say why this is being corrected (a few words, for example 'typed the wrong "
            "date'): the reason is kept in the audit log."
        )
    if len(text) > MAX_REASON:
        raise InvalidInput(f"Keep the reason under {MAX_REASON} characters.")
    return text


def check_reopen(incident: Incident) -> None:
    """Only a closed incident can be reopened."""
    if incident.status is not IncidentStatus.CLOSED:
        raise RuleViolation("This incident is still open: there is nothing to reopen.")


def check_merge(keep_id: int, duplicate_id: int, clashes: Iterable[tuple[date, str]]) -> None:
    """Two different pupils whose attendance does not cover the same session twice."""
    if keep_id == duplicate_id:
        raise InvalidInput("Choose two different pupils: a record cannot merge with itself.")
    both = sorted(clashes)
    if both:
        sessions = ", ".join(f"{format_date(day)} {session}" for day, session in both[:5])
        more = f" and {len(both) - 5} more" if len(both) > 5 else ""
        raise RuleViolation(
            "Both records have attendance for the same sessions "
            f"({sessions}{more}). Clear the wrong marks first, then merge, so no mark is lost."
        )


def check_removable(noun: str, holds: dict[str, int]) -> None:
    """A record can go only if nothing else hangs off it (else: merge or correct it)."""
    held = [f"{count} {what}" for what, count in holds.items() if count]
    if held:
        raise RuleViolation(
            f"This {noun} cannot be removed: it still has {', '.join(held)}. "
            "Nothing is deleted that others rely on; merge it or correct it instead."
        )
