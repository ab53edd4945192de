"""A referral for alternative provision: who asked for it, why and when, and what was decided.

Not a safeguarding referral (`Referral`, to children's social care or the police): this is
the school's own record that a pupil was put forward for AP (Annex B 1.3: reason, date,
outcome), kept whether or not a placement follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from apdesk.domain.enums import APReferralDecision, PlacementReason


@dataclass
class APReferral:
    """One pupil put forward for AP; `decision` stays None while it is being considered."""

    pupil_id: int | None
    referred_on: date
    reason: str = ""
    referred_by: str = ""
    reason_kind: PlacementReason = PlacementReason.OTHER
    provider_id: int | None = None  # the provider considered, if one was
    decision: APReferralDecision | None = None
    decided_on: date | None = None
    decision_reason: str = ""
    recorded_by: int | None = None
    id: int | None = None

    @property
    def is_open(self) -> bool:
        return self.decision is None
