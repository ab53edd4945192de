"""The rows of the two exports for the school's systems: attendance for the MIS and the
census's AP fields. The rules are the domain's (`domain/mis_attendance.py`,
`domain/census.py`); here they are read from the store through the screens' permissions.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from apdesk.domain import census, mis_attendance
from apdesk.domain.entities import AttendanceMark, Placement, Provider, Pupil
from apdesk.domain.permissions import Permission
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.services.attendance import register_closes
from apdesk.services.school import school_calendar

Rows = list[list[str]]


def _by_surname(pupil: Pupil) -> tuple[str, str, int]:
    return (pupil.legal_last_name.lower(), pupil.legal_first_name.lower(), pupil.id or 0)


def _pupils(session: DbSession) -> list[Pupil]:
    return sorted(session.scalars(select(Pupil)), key=_by_surname)


def mis_attendance_rows(svc: AppServices, actor: Actor) -> Rows:
    """Every session at provision, pupil by pupil (by surname) and day by day; pupils without
    a UPN are left out (`pupils_without_upn` names them)."""
    now = svc.clock.now()
    with svc.read(actor, Permission.VIEW_ATTENDANCE) as session:
        calendar, closes = school_calendar(session), register_closes(session)
        providers = {p.id: p.name for p in session.scalars(select(Provider))}
        marks: dict[int | None, list[AttendanceMark]] = defaultdict(list)
        for mark in session.scalars(select(AttendanceMark)):
            marks[mark.placement_id].append(mark)
        placements: dict[int | None, list[Placement]] = defaultdict(list)
        for placement in session.scalars(select(Placement)):
            placements[placement.pupil_id].append(placement)
        where = {p.id: providers.get(p.provider_id, "") for ps in placements.values() for p in ps}
        rows = []
        for pupil in _pupils(session):
            if not pupil.upn.strip():
                continue
            sessions = mis_attendance.merge_sessions(
                *(
                    mis_attendance.placement_sessions(p, marks[p.id], calendar, now, closes)
                    for p in placements[pupil.id]
                )
            )
            rows += [
                mis_attendance.mis_row(pupil, where.get(item.placement_id, ""), item)
                for item in sessions
            ]
        return rows


def pupils_without_upn(svc: AppServices, actor: Actor) -> list[str]:
    """A sentence for each pupil at provision whose sessions the MIS file leaves out."""
    with svc.read(actor, Permission.VIEW_ATTENDANCE) as session:
        placed = {p.pupil_id for p in session.scalars(select(Placement)) if census.in_census(p)}
        return [
            f"{pupil.legal_name} has no UPN, so their sessions are not in the file: "
            "add the UPN on the pupil, then export again."
            for pupil in _pupils(session)
            if pupil.id in placed and not pupil.upn.strip()
        ]


def census_rows(svc: AppServices, actor: Actor) -> Rows:
    """Every placement arranged (not only proposed), by surname then start date."""
    with svc.read(actor, Permission.VIEW_PLACEMENTS) as session:
        providers = {p.id: p for p in session.scalars(select(Provider))}
        placements: dict[int | None, list[Placement]] = defaultdict(list)
        for placement in session.scalars(select(Placement)):
            if census.in_census(placement):
                placements[placement.pupil_id].append(placement)
        return [
            census.census_row(pupil, providers[p.provider_id], p)
            for pupil in _pupils(session)
            for p in sorted(placements[pupil.id], key=lambda p: (p.start_date, p.id or 0))
        ]
