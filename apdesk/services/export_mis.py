"""The rows of the two exports for the school's systems: attendance for the MIS and the
census's AP fields. The rules are the domain's (`domain/mis_attendance.py`,
`domain/census.py`); here they are read from the store through the screens' permissions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from sqlalchemy import select

from apdesk.domain import census, mis_attendance
from apdesk.domain.entities import Provider
from apdesk.domain.permissions import Permission
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.services.attendance import register_closes
from apdesk.services.export_rows import (
    MarkRow,
    mark_rows_of,
    placement_rows_of,
    placements_of,
    pupils_by_surname,
    rows_by_surname,
)
from apdesk.services.lookups import name_map
from apdesk.services.school import school_calendar

Rows = Iterator[list[str]]


def mis_attendance_rows(svc: AppServices, actor: Actor) -> Rows:
    """Every session at provision, pupil by pupil (by surname) and day by day; pupils without
    a UPN are left out (`pupils_without_upn` names them). Read as plain rows, as the
    attendance export's are."""
    now = svc.clock.now()
    with svc.read(actor, Permission.VIEW_ATTENDANCE) as session:
        calendar, closes = school_calendar(session), register_closes(session)
        providers = name_map(session, Provider)
        for pupils in rows_by_surname(session):
            placed = placement_rows_of(session, [p.id for p in pupils])
            marks = mark_rows_of(session, placed)
            for pupil in pupils:
                if not pupil.upn.strip():
                    continue
                at: dict[int | None, list[MarkRow]] = defaultdict(list)
                for mark in marks.get(pupil.id, ()):
                    at[mark.placement_id].append(mark)
                sessions = mis_attendance.merge_sessions(
                    *(
                        mis_attendance.placement_sessions(p, at[p.id], calendar, now, closes)
                        for p in placed[pupil.id]
                    )
                )
                where: dict[int | None, str] = {
                    p.id: providers.get(p.provider_id, "") for p in placed[pupil.id]
                }
                for item in sessions:
                    yield mis_attendance.mis_row(pupil, where.get(item.placement_id, ""), item)


def pupils_without_upn(svc: AppServices, actor: Actor) -> list[str]:
    """A sentence for each pupil at provision whose sessions the MIS file leaves out."""
    with svc.read(actor, Permission.VIEW_ATTENDANCE) as session:
        return [
            f"{pupil.legal_name} has no UPN, so their sessions are not in the file: "
            "add the UPN on the pupil, then export again."
            for pupils in pupils_by_surname(session, upn_missing=True)
            for pupil, placed in zip(pupils, placements_of(session, pupils).values(), strict=True)
            if any(census.in_census(p) for p in placed)
        ]


def census_rows(svc: AppServices, actor: Actor) -> Rows:
    """Every placement arranged (not only proposed), by surname then start date."""
    with svc.read(actor, Permission.VIEW_PLACEMENTS) as session:
        providers = {p.id: p for p in session.scalars(select(Provider))}
        for pupils in pupils_by_surname(session):
            placed = placements_of(session, pupils)
            for pupil in pupils:
                counted = [p for p in placed[pupil.id] if census.in_census(p)]
                for p in sorted(counted, key=lambda p: (p.start_date, p.id or 0)):
                    yield census.census_row(pupil, providers[p.provider_id], p)
