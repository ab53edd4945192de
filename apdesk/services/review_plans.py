"""Each placement's review plan from the one schedule rule (`apdesk.domain.reviews.review_plan`).

Today, the Reviews tab, the register, the exports, the parent letters, Annex B and the
governors' report all read plans from here, so they cannot disagree. The rule is fed with the
reviews held, the school calendar, the school's intervals and the placement's risk level
changes, read from the audit log (each saved placement records its old and new risk level).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session as DbSession

from apdesk.domain import reviews as rules
from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.entities import Placement, Review
from apdesk.domain.enums import RiskLevel
from apdesk.services.school import school_calendar
from apdesk.storage import tables as t

Plans = Mapping[int | None, list[rules.ReviewSlot]]


@cache  # each made once, when first asked for (not at import: start-up imports this module)
def _risk_saves(only: bool) -> Select[tuple[str | None, str, Any, Any]]:
    """Every placement's saves that changed its risk level, or `only` some placements'
    (their ids bound): made once, since making a statement costs about what running a short
    one does, and every list and Today plan reviews."""
    a = t.audit_log.c
    old, new = (func.json_extract(values, "$.risk_level") for values in (a.old, a.new))
    query = select(a.entity_id, a.at, old, new).where(
        a.entity == "placement", a.action == "placement.save"
    )
    if only:
        # before the JSON is read: SQLite tests the terms in the order written, and reading
        # two values out of every placement's every save was most of this for a few
        # placements (0.3 against 3.5 ms at 10 years, 828 saves for 18 live placements)
        query = query.where(a.entity_id.in_(bindparam("only", expanding=True)))
    return query.where(old != new).order_by(a.id)


def risk_changes(
    session: DbSession, only: Collection[int] | None = None
) -> dict[int, list[rules.RiskChange]]:
    """Every recorded change of a placement's risk level (of `only` those placements, when
    given), by placement, oldest first. The database reads the risk level out of each save's
    old and new values (JSON) and keeps the saves that changed it: parsing every save's whole
    record in Python was most of this."""
    if only is None:
        saves = session.execute(_risk_saves(False))
    else:
        saves = session.execute(_risk_saves(True), {"only": [str(i) for i in only]})
    found: dict[int, list[rules.RiskChange]] = defaultdict(list)
    for entity_id, at, was, now in saves:
        before, after = _risk(was), _risk(now)
        if before is None or after is None or not entity_id:
            continue
        found[int(entity_id)].append(rules.RiskChange(_day(at), before, after))
    return found


_LEVELS = {r.value: r for r in RiskLevel}


def _risk(value: object) -> RiskLevel | None:
    return _LEVELS.get(value) if isinstance(value, str) else None


def _day(at: str) -> date:
    return datetime.fromisoformat(at).date()


@cache
def _intervals() -> Select[Any]:
    """The school's three intervals alone (its record loads its terms too)."""
    s = t.school.c
    return select(s.review_weeks_high, s.review_weeks_medium, s.review_weeks_low)


@cache
def _held(only: bool) -> Select[Any]:
    """The reviews held, oldest first, of every placement or `only` some (their ids bound)."""
    r = t.review.c
    query = select(r.placement_id, r.id, r.kind, r.held_on, r.next_review_on)
    if only:
        query = query.where(r.placement_id.in_(bindparam("only", expanding=True)))
    return query.order_by(r.held_on)


class PlanMaker:
    """Everything the rule needs, read once, for any number of placements (`only` those
    placements' reviews, when given: Today and the due list plan only the live ones).

    The reviews held are read as plain rows (`rules.HeldReview`): the schedule reads four of
    a review's columns, and loading each review with its attendees and progress was most of
    the time a plan took on a school's ten years."""

    def __init__(self, session: DbSession, only: Collection[int] | None = None) -> None:
        self.calendar: SchoolCalendar = school_calendar(session)
        weeks = session.execute(_intervals()).first()
        self.intervals = rules.ReviewIntervals.as_set(*weeks) if weeks else rules.ReviewIntervals()
        self.changes = risk_changes(session, only)
        self.held: dict[int | None, list[rules.Held]] = defaultdict(list)
        if only is None:
            held = session.execute(_held(False))
        else:
            held = session.execute(_held(True), {"only": list(only)})
        for placement_id, *review in held:
            self.held[placement_id].append(rules.HeldReview(*review))

    def plan(self, placement: Placement, extra: Iterable[Review] = ()) -> list[rules.ReviewSlot]:
        return rules.review_plan(
            placement,
            [*self.held[placement.id], *extra],
            self.calendar,
            self.intervals,
            self.changes.get(placement.id or 0, ()),
        )


def plan_for(session: DbSession, placement: Placement) -> list[rules.ReviewSlot]:
    return PlanMaker(session).plan(placement)


def plans_for(
    session: DbSession, placements: Iterable[Placement]
) -> dict[int | None, list[rules.ReviewSlot]]:
    maker = PlanMaker(session)
    return {p.id: maker.plan(p) for p in placements}
