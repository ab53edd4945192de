"""Demo attendance: a code for every session each placement expects, and daily recording.

Patterns: "steady" (about 96%, the odd illness), "persistent" (about 85%), "severe" (about
40%), "monday" (off on two Mondays in five), "late" (lateness on six mornings) and
"falling" (each of the last three complete weeks worse than the one before). Absences are
whole days. The provider reports each session (B when the pupil attended, N when not) and
the school records the final code; the newest absences of year 0 may still be N. Marks go
in one transaction per day with one audit row, as an attendance lead would record them.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from functools import partial
from random import Random

from sqlalchemy import insert

from apdesk.demo.content import PROVIDERS
from apdesk.demo.world import PlacementPlan, SessionKey, World, Year, moment
from apdesk.domain.attendance import is_falling
from apdesk.domain.codes import lookup
from apdesk.domain.entities import AttendanceMark
from apdesk.domain.enums import Session
from apdesk.domain.permissions import Permission
from apdesk.domain.placements import parse_pattern
from apdesk.domain.record_kinds import RecordKind

ABSENT_SHARE = {"steady": 0.04, "persistent": 0.15, "severe": 0.6, "late": 0.03, "falling": 0.02}
ABSENCE_CODES = {
    "persistent": ("I", "O", "G", "O"),
    "severe": ("O", "O", "I", "O"),
    "monday": ("I", "O"),
}
KEEP_LOW = ("persistent", "severe")  # fixing an accidental fall must not lift these
REGISTERED_BY = {Session.AM: "09:30", Session.PM: "14:00"}
DISPUTE = "B>O"  # the provider said B, the school recorded O
DISPUTE_NOTE = (
    "The provider confirmed this was an online session only: remote education is never B."
)


def plan_codes(world: World, year: Year, plan: PlacementPlan, rng: Random) -> None:
    """Fill `plan.codes` with the session codes its pattern calls for."""
    sessions = _expected(world, year, plan)
    days = sorted({day for day, _ in sessions})
    pattern = plan.spec.pattern
    if pattern == "monday":
        mondays = [d for d in days if d.weekday() == 0]
        absent = set(rng.sample(mondays, round(len(mondays) * 0.4)))
    else:
        absent = set(rng.sample(days, round(len(days) * ABSENT_SHARE[pattern])))
    choices = ABSENCE_CODES.get(pattern, ("I", "I", "M"))
    by_day = {day: rng.choice(choices) for day in sorted(absent)}
    plan.codes = {(d, s): by_day.get(d, "B") for d, s in sessions}
    _lateness(plan, rng, 6 if pattern == "late" else rng.randrange(2))
    if pattern == "falling":
        _make_falling(plan.codes, world.today)
    else:
        _no_accidental_fall(plan.codes, world.today, add=pattern in KEEP_LOW)
    if year.current:
        _still_unexplained(plan, world.today)
    if pattern == "persistent":
        _dispute(plan.codes)


def _expected(world: World, year: Year, plan: PlacementPlan) -> list[SessionKey]:
    pattern = set(parse_pattern(plan.spec.weekly))
    return [
        (day, session)
        for day in world.calendar.school_days_between(plan.start, plan.last_day)
        for session in (Session.AM, Session.PM)
        if (day.weekday(), session) in pattern and moment(day, REGISTERED_BY[session]) <= world.now
    ]


def _lateness(plan: PlacementPlan, rng: Random, how_many: int) -> None:
    mornings = [k for k, code in plan.codes.items() if k[1] is Session.AM and code == "B"]
    late = rng.sample(mornings, min(how_many, len(mornings)))
    for key in late:
        plan.codes[key] = "L"
    if how_many > 3:
        plan.codes[late[-1]] = "U"


def _weeks(codes: dict[SessionKey, str], today: date) -> list[list[SessionKey]]:
    """The sessions of each complete week (Friday before today), oldest first."""
    weeks: dict[date, list[SessionKey]] = defaultdict(list)
    for key in sorted(codes):
        monday = key[0] - timedelta(days=key[0].weekday())
        if monday + timedelta(days=4) < today:
            weeks[monday].append(key)
    return [weeks[m] for m in sorted(weeks)]


def _falling(codes: dict[SessionKey, str], today: date) -> bool:
    return is_falling({key: final_code(code) for key, code in codes.items()}, today)


def _make_falling(codes: dict[SessionKey, str], today: date) -> None:
    """Full attendance, then one day off, then two days off in the last three weeks."""
    weeks = _weeks(codes, today)[-3:]
    for week, days_off in zip(weeks, (0, 1, 2), strict=False):
        for n, key in enumerate(week):
            codes[key] = "I" if n < 2 * days_off else "B"
    if len(weeks) == 3:
        for key in weeks[2]:
            if not _falling(codes, today):
                codes[key] = "O"


def _no_accidental_fall(codes: dict[SessionKey, str], today: date, add: bool) -> None:
    """Undo a chance fall: a better last week, or (to keep a low rate low) a worse one before."""
    weeks = _weeks(codes, today)
    while _falling(codes, today):
        week = weeks[-2] if add else weeks[-1]
        if add:
            key = next(k for k in week if lookup(final_code(codes[k])).counts_present)
            codes[key] = "O"
        else:
            key = next(k for k in week if not lookup(final_code(codes[k])).counts_present)
            codes[key] = "B"


def _still_unexplained(plan: PlacementPlan, today: date) -> None:
    """Absences in the last week not yet followed up: the provider's N is all there is."""
    for key, code in plan.codes.items():
        if code == "O" and key[0] >= today - timedelta(days=7):
            plan.codes[key] = "N"


def _dispute(codes: dict[SessionKey, str]) -> None:
    key = next((k for k in sorted(codes) if codes[k] == "O"), None)
    if key is not None:
        codes[key] = DISPUTE


def final_code(code: str) -> str:
    return code.split(">")[-1]


def plan_marks(world: World, year: Year) -> None:
    """One recording event per school day, after school: the register is kept daily (§9), so
    the sweeps during the term see only the absences that were really unexplained."""
    days: dict[date, list[tuple[PlacementPlan, SessionKey]]] = defaultdict(list)
    for plan in year.plans.values():
        for key in plan.codes:
            days[key[0]].append((plan, key))
    for day in sorted(days):
        world.at(day, "16:30", partial(_record_week, world, year, days[day]))


def _record_week(world: World, year: Year, entries: list[tuple[PlacementPlan, SessionKey]]) -> None:
    actor = world.staff["attendance"]
    with world.past.work(actor, Permission.RECORD_ATTENDANCE) as uow:
        rows = [_row(world, year, plan, key, actor.staff_id, uow.now) for plan, key in entries]
        uow.session.execute(insert(AttendanceMark), rows)
        days = [key[0] for _, key in entries]
        uow.audit(
            "attendance.record",
            RecordKind.ATTENDANCE,
            None,
            new={"marks": len(rows), "from": min(days).isoformat(), "to": max(days).isoformat()},
        )
    world.counts["marks"] += len(rows)


def _row(
    world: World, year: Year, plan: PlacementPlan, key: SessionKey, staff_id: int, now: object
) -> dict[str, object]:
    day, session = key
    code = plan.codes[key]
    reported = code.split(">")[0] if ">" in code else (code if code in ("B", "L") else "N")
    spec = PROVIDERS[plan.spec.provider]
    provider = world.providers[plan.spec.provider]
    return {
        "pupil_id": year.pupil_ids[plan.spec.pupil],
        "placement_id": plan.placement_id,
        "date": day,
        "session": session,
        "provider_reported_code": "L" if code == "U" else reported,
        "reported_by": f"{provider.contacts[0].name} ({provider.name})",
        "reported_at": moment(day, "09:40" if session is Session.AM else "13:50"),
        "reported_how": spec.reported_how,
        "code": None if code == "N" else final_code(code),
        "recorded_by": staff_id,
        "recorded_at": now,
        "note": DISPUTE_NOTE if code == DISPUTE else "",
    }
