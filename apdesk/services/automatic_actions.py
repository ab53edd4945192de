"""The actions opened automatically: each threshold the domain names, crossed today.

`sweep` applies the domain's thresholds (an unexplained absence, a review overdue, a check
lapsing, a placement ending without an exit review, a vulnerable child missing) and opens
each action once. It is a write of its own, never part of a read: the window runs it after
sign-in, when the day changes and after a change that can cross a threshold
(`ui/action_sweep.py`); `apdesk today` runs it as its own step before listing
(docs/decisions/0019-reads-never-write.md).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from apdesk.domain import actions as rules
from apdesk.domain.entities import Action, Provider, Review, Staff
from apdesk.domain.enums import Role
from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.services.attendance import find_unexplained
from apdesk.services.escalation import escalate_absences
from apdesk.services.providers import check_periods, lapsed_in
from apdesk.services.reviews import due_and_overdue
from apdesk.services.school import one_school
from apdesk.storage import tables as t


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
    with svc.work(actor, Permission.EDIT_ACTIONS) as uow, one_school():
        s = uow.session
        periods = check_periods(s)
        existing = list(s.scalars(select(Action)))
        dsl = _owner(s, Role.DSL, Role.HEADTEACHER)
        new = rules.absence_actions(
            find_unexplained(s, svc, today),
            existing,
            today,
            _owner(s, Role.ATTENDANCE_LEAD, Role.DSL),
        )
        new += escalate_absences(uow, svc, existing + new, dsl)
        lead = _owner(s, Role.INCLUSION_LEAD, Role.DSL)
        for placement, due in due_and_overdue(s, today):
            new += rules.review_overdue_actions(placement, due.overdue, existing + new, today, dsl)
            reviews = s.scalars(select(Review).where(t.review.c.placement_id == placement.id))
            new += rules.placement_ending_actions(placement, reviews, existing + new, today, lead)
        for provider in s.scalars(select(Provider)):
            new += rules.check_lapsing_actions(
                provider, existing + new, today, dsl, periods=periods
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
