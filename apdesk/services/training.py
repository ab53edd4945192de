"""Staff training records (§14, Annex B §6): listed, kept, and what has lapsed.

Every active staff account is on the list, with a record or not yet; named staff without an
account are added by name. Kept by the Headteacher, the DSL or the Administrator (training is
not child data); each save is audited. Today shows the Headteacher what has lapsed or lapses
within 30 days.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from apdesk.domain import training as rules
from apdesk.domain.entities import Staff
from apdesk.domain.errors import InvalidInput
from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.domain.training import StaffTraining, TrainingState
from apdesk.services import policy
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.services.lookups import fetch
from apdesk.services.unit_of_work import snapshot
from apdesk.storage import tables as t

FIELDS = (
    "name",
    "staff_id",
    "job_title",
    "policy_read_on",
    "policy_read_version",
    "ap_trained_on",
    "ap_expires_on",
    "safeguarding_on",
    "safeguarding_expires_on",
    "active",
)


@dataclass(frozen=True)
class TrainingRow:
    """One member of staff on the training list, with their three standings today."""

    record: StaffTraining
    states: tuple[TrainingState, ...]
    has_account: bool

    @property
    def key(self) -> object:
        return self.record.id if self.record.id is not None else ("account", self.record.staff_id)

    @property
    def attention(self) -> list[TrainingState]:
        return [s for s in self.states if s.needs_attention] if self.record.active else []


def records_in(session: DbSession) -> list[StaffTraining]:
    """Every training record, plus a blank one for each active account that has none."""
    kept = list(session.scalars(select(StaffTraining).order_by(t.staff_training.c.name)))
    with_record = {r.staff_id for r in kept if r.staff_id is not None}
    for account in session.scalars(select(Staff).where(t.staff.c.active.is_(True))):
        if account.id not in with_record:
            kept.append(StaffTraining(account.display_name, staff_id=account.id))
    return sorted(kept, key=lambda r: (not r.active, r.name.lower()))


def training_list(svc: AppServices, actor: Actor) -> list[TrainingRow]:
    today = svc.clock.today()
    with svc.read(actor, Permission.MANAGE_TRAINING) as session:
        current = current_version(session)
        return [
            TrainingRow(r, tuple(rules.states(r, today, current)), r.staff_id is not None)
            for r in records_in(session)
        ]


def current_version(session: DbSession) -> str:
    """The policy version staff should have read: the school's, else the wording's."""
    school = session.execute(select(t.school.c.policy_version)).scalar()
    return str(school) if school else policy.wording_in_force(session).version


def policy_version(svc: AppServices, actor: Actor) -> str:
    with svc.read(actor, Permission.MANAGE_TRAINING) as session:
        return current_version(session)


def save_training(svc: AppServices, actor: Actor, record: StaffTraining) -> StaffTraining:
    """Create or update one member of staff's record; an account's name is the account's."""
    with svc.work(actor, Permission.MANAGE_TRAINING) as uow:
        rules.validate_training(record, uow.now.date())
        stored = _stored_for(uow.session, record)
        old = snapshot(stored, *FIELDS) if stored.id is not None else None
        for name in FIELDS:
            setattr(stored, name, getattr(record, name))
        if stored.staff_id is not None:
            stored.name = fetch(uow.session, Staff, stored.staff_id, "staff account").display_name
        stored.name, stored.job_title = stored.name.strip(), stored.job_title.strip()
        uow.session.add(stored)
        uow.session.flush()
        uow.audit(
            "training.save",
            RecordKind.STAFF_TRAINING,
            stored.id,
            old=old,
            new=snapshot(stored, *FIELDS),
        )
        return replace(stored)


def _stored_for(session: DbSession, record: StaffTraining) -> StaffTraining:
    if record.id is not None:
        found = session.get(StaffTraining, record.id)
        if found is None:
            raise InvalidInput("That training record no longer exists.")
        if found.staff_id != record.staff_id:
            raise InvalidInput("A training record stays with the member of staff it is for.")
        return found
    if record.staff_id is not None:
        taken = session.scalars(
            select(StaffTraining).where(t.staff_training.c.staff_id == record.staff_id)
        ).first()
        if taken is not None:
            return taken
    return StaffTraining(record.name)


def lapses(svc: AppServices, actor: Actor) -> list[tuple[str, TrainingState]]:
    """Each lapsed or lapsing item of staff still at school: (name, state), soonest first."""
    found = [(row.record.name, s) for row in training_list(svc, actor) for s in row.attention]
    return sorted(found, key=lambda pair: (pair[1].on or date.min, pair[0]))
