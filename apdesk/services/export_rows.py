"""The rows of each CSV export, read through the same permissions as the screens.

Pupils are named by their legal name (these files go to the Trust, the LA and the MIS) and
ordered by surname; codes, statuses and review types are the stable lower-case values the
program stores, so a script can match them.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select

from apdesk.domain.entities import AttendanceMark, Contact, Placement, Provider, Pupil
from apdesk.domain.enums import PlacementStatus
from apdesk.domain.labels import label
from apdesk.domain.permissions import Permission
from apdesk.domain.reviews import next_review_on
from apdesk.services import attendance
from apdesk.services.actor import Actor
from apdesk.services.ap_referrals import all_referrals, placements_from
from apdesk.services.app_services import AppServices
from apdesk.services.register import register_entries
from apdesk.services.review_plans import PlanMaker
from apdesk.services.school import school_calendar
from apdesk.storage import tables as t

Rows = list[list[str]]


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _by_surname(pupil: Pupil) -> tuple[str, str, int]:
    return (pupil.legal_last_name.lower(), pupil.legal_first_name.lower(), pupil.id or 0)


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
        rows = []
        for entry in register_entries(session)[1]:
            p, pupil, provider = entry.placement, entry.pupil, entry.provider
            named = next((c for c in provider.contacts if not c.is_dsl), None)
            upcoming = next_review_on(entry.slots, today)
            rows.append([
                pupil.upn, pupil.legal_name, provider.name, _site_address(p, provider),
                _contact(named), _contact(provider.dsl), _iso(p.start_date),
                _iso(p.planned_end_date),
                "; ".join(f"{label(o.area)}: {o.target}" for o in p.objectives),
                _iso(upcoming), p.status.value, p.school_lead, _iso(p.ended_on), _outcome(p),
                str(p.id),
            ])  # fmt: skip
        return rows


def _outcome(placement: Placement) -> str:
    """How it ended: the outcome recorded, or 'terminated'; empty while it runs."""
    if placement.status is PlacementStatus.TERMINATED:
        return "terminated"
    return placement.outcome.value if placement.outcome else ""


def attendance_rows(svc: AppServices, actor: Actor) -> Rows:
    """One row per mark, and one per expected session still unmarked once its register closed
    (empty final code), with the placement and provider: the provider's report and the final
    code apart, and `counted_code` the one that counts (the final, else the provider's)."""
    with svc.read(actor, Permission.VIEW_ATTENDANCE) as session:
        pupils = {p.id: p for p in session.scalars(select(Pupil))}
        providers = {p.id: p.name for p in session.scalars(select(Provider))}
        calendar = school_calendar(session)
        placements = {p.id: p for p in session.scalars(select(Placement))}
        found: dict[tuple[int | None, date, str], tuple[Placement | None, AttendanceMark | None]]
        found = {}
        for placement in placements.values():
            counted = attendance.attendance_of(session, svc, placement, calendar).counted
            for (day, part), code in counted.items():
                if code is None:
                    found[(placement.pupil_id, day, part.value)] = (placement, None)
        for mark in session.scalars(select(AttendanceMark)):
            where = placements.get(mark.placement_id)
            found[(mark.pupil_id, mark.date, mark.session.value)] = (where, mark)
        rows = []
        for key in sorted(found, key=lambda k: (_by_surname(pupils[k[0]]), k[1], k[2])):
            pupil, (where, marked) = pupils[key[0]], found[key]
            rows.append(
                [pupil.upn, pupil.legal_name, *_placement_cells(where, providers),
                 key[1].isoformat(), key[2], *_mark_cells(marked)]
            )  # fmt: skip
        return rows


def _placement_cells(placement: Placement | None, providers: dict[int | None, str]) -> list[str]:
    if placement is None:
        return ["", ""]
    return [str(placement.id), providers.get(placement.provider_id, "")]


def _mark_cells(mark: AttendanceMark | None) -> list[str]:
    """provider_code, reported_by, reported_how, reported_at, final_code, counted_code."""
    if mark is None:
        return ["", "", "", "", "", ""]
    return [
        mark.provider_reported_code or "",
        mark.reported_by,
        mark.reported_how.value if mark.reported_how else "",
        mark.reported_at.isoformat(timespec="minutes") if mark.reported_at else "",
        mark.code or "",
        mark.effective_code or "",
    ]


def percentage(present: int, possible: int) -> str:
    """Present ÷ possible as a percentage to one decimal place, halves rounded up: 87.5."""
    if not possible:
        return ""
    value = Decimal(present * 100) / Decimal(possible)
    return str(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def risk_rows(svc: AppServices, actor: Actor) -> Rows:
    """The Attendance & Punctuality Risk Register, lowest attendance first."""
    register = attendance.risk_register(svc, actor)
    with svc.read(actor, Permission.VIEW_ATTENDANCE) as session:
        names = {p.id: p.legal_name for p in session.scalars(select(Pupil))}
    return [
        [
            row.upn, names.get(row.pupil_id, row.pupil), row.provider, str(row.risk.possible),
            str(row.risk.present), percentage(row.risk.present, row.risk.possible),
            str(row.risk.late_count), ";".join(row.risk.flags), str(row.placement_id),
            str(row.risk.unmarked),
        ]
        for row in register
    ]  # fmt: skip


def review_rows(svc: AppServices, actor: Actor) -> Rows:
    """Every review the schedule asks for, with its status and the date of the review that met
    it (completed: on time; late: after its due date)."""
    today = svc.clock.today()
    with svc.read(actor, Permission.VIEW_REVIEWS) as session:
        pupils = {p.id: p for p in session.scalars(select(Pupil))}
        providers = {p.id: p.name for p in session.scalars(select(Provider))}
        found = session.scalars(
            select(Placement).where(t.placement.c.status != PlacementStatus.PROPOSED)
        )
        maker = PlanMaker(session)
        rows = []
        for p in sorted(found, key=lambda p: (_by_surname(pupils[p.pupil_id]), p.start_date)):
            pupil = pupils[p.pupil_id]
            for slot in maker.plan(p):
                rows.append(
                    [
                        pupil.upn,
                        pupil.legal_name,
                        providers[p.provider_id],
                        slot.due_on.isoformat(),
                        slot.kind.value,
                        slot.status(today).value,
                        _iso(slot.met_on if slot.met_on and slot.met_on <= today else None),
                        str(p.id),
                    ]
                )
        return rows


def referral_rows(svc: AppServices, actor: Actor) -> Rows:
    """Every AP referral, oldest first (Annex B 1.3: reason, date, outcome), whatever was
    decided, with the placements proposed from it."""
    with svc.read(actor, Permission.VIEW_PLACEMENTS) as session:
        pupils = {p.id: p for p in session.scalars(select(Pupil))}
        providers = {p.id: p.name for p in session.scalars(select(Provider))}
        placed = placements_from(session)
        rows = []
        for r in all_referrals(session):
            pupil = pupils.get(r.pupil_id)
            rows.append([
                pupil.upn if pupil else "", pupil.legal_name if pupil else "",
                _iso(r.referred_on), r.referred_by, r.reason_kind.value, r.reason,
                providers.get(r.provider_id, "") if r.provider_id else "",
                r.decision.value if r.decision else "being_considered", _iso(r.decided_on),
                r.decision_reason, " ".join(str(i) for i in placed.get(r.id or 0, ())),
                str(r.id),
            ])  # fmt: skip
        return rows
