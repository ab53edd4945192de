"""Day-to-day records: attendance marks, reviews, incidents and actions.

Attendance codes are plain strings checked against `apdesk.domain.codes`; what a
provider reported is kept apart from the final code the school records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from apdesk.domain.enums import (
    ActionSource,
    ActionStatus,
    Agency,
    AttendeeParty,
    IncidentCategory,
    IncidentStatus,
    PupilRole,
    ReportMethod,
    ReviewKind,
    Session,
)


@dataclass
class AttendanceMark:
    """One session's attendance for one pupil: the provider's report and the final code."""

    pupil_id: int | None
    date: dt.date
    session: Session
    placement_id: int | None = None
    provider_reported_code: str | None = None
    reported_by: str = ""
    reported_at: dt.datetime | None = None
    reported_how: ReportMethod | None = None
    code: str | None = None
    recorded_by: int | None = None
    recorded_at: dt.datetime | None = None
    note: str = ""
    id: int | None = None

    @property
    def effective_code(self) -> str | None:
        """The final code if the school has set one, else what the provider reported."""
        return self.code or self.provider_reported_code


@dataclass
class ReviewAttendee:
    """Someone at a review, and which party they were there for."""

    party: AttendeeParty
    name: str = ""
    review_id: int | None = None
    id: int | None = None


@dataclass
class ObjectiveProgress:
    """Progress against one placement objective, noted at a review."""

    objective_id: int | None
    note: str = ""
    rating: str = ""
    review_id: int | None = None
    id: int | None = None


@dataclass
class Review:
    """A monitoring contact, visit, review meeting, mid-point or exit review (§9, §12)."""

    placement_id: int | None
    kind: ReviewKind
    held_on: dt.date
    attendees: list[ReviewAttendee] = field(default_factory=list)
    progress: list[ObjectiveProgress] = field(default_factory=list)
    attendance_note: str = ""
    concerns: str = ""
    next_review_on: dt.date | None = None
    recorded_by: int | None = None
    id: int | None = None

    @property
    def parties(self) -> frozenset[AttendeeParty]:
        return frozenset(a.party for a in self.attendees)


@dataclass
class Referral:
    """A referral made to an outside agency about an incident."""

    agency: Agency
    made_on: dt.date
    reference: str = ""
    incident_id: int | None = None
    id: int | None = None
    outcome: str = ""  # what the agency decided (strategy meeting, NFA, assessment ...)


@dataclass
class IncidentPupil:
    """A pupil linked to an incident, with that pupil's own role."""

    pupil_id: int | None
    role: PupilRole
    incident_id: int | None = None
    id: int | None = None


@dataclass
class Incident:
    """A safeguarding concern, accident, absence, behaviour incident or complaint (§11, §18)."""

    category: IncidentCategory
    occurred_at: dt.datetime
    notified_at: dt.datetime | None = None
    provider_id: int | None = None
    placement_id: int | None = None
    reported_by: str = ""
    narrative: str = ""
    actions_taken: str = ""
    referrals: list[Referral] = field(default_factory=list)
    decision: str = ""
    rationale: str = ""
    status: IncidentStatus = IncidentStatus.OPEN
    closed_on: dt.date | None = None
    pupil_links: list[IncidentPupil] = field(default_factory=list)
    recorded_by: int | None = None
    recorded_at: dt.datetime | None = None
    id: int | None = None


@dataclass
class Action:
    """A task with an owner, a due date and a status; `subject_key` prevents duplicates."""

    title: str
    due_on: dt.date
    created_on: dt.date
    owner_id: int | None = None
    status: ActionStatus = ActionStatus.OPEN
    source: ActionSource = ActionSource.MANUAL
    subject_key: str = ""
    pupil_id: int | None = None
    placement_id: int | None = None
    provider_id: int | None = None
    incident_id: int | None = None
    review_id: int | None = None
    done_on: dt.date | None = None
    note: str = ""
    id: int | None = None
