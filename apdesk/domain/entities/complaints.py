"""A complaint about a provider (§15): who made it, when, where it stands, and how it ended."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from apdesk.domain.enums import ComplaintOutcome, ComplaintStage


@dataclass
class Complaint:
    """One complaint; open until it has an outcome and a closing date."""

    complainant: str
    received_on: date
    provider_id: int | None = None
    placement_id: int | None = None
    relationship: str = ""  # the complainant's: parent, carer, pupil, member of staff…
    summary: str = ""
    stage: ComplaintStage = ComplaintStage.HEADTEACHER
    stage_since: date | None = None  # the day it reached its stage (the received date at first)
    outcome: ComplaintOutcome | None = None
    outcome_note: str = ""
    closed_on: date | None = None
    recorded_by: int | None = None
    id: int | None = None

    @property
    def is_open(self) -> bool:
        return self.closed_on is None
