"""What the register of pupils in AP (policy §17) is made from: one entry per placement and
per referral, gathered by `apdesk.services.register` for both the PDF and the CSV.

Kept apart from the PDF's layout (`apdesk.documents.register`) so the export and the window
can hold entries without loading ReportLab.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from apdesk.domain.entities import APReferral, Placement, Provider, Pupil, Review
from apdesk.domain.reviews import ReviewSlot


@dataclass(frozen=True)
class RegisterEntry:
    """One placement on the register, with the reviews held so far and its review plan (from
    `apdesk.domain.reviews.review_plan`, the rule every screen and export uses)."""

    placement: Placement
    pupil: Pupil
    provider: Provider
    reviews_held: Sequence[Review] = field(default_factory=tuple)
    slots: Sequence[ReviewSlot] = field(default_factory=tuple)


@dataclass(frozen=True)
class ReferralEntry:
    """One AP referral on the register, placed or not (Annex B 1.3: reason, date, outcome)."""

    referral: APReferral
    pupil: Pupil
    provider: str = ""  # the provider considered, if one was
