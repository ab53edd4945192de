"""The register of pupils in AP (§17): one list of entries behind both the PDF and the CSV."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from apdesk.documents.register_entries import ReferralEntry, RegisterEntry
from apdesk.domain.entities import Placement, Provider, Pupil, Review
from apdesk.domain.reviews import live_for_reviews
from apdesk.services.ap_referrals import all_referrals
from apdesk.services.review_plans import PlanMaker
from apdesk.storage import tables as t


def register_entries(session: DbSession) -> list[RegisterEntry]:
    """Every placement with its pupil, provider, reviews held and review plan (none while
    proposed), by surname then start."""
    pupils = {p.id: p for p in session.scalars(select(Pupil))}
    providers = {p.id: p for p in session.scalars(select(Provider))}
    maker = PlanMaker(session)
    held: dict[int | None, list[Review]] = defaultdict(list)
    for review in session.scalars(select(Review).order_by(t.review.c.held_on)):
        held[review.placement_id].append(review)
    entries = [
        RegisterEntry(
            p,
            pupils[p.pupil_id],
            providers[p.provider_id],
            tuple(held[p.id]),
            tuple(maker.plan(p)) if live_for_reviews(p) else (),
        )
        for p in session.scalars(select(Placement).order_by(t.placement.c.start_date))
    ]
    return sorted(entries, key=_by_surname)


def _by_surname(entry: RegisterEntry) -> tuple[str, str, int]:
    pupil = entry.pupil
    return (pupil.legal_last_name.lower(), pupil.legal_first_name.lower(), pupil.id or 0)


def referral_entries(session: DbSession) -> list[ReferralEntry]:
    """Every AP referral with its pupil and the provider considered, oldest first."""
    pupils = {p.id: p for p in session.scalars(select(Pupil))}
    providers = {p.id: p.name for p in session.scalars(select(Provider))}
    return [
        ReferralEntry(r, pupils[r.pupil_id], providers.get(r.provider_id or -1, ""))
        for r in all_referrals(session)
    ]
