"""The register of pupils in AP (§17): one list of entries behind both the PDF and the CSV.

The entries are read as they are used, a few hundred placements at a time, so the PDF (made
a page at a time) and the CSV (written a row at a time) hold a page or a chunk of the store,
whatever its size. Only the order, the counts and each placement's reviews held (the four
columns the schedule reads) are read whole.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from apdesk.documents.register_entries import ReferralEntry, RegisterCounts, RegisterEntry
from apdesk.domain.entities import Placement, Provider, Pupil
from apdesk.domain.enums import PlacementStatus
from apdesk.domain.reviews import live_for_reviews
from apdesk.services.ap_referrals import all_referrals
from apdesk.services.review_plans import PlanMaker
from apdesk.storage import tables as t

#: Placements read at a time: enough that the queries are few, few enough to stay small.
CHUNK = 200


def register_entries(session: DbSession) -> tuple[RegisterCounts, Iterator[RegisterEntry]]:
    """How many placements (and how many current), and every placement with its pupil,
    provider, last review held and review plan (none while proposed), by surname then start,
    read as they are taken (within `session`)."""
    order = _surname_order(session)
    live = sum(1 for _, status in order if not PlacementStatus(status).is_closed)
    return RegisterCounts(len(order), live), _entries(session, [i for i, _ in order])


def _surname_order(session: DbSession) -> list[tuple[int, str]]:
    """Each placement's id and status: pupils by surname, first name, id; then by start."""
    pl, pu = t.placement.c, t.pupil.c
    query = select(pl.id, pl.status, pu.legal_last_name, pu.legal_first_name, pu.id, pl.start_date)
    rows = session.execute(query.join_from(t.placement, t.pupil, pl.pupil_id == pu.id))
    ordered = sorted(rows, key=lambda r: (r[2].lower(), r[3].lower(), r[4], r[5], r[0]))
    return [(r[0], r[1]) for r in ordered]


def _entries(session: DbSession, ids: Sequence[int]) -> Iterator[RegisterEntry]:
    providers = {p.id: p for p in session.scalars(select(Provider))}
    maker = PlanMaker(session)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        placements = {
            p.id: p for p in session.scalars(select(Placement).where(t.placement.c.id.in_(chunk)))
        }
        wanted = {p.pupil_id for p in placements.values()}
        pupils = {p.id: p for p in session.scalars(select(Pupil).where(t.pupil.c.id.in_(wanted)))}
        for placement_id in chunk:
            p = placements[placement_id]
            held = maker.held[p.id]
            yield RegisterEntry(
                p,
                pupils[p.pupil_id],
                providers[p.provider_id],
                held[-1].held_on if held else None,
                tuple(maker.plan(p)) if live_for_reviews(p) else (),
            )


def referral_entries(session: DbSession) -> list[ReferralEntry]:
    """Every AP referral with its pupil and the provider considered, oldest first."""
    referred = select(t.ap_referral.c.pupil_id)
    pupils = {p.id: p for p in session.scalars(select(Pupil).where(t.pupil.c.id.in_(referred)))}
    providers = {p.id: p.name for p in session.scalars(select(Provider))}
    return [
        ReferralEntry(r, pupils[r.pupil_id], providers.get(r.provider_id or -1, ""))
        for r in all_referrals(session)
    ]
