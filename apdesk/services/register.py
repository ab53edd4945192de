"""The register of pupils in AP (§17): one list of entries behind both the PDF and the CSV."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from apdesk.documents.register import RegisterEntry
from apdesk.domain.entities import Placement, Provider, Pupil, Review
from apdesk.storage import tables as t


def register_entries(session: DbSession) -> list[RegisterEntry]:
    """Every placement with its pupil, provider and reviews held, by surname then start."""
    pupils = {p.id: p for p in session.scalars(select(Pupil))}
    providers = {p.id: p for p in session.scalars(select(Provider))}
    held: dict[int | None, list[Review]] = defaultdict(list)
    for review in session.scalars(select(Review).order_by(t.review.c.held_on)):
        held[review.placement_id].append(review)
    entries = [
        RegisterEntry(p, pupils[p.pupil_id], providers[p.provider_id], tuple(held[p.id]))
        for p in session.scalars(select(Placement).order_by(t.placement.c.start_date))
    ]
    return sorted(entries, key=_by_surname)


def _by_surname(entry: RegisterEntry) -> tuple[str, str, int]:
    pupil = entry.pupil
    return (pupil.legal_last_name.lower(), pupil.legal_first_name.lower(), pupil.id or 0)
