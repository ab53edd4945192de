"""What the termly QA report for governors (policy §12) is made from, and nothing more.

The report must never carry a pupil's name or an incident's narrative, so its input has
no field that could hold either: placements are anonymous lines (the report numbers them
"Placement 1..n"), incidents are counts per category. Services can fill
``GovernorsReportData`` themselves or call ``build_report_data`` with domain records.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from apdesk.documents.governors_figures import (
    AttendanceFigures,
    IncidentFigures,
    ObjectiveFigures,
    attendance_figures,
    incident_figures,
    objective_figures,
)
from apdesk.domain.attendance import (
    AttendanceSummary,
    expected_sessions,
    for_placement,
    summarise,
)
from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.checklists import ANNEX_B_ITEMS, annex_b_expired, annex_b_outstanding
from apdesk.domain.complaints import counts as complaint_counts
from apdesk.domain.entities import (
    APReferral,
    AttendanceMark,
    Complaint,
    Incident,
    Placement,
    Provider,
    Review,
    Term,
)
from apdesk.domain.enums import (
    APReferralDecision,
    IncidentCategory,
    PlacementOutcome,
    PlacementStatus,
)
from apdesk.domain.formatting import counted as count_of
from apdesk.domain.labels import label
from apdesk.domain.providers import provider_status
from apdesk.domain.reviews import ReviewSlot, on_time_counts, review_plan

__all__ = ["GovernorsReportData", "PlacementLine", "ProviderLine", "build_report_data"]


@dataclass(frozen=True)
class PlacementLine:
    """One placement, anonymous: the provider, dates, status, outcome and attendance."""

    provider: str
    status: PlacementStatus
    started_on: date
    ended_on: date | None = None
    outcome: PlacementOutcome | None = None
    attendance_rate: float | None = None  # present ÷ possible over the term, 0 to 1
    attendance: AttendanceSummary = field(default_factory=AttendanceSummary)


@dataclass(frozen=True)
class ProviderLine:
    """A provider's compliance: vetting state, Annex B progress and sign-off."""

    name: str
    state: str
    annex_b_done: int
    annex_b_total: int
    annex_b_signed_on: date | None = None
    note: str = ""


@dataclass(frozen=True)
class GovernorsReportData:
    """Everything the termly report shows: counts, anonymous lines, and the plans."""

    term_name: str
    term_start: date
    term_end: date
    placements: Sequence[PlacementLine] = field(default_factory=tuple)
    incidents: Mapping[IncidentCategory, int] = field(default_factory=dict)
    reviews_due: int = 0
    reviews_on_time: int = 0
    providers: Sequence[ProviderLine] = field(default_factory=tuple)
    plans: str = ""
    as_of: date | None = None  # the figures' date: the term's end once it is over
    attendance: AttendanceFigures = field(default_factory=AttendanceFigures)
    incident_figures: IncidentFigures = field(default_factory=IncidentFigures)
    objectives: ObjectiveFigures = field(default_factory=ObjectiveFigures)
    plans_written_on: date | None = None
    # AP referrals made in the term, by outcome (None: still being considered); counts only.
    ap_referrals: Mapping[APReferralDecision | None, int] = field(default_factory=dict)
    # Complaints about providers received in the term: open by stage, closed by outcome (§15).
    complaints: Mapping[str, int] = field(default_factory=dict)

    @property
    def reintegrated(self) -> int:
        return sum(
            self.in_term(p.ended_on) and p.outcome is PlacementOutcome.REINTEGRATED
            for p in self.placements
        )

    def in_term(self, day: date | None) -> bool:
        return day is not None and self.term_start <= day <= self.term_end


def _placement_line(
    placement: Placement,
    names: Mapping[int | None, str],
    marks: list[AttendanceMark],
    term: Term,
    counted_to: tuple[SchoolCalendar, date],
) -> PlacementLine:
    """`counted_to`: the calendar and the last day whose expected sessions count (unmarked
    expected sessions count as possible, absent: the rate is `summarise`'s, as everywhere)."""
    calendar, last = counted_to
    in_term = [m for m in for_placement(marks, placement.id) if term.start <= m.date <= last]
    expected = expected_sessions(placement, calendar, term.start, last)
    summary = summarise(in_term, expected)
    ended = placement.ended_on is not None and placement.ended_on <= last
    return PlacementLine(
        provider=names.get(placement.provider_id, "Unknown provider"),
        status=placement.status if ended or not placement.is_closed else PlacementStatus.ACTIVE,
        started_on=placement.activated_on or placement.start_date,
        ended_on=placement.ended_on if ended else None,
        outcome=placement.outcome if ended else None,
        attendance_rate=summary.rate,
        attendance=summary,
    )


def _reviews(
    placements: Iterable[Placement],
    plans: Mapping[int | None, Sequence[ReviewSlot]],
    term: Term,
    as_of: date,
) -> tuple[int, int]:
    """Review slots due in the term up to ``as_of``, and how many were met by their date.

    Only slots the plan has count: none after a placement ended or was terminated."""
    due = on_time = 0
    for p in placements:
        counted, met = on_time_counts(plans.get(p.id, ()), term.start, as_of)
        due, on_time = due + counted, on_time + met
    return due, on_time


def _provider_line(provider: Provider, today: date) -> ProviderLine:
    status = provider_status(provider, today)
    signed = max((s.signed_on for s in provider.annex_b_signoffs), default=None)
    total = len(ANNEX_B_ITEMS)
    expired = len(annex_b_expired(provider.annex_b, today))
    note = list(status.reasons)
    if expired:
        old = count_of(expired, "tick")
        note.append(f"Annex B: {old} more than twelve months old, not counted.")
    return ProviderLine(
        name=provider.name,
        state=label(status.state),
        annex_b_done=total - len(annex_b_outstanding(provider.annex_b)) - expired,
        annex_b_total=total,
        annex_b_signed_on=signed,
        note=" ".join(note),
    )


def build_report_data(
    term: Term,
    placements: Sequence[Placement],
    providers: Sequence[Provider],
    marks: Sequence[AttendanceMark],
    reviews: Sequence[Review],
    incidents: Sequence[Incident],
    calendar: SchoolCalendar,
    *,
    today: date,
    plans: str = "",
    review_plans: Mapping[int | None, Sequence[ReviewSlot]] | None = None,
    plans_written_on: date | None = None,
    ap_referrals: Sequence[APReferral] = (),
    complaints: Sequence[Complaint] = (),
) -> GovernorsReportData:
    """Aggregate the term's records as they stand on ``today`` (or at the end of the term).

    Only placements authorised or live at some point in the term count. For a past term
    everything is as it stood at the term's end: placements that ended later are active.
    """
    as_of = min(today, term.end)
    names = {p.id: p.name for p in providers}
    relevant = [
        p
        for p in placements
        if p.status is not PlacementStatus.PROPOSED
        and p.start_date <= term.end
        and (p.ended_on is None or p.ended_on >= term.start)
    ]
    if review_plans is None:
        review_plans = {
            p.id: review_plan(p, [r for r in reviews if r.placement_id == p.id], calendar)
            for p in relevant
        }
    due, on_time = _reviews(relevant, review_plans, term, as_of)
    # Sessions count once their day is over: the whole term once it has ended.
    counted_to = term.end if today > term.end else today - timedelta(days=1)
    lines = [_placement_line(p, names, list(marks), term, (calendar, counted_to)) for p in relevant]
    figures = incident_figures(incidents, term.start, as_of)
    ids = {p.id for p in relevant}
    return GovernorsReportData(
        term_name=term.name,
        term_start=term.start,
        term_end=term.end,
        placements=lines,
        incidents=figures.by_category,
        reviews_due=due,
        reviews_on_time=on_time,
        providers=[_provider_line(p, as_of) for p in providers],
        plans=plans,
        as_of=as_of,
        attendance=attendance_figures(line.attendance for line in lines),
        incident_figures=figures,
        objectives=objective_figures(
            relevant, [r for r in reviews if r.placement_id in ids], as_of
        ),
        plans_written_on=plans_written_on,
        ap_referrals=Counter(
            r.decision for r in ap_referrals if term.start <= r.referred_on <= as_of
        ),
        complaints=complaint_counts(
            _as_at(c, as_of) for c in complaints if term.start <= c.received_on <= as_of
        ),
    )


def _as_at(complaint: Complaint, as_of: date) -> Complaint:
    """A complaint as it stood on `as_of`: one closed after it was still open then."""
    if complaint.closed_on is not None and complaint.closed_on > as_of:
        return replace(complaint, closed_on=None, outcome=None)
    return complaint
