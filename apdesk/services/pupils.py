"""Pupils: the list with current placement and flags, the record, and the chronology.

Child-protection flags are only shown to (and only changed by) those allowed to see them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from apdesk.domain.attendance import covers, expected_sessions, unexplained_absences
from apdesk.domain.chronology import ChronologyEntry, build_chronology
from apdesk.domain.entities import (
    Action,
    AttendanceMark,
    EhcpDetails,
    Incident,
    Placement,
    Provider,
    Pupil,
    Review,
    SocialCare,
)
from apdesk.domain.entities.people import display_name
from apdesk.domain.entities.placements import LIVE_STATUSES
from apdesk.domain.enums import PlacementStatus, SenStatus
from apdesk.domain.errors import InvalidInput
from apdesk.domain.formatting import format_date
from apdesk.domain.identifiers import validate_upn
from apdesk.domain.labels import label
from apdesk.domain.multi_agency import meetings_held
from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.domain.text import check_record_text
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.services.attendance import register_closes
from apdesk.services.child_rows import sync_children
from apdesk.services.lookups import fetch, name_for, name_map
from apdesk.services.school import school_calendar
from apdesk.services.unit_of_work import snapshot
from apdesk.storage import tables as t

FIELDS = (
    "legal_first_name",
    "legal_last_name",
    "date_of_birth",
    "upn",
    "preferred_name",
    "year_group",
    "sen_status",
)
CP_FIELDS = ("cp_plan", "child_in_need", "looked_after")


@dataclass(frozen=True)
class PupilRow:
    id: int
    name: str
    upn: str
    year_group: int | None
    sen: str
    provider: str
    placement_status: str
    flags: tuple[str, ...]


CP_FLAG_NAMES = {
    "cp_plan": "CP plan",
    "child_in_need": "Child in need",
    "looked_after": "Looked after",
}


def cp_flags(pupil: Pupil) -> tuple[str, ...]:
    """ "CP plan", "Child in need", "Looked after" as they apply (for those who may see them)."""
    return _flags(*(getattr(pupil, name) for name in CP_FLAG_NAMES))


def _flags(*on: bool) -> tuple[str, ...]:
    return tuple(text for ticked, text in zip(on, CP_FLAG_NAMES.values(), strict=True) if ticked)


def list_pupils(svc: AppServices, actor: Actor) -> list[PupilRow]:
    """Every pupil with their current placement, read as plain rows (no pupil records with
    their carers, no placements with their objectives)."""
    sees_cp = actor.may(Permission.VIEW_CP_FLAGS)
    u = t.pupil.c
    query = select(
        u.id,
        u.preferred_name,
        u.legal_first_name,
        u.legal_last_name,
        u.upn,
        u.year_group,
        u.sen_status,
        u.cp_plan,
        u.child_in_need,
        u.looked_after,
    ).order_by(u.legal_last_name)
    sen_words = {sen: label(sen) for sen in SenStatus}
    status_words = {status: label(status) for status in PlacementStatus}
    with svc.read(actor, Permission.VIEW_PUPILS) as session:
        providers = name_map(session, Provider)
        current = _current_placements(session)
        rows = []
        for pupil_id, preferred, first, last, upn, year, sen, *cp in session.execute(query):
            placement = current.get(pupil_id)
            rows.append(
                PupilRow(
                    pupil_id,
                    display_name(preferred, first, last),
                    upn,
                    year,
                    sen_words[sen],
                    name_for(providers, placement[1]) if placement else "",
                    status_words[placement[2]] if placement else "",
                    _flags(*cp) if sees_cp else (),
                )
            )
        return rows


def _current_placements(session: DbSession) -> dict[int, tuple[int, int | None, PlacementStatus]]:
    """Each pupil's most relevant placement (its id, provider and status, as a plain row):
    live first, then the latest started."""
    p = t.placement.c
    query = select(p.pupil_id, p.id, p.provider_id, p.status).order_by(p.start_date)
    best: dict[int, tuple[int, int | None, PlacementStatus]] = {}
    for pupil_id, placement_id, provider_id, status in session.execute(query):
        held = best.get(pupil_id)
        if held is None or held[2] not in LIVE_STATUSES or status in LIVE_STATUSES:
            best[pupil_id] = (placement_id, provider_id, status)
    return best


def get_pupil(svc: AppServices, actor: Actor, pupil_id: int) -> Pupil:
    with svc.read(actor, Permission.VIEW_PUPILS) as session:
        pupil = fetch(session, Pupil, pupil_id, "pupil")
        if not actor.may(Permission.VIEW_CP_FLAGS):
            return replace(
                pupil,
                cp_plan=False,
                child_in_need=False,
                looked_after=False,
                carers=list(pupil.carers),
            )
        return pupil


def save_pupil(svc: AppServices, actor: Actor, pupil: Pupil) -> Pupil:
    """Add or update a pupil. UPN and names are checked before anything is written."""
    if not pupil.legal_first_name.strip() or not pupil.legal_last_name.strip():
        raise InvalidInput("Enter the pupil's legal first name and surname.")
    check_record_text(pupil, "pupil")
    upn = validate_upn(pupil.upn) if pupil.upn.strip() else ""
    sees_cp = actor.may(Permission.VIEW_CP_FLAGS)
    with svc.work(actor, Permission.EDIT_PUPILS) as uow:
        _check_upn_free(uow.session, upn, pupil.id)
        stored = uow.session.get(Pupil, pupil.id) if pupil.id else None
        audited = FIELDS + (CP_FIELDS if sees_cp else ())
        old = snapshot(stored, *audited) if stored else None
        if stored is None:
            stored = Pupil(pupil.legal_first_name, pupil.legal_last_name, pupil.date_of_birth)
            uow.session.add(stored)
        for name in FIELDS + (CP_FIELDS if sees_cp else ()):
            setattr(stored, name, getattr(pupil, name))
        stored.upn = upn
        stored.carers = sync_children(stored.carers, pupil.carers)
        uow.session.flush()
        uow.audit(
            "pupil.save", RecordKind.PUPIL, stored.id, old=old, new=snapshot(stored, *audited)
        )
        return stored


def _check_upn_free(session: DbSession, upn: str, pupil_id: int | None) -> None:
    """A UPN belongs to one pupil: say whose it already is (the store refuses it too)."""
    if not upn:
        return
    owner = session.scalar(
        select(Pupil).where(t.pupil.c.upn == upn, t.pupil.c.id != (pupil_id or 0))
    )
    if owner is not None:
        raise InvalidInput(
            f"UPN {upn} is already {owner.display_name}'s (born "
            f"{format_date(owner.date_of_birth)}). A UPN belongs to one pupil: check the number, "
            "or if this is the same child, open that record instead (or merge the two)."
        )


def chronology(svc: AppServices, actor: Actor, pupil_id: int) -> list[ChronologyEntry]:
    """Placements, attendance concerns, reviews, incidents, referrals and actions by event date."""
    with svc.read(actor, Permission.VIEW_CHRONOLOGY) as session:
        entries = chronology_in(session, svc, pupil_id)
    svc.audit_look(actor, "document.chronology", RecordKind.PUPIL, pupil_id)
    return entries


def chronology_in(
    session: DbSession, svc: AppServices, pupil_id: int, narratives: bool = False
) -> list[ChronologyEntry]:
    """The chronology read in an open session (the caller has checked permission, and
    decides whether incidents carry their narrative)."""
    fetch(session, Pupil, pupil_id, "pupil")
    placements = list(session.scalars(select(Placement).where(t.placement.c.pupil_id == pupil_id)))
    ids = [p.id for p in placements]
    marks = list(
        session.scalars(select(AttendanceMark).where(t.attendance_mark.c.pupil_id == pupil_id))
    )
    calendar = school_calendar(session)
    today, now = svc.clock.today(), svc.clock.now()
    absences = [
        a
        for p in placements
        for a in unexplained_absences(
            pupil_id,
            expected_sessions(p, calendar, p.start_date, today),
            [m for m in marks if covers(p, m.date)],
            now,
            register_closes(session),
            p.id,
        )
    ]
    return build_chronology(
        pupil_id,
        placements,
        absences,
        session.scalars(select(Review).where(t.review.c.placement_id.in_(ids))),
        session.scalars(select(Incident)),
        session.scalars(select(Action)),
        name_map(session, Provider),
        narratives=narratives,
        meetings=meetings_held(
            [
                session.scalar(
                    select(SocialCare).where(t.pupil_social_care.c.pupil_id == pupil_id)
                ),
                session.scalar(select(EhcpDetails).where(t.pupil_ehcp.c.pupil_id == pupil_id)),
            ]
        ),
    )


def find_by_upn(svc: AppServices, actor: Actor, upn: str) -> Pupil:
    """The pupil with this UPN, or a clear message."""
    wanted = upn.strip().upper()
    with svc.read(actor, Permission.VIEW_PUPILS) as session:
        pupil = session.scalar(select(Pupil).where(t.pupil.c.upn == wanted))
        if pupil is None:
            raise InvalidInput(f"No pupil has the UPN {wanted}.")
        return pupil


def current_placement_id(svc: AppServices, actor: Actor, pupil_id: int) -> int:
    """The pupil's live placement, else their most recent one."""
    with svc.read(actor, Permission.VIEW_PLACEMENTS) as session:
        placement = _current_placements(session).get(pupil_id)
        if placement is None:
            raise InvalidInput("That pupil has no placement recorded.")
        return placement[0]
