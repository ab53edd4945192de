"""The Today view: everything that needs someone now, limited to what the actor may see."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

from apdesk.domain.actions import ENDING_WARNING_DAYS
from apdesk.domain.entities import Placement, Provider, Pupil
from apdesk.domain.labels import label
from apdesk.domain.permissions import Permission
from apdesk.domain.providers import checks_lapsing_within
from apdesk.services import actions, attendance, placements, reviews
from apdesk.services.context import Actor, AppServices
from apdesk.services.records import persisted_id


@dataclass(frozen=True)
class TodayItem:
    """One line on the Today tab: what, about whom, when, and where a click should go."""

    kind: str
    text: str
    when: date
    target: str  # "pupil", "placement", "provider", "review", "action"
    target_id: int


@dataclass(frozen=True)
class TodaySummary:
    unexplained: list[TodayItem] = field(default_factory=list)
    reviews: list[TodayItem] = field(default_factory=list)
    checks_lapsing: list[TodayItem] = field(default_factory=list)
    placements_ending: list[TodayItem] = field(default_factory=list)
    my_actions: list[TodayItem] = field(default_factory=list)
    awaiting_authorisation: list[TodayItem] = field(default_factory=list)


def today_summary(svc: AppServices, actor: Actor) -> TodaySummary:
    can = actor.may
    return TodaySummary(
        _unexplained(svc, actor) if can(Permission.VIEW_ATTENDANCE) else [],
        _reviews(svc, actor) if can(Permission.VIEW_REVIEWS) else [],
        _lapsing(svc, actor) if can(Permission.VIEW_PROVIDERS) else [],
        _ending(svc, actor) if can(Permission.VIEW_PLACEMENTS) else [],
        _mine(svc, actor) if can(Permission.VIEW_ACTIONS) else [],
        awaiting_authorisation=_awaiting(svc, actor) if can(Permission.AUTHORISE_PLACEMENT) else [],
    )


def _unexplained(svc: AppServices, actor: Actor) -> list[TodayItem]:
    with svc.read(actor, Permission.VIEW_PUPILS) as session:
        names = {p.id: p.display_name for p in session.scalars(select(Pupil))}
    return [
        TodayItem(
            "Unexplained absence",
            f"{names.get(u.pupil_id, '?')}: {u.session} {u.reason}",
            u.date,
            "pupil",
            u.pupil_id or 0,
        )
        for u in attendance.unexplained(svc, actor)
    ]


def _reviews(svc: AppServices, actor: Actor) -> list[TodayItem]:
    return [
        TodayItem(
            "Review overdue" if r.overdue else "Review due",
            f"{r.pupil} at {r.provider}: {r.kind}",
            r.due_on,
            "placement",
            r.placement_id,
        )
        for r in reviews.reviews_due(svc, actor)
    ]


def _lapsing(svc: AppServices, actor: Actor) -> list[TodayItem]:
    today = svc.clock.today()
    with svc.read(actor, Permission.VIEW_PROVIDERS) as session:
        return [
            TodayItem(
                "Provider check lapsing",
                f"{p.name}: {label(item.kind)}",
                item.expires_on,
                "provider",
                persisted_id(p),
            )
            for p in session.scalars(select(Provider))
            for item in checks_lapsing_within(p, today)
        ]


def _ending(svc: AppServices, actor: Actor) -> list[TodayItem]:
    today = svc.clock.today()
    horizon = today + timedelta(days=ENDING_WARNING_DAYS)
    with svc.read(actor, Permission.VIEW_PLACEMENTS) as session:
        names = {p.id: p.display_name for p in session.scalars(select(Pupil))}
        return [
            TodayItem(
                "Placement ending",
                f"{names[p.pupil_id]}: planned end",
                p.planned_end_date,
                "placement",
                persisted_id(p),
            )
            for p in session.scalars(select(Placement))
            if p.is_live and p.planned_end_date and today <= p.planned_end_date <= horizon
        ]


def _awaiting(svc: AppServices, actor: Actor) -> list[TodayItem]:
    return [
        TodayItem("Awaiting authorisation", a.text, a.start_date, "placement", a.placement_id)
        for a in placements.awaiting_authorisation(svc, actor)
    ]


def _mine(svc: AppServices, actor: Actor) -> list[TodayItem]:
    return [
        TodayItem("My action", a.title, a.due_on, *_action_target(a))
        for a in actions.list_actions(svc, actor, mine_only=True)
        if a.is_open
    ]


def _action_target(action: actions.ActionRow) -> tuple[str, int]:
    """Where a click on an action should go: its pupil, placement or provider, else itself."""
    for target, target_id in (
        ("placement", action.placement_id),
        ("pupil", action.pupil_id),
        ("provider", action.provider_id),
    ):
        if target_id is not None:
            return target, target_id
    return "action", action.id
