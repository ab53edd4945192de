"""The governors' report's figures (policy §12), each a count, from the domain's own rules.

Attendance uses the attendance domain's `summarise` (expected sessions left unmarked count
as absent); reviews the placement's review plan; incidents their categories and
`notification_delay`. Nothing here holds a name or a narrative.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import median

from apdesk.domain.attendance import AttendanceSummary
from apdesk.domain.entities import Incident, ObjectiveProgress, Placement, Review
from apdesk.domain.enums import Agency, IncidentCategory, IncidentStatus
from apdesk.domain.incidents import (
    SAFEGUARDING_CATEGORIES,
    counts_by_category,
    notification_delay,
)

#: How the report groups incident categories: safeguarding apart from behaviour and complaints.
_APART = (IncidentCategory.BEHAVIOUR, IncidentCategory.COMPLAINT)
INCIDENT_GROUPS: tuple[tuple[str, tuple[IncidentCategory, ...]], ...] = (
    ("Safeguarding", tuple(c for c in IncidentCategory if c in SAFEGUARDING_CATEGORIES)),
    (
        "Accidents and absence",
        tuple(c for c in IncidentCategory if c not in SAFEGUARDING_CATEGORIES and c not in _APART),
    ),
    ("Behaviour", (IncidentCategory.BEHAVIOUR,)),
    ("Complaints", (IncidentCategory.COMPLAINT,)),
)

MET, PARTLY, NOT_YET = "met", "partly", "not yet"
_RATINGS = {"achieved": MET, "met": MET, "on track": PARTLY, "some progress": PARTLY}


def standing(rating: str) -> str:
    """An objective's latest rating as met / partly / not yet ("Achieved" is met; "On track"
    and "Some progress" are partly; anything else, or no rating, is not yet)."""
    return _RATINGS.get(rating.strip().lower(), NOT_YET)


@dataclass(frozen=True)
class AttendanceFigures:
    """The cohort's sessions (every placement's, added up) and how many placements are
    persistently or severely absent."""

    cohort: AttendanceSummary = field(default_factory=AttendanceSummary)
    persistent: int = 0
    severe: int = 0
    measured: int = 0


def attendance_figures(summaries: Iterable[AttendanceSummary]) -> AttendanceFigures:
    found = [s for s in summaries if s.possible]
    cohort = AttendanceSummary(
        possible=sum(s.possible for s in found),
        present=sum(s.present for s in found),
        late_count=sum(s.late_count for s in found),
        authorised=sum(s.authorised for s in found),
        unauthorised=sum(s.unauthorised for s in found),
        unmarked=sum(s.unmarked for s in found),
        not_possible=sum(s.not_possible for s in found),
    )
    return AttendanceFigures(
        cohort, sum(s.persistent for s in found), sum(s.severe for s in found), len(found)
    )


@dataclass(frozen=True)
class IncidentFigures:
    by_category: dict[IncidentCategory, int] = field(default_factory=dict)
    referrals: dict[Agency, int] = field(default_factory=dict)
    referred_closed: int = 0  # incidents referred, now closed with a decision recorded
    referred_open: int = 0
    median_notice: timedelta | None = None  # provider to school, over incidents told
    notified: int = 0


def incident_figures(incidents: Iterable[Incident], start: date, end: date) -> IncidentFigures:
    """Incidents that happened from `start` to `end`; referrals and notices up to `end`."""
    found = [i for i in incidents if start <= i.occurred_at.date() <= end]
    referrals = Counter(r.agency for i in found for r in i.referrals if r.made_on <= end)
    referred = [i for i in found if any(r.made_on <= end for r in i.referrals)]
    closed = sum(
        i.status is IncidentStatus.CLOSED and i.closed_on is not None and i.closed_on <= end
        for i in referred
    )
    delays = [
        d.total_seconds()
        for i in found
        if (d := notification_delay(i)) is not None
        and d >= timedelta(0)
        and i.notified_at is not None
        and i.notified_at.date() <= end
    ]
    return IncidentFigures(
        counts_by_category(found, start, end),
        {a: referrals.get(a, 0) for a in Agency},
        closed,
        len(referred) - closed,
        timedelta(seconds=median(delays)) if delays else None,
        len(delays),
    )


@dataclass(frozen=True)
class ObjectiveFigures:
    met: int = 0
    partly: int = 0
    not_yet: int = 0


def objective_figures(
    placements: Sequence[Placement], reviews: Iterable[Review], as_of: date
) -> ObjectiveFigures:
    """Each objective's standing from the latest rating given at a review up to `as_of`."""
    latest: dict[int | None, tuple[date, ObjectiveProgress]] = {}
    for review in sorted(reviews, key=lambda r: r.held_on):
        if review.held_on <= as_of:
            for progress in review.progress:
                latest[progress.objective_id] = (review.held_on, progress)
    tally = Counter(
        standing(latest[o.id][1].rating) if o.id in latest else NOT_YET
        for p in placements
        for o in p.objectives
    )
    return ObjectiveFigures(tally[MET], tally[PARTLY], tally[NOT_YET])
