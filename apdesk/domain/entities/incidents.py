"""An incident (§11, §18): the pupils linked to it, each in a role, and its agency referrals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from apdesk.domain.enums import (
    Agency,
    IncidentCategory,
    IncidentStatus,
    PupilRole,
)


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
