"""Gather one pupil's file (for the CP-file transfer pack and subject access), and redact
third parties' names from it when the DSL chooses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from apdesk.documents.pupil_file_data import FiledIncident, FiledPlacement, PupilFile
from apdesk.domain.entities import (
    AttendanceMark,
    Incident,
    Placement,
    Provider,
    Pupil,
    Review,
    Staff,
)
from apdesk.domain.incidents import role_of
from apdesk.domain.labels import label
from apdesk.domain.subject_access import REDACTED, redact, redaction_names
from apdesk.services import pupils
from apdesk.services.app_services import AppServices
from apdesk.services.lookups import fetch, name_map
from apdesk.storage import tables as t


def gather(session: DbSession, svc: AppServices, pupil_id: int, everything: bool) -> PupilFile:
    """The pupil's details, chronology (with narratives), incidents and placements; with
    `everything`, their reviews and attendance marks too. The caller checks permission."""
    pupil = fetch(session, Pupil, pupil_id, "pupil")
    providers = name_map(session, Provider)
    placements = list(session.scalars(select(Placement).where(t.placement.c.pupil_id == pupil_id)))
    ids = [p.id for p in placements]
    incidents = [
        FiledIncident(i, label(role))
        for i in session.scalars(select(Incident).order_by(t.incident.c.occurred_at))
        if (role := role_of(i, pupil_id)) is not None
    ]
    reviews: list[Review] = []
    marks: list[AttendanceMark] = []
    if everything:
        reviews = list(session.scalars(select(Review).where(t.review.c.placement_id.in_(ids))))
        marks = list(
            session.scalars(select(AttendanceMark).where(t.attendance_mark.c.pupil_id == pupil_id))
        )
    return PupilFile(
        pupil,
        pupils.cp_flags(pupil),
        pupils.chronology_in(session, svc, pupil_id, narratives=True),
        incidents,
        [FiledPlacement(p, providers.get(p.provider_id or 0, "")) for p in placements],
        reviews,
        marks,
    )


def third_parties(session: DbSession, file: PupilFile) -> list[str]:
    """Everyone a file may name who is not the pupil: other pupils, staff, provider contacts,
    those who reported incidents and people at reviews (carers are the pupil's own record)."""
    names = [p.legal_name for p in session.scalars(select(Pupil)) if p.id != file.pupil.id]
    names += [p.preferred_name for p in session.scalars(select(Pupil)) if p.id != file.pupil.id]
    names += [s.display_name for s in session.scalars(select(Staff))]
    names += [c.name for p in session.scalars(select(Provider)) for c in p.contacts]
    names += [f.incident.reported_by for f in file.incidents]
    names += [a.name for r in file.reviews for a in r.attendees]
    names += [f.placement.school_lead for f in file.placements]
    names += [o.lead for f in file.placements for o in f.placement.objectives]
    return [n for n in names if n and n.strip()]


def redacted(file: PupilFile, third: Iterable[str]) -> PupilFile:
    """The file with each third party's name replaced by [redacted] wherever it is written."""
    p = file.pupil
    names = redaction_names(third, [p.legal_first_name, p.legal_last_name, p.preferred_name])

    def r(text: str) -> str:
        return redact(text, names)

    incidents = [
        replace(
            f,
            incident=replace(
                f.incident,
                reported_by=REDACTED if f.incident.reported_by.strip() else "",
                narrative=r(f.incident.narrative),
                actions_taken=r(f.incident.actions_taken),
                decision=r(f.incident.decision),
                rationale=r(f.incident.rationale),
                referrals=[replace(x, outcome=r(x.outcome)) for x in f.incident.referrals],
            ),
        )
        for f in file.incidents
    ]
    placements = [
        replace(
            f,
            placement=replace(
                f.placement,
                school_lead=r(f.placement.school_lead),
                curriculum_plan=r(f.placement.curriculum_plan),
                exit_plan=r(f.placement.exit_plan),
                reason_note=r(f.placement.reason_note),
                objectives=[
                    replace(o, lead=r(o.lead), target=r(o.target)) for o in f.placement.objectives
                ],
            ),
        )
        for f in file.placements
    ]
    reviews = [
        replace(
            v,
            concerns=r(v.concerns),
            attendance_note=r(v.attendance_note),
            attendees=[replace(a, name=REDACTED) for a in v.attendees],
        )
        for v in file.reviews
    ]
    chronology = [replace(e, summary=r(e.summary), detail=r(e.detail)) for e in file.chronology]
    return replace(
        file, chronology=chronology, incidents=incidents, placements=placements, reviews=reviews
    )
