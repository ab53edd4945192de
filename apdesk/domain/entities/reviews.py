"""A review of a placement (§9, §12): who attended and the progress noted against each objective."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from apdesk.domain.enums import AttendeeParty, ReviewKind


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
