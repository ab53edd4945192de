"""Placements: the record, its Annex A checklist and its lifecycle.

The lifecycle rules (what authorising needs, who may do it) are the domain's; this module
loads what they need, applies them in one transaction and audits the result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session as DbSession

from apdesk.domain import annex_a_data, checklists
from apdesk.domain import placements as rules
from apdesk.domain.entities import Action, Placement, Provider, Pupil, Staff
from apdesk.domain.entities.people import display_name
from apdesk.domain.enums import (
    ActionSource,
    ActionStatus,
    PlacementOutcome,
    PlacementReason,
    PlacementStatus,
    Role,
)
from apdesk.domain.errors import InvalidInput
from apdesk.domain.formatting import format_date
from apdesk.domain.labels import label
from apdesk.domain.permissions import Permission
from apdesk.domain.providers import placement_provider_status
from apdesk.domain.record_kinds import RecordKind
from apdesk.domain.text import check_record_text
from apdesk.services import policy
from apdesk.services.actor import Actor
from apdesk.services.ap_referrals import check_placement_referral
from apdesk.services.app_services import AppServices
from apdesk.services.child_rows import sync_children, tick_item
from apdesk.services.lookups import fetch, name_for, name_map, persisted_id
from apdesk.services.providers import check_periods
from apdesk.services.school import school_calendar
from apdesk.services.unit_of_work import UnitOfWork, snapshot
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
    "dual_registered",
    "transport",
    "exit_plan",
    "ap_referral_id",
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
    """Every placement, latest start first, read as plain rows joined to their pupil (no
    placement records with their objectives and checklist, no pupil records)."""
    p, u, a = t.placement.c, t.pupil.c, t.annex_a_item.c
    done = select(a.placement_id, func.count()).where(a.done).group_by(a.placement_id)
    query = (
        select(
            p.id,
            p.pupil_id,
            u.preferred_name,
            u.legal_first_name,
            u.legal_last_name,
            u.upn,
            p.provider_id,
            p.reason,
            p.start_date,
            p.planned_end_date,
            p.status,
        )
        .join(t.pupil, u.id == p.pupil_id)
        .order_by(p.start_date.desc(), p.id)
    )
    reasons = {reason: label(reason) for reason in PlacementReason}
    statuses = {status: label(status) for status in PlacementStatus}
    with svc.read(actor, Permission.VIEW_PLACEMENTS) as session:
        providers = name_map(session, Provider)
        ticked = {placement_id: count for placement_id, count in session.execute(done)}
        return [
            PlacementRow(
                placement_id,
                pupil_id,
                display_name(preferred, first, last),
                upn,
                name_for(providers, provider_id),
                reasons[reason],
                start,
                planned_end,
                statuses[status],
                ticked.get(placement_id, 0),
                status,
            )
            for (
                placement_id,
                pupil_id,
                preferred,
                first,
                last,
                upn,
                provider_id,
                reason,
                start,
                planned_end,
                status,
            ) in session.execute(query)
        ]


def get_placement(svc: AppServices, actor: Actor, placement_id: int) -> Placement:
    with svc.read(actor, Permission.VIEW_PLACEMENTS) as session:
        return fetch(session, Placement, placement_id, "placement")


def gate_facts(session: DbSession, placement: Placement, today: date) -> rules.GateFacts:
    """Everything the gate needs about a placement's provider, pupil and calendar today."""
    provider = fetch(session, Provider, placement.provider_id, "provider")
    pupil = fetch(session, Pupil, placement.pupil_id, "pupil")
    periods = check_periods(session)
    return rules.GateFacts(
        placement_provider_status(provider, placement.site_id, today, periods),
        school_calendar(session),
        pupil,
        provider.kind,
        _full_time_pupils(session, placement),
        policy.wording_in_force(session).version,
    )


def _full_time_pupils(session: DbSession, placement: Placement) -> int:
    """Pupils the provider would educate full time alongside this placement, it included:
    other live full-time placements there whose dates overlap this one's."""
    end = placement.planned_end_date or placement.start_date
    others = {
        other.pupil_id
        for other in session.scalars(
            select(Placement).where(t.placement.c.provider_id == placement.provider_id)
        )
        if other.id != placement.id
        and other.full_time
        and other.is_live
        and other.pupil_id != placement.pupil_id
        and other.start_date <= end
        and (other.planned_end_date is None or other.planned_end_date >= placement.start_date)
    }
    return len(others) + 1


def gate_problems(session: DbSession, placement: Placement, today: date) -> list[str]:
    """The whole gate for one placement as it stands in the store today: what authorising
    and activating check, what the editor lists and what Today counts."""
    return rules.gate_problems(placement, gate_facts(session, placement, today))


def readiness(svc: AppServices, actor: Actor, placement_id: int) -> list[str]:
    """What still stands between this placement and authorisation, in plain English."""
    with svc.read(actor, Permission.VIEW_PLACEMENTS) as session:
        placement = fetch(session, Placement, placement_id, "placement")
        return gate_problems(session, placement, svc.clock.today())


def save_placement(svc: AppServices, actor: Actor, placement: Placement) -> Placement:
    """Propose a placement or change its details; lifecycle state changes go elsewhere."""
    check_record_text(placement, "placement")  # no NUL or direction controls; lengths kept
    problems = rules.date_problems(placement)
    if problems:
        raise InvalidInput(" ".join(problems))
    with svc.work(actor, Permission.EDIT_PLACEMENTS) as uow:
        fetch(uow.session, Pupil, placement.pupil_id, "pupil")
        check_placement_referral(uow.session, placement)
        provider = fetch(uow.session, Provider, placement.provider_id, "provider")
        if placement.site_id is not None and placement.site_id not in {
            s.id for s in provider.sites
        }:
            raise InvalidInput("That site belongs to a different provider.")
        stored = uow.session.get(Placement, placement.id) if placement.id else None
        old = snapshot(stored, *FIELDS) if stored else None
        before = {name: getattr(stored, name) for name in rules.GATE_FIELDS} if stored else None
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
        changes = rules.gate_changes(before, stored) if before else []
        state = snapshot(stored, *STATE)
        reopened = rules.apply_gate_changes(stored, changes)
        uow.session.flush()
        uow.audit(
            "placement.save",
            RecordKind.PLACEMENT,
            stored.id,
            old=old,
            new=snapshot(stored, *FIELDS),
        )
        if reopened:
            _tell_the_headteacher(uow, stored, changes, state)
        return stored


def record_notice_printed(uow: UnitOfWork, placement: Placement) -> bool:
    """A first off-site direction notice printed today records today as the day notice went
    to parents (audited; through the gate like any other change of the notice date)."""
    if not rules.records_notice_when_printed(placement):
        return False
    before = {name: getattr(placement, name) for name in rules.GATE_FIELDS}
    state = snapshot(placement, *STATE)
    placement.direction_notice_on = uow.now.date()
    changes = rules.gate_changes(before, placement)
    reopened = rules.apply_gate_changes(placement, changes)
    uow.audit(
        "placement.notice_printed",
        RecordKind.PLACEMENT,
        placement.id,
        old={"direction_notice_on": None},
        new={"direction_notice_on": placement.direction_notice_on.isoformat()},
        reason="The off-site direction notice was printed for the first time.",
    )
    if reopened:
        _tell_the_headteacher(uow, placement, changes, state)
    return True


def _shown(session: DbSession, change: rules.GateChange, value: object) -> str:
    """A gate field's value as a person reads it: names, labels and dates."""
    if value is None or value == "":
        return "none"
    if change.field == "provider_id":
        provider = session.get(Provider, value)
        return provider.name if provider else "?"
    if change.field == "site_id":
        for provider in session.scalars(select(Provider)):
            for site in provider.sites:
                if site.id == value:
                    return site.name
        return "?"
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, PlacementReason):
        return label(value)
    return str(value)


def describe_changes(session: DbSession, changes: list[rules.GateChange]) -> str:
    """'Provider: Bridgeway Learning → Fernlea Tuition; Start date: 2 Nov 2026 → 9 Nov 2026'."""
    return "; ".join(
        f"{c.name}: {_shown(session, c, c.old)} → {_shown(session, c, c.new)}" for c in changes
    )


def _tell_the_headteacher(
    uow: UnitOfWork, placement: Placement, changes: list[rules.GateChange], state: dict[str, Any]
) -> None:
    """Audit the gate change (old → new) and give the Headteacher an action to act on it."""
    session = uow.session
    pupil = fetch(session, Pupil, placement.pupil_id, "pupil")
    text = describe_changes(session, changes)
    uow.audit(
        "placement.gate_changed",
        RecordKind.PLACEMENT,
        placement.id,
        old={**state, **{c.field: c.old for c in changes}},
        new={**snapshot(placement, *STATE), **{c.field: c.new for c in changes}},
        reason=text,
    )
    verb = "authorise it again" if placement.status is PlacementStatus.PROPOSED else "check it"
    today = uow.now.date()
    session.add(
        Action(
            title=f"{pupil.display_name}'s placement changed after authorisation ({text}): {verb}",
            due_on=today,
            created_on=today,
            owner_id=_headteacher(session),
            source=ActionSource.GATE_CHANGED,
            subject_key=f"placement:{placement.id}:gate:{uow.now.isoformat()}",
            pupil_id=placement.pupil_id,
            placement_id=placement.id,
        )
    )
    session.flush()


def _headteacher(session: DbSession) -> int | None:
    for member in session.scalars(select(Staff).where(t.staff.c.active.is_(True))):
        if Role.HEADTEACHER in member.roles:
            return member.id
    return None


def _settle_gate_actions(uow: UnitOfWork, placement: Placement) -> None:
    """Authorising again answers every open 'changed after authorisation' action."""
    for action in uow.session.scalars(
        select(Action).where(
            t.action.c.placement_id == placement.id,
            t.action.c.source == ActionSource.GATE_CHANGED.value,
            t.action.c.status == ActionStatus.OPEN.value,
        )
    ):
        action.status, action.done_on = ActionStatus.DONE, uow.now.date()
        action.note = "Authorised again."


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
        if done:
            pupil = fetch(uow.session, Pupil, placement.pupil_id, "pupil")
            missing = annex_a_data.line_problems(key, placement, pupil)
            if missing:
                raise InvalidInput("This line cannot be ticked yet: " + " ".join(missing))
        old, new = tick_item(uow, placement.annex_a, "Annex A", key, done, done_on, note)
        uow.audit("annex_a.item", RecordKind.PLACEMENT, placement_id, old=old, new=new)
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
            RecordKind.PLACEMENT,
            placement_id,
            old=old,
            new=snapshot(placement, *STATE),
            reason=reason,
        )
        return placement


def authorise(svc: AppServices, actor: Actor, placement_id: int) -> Placement:
    """The Headteacher's authorisation; refused with everything still missing listed."""

    def apply(uow: UnitOfWork, placement: Placement) -> None:
        rules.authorise(
            placement,
            gate_facts(uow.session, placement, uow.now.date()),
            actor.roles,
            uow.now.date(),
            actor.staff_id,
        )
        _settle_gate_actions(uow, placement)

    return _transition(
        svc, actor, placement_id, Permission.AUTHORISE_PLACEMENT, "placement.authorise", apply
    )


def activate(svc: AppServices, actor: Actor, placement_id: int) -> Placement:
    def apply(uow: UnitOfWork, placement: Placement) -> None:
        today = uow.now.date()
        rules.activate(placement, gate_facts(uow.session, placement, today), today)

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


@dataclass(frozen=True)
class AwaitingAuthorisation:
    """A proposed placement, for the Headteacher's Today: how far it is from the gate."""

    placement_id: int
    pupil: str
    provider: str
    start_date: date
    problems: tuple[str, ...]

    @property
    def text(self) -> str:
        where = f"{self.pupil} at {self.provider}"
        if not self.problems:
            return f"{where}: ready to authorise"
        count = len(self.problems)
        return f"{where}: {count} thing{'s' if count > 1 else ''} still missing"


def awaiting_authorisation(svc: AppServices, actor: Actor) -> list[AwaitingAuthorisation]:
    """Proposed placements still to come, soonest start first (for whoever may authorise)."""
    today = svc.clock.today()
    with svc.read(actor, Permission.AUTHORISE_PLACEMENT) as session:
        names = name_map(session, Pupil, "display_name")
        providers = name_map(session, Provider)
        query = select(Placement).where(t.placement.c.status == PlacementStatus.PROPOSED.value)
        return [
            AwaitingAuthorisation(
                persisted_id(p),
                name_for(names, p.pupil_id, "?"),
                name_for(providers, p.provider_id, "?"),
                p.start_date,
                tuple(gate_problems(session, p, today)),
            )
            for p in session.scalars(query.order_by(t.placement.c.start_date))
        ]
