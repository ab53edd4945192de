"""What APDesk holds for each Annex B line of one provider, read from the store.

The page, the PDF and signing all read the lines from here (`lines_in`), so they cannot
disagree. Plans come from `services.review_plans`, attendance from `services.attendance`
(expected sessions left unmarked after the register closed count), the provider's status
under the school's check periods. Incidents are read only for a reader who may see
safeguarding detail; for anyone else the incident lines say they are withheld.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session as DbSession

from apdesk.domain import annex_b_evidence as rules
from apdesk.domain.calendar import add_months
from apdesk.domain.entities import Incident, Placement, Provider, Pupil, Review, Staff
from apdesk.domain.permissions import Permission
from apdesk.services import parents, training
from apdesk.services.actor import Actor
from apdesk.services.ap_referrals import all_referrals
from apdesk.services.app_services import AppServices
from apdesk.services.attendance import attendance_of
from apdesk.services.lookups import fetch, name_for, name_map, persisted_id
from apdesk.services.providers import check_periods
from apdesk.services.review_plans import PlanMaker
from apdesk.services.school import school_calendar
from apdesk.storage import tables as t

Evidence = dict[str, rules.LineEvidence]


def facts_in(
    session: DbSession, svc: AppServices, provider: Provider, *, with_incidents: bool
) -> rules.AnnexBFacts:
    """Everything the lines need for one provider today."""
    today = svc.clock.today()
    names = name_map(session, Pupil, "display_name")
    maker, calendar = PlanMaker(session), school_calendar(session)
    placements = session.scalars(
        select(Placement)
        .where(t.placement.c.provider_id == provider.id)
        .order_by(t.placement.c.start_date)
    )
    chosen = [p for p in placements if rules.in_scope(p, today)]
    ids = [persisted_id(p) for p in chosen]
    contacts, feedback = parents.contacts_in(session, ids), parents.feedback_in(session, ids)
    facts = []
    for placement in chosen:
        reviews = session.scalars(
            select(Review)
            .where(t.review.c.placement_id == placement.id)
            .order_by(t.review.c.held_on)
        )
        facts.append(
            rules.PlacementFacts(
                placement,
                name_for(names, placement.pupil_id, "?"),
                slots=tuple(maker.plan(placement)),
                reviews=tuple(reviews),
                attendance=attendance_of(session, svc, placement, calendar).summary,
                contacts=tuple(c for c in contacts if c.placement_id == placement.id),
                feedback=tuple(f for f in feedback if f.placement_id == placement.id),
            )
        )
    return rules.AnnexBFacts(
        provider,
        today,
        placements=tuple(facts),
        incidents=_incidents(session, provider, chosen, today) if with_incidents else None,
        staff=tuple(session.scalars(select(Staff).order_by(t.staff.c.display_name))),
        training=tuple(training.records_in(session)),
        policy_version=training.current_version(session),
        periods=check_periods(session),
        referrals=_referrals(session, provider, chosen, names, today),
    )


def _referrals(
    session: DbSession,
    provider: Provider,
    placements: list[Placement],
    names: dict[int, str],
    today: date,
) -> tuple[rules.ReferralFacts, ...]:
    """AP referrals that named this provider in the last twelve months, or led to one of
    the placements in scope."""
    linked = {p.ap_referral_id for p in placements}
    since = add_months(today, -12)
    return tuple(
        rules.ReferralFacts(r, name_for(names, r.pupil_id, "?"))
        for r in all_referrals(session)
        if r.id in linked or (r.provider_id == provider.id and r.referred_on >= since)
    )


def _incidents(
    session: DbSession, provider: Provider, placements: list[Placement], today: date
) -> tuple[Incident, ...]:
    ids = [p.id for p in placements]
    since = add_months(today, -12)
    found = session.scalars(
        select(Incident)
        .where(
            or_(t.incident.c.provider_id == provider.id, t.incident.c.placement_id.in_(ids)),
        )
        .order_by(t.incident.c.occurred_at)
    )
    return tuple(i for i in found if i.occurred_at.date() >= since)


def lines_in(session: DbSession, svc: AppServices, actor: Actor, provider: Provider) -> Evidence:
    return rules.assess(
        facts_in(session, svc, provider, with_incidents=actor.may(Permission.VIEW_INCIDENTS))
    )


def annex_b_evidence(svc: AppServices, actor: Actor, provider_id: int) -> Evidence:
    """Each of the provider's 22 Annex B lines with what APDesk holds and what contradicts it."""
    with svc.read(actor, Permission.VIEW_PROVIDERS) as session:
        provider = fetch(session, Provider, provider_id, "provider")
        return lines_in(session, svc, actor, provider)
