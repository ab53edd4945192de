"""The rows of each CSV export, read through the same permissions as the screens.

Pupils are named by their legal name (these files go to the Trust, the LA and the MIS) and
ordered by surname; codes, statuses and review types are the stable lower-case values the
program stores, so a script can match them. Each is a generator: rows are read a chunk of
pupils (or placements) at a time and made as the file is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session as DbSession

from apdesk.domain import attendance as rules
from apdesk.domain.entities import Contact, Placement, Provider, Pupil
from apdesk.domain.entities.people import legal_name
from apdesk.domain.enums import PlacementStatus, ReportMethod, Session
from apdesk.domain.labels import label
from apdesk.domain.permissions import Permission
from apdesk.domain.reviews import next_review_on
from apdesk.services import attendance
from apdesk.services.actor import Actor
from apdesk.services.ap_referrals import all_referrals, placements_from
from apdesk.services.app_services import AppServices
from apdesk.services.lookups import name_map
from apdesk.services.register import register_entries
from apdesk.services.review_plans import PlanMaker
from apdesk.services.school import school_calendar
from apdesk.storage import tables as t

Rows = Iterator[list[str]]
#: Pupils read at a time (with their placements, and their marks for attendance).
CHUNK = 25


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


class PupilRow(NamedTuple):
    """A pupil as a plain row: who, in the order the exports list pupils."""

    id: int
    legal_last_name: str
    legal_first_name: str
    upn: str

    @property
    def legal_name(self) -> str:
        return legal_name(self.legal_first_name, self.legal_last_name)


def rows_by_surname(session: DbSession, upn_missing: bool = False) -> Iterator[list[PupilRow]]:
    """Every pupil (or only those with no UPN) by surname, first name and id, as plain rows a
    chunk at a time."""
    pu = t.pupil.c
    rows = session.execute(select(pu.id, pu.legal_last_name, pu.legal_first_name, pu.upn))
    ordered = sorted(
        (PupilRow(*r) for r in rows if not upn_missing or not r[3].strip()),
        key=lambda r: (r.legal_last_name.lower(), r.legal_first_name.lower(), r.id),
    )
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def pupils_by_surname(session: DbSession, upn_missing: bool = False) -> Iterator[list[Pupil]]:
    """`rows_by_surname`'s pupils as records, a chunk at a time as they are needed."""
    for chunk in rows_by_surname(session, upn_missing):
        ids = [r.id for r in chunk]
        found = {p.id: p for p in session.scalars(select(Pupil).where(t.pupil.c.id.in_(ids)))}
        yield [found[i] for i in ids]


def placements_of(session: DbSession, pupils: list[Pupil]) -> dict[int | None, list[Placement]]:
    """The pupils' placements, each pupil's in the order they were recorded."""
    query = select(Placement).where(t.placement.c.pupil_id.in_([p.id for p in pupils]))
    found: dict[int | None, list[Placement]] = {p.id: [] for p in pupils}
    for placement in session.scalars(query.order_by(t.placement.c.id)):
        found[placement.pupil_id].append(placement)
    return found


def _contact(contact: Contact | None) -> str:
    if contact is None:
        return ""
    return ", ".join(
        part for part in (contact.name, contact.role, contact.phone, contact.email) if part
    )


def _site_address(placement: Placement, provider: Provider) -> str:
    site = next((s for s in provider.sites if s.id == placement.site_id), provider.main_site)
    return ", ".join(site.address.splitlines()) if site else ""


def register_rows(svc: AppServices, actor: Actor) -> Rows:
    """Every placement, with where, who to contact, dates, objectives, the next review still
    to do (the first open row of the reviews export), the school lead and how it ended."""
    today = svc.clock.today()
    with svc.read(actor, Permission.VIEW_REGISTER) as session:
        for entry in register_entries(session)[1]:
            p, pupil, provider = entry.placement, entry.pupil, entry.provider
            named = next((c for c in provider.contacts if not c.is_dsl), None)
            upcoming = next_review_on(entry.slots, today)
            yield [
                pupil.upn, pupil.legal_name, provider.name, _site_address(p, provider),
                _contact(named), _contact(provider.dsl), _iso(p.start_date),
                _iso(p.planned_end_date),
                "; ".join(f"{label(o.area)}: {o.target}" for o in p.objectives),
                _iso(upcoming), p.status.value, p.school_lead, _iso(p.ended_on), _outcome(p),
                str(p.id),
            ]  # fmt: skip


def _outcome(placement: Placement) -> str:
    """How it ended: the outcome recorded, or 'terminated'; empty while it runs."""
    if placement.status is PlacementStatus.TERMINATED:
        return "terminated"
    return placement.outcome.value if placement.outcome else ""


def attendance_rows(svc: AppServices, actor: Actor) -> Rows:
    """One row per mark, and one per expected session still unmarked once its register closed
    (empty final code), with the placement and provider: the provider's report and the final
    code apart, and `counted_code` the one that counts (the final, else the provider's).
    Pupil by pupil (by surname), then by day and session.

    Read as plain rows, not records (112,000 marks at a school's ten years): a placement's
    unmarked sessions are the risk register's (`rules.closed_weeks` of its expected weeks)."""
    today, now = svc.clock.today(), svc.clock.now()
    with svc.read(actor, Permission.VIEW_ATTENDANCE) as session:
        providers = name_map(session, Provider)
        calendar, closes = school_calendar(session), attendance.register_closes(session)
        for pupils in rows_by_surname(session):
            placed = placement_rows_of(session, [p.id for p in pupils])
            marks = mark_rows_of(session, placed)
            for pupil in pupils:
                found: dict[tuple[date, str], tuple[PlacementRow | None, MarkRow | None]] = {}
                for dates in placed[pupil.id]:  # a later placement's over an earlier one's
                    expected = rules.expected_weeks(dates, calendar, dates.start_date, today)
                    for day, half in rules.sessions_of(rules.closed_weeks(expected, now, closes)):
                        found[(day, half.value)] = (dates, None)
                by_id: dict[int | None, PlacementRow] = {p.id: p for p in placed[pupil.id]}
                for mark in marks.get(pupil.id, ()):  # a mark over the session it is for
                    found[(mark.date, mark.session.value)] = (by_id.get(mark.placement_id), mark)
                for day, part in sorted(found):
                    where, marked = found[(day, part)]
                    yield [pupil.upn, pupil.legal_name, *_placement_cells(where, providers),
                           day.isoformat(), part, *_mark_cells(marked)]  # fmt: skip


class PlacementRow(NamedTuple):
    """A placement as the attendance exports read it (`rules.PlacementDates`, and where)."""

    id: int
    pupil_id: int
    provider_id: int
    status: PlacementStatus
    start_date: date
    planned_end_date: date | None
    ended_on: date | None
    weekly_pattern: str


class MarkRow(NamedTuple):
    """A mark as the attendance exports write it."""

    id: int
    pupil_id: int
    placement_id: int | None
    date: date
    session: Session
    provider_reported_code: str | None
    reported_by: str
    reported_how: ReportMethod | None
    reported_at: datetime | None
    code: str | None


def placement_rows_of(session: DbSession, pupil_ids: list[int]) -> dict[int, list[PlacementRow]]:
    """The pupils' placements as plain rows, each pupil's in the order they were recorded."""
    p = t.placement.c
    query = select(
        p.id, p.pupil_id, p.provider_id, p.status, p.start_date, p.planned_end_date, p.ended_on,
        p.weekly_pattern,
    ).where(p.pupil_id.in_(pupil_ids))  # fmt: skip
    found: dict[int, list[PlacementRow]] = {i: [] for i in pupil_ids}
    for row in session.execute(query.order_by(p.id)):
        found[row[1]].append(PlacementRow._make(row))
    return found


def mark_rows_of(
    session: DbSession, placed: dict[int, list[PlacementRow]]
) -> dict[int, list[MarkRow]]:
    """Each pupil's marks, in the order they were made: those of their placements, and their
    own with no placement."""
    m = t.attendance_mark.c
    owner = {p.id: p.pupil_id for ps in placed.values() for p in ps}
    query = select(
        m.id, m.pupil_id, m.placement_id, m.date, m.session, m.provider_reported_code,
        m.reported_by, m.reported_how, m.reported_at, m.code,
    ).where(
        or_(
            m.placement_id.in_(list(owner)),
            and_(m.pupil_id.in_(list(placed)), m.placement_id.is_(None)),
        )
    )  # fmt: skip
    found: dict[int, list[MarkRow]] = {}
    for row in session.execute(query.order_by(m.id)):
        mark = MarkRow._make(row)
        pupil = mark.pupil_id if mark.placement_id is None else owner[mark.placement_id]
        found.setdefault(pupil, []).append(mark)
    return found


def _placement_cells(placement: PlacementRow | None, providers: dict[int, str]) -> list[str]:
    if placement is None:
        return ["", ""]
    return [str(placement.id), providers.get(placement.provider_id, "")]


def _mark_cells(mark: MarkRow | None) -> list[str]:
    """provider_code, reported_by, reported_how, reported_at, final_code, counted_code."""
    if mark is None:
        return ["", "", "", "", "", ""]
    return [
        mark.provider_reported_code or "",
        mark.reported_by,
        mark.reported_how.value if mark.reported_how else "",
        mark.reported_at.isoformat(timespec="minutes") if mark.reported_at else "",
        mark.code or "",
        mark.code or mark.provider_reported_code or "",  # AttendanceMark.effective_code
    ]


def percentage(present: int, possible: int) -> str:
    """Present ÷ possible as a percentage to one decimal place, halves rounded up: 87.5."""
    if not possible:
        return ""
    value = Decimal(present * 100) / Decimal(possible)
    return str(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def risk_rows(svc: AppServices, actor: Actor) -> Rows:
    """The Attendance & Punctuality Risk Register, lowest attendance first (a row per
    placement, made whole by the register itself)."""
    register = attendance.risk_register(svc, actor)
    with svc.read(actor, Permission.VIEW_ATTENDANCE) as session:
        names = {p.id: p.legal_name for p in session.scalars(select(Pupil))}
    for row in register:
        yield [
            row.upn, names.get(row.pupil_id, row.pupil), row.provider, str(row.risk.possible),
            str(row.risk.present), percentage(row.risk.present, row.risk.possible),
            str(row.risk.late_count), ";".join(row.risk.flags), str(row.placement_id),
            str(row.risk.unmarked),
        ]  # fmt: skip


def review_rows(svc: AppServices, actor: Actor) -> Rows:
    """Every review the schedule asks for, with its status and the date of the review that met
    it (completed: on time; late: after its due date)."""
    today = svc.clock.today()
    with svc.read(actor, Permission.VIEW_REVIEWS) as session:
        providers = {p.id: p.name for p in session.scalars(select(Provider))}
        maker = PlanMaker(session)
        for pupils in pupils_by_surname(session):
            placed = placements_of(session, pupils)
            for pupil in pupils:
                live = [p for p in placed[pupil.id] if p.status is not PlacementStatus.PROPOSED]
                for p in sorted(live, key=lambda p: p.start_date):
                    for slot in maker.plan(p):
                        met = slot.met_on if slot.met_on and slot.met_on <= today else None
                        yield [pupil.upn, pupil.legal_name, providers[p.provider_id],
                               slot.due_on.isoformat(), slot.kind.value,
                               slot.status(today).value, _iso(met), str(p.id)]  # fmt: skip


def referral_rows(svc: AppServices, actor: Actor) -> Rows:
    """Every AP referral, oldest first (Annex B 1.3: reason, date, outcome), whatever was
    decided, with the placements proposed from it."""
    with svc.read(actor, Permission.VIEW_PLACEMENTS) as session:
        referred = select(t.ap_referral.c.pupil_id)
        pupils = {p.id: p for p in session.scalars(select(Pupil).where(t.pupil.c.id.in_(referred)))}
        providers = name_map(session, Provider)
        placed = placements_from(session)
        for r in all_referrals(session):
            pupil = pupils.get(r.pupil_id)
            yield [
                pupil.upn if pupil else "", pupil.legal_name if pupil else "",
                _iso(r.referred_on), r.referred_by, r.reason_kind.value, r.reason,
                providers.get(r.provider_id, "") if r.provider_id else "",
                r.decision.value if r.decision else "being_considered", _iso(r.decided_on),
                r.decision_reason, " ".join(str(i) for i in placed.get(r.id or 0, ())),
                str(r.id),
            ]  # fmt: skip
