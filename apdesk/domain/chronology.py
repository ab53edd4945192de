"""One pupil's chronology: placements, attendance concerns, reviews, incidents, referrals
and actions.

Entries are ordered by when the event happened, never by when it was typed, so a
backdated entry slots in at its event date (DOMAIN.md rule 12). Day-only events sort at
the start of their day; ties keep the order placement, attendance, review, incident,
referral, action. The chronology is safeguarding detail: only DSLs and the Headteacher see
it; an incident's narrative (its `detail`) is filled in only when asked for, for those who
may read incidents.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time

from apdesk.domain.attendance import UnexplainedSession
from apdesk.domain.entities.actions import Action
from apdesk.domain.entities.incidents import Incident, Referral
from apdesk.domain.entities.placements import Placement
from apdesk.domain.entities.reviews import Review
from apdesk.domain.enums import IncidentStatus, PlacementStatus, PupilRole
from apdesk.domain.formatting import format_date
from apdesk.domain.incidents import role_of
from apdesk.domain.labels import label
from apdesk.domain.record_kinds import RecordKind

_KIND_ORDER = (
    "placement",
    "attendance",
    "review",
    "multi-agency",
    "incident",
    "referral",
    "action",
)
_STARTED = (PlacementStatus.ACTIVE, PlacementStatus.ENDED)


@dataclass(frozen=True)
class ChronologyEntry:
    """One line of the chronology; `ref` is (record type, id) to open the record."""

    when: datetime
    kind: str
    summary: str
    ref: tuple[RecordKind, int | None]
    all_day: bool = True
    detail: str = ""  # an incident's narrative, actions and decision, when it may be shown


def _day(d: date) -> datetime:
    return datetime.combine(d, time.min)


def _placement_entries(p: Placement, provider_names: Mapping[int, str]) -> list[ChronologyEntry]:
    name = provider_names.get(p.provider_id, "the provider") if p.provider_id else "the provider"
    ref = (RecordKind.PLACEMENT, p.id)
    started = p.activated_on is not None or p.status in _STARTED
    events: list[tuple[date | None, str]] = [
        (p.authorised_on, f"Placement at {name} authorised"),
        (p.start_date if started else None, f"Placement at {name} started"),
    ]
    if p.status is PlacementStatus.ENDED and p.outcome:
        events.append((p.ended_on, f"Placement at {name} ended: {label(p.outcome).lower()}"))
    if p.status is PlacementStatus.TERMINATED:
        events.append((p.ended_on, f"Placement at {name} terminated: {p.termination_reason}"))
    return [ChronologyEntry(_day(d), "placement", text, ref) for d, text in events if d]


def _absence_entry(a: UnexplainedSession) -> ChronologyEntry:
    text = f"Unexplained absence, {a.session} session ({a.reason})"
    return ChronologyEntry(_day(a.date), "attendance", text, (RecordKind.PLACEMENT, a.placement_id))


def _review_entry(r: Review) -> ChronologyEntry:
    text = label(r.kind) + (f": concerns noted: {r.concerns}" if r.concerns.strip() else "")
    return ChronologyEntry(_day(r.held_on), "review", text, (RecordKind.REVIEW, r.id))


def incident_parts(i: Incident) -> list[tuple[str, str]]:
    """What happened, what was done and what was decided (blank parts left out): the
    narrative, which only those who may read incidents are given."""
    parts = (
        ("What happened", i.narrative),
        ("Actions taken", i.actions_taken),
        ("Decision", i.decision),
        ("Rationale", i.rationale),
    )
    return [(name, text.strip()) for name, text in parts if text.strip()]


def incident_detail(i: Incident) -> str:
    """`incident_parts` one a line, as "What happened: ..."."""
    return "\n".join(f"{name}: {text}" for name, text in incident_parts(i))


def _incident_entry(i: Incident, role: PupilRole, narratives: bool) -> ChronologyEntry:
    text = f"{label(i.category)} ({label(role).lower()})"
    if i.status is IncidentStatus.CLOSED and i.closed_on:
        text += f", closed {format_date(i.closed_on)}"
    return ChronologyEntry(
        i.occurred_at,
        "incident",
        text,
        (RecordKind.INCIDENT, i.id),
        all_day=False,
        detail=incident_detail(i) if narratives else "",
    )


def referral_text(r: Referral) -> str:
    """For example "Referral to Police (ref CAD 1234): no further action"."""
    text = f"Referral to {label(r.agency)}"
    if r.reference.strip():
        text += f" (ref {r.reference.strip()})"
    return text + (f": {r.outcome.strip()}" if r.outcome.strip() else "")


def _referral_entries(i: Incident) -> list[ChronologyEntry]:
    return [
        ChronologyEntry(_day(r.made_on), "referral", referral_text(r), (RecordKind.INCIDENT, i.id))
        for r in i.referrals
    ]


def _action_entries(a: Action) -> list[ChronologyEntry]:
    entries = [
        ChronologyEntry(
            _day(a.created_on),
            "action",
            f"Action opened: {a.title} (due {format_date(a.due_on)})",
            (RecordKind.ACTION, a.id),
        )
    ]
    if a.done_on:
        entries.append(
            ChronologyEntry(
                _day(a.done_on), "action", f"Action done: {a.title}", (RecordKind.ACTION, a.id)
            )
        )
    return entries


def build_chronology(
    pupil_id: int | None,
    placements: Iterable[Placement] = (),
    absences: Iterable[UnexplainedSession] = (),
    reviews: Iterable[Review] = (),
    incidents: Iterable[Incident] = (),
    actions: Iterable[Action] = (),
    provider_names: Mapping[int, str] | None = None,
    narratives: bool = False,
    meetings: Iterable[tuple[date, str]] = (),
) -> list[ChronologyEntry]:
    """The pupil's timeline; records belonging to other pupils are left out. Incidents carry
    their narrative in `detail` only when `narratives` is true. `meetings` are the pupil's
    multi-agency meetings held (a PEP, a CP conference), as (date, what)."""
    own = [p for p in placements if p.pupil_id == pupil_id]
    own_ids = {p.id for p in own}
    entries = [e for p in own for e in _placement_entries(p, provider_names or {})]
    entries += [_absence_entry(a) for a in absences if a.pupil_id == pupil_id]
    entries += [_review_entry(r) for r in reviews if r.placement_id in own_ids]
    entries += [
        ChronologyEntry(_day(day), "multi-agency", text, (RecordKind.PUPIL, pupil_id))
        for day, text in meetings
    ]
    linked = [(i, role) for i in incidents if (role := role_of(i, pupil_id)) is not None]
    entries += [_incident_entry(i, role, narratives) for i, role in linked]
    entries += [e for i, _ in linked for e in _referral_entries(i)]
    entries += [
        e
        for a in actions
        if a.pupil_id == pupil_id or (a.pupil_id is None and a.placement_id in own_ids)
        for e in _action_entries(a)
    ]
    return sorted(entries, key=lambda e: (e.when, _KIND_ORDER.index(e.kind)))
