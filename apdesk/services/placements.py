"""Placements: the record, its Annex A checklist and its lifecycle.

The lifecycle rules (what authorising needs, who may do it) are the domain's; this module
loads what they need, applies them in one transaction and audits the result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from apdesk.domain import checklists
from apdesk.domain import placements as rules
from apdesk.domain.entities import Placement, Provider, Pupil
from apdesk.domain.enums import PlacementOutcome, PlacementStatus
from apdesk.domain.errors import InvalidInput
from apdesk.domain.labels import label
from apdesk.domain.permissions import Permission
from apdesk.domain.providers import ProviderStatus, provider_status
from apdesk.services.context import Actor, AppServices, UnitOfWork, snapshot
from apdesk.services.records import (
    fetch,
    name_for,
    name_map,
    persisted_id,
    school_calendar,
    sync_children,
    tick_item,
)
from apdesk.storage import tables as t

FIELDS = (
    "pupil_id",
    "provider_id",
    "site_id",
    "start_date",
    "planned_end_date",
    "reason",
    "reason_note",
    "full_time",
    "weekly_pattern",
    "session_times",
    "report_to",
    "curriculum_plan",
    "qualification_route",
    "school_lead",
    "risk_travel",
    "risk_site_hazards",
    "risk_safeguarding",
    "risk_health_needs",
    "risk_level",
    "shared_chronology",
    "shared_cp_plan",
    "shared_ehcp_summary",
    "info_shared_on",
    "consent_given_by",
    "consent_given_on",
    "direction_notice_on",
    "la_notified_on",
    "transport",
    "exit_plan",
)
STATE = ("status", "authorised_on", "activated_on", "ended_on", "outcome", "termination_reason")


@dataclass(frozen=True)
class PlacementRow:
    id: int
    pupil_id: int
    pupil: str
    upn: str
    provider: str
    reason: str
    start_date: date
    planned_end_date: date | None
    status: str
    annex_a_done: int
    state: PlacementStatus  # the value behind `status`, for code that acts on it


def list_placements(svc: AppServices, actor: Actor) -> list[PlacementRow]:
    with svc.read(actor, Permission.VIEW_PLACEMENTS) as session:
        pupils = {p.id: p for p in session.scalars(select(Pupil))}
        providers = name_map(session, Provider)
        rows = []
        for p in session.scalars(select(Placement).order_by(t.placement.c.start_date.desc())):
            pupil = pupils[p.pupil_id]
            rows.append(
                PlacementRow(
                    persisted_id(p),
                    persisted_id(pupil),
                    pupil.display_name,
                    pupil.upn,
                    name_for(providers, p.provider_id),
                    label(p.reason),
                    p.start_date,
                    p.planned_end_date,
                    label(p.status),
                    sum(1 for item in p.annex_a if item.done),
                    p.status,
                )
            )
        return rows


def get_placement(svc: AppServices, actor: Actor, placement_id: int) -> Placement:
    with svc.read(actor, Permission.VIEW_PLACEMENTS) as session:
        return fetch(session, Placement, placement_id, "placement")


def readiness(svc: AppServices, actor: Actor, placement_id: int) -> list[str]:
    """What still stands between this placement and authorisation, in plain English."""
    with svc.read(actor, Permission.VIEW_PLACEMENTS) as session:
        placement = fetch(session, Placement, placement_id, "placement")
        provider = fetch(session, Provider, placement.provider_id, "provider")
        return rules.readiness_problems(
            placement, provider_status(provider, svc.clock.today()), school_calendar(session)
        )


def save_placement(svc: AppServices, actor: Actor, placement: Placement) -> Placement:
    """Propose a placement or change its details; lifecycle state changes go elsewhere."""
    problems = rules.date_problems(placement)
    if problems:
        raise InvalidInput(" ".join(problems))
    with svc.work(actor, Permission.EDIT_PLACEMENTS) as uow:
        fetch(uow.session, Pupil, placement.pupil_id, "pupil")
        provider = fetch(uow.session, Provider, placement.provider_id, "provider")
        if placement.site_id is not None and placement.site_id not in {
            s.id for s in provider.sites
        }:
            raise InvalidInput("That site belongs to a different provider.")
        stored = uow.session.get(Placement, placement.id) if placement.id else None
        old = snapshot(stored, *FIELDS) if stored else None
        if stored is None:
            stored = Placement(
                placement.pupil_id,
                placement.provider_id,
                placement.start_date,
                annex_a=checklists.blank_annex_a(),
            )
            uow.session.add(stored)
        elif stored.is_closed:
            raise InvalidInput("This placement has ended; its record can no longer be changed.")
        for name in FIELDS:
            setattr(stored, name, getattr(placement, name))
        stored.objectives = sync_children(stored.objectives, placement.objectives)
        uow.session.flush()
        uow.audit("placement.save", "placement", stored.id, old=old, new=snapshot(stored, *FIELDS))
        return stored


def set_annex_a_item(
    svc: AppServices,
    actor: Actor,
    placement_id: int,
    key: str,
    done: bool,
    done_on: date | None = None,
    note: str = "",
) -> Placement:
    with svc.work(actor, Permission.EDIT_PLACEMENTS) as uow:
        placement = fetch(uow.session, Placement, placement_id, "placement")
        if not placement.annex_a:
            placement.annex_a = checklists.blank_annex_a()
        old, new = tick_item(uow, placement.annex_a, "Annex A", key, done, done_on, note)
        uow.audit("annex_a.item", "placement", placement_id, old=old, new=new)
        return placement


def _transition(
    svc: AppServices,
    actor: Actor,
    placement_id: int,
    permission: Permission,
    action: str,
    apply: Callable[[UnitOfWork, Placement], None],
    reason: str | None = None,
) -> Placement:
    with svc.work(actor, permission) as uow:
        placement = fetch(uow.session, Placement, placement_id, "placement")
        old = snapshot(placement, *STATE)
        apply(uow, placement)
        uow.audit(
            action,
            "placement",
            placement_id,
            old=old,
            new=snapshot(placement, *STATE),
            reason=reason,
        )
        return placement


def _status_of(uow: UnitOfWork, placement: Placement) -> ProviderStatus:
    provider = fetch(uow.session, Provider, placement.provider_id, "provider")
    return provider_status(provider, uow.now.date())


def authorise(svc: AppServices, actor: Actor, placement_id: int) -> Placement:
    """The Headteacher's authorisation; refused with everything still missing listed."""

    def apply(uow: UnitOfWork, placement: Placement) -> None:
        rules.authorise(
            placement,
            _status_of(uow, placement),
            actor.roles,
            uow.now.date(),
            actor.staff_id,
            school_calendar(uow.session),
        )

    return _transition(
        svc, actor, placement_id, Permission.AUTHORISE_PLACEMENT, "placement.authorise", apply
    )


def activate(svc: AppServices, actor: Actor, placement_id: int) -> Placement:
    def apply(uow: UnitOfWork, placement: Placement) -> None:
        rules.activate(placement, _status_of(uow, placement), uow.now.date())

    return _transition(
        svc, actor, placement_id, Permission.EDIT_PLACEMENTS, "placement.activate", apply
    )


def end_placement(
    svc: AppServices, actor: Actor, placement_id: int, outcome: PlacementOutcome
) -> Placement:
    def apply(uow: UnitOfWork, placement: Placement) -> None:
        rules.end(placement, outcome, uow.now.date())

    return _transition(svc, actor, placement_id, Permission.EDIT_PLACEMENTS, "placement.end", apply)


def terminate(svc: AppServices, actor: Actor, placement_id: int, reason: str) -> Placement:
    def apply(uow: UnitOfWork, placement: Placement) -> None:
        rules.terminate(placement, reason, uow.now.date())

    return _transition(
        svc,
        actor,
        placement_id,
        Permission.EDIT_PLACEMENTS,
        "placement.terminate",
        apply,
        reason=reason,
    )
