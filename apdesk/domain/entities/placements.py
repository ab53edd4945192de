"""A placement of one pupil with one provider, with its objectives and Annex A state.

Lifecycle rules (authorise, activate, end, terminate) are in `apdesk.domain.placements`.
The weekly pattern is a text of comma-separated sessions such as "Mon AM, Mon PM, Wed AM"
(see `apdesk.domain.placements.pattern_sessions`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from apdesk.domain.entities.checklist_state import AnnexAItemState
from apdesk.domain.enums import (
    ObjectiveArea,
    PlacementOutcome,
    PlacementReason,
    PlacementStatus,
    RiskLevel,
)

#: Authorised or active: the pupil is, or is about to be, in AP (`Placement.is_live`; lists
#: that read placements as plain rows ask it of the status alone).
LIVE_STATUSES = frozenset({PlacementStatus.AUTHORISED, PlacementStatus.ACTIVE})


@dataclass
class Objective:
    """A measurable objective with its timescale and named lead (policy §7, §8)."""

    area: ObjectiveArea
    target: str
    timescale: str = ""
    lead: str = ""
    progress: str = ""
    placement_id: int | None = None
    id: int | None = None


@dataclass
class Placement:
    """Everything the policy asks the school to know about a placement (§2, §7, §8, §16)."""

    pupil_id: int | None
    provider_id: int | None
    start_date: date
    planned_end_date: date | None = None
    site_id: int | None = None
    reason: PlacementReason = PlacementReason.OTHER
    reason_note: str = ""
    full_time: bool = False
    weekly_pattern: str = ""
    session_times: str = ""
    report_to: str = ""
    objectives: list[Objective] = field(default_factory=list)
    curriculum_plan: str = ""
    qualification_route: str = ""
    school_lead: str = ""
    # Written risk assessment (§7).
    risk_travel: str = ""
    risk_site_hazards: str = ""
    risk_safeguarding: str = ""
    risk_health_needs: str = ""
    risk_level: RiskLevel = RiskLevel.MEDIUM
    # Safeguarding information shared with the provider (§7, §11).
    shared_chronology: bool = False
    shared_cp_plan: bool = False
    shared_ehcp_summary: bool = False
    info_shared_on: date | None = None
    # Consent (§10) or, for an off-site direction, the written notice to parents.
    consent_given_by: str = ""
    consent_given_on: date | None = None
    direction_notice_on: date | None = None
    la_notified_on: date | None = None
    # Dual registered: the pupil is also on another school's roll (code D, not possible).
    dual_registered: bool = False
    transport: str = ""
    exit_plan: str = ""
    status: PlacementStatus = PlacementStatus.PROPOSED
    authorised_by: int | None = None
    authorised_on: date | None = None
    # The Annex A wording version in force when the Headteacher authorised it.
    annex_a_version: str = ""
    activated_on: date | None = None
    ended_on: date | None = None
    outcome: PlacementOutcome | None = None
    termination_reason: str = ""
    annex_a: list[AnnexAItemState] = field(default_factory=list)
    id: int | None = None
    ap_referral_id: int | None = None  # the AP referral it was proposed from, if any

    @property
    def is_live(self) -> bool:
        """Authorised or active: the pupil is, or is about to be, in AP."""
        return self.status in LIVE_STATUSES

    @property
    def is_closed(self) -> bool:
        return self.status.is_closed
