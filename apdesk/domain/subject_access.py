"""Subject access requests (UK GDPR art. 15): who asked, when, for what; answered within one
calendar month (`retention.subject_access_due`), with third parties' names redacted where
the DSL chooses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from apdesk.domain.errors import InvalidInput
from apdesk.domain.formatting import format_date
from apdesk.domain.retention import subject_access_due

REDACTED = "[redacted]"
_SHORTEST_NAME = 2  # a single letter is never redacted: it would blank out every "a"
#: A role written in brackets after a name, closed or not: "(Head)", "(provider DSL)", "(HT".
_BRACKETED = re.compile(r"\([^)]*(?:\)|$)|\[[^\]]*(?:\]|$)")


@dataclass(frozen=True)
class SubjectAccessRequest:
    pupil_id: int
    requester: str
    relationship: str
    received_on: date
    scope: str = ""
    completed_on: date | None = None
    id: int | None = None

    @property
    def due_on(self) -> date:
        return subject_access_due(self.received_on)

    def overdue(self, today: date) -> bool:
        return self.completed_on is None and today > self.due_on


def check_request(
    request: SubjectAccessRequest, today: date, others: Iterable[SubjectAccessRequest]
) -> None:
    """Refuse a request with no requester or relationship, received in the future, or the
    same person's request for the same pupil received the same day, still open."""
    if not request.requester.strip():
        raise InvalidInput("Enter who made the request.")
    if not request.relationship.strip():
        raise InvalidInput("Enter the requester's relationship to the pupil (for example Mother).")
    if request.received_on > today:
        raise InvalidInput(
            f"A request cannot be received on {format_date(request.received_on)}, in the future."
        )
    who = request.requester.strip().casefold()
    for other in others:
        if (
            other.pupil_id == request.pupil_id
            and other.received_on == request.received_on
            and other.requester.strip().casefold() == who
            and other.completed_on is None
        ):
            raise InvalidInput(
                f"{other.requester}'s request received on {format_date(other.received_on)} is "
                "already recorded and still open."
            )


def check_completion(request: SubjectAccessRequest, completed_on: date, today: date) -> None:
    if request.completed_on is not None:
        raise InvalidInput(f"This request was completed on {format_date(request.completed_on)}.")
    if completed_on > today or completed_on < request.received_on:
        raise InvalidInput(
            f"Completed on {format_date(completed_on)}? Give a day from "
            f"{format_date(request.received_on)} to today."
        )


def redaction_names(third_parties: Iterable[str], keep: Iterable[str]) -> list[str]:
    """Each third party's full name and each part of it, longest first, leaving out the
    subject's own names (`keep`) and single letters."""
    kept = {k.strip().casefold() for k in keep if k.strip()}
    found: set[str] = set()
    for name in third_parties:
        # a name's words, but not a role in brackets ("(Head)" would blank out every "head"
        # in the file, "(provider DSL)" every "provider") nor an initialism ("HT")
        words = [w.strip(" ,.;:()[]") for w in _BRACKETED.sub(" ", name).split()]
        for part in [name.strip(), *(w for w in words if not w.isupper())]:
            if len(part) >= _SHORTEST_NAME and part.casefold() not in kept:
                found.add(part)
    return sorted(found, key=lambda n: (-len(n), n.casefold()))


def redact(text: str, names: Iterable[str]) -> str:
    """`text` with each whole-word, any-case occurrence of the names replaced by [redacted]."""
    ordered = sorted({n for n in names if n.strip()}, key=len, reverse=True)
    if not ordered or not text:
        return text
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(n) for n in ordered) + r")(?!\w)", re.IGNORECASE
    )
    return pattern.sub(REDACTED, text)
