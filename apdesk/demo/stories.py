"""The demo's stories: pupils, where each is placed, their attendance pattern and fate.

Dates are counted in school days back from the story's anchor (the last school day on or
before today), so the demo looks current whenever it is made. Pupil and provider numbers
index `PUPILS` and `content.PROVIDERS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from apdesk.domain.enums import PlacementReason, RiskLevel, SenStatus

FULL_WEEK = ", ".join(f"{d} {s}" for d in ("Mon", "Tue", "Wed", "Thu", "Fri") for s in ("AM", "PM"))
MON_WED_FRI = "Mon AM, Mon PM, Wed AM, Wed PM, Fri AM, Fri PM"


@dataclass(frozen=True)
class PupilSpec:
    first: str
    last: str
    year_group: int
    carer: str
    relationship: str = "Mother"
    preferred: str = ""
    sen: SenStatus = SenStatus.NONE
    cp_plan: bool = False
    child_in_need: bool = False
    looked_after: bool = False


PUPILS = (
    PupilSpec("Kayden", "Ashcombe", 10, "Donna Ashcombe", preferred="Kay"),
    PupilSpec("Maisie", "Thistlewood", 9, "Karen Thistlewood"),
    PupilSpec("Oliver", "Quillan", 11, "Mark Quillan", "Father", preferred="Olly"),
    PupilSpec(
        "Tyler",
        "Brackenridge",
        10,
        "Sharon Brackenridge",
        sen=SenStatus.SEN_SUPPORT,
        child_in_need=True,
    ),
    PupilSpec("Jade", "Marlowe-Finch", 11, "Nicola Marlowe", cp_plan=True),
    PupilSpec("Reece", "Hartwell", 9, "Gary Hartwell", "Father"),
    PupilSpec("Amelia", "Fenwick-Rowe", 10, "Claire Fenwick", sen=SenStatus.EHCP),
    PupilSpec("Callum", "Pendleford", 10, "Julie Pendleford"),
    PupilSpec("Skye", "Ormerod", 9, "Bernadette Cole", "Foster carer", looked_after=True),
    PupilSpec("Ethan", "Larkworth", 11, "Simone Larkworth"),
    PupilSpec("Lily", "Greaves-Anstey", 10, "Tracey Greaves", "Grandmother"),
    PupilSpec("Noah", "Whitcombe-Ives", 9, "Laura Whitcombe"),
    PupilSpec("Ruby", "Castellane", 11, "Paul Castellane", "Father", sen=SenStatus.SEN_SUPPORT),
)


class Fate(StrEnum):
    ACTIVE = "active"  # still running today
    ENDED = "ended"  # ended as planned, reintegrated
    PERMANENT = "permanent"  # ended, moved to a permanent alternative
    TERMINATED = "terminated"
    AUTHORISED = "authorised"  # starts soon
    PROPOSED = "proposed"  # waiting for the provider to be vetted


@dataclass(frozen=True)
class PlacementSpec:
    """`start`: school days before the anchor (negative: after it). `closed`: school days
    before the anchor it ended or was terminated. `planned_days`: calendar days from today
    to the planned end (ended placements end as planned)."""

    pupil: int
    provider: int
    pattern: str
    fate: Fate
    start: int
    planned_days: int = 0
    closed: int = 0
    reason: PlacementReason = PlacementReason.EXCLUSION
    risk: RiskLevel = RiskLevel.MEDIUM
    site: int = 0
    weekly: str = FULL_WEEK
    overdue: bool = False

    @property
    def in_history(self) -> bool:
        """Earlier years repeat the story, except placements that have not started yet."""
        return self.fate not in (Fate.AUTHORISED, Fate.PROPOSED)


_R = PlacementReason
PLACEMENTS = (
    PlacementSpec(0, 0, "steady", Fate.ACTIVE, 48, planned_days=9),
    PlacementSpec(1, 1, "steady", Fate.ACTIVE, 45, 40, reason=_R.ILLNESS_LA, risk=RiskLevel.LOW),
    PlacementSpec(
        2,
        2,
        "steady",
        Fate.ACTIVE,
        46,
        60,
        reason=_R.OTHER,
        risk=RiskLevel.LOW,
        site=1,
        weekly=MON_WED_FRI,
    ),
    PlacementSpec(3, 0, "persistent", Fate.ACTIVE, 47, 30, risk=RiskLevel.HIGH, site=1),
    PlacementSpec(
        4, 1, "severe", Fate.ACTIVE, 44, 35, reason=_R.OFFSITE_DIRECTION, risk=RiskLevel.HIGH
    ),
    PlacementSpec(5, 3, "monday", Fate.ACTIVE, 45, 45, reason=_R.OTHER),
    PlacementSpec(6, 2, "late", Fate.ACTIVE, 42, 50, reason=_R.OTHER, risk=RiskLevel.LOW),
    PlacementSpec(7, 3, "falling", Fate.ACTIVE, 43, 42),
    PlacementSpec(8, 4, "steady", Fate.ACTIVE, 44, 38, reason=_R.OFFSITE_DIRECTION, overdue=True),
    PlacementSpec(9, 0, "steady", Fate.ENDED, 50, closed=15),
    PlacementSpec(10, 4, "steady", Fate.TERMINATED, 48, 30, closed=22, reason=_R.OTHER),
    PlacementSpec(10, 5, "steady", Fate.PROPOSED, -10, 100, reason=_R.OTHER),
    PlacementSpec(11, 2, "steady", Fate.AUTHORISED, -3, 95, reason=_R.OTHER, risk=RiskLevel.LOW),
    PlacementSpec(12, 1, "steady", Fate.PERMANENT, 50, closed=8),
)

TERMINATION_REASON = (
    "The pupil left the site unsupervised twice in one week and the provider could not "
    "assure supervision on its outdoor sessions (policy §15). Alternative provision is "
    "being sought with a provider that can."
)
