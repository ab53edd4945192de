"""Actions: tasks with an owner, a due date and a status, listed, added and completed.

`add_in` adds one within a unit of work already open, so an action agreed as part of a
larger record (a review's) is stored with it or not at all. The actions opened
automatically when a threshold is crossed are `automatic_actions.py`'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from apdesk.domain.entities import Action, Staff
from apdesk.domain.enums import ActionStatus
from apdesk.domain.errors import InvalidInput
from apdesk.domain.labels import label
from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.domain.text import check_record_text
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.services.lookups import fetch, persisted_id
from apdesk.services.unit_of_work import UnitOfWork, snapshot
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
    check_action(action)
    with svc.work(actor, Permission.EDIT_ACTIONS) as uow:
        return add_in(uow, action)


def check_action(action: Action) -> None:
    """Refuses, before any work starts, an action that does not say what needs doing or
    whose text the store must not hold (a NUL, a direction control, too long)."""
    if not action.title.strip():
        raise InvalidInput("Say what needs doing.")
    check_record_text(action, "action")


def add_in(uow: UnitOfWork, action: Action) -> Action:
    """Store a checked action in `uow`, with its audit row (`uow` holds EDIT_ACTIONS)."""
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
