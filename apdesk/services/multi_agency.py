"""A pupil's multi-agency details: social care (MANAGE_SOCIAL_CARE: the Headteacher, DSL and
deputy DSL) and EHCP details (MANAGE_EHCP: those and the inclusion lead); what is overdue.

The rules are `apdesk.domain.multi_agency`; each save checks the record against them with
the pupil's date of birth and today, writes it (one record of each kind per pupil) and
audits old and new values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, replace
from datetime import date
from typing import TypeVar

from sqlalchemy import select, update
from sqlalchemy.orm import Session as DbSession

from apdesk.domain import multi_agency as rules
from apdesk.domain.entities import EhcpDetails, Placement, Pupil, SocialCare
from apdesk.domain.enums import PlacementStatus
from apdesk.domain.errors import InvalidInput
from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.services.lookups import fetch, persisted_id, read_once
from apdesk.services.unit_of_work import snapshot
from apdesk.storage import tables as t

Record = TypeVar("Record", SocialCare, EhcpDetails)
#: Each kind: its permission, the audit's entity name, and the table it lives in.
KINDS = {
    SocialCare: (Permission.MANAGE_SOCIAL_CARE, RecordKind.SOCIAL_CARE, t.pupil_social_care),
    EhcpDetails: (Permission.MANAGE_EHCP, RecordKind.EHCP, t.pupil_ehcp),
}


def _fields(cls: type[object]) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls) if f.name not in ("id", "pupil_id"))  # type: ignore[arg-type]


def _stored(session: DbSession, cls: type[Record], pupil_id: int) -> Record | None:
    table = KINDS[cls][2]
    return session.scalar(select(cls).where(table.c.pupil_id == pupil_id))


def _get(svc: AppServices, actor: Actor, cls: type[Record], pupil_id: int) -> Record:
    with svc.read(actor, KINDS[cls][0]) as session:
        fetch(session, Pupil, pupil_id, "pupil")
        stored = _stored(session, cls, pupil_id)
        return replace(stored) if stored is not None else cls(pupil_id)


def get_social_care(svc: AppServices, actor: Actor, pupil_id: int) -> SocialCare:
    """The pupil's social care record (blank if none is recorded yet)."""
    return _get(svc, actor, SocialCare, pupil_id)


def get_ehcp(svc: AppServices, actor: Actor, pupil_id: int) -> EhcpDetails:
    """The pupil's EHCP details (blank if none are recorded yet)."""
    return _get(svc, actor, EhcpDetails, pupil_id)


def save_social_care(svc: AppServices, actor: Actor, record: SocialCare) -> SocialCare:
    """Record or change the pupil's social care details; refused with every problem."""
    return _save(svc, actor, record)


def save_ehcp(svc: AppServices, actor: Actor, record: EhcpDetails) -> EhcpDetails:
    """Record or change the pupil's EHCP details; refused with every problem."""
    return _save(svc, actor, record)


def _save(svc: AppServices, actor: Actor, record: Record) -> Record:
    cls = type(record)
    permission, entity, _ = KINDS[cls]
    names = _fields(cls)
    with svc.work(actor, permission) as uow:
        if record.pupil_id is None:
            raise InvalidInput("Choose the pupil first.")
        pupil = fetch(uow.session, Pupil, record.pupil_id, "pupil")
        problems = rules.record_problems(record, uow.now.date(), pupil.date_of_birth)
        if problems:
            raise InvalidInput(" ".join(problems))
        stored = _stored(uow.session, cls, record.pupil_id)
        old = snapshot(stored, *names) if stored is not None else None
        if stored is None:
            stored = cls(record.pupil_id)
            uow.session.add(stored)
        for name in names:
            value = getattr(record, name)
            setattr(stored, name, value.strip() if isinstance(value, str) else value)
        uow.session.flush()
        uow.audit(f"{entity}.save", entity, stored.id, old=old, new=snapshot(stored, *names))
        return replace(stored)


def social_care_due(svc: AppServices, actor: Actor) -> list[tuple[int, rules.AgencyItem]]:
    """For each pupil in AP now, what needs the DSL about their social care work (by pupil id)."""
    return _due(svc, actor, Permission.MANAGE_SOCIAL_CARE, SocialCare, rules.social_care_items)


def ehcp_due(svc: AppServices, actor: Actor) -> list[tuple[int, rules.AgencyItem]]:
    """EHCP annual reviews overdue, by pupil id."""
    return _due(svc, actor, Permission.MANAGE_EHCP, EhcpDetails, rules.ehcp_items)


def _due(
    svc: AppServices,
    actor: Actor,
    permission: Permission,
    cls: type[Record],
    items: Callable[[Pupil, Record | None, date], list[rules.AgencyItem]],
) -> list[tuple[int, rules.AgencyItem]]:
    """`items` for each pupil in AP now, given that pupil's `cls` record if held."""
    today = svc.clock.today()
    with svc.read(actor, permission) as session:
        held = {r.pupil_id: r for r in session.scalars(select(cls))}
        return [
            (persisted_id(p), item)
            for p in _in_ap(session)
            for item in items(p, held.get(p.id), today)
        ]


def _in_ap(session: DbSession) -> list[Pupil]:
    """The pupils Today watches (`rules.in_ap_now`), by surname; once per `one_read` (the
    social care and the EHCP lines both ask)."""
    return read_once(session, "pupils_in_ap", lambda: _read_in_ap(session))


def _read_in_ap(session: DbSession) -> list[Pupil]:
    placements: dict[int | None, list[Placement]] = {}
    # Only placements still open can make the rule say yes: read those and their pupils.
    still_open = ~t.placement.c.status.in_((PlacementStatus.ENDED, PlacementStatus.TERMINATED))
    for placement in session.scalars(select(Placement).where(still_open)):
        placements.setdefault(placement.pupil_id, []).append(placement)
    pupils = session.scalars(
        select(Pupil)
        .where(t.pupil.c.id.in_([i for i in placements if i is not None]))
        .order_by(t.pupil.c.legal_last_name)
    )
    return [p for p in pupils if rules.in_ap_now(placements.get(p.id, []))]


def carry_over(session: DbSession, duplicate_id: int, keep_id: int) -> dict[str, int]:
    """When a pupil entered twice is merged: move the twin's records to the kept pupil where
    that pupil has none (where it has one, the kept record stands and the twin's goes)."""
    moved: dict[str, int] = {}
    for cls, (_, entity, table) in KINDS.items():
        if _stored(session, cls, keep_id) is not None:
            moved[entity] = 0
            continue
        result = session.execute(
            update(table).where(table.c.pupil_id == duplicate_id).values(pupil_id=keep_id)
        )
        moved[entity] = int(getattr(result, "rowcount", 0) or 0)
    return moved
