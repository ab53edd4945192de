"""Automatic actions: proposals made when a threshold is crossed (DOMAIN.md, best products).

Each function returns new `Action` objects for the caller to save; it never saves or
reads the clock. An action's `subject_key` names exactly what it is about (a pupil's
session, a review slot, a check, a placement's end). No action is proposed when one with
the same source and subject already exists, whatever its status: a follow-up done or
cancelled is not re-opened by the next run.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from apdesk.domain.attendance import UnexplainedSession
from apdesk.domain.entities.actions import Action
from apdesk.domain.entities.placements import Placement
from apdesk.domain.entities.providers import Provider
from apdesk.domain.entities.reviews import Review
from apdesk.domain.enums import ActionSource, CheckKind, ReviewKind
from apdesk.domain.formatting import format_date, format_short_date
from apdesk.domain.labels import label
from apdesk.domain.providers import DEFAULT_PERIODS, checks_lapsing_within
from apdesk.domain.reviews import ReviewSlot

ENDING_WARNING_DAYS = 14
CHECK_WARNING_DAYS = 30


def is_new(existing: Iterable[Action], source: ActionSource, subject_key: str) -> bool:
    """No existing action has this source and subject."""
    return not any(a.source is source and a.subject_key == subject_key for a in existing)


def _keep_new(candidates: list[Action], existing: Iterable[Action]) -> list[Action]:
    kept: list[Action] = []
    seen = list(existing)
    for action in candidates:
        if is_new(seen, action.source, action.subject_key):
            kept.append(action)
            seen.append(action)
    return kept


def absence_actions(
    absences: Iterable[UnexplainedSession],
    existing: Iterable[Action],
    today: date,
    owner_id: int | None = None,
) -> list[Action]:
    """A first-day follow-up, due today, for each unexplained session (§9, §18)."""
    candidates = [
        Action(
            title=(
                f"First-day absence follow-up: {a.session} session on "
                f"{format_short_date(a.date)} ({a.reason})"
            ),
            due_on=today,
            created_on=today,
            owner_id=owner_id,
            source=ActionSource.UNEXPLAINED_ABSENCE,
            subject_key=f"pupil:{a.pupil_id}:{a.date.isoformat()}:{a.session}",
            pupil_id=a.pupil_id,
            placement_id=a.placement_id,
        )
        for a in absences
    ]
    return _keep_new(candidates, existing)


def review_overdue_actions(
    placement: Placement,
    overdue: Iterable[ReviewSlot],
    existing: Iterable[Action],
    today: date,
    owner_id: int | None = None,
) -> list[Action]:
    """One action, due today, per overdue review slot of the placement."""
    candidates = [
        Action(
            title=f"{label(slot.kind)} overdue: it was due on {format_date(slot.due_on)}",
            due_on=today,
            created_on=today,
            owner_id=owner_id,
            source=ActionSource.REVIEW_OVERDUE,
            subject_key=f"placement:{placement.id}:review:{slot.due_on.isoformat()}",
            pupil_id=placement.pupil_id,
            placement_id=placement.id,
        )
        for slot in overdue
    ]
    return _keep_new(candidates, existing)


def check_lapsing_actions(
    provider: Provider,
    existing: Iterable[Action],
    today: date,
    owner_id: int | None = None,
    days: int = CHECK_WARNING_DAYS,
    periods: Mapping[CheckKind, int] = DEFAULT_PERIODS,
) -> list[Action]:
    """Ask for renewed evidence, due on the expiry date, for each check lapsing soon."""
    candidates = [
        Action(
            title=(
                f"Renew provider evidence: {label(item.kind)} "
                f"(in date until {format_date(item.expires_on)})"
            ),
            due_on=item.expires_on,
            created_on=today,
            owner_id=owner_id,
            source=ActionSource.CHECK_LAPSING,
            subject_key=f"provider:{provider.id}:{item.kind}:{item.expires_on.isoformat()}",
            provider_id=provider.id,
        )
        for item in checks_lapsing_within(provider, today, days, periods)
    ]
    return _keep_new(candidates, existing)


def placement_ending_actions(
    placement: Placement,
    reviews: Iterable[Review],
    existing: Iterable[Action],
    today: date,
    owner_id: int | None = None,
) -> list[Action]:
    """An exit review action when a live placement ends within 14 days without one."""
    end = placement.planned_end_date
    if not placement.is_live or end is None:
        return []
    if not today <= end <= today + timedelta(days=ENDING_WARNING_DAYS):
        return []
    if any(r.kind is ReviewKind.EXIT and r.placement_id == placement.id for r in reviews):
        return []
    action = Action(
        title=f"Hold the exit review: the placement ends on {format_date(end)}",
        due_on=end,
        created_on=today,
        owner_id=owner_id,
        source=ActionSource.PLACEMENT_ENDING,
        subject_key=f"placement:{placement.id}:ending:{end.isoformat()}",
        pupil_id=placement.pupil_id,
        placement_id=placement.id,
    )
    return _keep_new([action], existing)


def provider_lapsed_actions(
    provider_id: int,
    text: str,
    since: date,
    existing: Iterable[Action],
    today: date,
    owner_id: int | None = None,
) -> list[Action]:
    """A provider not approved while a child is placed there: act today (suspend, or get
    the evidence), once per lapse (`since`: the first day it was out of date)."""
    action = Action(
        title=f"Provider lapsed with a child placed: {text}",
        due_on=today,
        created_on=today,
        owner_id=owner_id,
        source=ActionSource.PROVIDER_LAPSED,
        subject_key=f"provider:{provider_id}:lapsed:{since.isoformat()}",
        provider_id=provider_id,
    )
    return _keep_new([action], existing)
