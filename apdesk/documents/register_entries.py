"""What the register of pupils in AP (policy §17) is made from: one entry per placement and
per referral, gathered by `apdesk.services.register` for both the PDF and the CSV.

Kept apart from the PDF's layout (`apdesk.documents.register`) so the export and the window
can hold entries without loading ReportLab.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from apdesk.domain.entities import APReferral, Placement, Provider, Pupil
from apdesk.domain.reviews import ReviewSlot


@dataclass(frozen=True)
class RegisterEntry:
    """One placement on the register, with the day of the last review held and its review plan
    (from `apdesk.domain.reviews.review_plan`, the rule every screen and export uses)."""

    placement: Placement
    pupil: Pupil
    provider: Provider
    last_held: date | None = None
    slots: Sequence[ReviewSlot] = field(default_factory=tuple)


@dataclass(frozen=True)
class RegisterCounts:
    """How many placements the register lists and how many of them are current (not ended),
    said before the rows, which are made a page at a time as they are read."""

    placements: int
    live: int


@dataclass(frozen=True)
class ReferralEntry:
    """One AP referral on the register, placed or not (Annex B 1.3: reason, date, outcome)."""

    referral: APReferral
    pupil: Pupil
    provider: str = ""  # the provider considered, if one was
