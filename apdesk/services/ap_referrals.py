"""AP referrals: record who was put forward for alternative provision, why, and what was decided.

The rules are `apdesk.domain.ap_referrals`; this module reads what they need (the pupil's
other referrals, whether a placement was proposed from this one), applies them in one
transaction and audits the result. Viewing needs the placements permission, recording the
right to change placements: the same people who propose placements.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session as DbSession

from apdesk.domain import ap_referrals as rules
from apdesk.domain.entities import APReferral, Placement, Provider, Pupil
from apdesk.domain.enums import APReferralDecision
from apdesk.domain.errors import InvalidInput
from apdesk.domain.labels import label
from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.domain.text import check_record_text
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.services.lookups import NAME_COLUMNS, fetch, joined_name
from apdesk.services.unit_of_work import snapshot
from apdesk.storage import tables as t

FIELDS = (
    "pupil_id",
    "referred_on",
    "reason",
    "referred_by",
    "reason_kind",
    "provider_id",
    "decision",
    "decided_on",
    "decision_reason",
)


class APReferralRow(NamedTuple):
    """A referral as the AP referrals list shows it: a plain row (a tuple is made several
    times faster than a frozen dataclass, and a list makes one a referral)."""

    id: int
    pupil_id: int
    pupil: str
    referred_on: date
    referred_by: str
    reason: str
    provider: str
    outcome: str
    decision: APReferralDecision | None
    placement_ids: tuple[int, ...] = ()


def all_referrals(session: DbSession) -> list[APReferral]:
    """Every AP referral, oldest first (for the register, the governors and Annex B)."""
    query = select(APReferral).order_by(t.ap_referral.c.referred_on, t.ap_referral.c.id)
    return list(session.scalars(query))


def placements_from(session: DbSession) -> dict[int, list[int]]:
    """The placements proposed from each referral, by referral id."""
    found: dict[int, list[int]] = {}
    p = t.placement.c
    # IN the referrals' ids, not IS NOT NULL: SQLite then reads the index, not every placement
    made = p.ap_referral_id.in_(select(t.ap_referral.c.id))
    query = select(p.ap_referral_id, p.id).where(made).order_by(p.id)
    for referral_id, placement_id in session.execute(query):
        found.setdefault(referral_id, []).append(placement_id)
    return found


@cache  # made once, when first listed (not at import: start-up imports this module)
def _listed() -> Select[Any]:
    """The list's query: every referral, newest first, joined to the pupil's and the
        provider's names, with the ids of the placements made from it (by the referral's
        index; a second query and its round trip were a fifth of the list's load). Making it took
    nearly as long as running it (170 referrals at 10x)."""
    r, provider, p = t.ap_referral.c, t.provider.c, t.placement.c
    made = select(func.group_concat(p.id)).where(p.ap_referral_id == r.id).scalar_subquery()
    return (
        select(
            r.id,
            r.pupil_id,
            r.referred_on,
            r.referred_by,
            r.reason,
            provider.name,
            r.decision,
            r.decided_on,
            r.decision_reason,
            made,
            *NAME_COLUMNS,
        )
        .outerjoin(t.pupil, t.pupil.c.id == r.pupil_id)
        .outerjoin(t.provider, provider.id == r.provider_id)
        .order_by(r.referred_on.desc(), r.id.desc())
    )


def list_ap_referrals(svc: AppServices, actor: Actor) -> list[APReferralRow]:
    """Every AP referral, newest first, with its outcome in words, as plain rows."""
    with svc.read(actor, Permission.VIEW_PLACEMENTS) as session:
        rows = []
        for row in session.execute(_listed()).all():  # unpacked: a row's attributes are slower
            rid, pupil_id, on, by, reason, provider_name, decision, _, _, ids, *name = row
            outcome = rules.outcome_text(row)  # the decision, when and why
            placed = tuple(sorted(map(int, ids.split(",")))) if ids else ()  # as placements_from
            rows.append(
                APReferralRow(
                    rid, pupil_id, joined_name(*name), on, by, reason, provider_name or "",
                    outcome, decision, placed,
                )
            )  # fmt: skip
        return rows


def get_ap_referral(svc: AppServices, actor: Actor, referral_id: int) -> APReferral:
    with svc.read(actor, Permission.VIEW_PLACEMENTS) as session:
        return fetch(session, APReferral, referral_id, "AP referral")


def save_ap_referral(svc: AppServices, actor: Actor, referral: APReferral) -> APReferral:
    """Record a referral, or change it (its decision included); refused with every problem."""
    check_record_text(referral, "referral")
    with svc.work(actor, Permission.EDIT_PLACEMENTS) as uow:
        session = uow.session
        fetch(session, Pupil, referral.pupil_id, "pupil")
        if referral.provider_id is not None:
            fetch(session, Provider, referral.provider_id, "provider")
        others = session.scalars(
            select(APReferral).where(t.ap_referral.c.pupil_id == referral.pupil_id)
        )
        has_placement = referral.id is not None and referral.id in placements_from(session)
        problems = rules.referral_problems(
            referral, uow.now.date(), others=list(others), has_placement=has_placement
        )
        if problems:
            raise InvalidInput(" ".join(problems))
        stored = session.get(APReferral, referral.id) if referral.id else None
        if referral.id and stored is None:
            raise InvalidInput("That AP referral could not be found. It may have been removed.")
        old = snapshot(stored, *FIELDS) if stored else None
        if stored is None:
            stored = APReferral(referral.pupil_id, referral.referred_on, recorded_by=actor.staff_id)
            session.add(stored)
        elif stored.pupil_id != referral.pupil_id and has_placement:
            raise InvalidInput("A placement was proposed from this referral: its pupil stays.")
        for name in FIELDS:
            setattr(stored, name, getattr(referral, name))
        session.flush()
        decided = referral.decision is not None and not (old and old["decision"])
        action = "ap_referral.decide" if decided else "ap_referral.save"
        uow.audit(action, RecordKind.AP_REFERRAL, stored.id, old=old, new=snapshot(stored, *FIELDS))
        return stored


def draft_placement(svc: AppServices, actor: Actor, referral_id: int) -> Placement:
    """A new placement's form prefilled from the referral (not saved: the person finishes it)."""
    with svc.read(actor, Permission.EDIT_PLACEMENTS) as session:
        referral = fetch(session, APReferral, referral_id, "AP referral")
        problems = rules.proposal_problems(referral)
        if problems:
            raise InvalidInput(" ".join(problems))
        return rules.draft_placement(referral, svc.clock.today())


def check_placement_referral(session: DbSession, placement: Placement) -> None:
    """A placement proposed from a referral is for the referral's pupil, and the referral
    was not declined or withdrawn."""
    if placement.ap_referral_id is None:
        return
    referral = fetch(session, APReferral, placement.ap_referral_id, "AP referral")
    if referral.pupil_id != placement.pupil_id:
        raise InvalidInput(
            "This placement was proposed from another pupil's AP referral: "
            "choose that pupil, or start a new placement."
        )
    problems = rules.proposal_problems(referral)
    if problems:
        raise InvalidInput(" ".join(problems))


def decision_counts(referrals: list[APReferral]) -> dict[str, int]:
    """How many referrals ended each way, and how many are still being considered."""
    counts = {label(d): 0 for d in APReferralDecision}
    counts["Being considered"] = 0
    for r in referrals:
        counts[label(r.decision) if r.decision else "Being considered"] += 1
    return counts
