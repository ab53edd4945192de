"""Actions: tasks with an owner, a due date and a status, some opened automatically.

`sweep` applies the domain's thresholds (an unexplained absence, a review overdue, a check
lapsing, a placement ending without an exit review) and opens each action once. It is a
write of its own, never part of a read: the window runs it after sign-in, when the day
changes and after a change that can cross a threshold (`ui/action_sweep.py`); `apdesk
today` runs it as its own step before listing (docs/decisions/0019-reads-never-write.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from apdesk.domain import actions as rules
from apdesk.domain.entities import Action, Provider, Review, Staff
from apdesk.domain.enums import ActionStatus, Role
from apdesk.domain.errors import InvalidInput
from apdesk.domain.labels import label
from apdesk.domain.permissions import Permission
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.services.attendance import find_unexplained
from apdesk.services.changes import RecordKind
from apdesk.services.escalation import escalate_absences
from apdesk.services.lookups import fetch, persisted_id
from apdesk.services.providers import check_periods, lapsed_in
from apdesk.services.reviews import due_and_overdue
from apdesk.services.unit_of_work import snapshot
from apdesk.storage import tables as t


@dataclass(frozen=True)
class ActionRow:
    id: int
    title: str
    due_on: date
    status: str
    source: str
    owner: str
    pupil_id: int | None
    placement_id: int | None
    provider_id: int | None
    overdue: bool
    is_open: bool


def _owner(session: DbSession, *roles: Role) -> int | None:
    staff = list(session.scalars(select(Staff).where(t.staff.c.active.is_(True))))
    for role in roles:
        for member in staff:
            if role in member.roles:
                return member.id
    return None


def sweep(svc: AppServices, actor: Actor) -> int:
    """Open every automatic action whose threshold is crossed today; returns how many."""
    today = svc.clock.today()
    with svc.work(actor, Permission.EDIT_ACTIONS) as uow:
        s = uow.session
        existing = list(s.scalars(select(Action)))
        dsl = _owner(s, Role.DSL, Role.HEADTEACHER)
        new = rules.absence_actions(
            find_unexplained(s, svc, today),
            existing,
            today,
            _owner(s, Role.ATTENDANCE_LEAD, Role.DSL),
        )
        new += escalate_absences(uow, svc, existing + new, dsl)
        for placement, due in due_and_overdue(s, today):
            new += rules.review_overdue_actions(placement, due.overdue, existing + new, today, dsl)
            reviews = s.scalars(select(Review).where(t.review.c.placement_id == placement.id))
            new += rules.placement_ending_actions(
                placement, reviews, existing + new, today, _owner(s, Role.INCLUSION_LEAD, Role.DSL)
            )
        for provider in s.scalars(select(Provider)):
            new += rules.check_lapsing_actions(
                provider, existing + new, today, dsl, periods=check_periods(s)
            )
        for lapsed in lapsed_in(s, today):
            new += rules.provider_lapsed_actions(
                lapsed.provider_id, lapsed.text, lapsed.since, existing + new, today, dsl
            )
        for action in new:
            s.add(action)
        if new:
            s.flush()
            uow.audit(
                "action.sweep", RecordKind.ACTION, None, new={"opened": [a.title for a in new]}
            )
        return len(new)


def open_due_actions(svc: AppServices, actor: Actor) -> int:
    """`sweep` for whoever may change actions; nothing (0) for anyone else, who would only
    be refused: every signed-in person's window and `apdesk today` call it."""
    return sweep(svc, actor) if actor.may(Permission.EDIT_ACTIONS) else 0


def list_actions(
    svc: AppServices, actor: Actor, mine_only: bool = False, open_only: bool = False
) -> list[ActionRow]:
    """Actions by due date: all, the actor's own (`mine_only`), the open ones (`open_only`:
    Today's, without ten years of completed ones loaded to be dropped)."""
    today = svc.clock.today()
    with svc.read(actor, Permission.VIEW_ACTIONS) as session:
        names = {m.id: m.display_name for m in session.scalars(select(Staff))}
        query = select(Action).order_by(t.action.c.due_on)
        if mine_only:
            query = query.where(t.action.c.owner_id == actor.staff_id)
        if open_only:
            query = query.where(t.action.c.status == ActionStatus.OPEN)
        return [
            ActionRow(
                persisted_id(a),
                a.title,
                a.due_on,
                label(a.status),
                label(a.source),
                names.get(a.owner_id, "") if a.owner_id else "",
                a.pupil_id,
                a.placement_id,
                a.provider_id,
                a.status is ActionStatus.OPEN and a.due_on < today,
                a.status is ActionStatus.OPEN,
            )
            for a in session.scalars(query)
        ]


def add_action(svc: AppServices, actor: Actor, action: Action) -> Action:
    if not action.title.strip():
        raise InvalidInput("Say what needs doing.")
    with svc.work(actor, Permission.EDIT_ACTIONS) as uow:
        action.id, action.created_on = None, uow.now.date()
        uow.session.add(action)
        uow.session.flush()
        uow.audit(
            "action.add",
            RecordKind.ACTION,
            action.id,
            new=snapshot(action, "title", "due_on", "owner_id"),
        )
        return action


def complete_action(svc: AppServices, actor: Actor, action_id: int, note: str = "") -> Action:
    with svc.work(actor, Permission.EDIT_ACTIONS) as uow:
        action = fetch(uow.session, Action, action_id, "action")
        old = snapshot(action, "status", "done_on")
        action.status, action.done_on = ActionStatus.DONE, uow.now.date()
        action.note = note or action.note
        uow.audit(
            "action.complete",
            RecordKind.ACTION,
            action_id,
            old=old,
            new=snapshot(action, "status", "done_on"),
            reason=note or None,
        )
        return action
