"""Incident rules: notification delay, closure, pupils' roles and counts for governors.

Policy §11, §15, §18 and DOMAIN.md rule 12 (KCSIE): no incident, of any category, closes
without a recorded decision and a rationale of substance (including a decision not to
refer), and every referral's outcome recorded. "Of substance": the decision has at least
two words and the rationale at least five (a word: two or more letters), so "x" or "ok"
is refused. The provider must tell the school the same school day (§18): a notice on a
later day than the next school day on or after the incident is flagged as late. Each
linked pupil has their own role, set only for that pupil, and is linked once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Protocol

from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.entities.incidents import Incident, IncidentPupil, Referral
from apdesk.domain.enums import Agency, IncidentCategory, IncidentStatus, PupilRole
from apdesk.domain.errors import InvalidInput, RuleViolation
from apdesk.domain.formatting import format_date, format_duration
from apdesk.domain.labels import label

DECISION_WORDS = 2
RATIONALE_WORDS = 5
_WORD = re.compile(r"[^\W\d_]{2,}")

SAFEGUARDING_CATEGORIES: frozenset[IncidentCategory] = frozenset(
    {
        IncidentCategory.SAFEGUARDING_CONCERN,
        IncidentCategory.CHILD_ON_CHILD_ABUSE,
        IncidentCategory.MISSING_FROM_EDUCATION,  # the DSL closes it with a decision
    }
)


class Notified(Protocol):
    """What the notice rules read of an incident: when it happened and when the school was
    told (an `Incident`, or a list's plain row of the two)."""

    @property
    def occurred_at(self) -> datetime: ...

    @property
    def notified_at(self) -> datetime | None: ...


def is_safeguarding(incident: Incident) -> bool:
    return incident.category in SAFEGUARDING_CATEGORIES


def notification_delay(incident: Notified) -> timedelta | None:
    """How long after it happened the school was told; None if not yet told."""
    if incident.notified_at is None:
        return None
    return incident.notified_at - incident.occurred_at


def notification_delay_text(incident: Notified) -> str:
    """'2 h 15 min after it happened', or 'not yet notified'; flags a notice before the event."""
    delay = notification_delay(incident)
    if delay is None:
        return "not yet notified"
    if delay < timedelta(0):
        return "notified before the time it happened: check both times"
    return f"{format_duration(delay)} after it happened"


def words(text: str) -> int:
    """Words of two or more letters: what makes a decision or rationale 'of substance'."""
    return len(_WORD.findall(text))


def closure_problems(incident: Incident) -> list[str]:
    """What must be recorded before the incident, whatever its category, can close."""
    problems = []
    if incident.status is IncidentStatus.CLOSED:
        problems.append("It is already closed.")
    if words(incident.decision) < DECISION_WORDS:
        problems.append(
            "Record the decision (including a decision not to refer) in at least "
            f"{DECISION_WORDS} words before closing."
        )
    if words(incident.rationale) < RATIONALE_WORDS:
        problems.append(
            f"Record why that decision was made, in at least {RATIONALE_WORDS} words, "
            "before closing."
        )
    problems += [
        f"Record the outcome of the referral to {label(r.agency)} made on {format_date(r.made_on)}."
        for r in incident.referrals
        if not r.outcome.strip()
    ]
    return problems


def notification_deadline(occurred: datetime, calendar: SchoolCalendar | None) -> date:
    """The last day the provider's notice is in time: the same school day (§18), or the
    next school day for something that happened when school was not open."""
    day = occurred.date()
    return calendar.next_school_day(day) if calendar else day


def notified_late(
    incident: Notified, calendar: SchoolCalendar | None, today: date | None = None
) -> bool:
    """Told after the same school day; or not told at all and that day has passed."""
    deadline = notification_deadline(incident.occurred_at, calendar)
    if incident.notified_at is None:
        return today is not None and today > deadline
    return incident.notified_at.date() > deadline


def close(incident: Incident, today: date) -> None:
    """Close an incident, or raise RuleViolation listing what is missing."""
    problems = closure_problems(incident)
    if problems:
        lines = "\n".join(f"- {p}" for p in problems)
        raise RuleViolation(f"This incident cannot be closed yet:\n{lines}", problems)
    incident.status = IncidentStatus.CLOSED
    incident.closed_on = today


def reopen(incident: Incident) -> None:
    incident.status = IncidentStatus.OPEN
    incident.closed_on = None


def link_pupil(incident: Incident, pupil_id: int, role: PupilRole) -> IncidentPupil:
    """Link one pupil with their own role; a pupil is linked at most once."""
    if any(link.pupil_id == pupil_id for link in incident.pupil_links):
        raise InvalidInput("That pupil is already linked to this incident; change their role.")
    link = IncidentPupil(pupil_id=pupil_id, role=role, incident_id=incident.id)
    incident.pupil_links.append(link)
    return link


def role_of(incident: Incident, pupil_id: int | None) -> PupilRole | None:
    return next((ln.role for ln in incident.pupil_links if ln.pupil_id == pupil_id), None)


def add_referral(
    incident: Incident, agency: Agency, made_on: date, reference: str = "", outcome: str = ""
) -> Referral:
    if made_on < incident.occurred_at.date():
        raise InvalidInput("A referral cannot be made before the incident happened.")
    referral = Referral(agency, made_on, reference.strip(), incident.id, outcome=outcome.strip())
    incident.referrals.append(referral)
    return referral


def counts_by_category(
    incidents: Iterable[Incident], start: date, end: date
) -> dict[IncidentCategory, int]:
    """Incidents that happened from `start` to `end` inclusive, counted per category
    (the governors' report shows these counts, never narratives)."""
    counted = Counter(i.category for i in incidents if start <= i.occurred_at.date() <= end)
    return {category: counted.get(category, 0) for category in IncidentCategory}
