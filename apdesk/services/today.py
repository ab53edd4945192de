"""The Today view: everything that needs someone now, limited to what the actor may see.

Each kind of line is one small query function returning `TodayItem`s, named in `LINES`
with the permission needed to see it; `TodaySummary` holds one list per kind, in the order
Today shows them. To add a kind: a function, a field on `TodaySummary` and a `LINES` entry.
Loading Today is a pure read (docs/decisions/0019-reads-never-write.md).
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field, fields
from datetime import date, timedelta

from sqlalchemy import select

from apdesk.domain import checklists
from apdesk.domain.actions import ENDING_WARNING_DAYS
from apdesk.domain.attendance import covers
from apdesk.domain.entities import Placement, Provider
from apdesk.domain.entities.placements import LIVE_STATUSES
from apdesk.domain.enums import ActionSource, PlacementStatus
from apdesk.domain.formatting import format_date
from apdesk.domain.labels import label
from apdesk.domain.parents import contact_text
from apdesk.domain.permissions import Permission
from apdesk.domain.providers import LAPSING_WARNING_DAYS, checks_lapsing_within
from apdesk.domain.record_kinds import RecordKind
from apdesk.domain.training import KIND_NAMES
from apdesk.services import (
    actions,
    attendance,
    complaints,
    cp_transfer,
    incidents,
    multi_agency,
    parents,
    placements,
    policy,
    providers,
    reviews,
    subject_access,
    training,
)
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.services.lookups import name_for, name_map, persisted_id, pupil_names
from apdesk.services.school import one_school
from apdesk.storage import tables as t


@dataclass(frozen=True)
class TodayItem:
    """One line on the Today tab: what, about whom, when, and where a click should go."""

    kind: str
    text: str
    when: date
    target: RecordKind  # what a click opens: ATTENDANCE (a pupil's register at `when`), PUPIL…
    target_id: int


@dataclass(frozen=True)
class TodaySummary:
    """One list per kind of line, in the order Today shows them."""

    unexplained: list[TodayItem] = field(default_factory=list)
    not_started: list[TodayItem] = field(default_factory=list)
    providers_lapsed: list[TodayItem] = field(default_factory=list)
    open_incidents: list[TodayItem] = field(default_factory=list)
    reviews: list[TodayItem] = field(default_factory=list)
    checks_lapsing: list[TodayItem] = field(default_factory=list)
    annex_b_ticks: list[TodayItem] = field(default_factory=list)
    placements_ending: list[TodayItem] = field(default_factory=list)
    letters_unsent: list[TodayItem] = field(default_factory=list)
    my_actions: list[TodayItem] = field(default_factory=list)
    awaiting_authorisation: list[TodayItem] = field(default_factory=list)
    annex_b_ready: list[TodayItem] = field(default_factory=list)
    policy_review: list[TodayItem] = field(default_factory=list)
    cp_receipts: list[TodayItem] = field(default_factory=list)
    subject_access: list[TodayItem] = field(default_factory=list)
    training: list[TodayItem] = field(default_factory=list)
    complaints: list[TodayItem] = field(default_factory=list)
    social_care: list[TodayItem] = field(default_factory=list)
    ehcp: list[TodayItem] = field(default_factory=list)

    def items(self) -> list[TodayItem]:
        """Every line, kind by kind."""
        return [item for f in fields(self) for item in getattr(self, f.name)]


Query = Callable[[AppServices, Actor], list[TodayItem]]


#: What more than one line needs, worked out once per `today_summary` (the reviews due feed
#: the reviews line and hide my actions' duplicates of them); None outside one.
_ONCE: ContextVar[dict[str, list[reviews.DueReviewRow]] | None] = ContextVar(
    "today_once", default=None
)


def today_summary(svc: AppServices, actor: Actor) -> TodaySummary:
    """Every line the actor may see. A read: it writes nothing, not even the automatic
    actions now due (`automatic_actions.open_due_actions` opens those, as a write of its own)."""
    token = _ONCE.set({})
    try:
        # one session, one school record and calendar, however many lines ask
        with svc.one_read(actor), one_school():
            return TodaySummary(
                **{
                    name: query(svc, actor) if actor.may(permission) else []
                    for name, (permission, query) in LINES.items()
                }
            )
    finally:
        _ONCE.reset(token)


def _reviews_due(svc: AppServices, actor: Actor) -> list[reviews.DueReviewRow]:
    """The reviews due and overdue, worked out once per Today however many lines ask."""
    once = _ONCE.get()
    if once is None:
        return reviews.reviews_due(svc, actor)
    if "reviews_due" not in once:
        once["reviews_due"] = reviews.reviews_due(svc, actor)
    return once["reviews_due"]


def _unexplained(svc: AppServices, actor: Actor) -> list[TodayItem]:
    """One line per child per day: which sessions are unexplained and why; opens the register
    at that day."""
    with svc.read(actor, Permission.VIEW_PUPILS) as session:
        names = pupil_names(session)
    days: dict[tuple[int, date], list[str]] = {}
    for u in attendance.unexplained(svc, actor):
        days.setdefault((u.pupil_id or 0, u.date), []).append(f"{u.session} {u.reason}")
    return [
        TodayItem(
            "Unexplained absence",
            f"{names.get(pupil_id, '?')}: {', '.join(sessions)}",
            day,
            RecordKind.ATTENDANCE,
            pupil_id,
        )
        for (pupil_id, day), sessions in sorted(days.items(), key=lambda kv: (kv[0][1], kv[0][0]))
    ]


def _not_started(svc: AppServices, actor: Actor) -> list[TodayItem]:
    """Placements past their start date that are not active (nothing made them so)."""
    today = svc.clock.today()
    c = t.placement.c
    # Narrowed in SQL to the placements the test below can pass; the test decides.
    waiting = select(Placement).where(
        c.status.in_((PlacementStatus.PROPOSED, PlacementStatus.AUTHORISED)), c.start_date <= today
    )
    with svc.read(actor, Permission.VIEW_PLACEMENTS) as session:
        names = pupil_names(session)
        providers = name_map(session, Provider)
        return [
            TodayItem(
                "Started but not active",
                f"{names.get(p.pupil_id or 0, '?')} at {name_for(providers, p.provider_id, '?')}: "
                f"due to start {format_date(p.start_date)} but still {label(p.status).lower()}",
                p.start_date,
                RecordKind.PLACEMENT,
                persisted_id(p),
            )
            for p in session.scalars(waiting.order_by(t.placement.c.start_date))
            if p.status in (PlacementStatus.PROPOSED, PlacementStatus.AUTHORISED)
            and p.start_date <= today
            and covers(p, today)
        ]


def _reviews(svc: AppServices, actor: Actor) -> list[TodayItem]:
    return [
        TodayItem(
            "Review overdue" if r.overdue else "Review due",
            f"{r.pupil} at {r.provider}: {r.kind}",
            r.due_on,
            RecordKind.PLACEMENT,
            r.placement_id,
        )
        for r in _reviews_due(svc, actor)
    ]


def _lapsing(svc: AppServices, actor: Actor) -> list[TodayItem]:
    today = svc.clock.today()
    with svc.read(actor, Permission.VIEW_PROVIDERS) as session:
        periods = providers.check_periods(session)  # once, not once a provider
        return [
            TodayItem(
                "Provider check lapsing",
                f"{p.name}: {label(item.kind)}",
                item.expires_on,
                RecordKind.PROVIDER,
                persisted_id(p),
            )
            for p in session.scalars(select(Provider))
            for item in checks_lapsing_within(p, today, periods=periods)
        ]


def _annex_b_ticks(svc: AppServices, actor: Actor) -> list[TodayItem]:
    """Annex B ticks that count for twelve months, for each provider where a child is placed:
    those lapsing within 30 days (time to check them again), and those already lapsed (its
    Annex B cannot be signed until they are ticked anew)."""
    today = svc.clock.today()
    c = t.placement.c
    in_use = select(c.provider_id).where(c.status.in_(LIVE_STATUSES))
    found = []
    with svc.read(actor, Permission.VET_PROVIDERS) as session:
        for p in session.scalars(select(Provider).where(t.provider.c.id.in_(in_use))):
            lapsed = checklists.annex_b_expired(p.annex_b, today)
            since = checklists.annex_b_lapsed_since(p.annex_b, today)
            lapsing = checklists.annex_b_lapsing(p.annex_b, today, LAPSING_WARNING_DAYS)
            if lapsed and since is not None:
                text = f"{p.name}: {_ticks(len(lapsed))} over twelve months old"
                found.append(
                    TodayItem(
                        "Annex B ticks lapsed", text, since, RecordKind.PROVIDER, persisted_id(p)
                    )
                )
            if lapsing:
                first = min(on for _, on in lapsing)
                text = (
                    f"{p.name}: {_ticks(len(lapsing))} lapsing, the first on {format_date(first)}"
                )
                found.append(
                    TodayItem(
                        "Annex B ticks lapsing", text, first, RecordKind.PROVIDER, persisted_id(p)
                    )
                )
    return found


def _ticks(count: int) -> str:
    return "1 Annex B tick" if count == 1 else f"{count} Annex B ticks"


def _ending(svc: AppServices, actor: Actor) -> list[TodayItem]:
    today = svc.clock.today()
    horizon = today + timedelta(days=ENDING_WARNING_DAYS)
    c = t.placement.c
    ending = select(Placement).where(  # narrowed in SQL; the test below decides
        c.status.in_((PlacementStatus.AUTHORISED, PlacementStatus.ACTIVE)),
        c.planned_end_date >= today,
        c.planned_end_date <= horizon,
    )
    with svc.read(actor, Permission.VIEW_PLACEMENTS) as session:
        names = pupil_names(session)
        return [
            TodayItem(
                "Placement ending",
                f"{names[p.pupil_id or 0]}: planned end",
                p.planned_end_date,
                RecordKind.PLACEMENT,
                persisted_id(p),
            )
            for p in session.scalars(ending)
            if p.is_live and p.planned_end_date and today <= p.planned_end_date <= horizon
        ]


def _awaiting(svc: AppServices, actor: Actor) -> list[TodayItem]:
    return [
        TodayItem(
            "Awaiting authorisation", a.text, a.start_date, RecordKind.PLACEMENT, a.placement_id
        )
        for a in placements.awaiting_authorisation(svc, actor)
    ]


def _lapsed(svc: AppServices, actor: Actor) -> list[TodayItem]:
    return [
        TodayItem("Provider lapsed", p.text, p.since, RecordKind.PROVIDER, p.provider_id)
        for p in providers.lapsed_with_children(svc, actor)
    ]


def _open_incidents(svc: AppServices, actor: Actor) -> list[TodayItem]:
    return [
        TodayItem("Open incident", i.text, i.occurred_on, RecordKind.INCIDENT, i.incident_id)
        for i in incidents.open_incidents(svc, actor)
    ]


def _annex_b(svc: AppServices, actor: Actor) -> list[TodayItem]:
    return [
        TodayItem(
            "Annex B to sign",
            f"{a.provider}: every requirement ticked and in date",
            a.last_ticked,
            RecordKind.PROVIDER,
            a.provider_id,
        )
        for a in providers.annex_b_ready(svc, actor)
    ]


def _policy_review(svc: AppServices, actor: Actor) -> list[TodayItem]:
    reminder = policy.review_reminder(svc, actor)
    if reminder is None:
        return []
    text, due = reminder
    return [TodayItem("Policy review", text, due, RecordKind.SCHOOL, 0)]


def _cp_receipts(svc: AppServices, actor: Actor) -> list[TodayItem]:
    """CP files sent five school days ago or more with no receipt: chase the new school."""
    return [
        TodayItem(
            "CP file receipt missing",
            f"{row.pupil}: sent to {row.transfer.receiving_school} "
            f"({row.transfer.receiving_dsl}) on {format_date(row.transfer.sent_on)}, "
            "no receipt in five school days",
            row.receipt_due,
            RecordKind.PUPIL,
            row.transfer.pupil_id,
        )
        for row in cp_transfer.list_transfers(svc, actor)
        if row.chase
    ]


def _subject_access(svc: AppServices, actor: Actor) -> list[TodayItem]:
    """Open subject access requests, each with the day it must be answered by."""
    today = svc.clock.today()
    return [
        TodayItem(
            "Subject access overdue" if row.request.overdue(today) else "Subject access due",
            f"{row.pupil}: {row.request.requester} ({row.request.relationship}), received "
            f"{format_date(row.request.received_on)}",
            row.request.due_on,
            RecordKind.PUPIL,
            row.request.pupil_id,
        )
        for row in subject_access.list_requests(svc, actor, open_only=True)
    ]


def _training(svc: AppServices, actor: Actor) -> list[TodayItem]:
    """Each lapsed, or lapsing within 30 days, policy read or training of staff at school."""
    return [
        TodayItem(
            f"Training {state.standing.value.lower()}",
            f"{name}: {KIND_NAMES[state.kind]} {state.text}",
            state.on or svc.clock.today(),
            RecordKind.STAFF_TRAINING,
            0,
        )
        for name, state in training.lapses(svc, actor)
    ]


def _complaints(svc: AppServices, actor: Actor) -> list[TodayItem]:
    """Each open complaint, with its stage's deadline; past it, said so."""
    return [
        TodayItem(
            "Complaint overdue" if row.overdue else "Open complaint",
            f"{row.provider}: from {row.complaint.complainant}, received "
            f"{format_date(row.complaint.received_on)}; {row.status}",
            row.due,
            RecordKind.COMPLAINT,
            row.id,
        )
        for row in complaints.list_complaints(svc, actor, open_only=True)
    ]


def _social_care(svc: AppServices, actor: Actor) -> list[TodayItem]:
    """A looked-after child with no virtual school head or PEP; PEPs, CP conferences, CIN and
    CLA reviews overdue (domain/multi_agency.py)."""
    return [
        TodayItem(item.kind, item.text, item.when, RecordKind.PUPIL, pupil_id)
        for pupil_id, item in multi_agency.social_care_due(svc, actor)
    ]


def _ehcp(svc: AppServices, actor: Actor) -> list[TodayItem]:
    """EHCP annual reviews overdue."""
    return [
        TodayItem(item.kind, item.text, item.when, RecordKind.PUPIL, pupil_id)
        for pupil_id, item in multi_agency.ehcp_due(svc, actor)
    ]


def _letters_unsent(svc: AppServices, actor: Actor) -> list[TodayItem]:
    """Letters and notices printed a few school days ago and not recorded as sent (§10)."""
    return [
        TodayItem(
            "Letter not recorded as sent",
            f"{row.pupil}: {contact_text(row.contact)}",
            row.due,
            RecordKind.PLACEMENT,
            row.contact.placement_id or 0,
        )
        for row in parents.unsent_letters(svc, actor)
    ]


def _mine(svc: AppServices, actor: Actor) -> list[TodayItem]:
    """The actor's open actions, less an overdue review's own action while the review line
    itself is on the list (one line per overdue review, not two)."""
    overdue = (
        {r.placement_id for r in _reviews_due(svc, actor) if r.overdue}
        if actor.may(Permission.VIEW_REVIEWS)
        else set()
    )
    review_overdue = label(ActionSource.REVIEW_OVERDUE)
    return [
        TodayItem("My action", a.title, a.due_on, *_action_target(a))
        for a in actions.list_actions(svc, actor, mine_only=True, open_only=True)
        if a.is_open and not (a.source == review_overdue and a.placement_id in overdue)
    ]


def _action_target(action: actions.ActionRow) -> tuple[RecordKind, int]:
    """Where a click on an action should go: its pupil, placement or provider, else itself."""
    for target, target_id in (
        (RecordKind.PLACEMENT, action.placement_id),
        (RecordKind.PUPIL, action.pupil_id),
        (RecordKind.PROVIDER, action.provider_id),
    ):
        if target_id is not None:
            return target, target_id
    return RecordKind.ACTION, action.id


LINES: dict[str, tuple[Permission, Query]] = {
    "unexplained": (Permission.VIEW_ATTENDANCE, _unexplained),
    "not_started": (Permission.VIEW_PLACEMENTS, _not_started),
    "providers_lapsed": (Permission.VET_PROVIDERS, _lapsed),
    "open_incidents": (Permission.VIEW_INCIDENTS, _open_incidents),
    "reviews": (Permission.VIEW_REVIEWS, _reviews),
    "checks_lapsing": (Permission.VIEW_PROVIDERS, _lapsing),
    "annex_b_ticks": (Permission.VET_PROVIDERS, _annex_b_ticks),
    "placements_ending": (Permission.VIEW_PLACEMENTS, _ending),
    "letters_unsent": (Permission.RECORD_PARENT_CONTACTS, _letters_unsent),
    "my_actions": (Permission.VIEW_ACTIONS, _mine),
    "awaiting_authorisation": (Permission.AUTHORISE_PLACEMENT, _awaiting),
    "annex_b_ready": (Permission.SIGN_ANNEX_B, _annex_b),
    "policy_review": (Permission.MANAGE_POLICY, _policy_review),
    "cp_receipts": (Permission.TRANSFER_CP_FILE, _cp_receipts),
    "subject_access": (Permission.SUBJECT_ACCESS, _subject_access),
    # The Headteacher's (§14); the DSL and Administrator see the same on the Staff training tab.
    "training": (Permission.MANAGE_POLICY, _training),
    "complaints": (Permission.MANAGE_COMPLAINTS, _complaints),
    "social_care": (Permission.MANAGE_SOCIAL_CARE, _social_care),
    "ehcp": (Permission.MANAGE_EHCP, _ehcp),
}
