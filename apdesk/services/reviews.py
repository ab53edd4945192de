"""Reviews: what is due and overdue by the schedule rule, and recording a review (with the
actions it agreed, in the same unit of work)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, partial
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import Select, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import lazyload

from apdesk.domain import reviews as rules
from apdesk.domain.entities import Action, Objective, Placement, Review, Staff
from apdesk.domain.entities.people import display_name
from apdesk.domain.enums import PlacementStatus, ReviewKind
from apdesk.domain.errors import InvalidInput
from apdesk.domain.labels import label
from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.domain.text import check_record_text
from apdesk.services.actions import add_in, check_action
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.services.lookups import (
    days_from_text,
    driver_rows,
    fetch,
    name_for,
    name_map,
    persisted_id,
)
from apdesk.services.review_plans import PlanMaker
from apdesk.services.school import school_calendar
from apdesk.services.unit_of_work import snapshot
from apdesk.storage import tables as t


@dataclass(frozen=True)
class DueReviewRow:
    placement_id: int
    pupil_id: int
    pupil: str
    provider: str
    due_on: date
    kind: str
    overdue: bool
    review_kind: ReviewKind  # the value behind `kind`, to pre-fill the review form


class ReviewListRow(NamedTuple):
    """A review that is overdue, due or held, as the Reviews list shows it: a plain row (at
    10x the list holds 66,000, and a tuple is made several times faster than a frozen
    dataclass). `list_reviews` makes the held ones as the list shows them, so no row of a
    long list is made twice (the service's, then the tab's)."""

    status: str  # "Overdue", "Due" or "Held"
    when: date  # the day due, or held
    pupil: str
    provider: str
    kind: str
    next_on: date | None  # the next review's date the meeting set (held ones)
    placement_id: int
    review_kind: ReviewKind | None = None  # what a due review should be (None once held)
    review_id: int | None = None  # a held review's id


HELD = "Held"


_IS_LIVE = t.placement.c.status.in_((PlacementStatus.ACTIVE, PlacementStatus.AUTHORISED))


# Each statement here is made once, when first run (making one costs about what running a
# short one does; not at import, since start-up imports this module).
@cache
def _live_query() -> Select[Placement]:
    # The schedule reads none of a placement's objectives or Annex A: loaded when asked for.
    return select(Placement).where(_IS_LIVE).options(lazyload("*"))


def _live(session: DbSession) -> list[Placement]:
    return list(session.scalars(_live_query()))


def due_and_overdue(session: DbSession, today: date) -> list[tuple[Placement, rules.ReviewsDue]]:
    live = _live(session)
    maker = PlanMaker(session, only=[persisted_id(p) for p in live])
    return [(p, rules.due_reviews(maker.plan(p), today)) for p in live]


@cache
def _named() -> Select[Any]:
    """Each placement's pupil and provider, to name its reviews."""
    p, pu = t.placement.c, t.pupil.c
    return (
        select(p.id, pu.preferred_name, pu.legal_first_name, pu.legal_last_name, t.provider.c.name)
        .join_from(t.placement, t.pupil, p.pupil_id == pu.id)
        .outerjoin(t.provider, p.provider_id == t.provider.c.id)
    )


@cache
def _live_named() -> Select[Any]:
    return _named().where(_IS_LIVE)


def _names(session: DbSession, query: Select[Any]) -> dict[int, tuple[str, str]]:
    """The pupil's name and the provider's (blank without one) of each placement `query`
    names, by placement id, as lists show them."""
    rows = session.execute(query).all()
    return {id_: (display_name(*pupil), provider or "") for id_, *pupil, provider in rows}


def reviews_due(svc: AppServices, actor: Actor) -> list[DueReviewRow]:
    """Overdue reviews first, then those due in the next week."""
    with svc.read(actor, Permission.VIEW_REVIEWS) as session:
        names = _names(session, _live_named())  # the live placements' pupils and providers
        rows = []
        for placement, due in due_and_overdue(session, svc.clock.today()):
            pupil_id = placement.pupil_id or 0  # every placement has its pupil
            pupil, provider = names[persisted_id(placement)]
            for slot, overdue in [(s, True) for s in due.overdue] + [(s, False) for s in due.due]:
                rows.append(
                    DueReviewRow(
                        persisted_id(placement),
                        pupil_id,
                        pupil,
                        provider,
                        slot.due_on,
                        label(slot.kind),
                        overdue,
                        slot.kind,
                    )
                )
        return sorted(rows, key=lambda r: (not r.overdue, r.due_on))


@cache
def _held_sql() -> str:
    """The reviews held, newest first, read alone (see `list_reviews`), as the driver's SQL:
    at 10x SQLAlchemy's result rows and its reading of each stored day were a sixth of the
    list."""
    r = t.review.c
    held = select(r.id, r.placement_id, r.held_on, r.kind, r.next_review_on)
    return str(held.order_by(r.held_on.desc(), r.id).compile(dialect=sqlite.dialect()))


#: A `ReviewListRow` from a tuple of its fields, made by `tuple` itself: a NamedTuple's own
#: constructor is a Python function, a call a row of a long list.
_listed: Callable[[tuple[object, ...]], ReviewListRow] = partial(tuple.__new__, ReviewListRow)


def list_reviews(svc: AppServices, actor: Actor) -> list[ReviewListRow]:
    """Every review held, newest first, as the list shows it: the reviews alone in one
    query, named from each placement's pupil and provider read once (at 10x, 66,000 reviews
    of 4,100 placements: joining the names to every review was a third of the query), each
    stored day read once."""
    with svc.read(actor, Permission.VIEW_REVIEWS) as session:
        kinds = {kind.value: label(kind) for kind in ReviewKind}  # the label by stored value
        names = _names(session, _named())
        rows = driver_rows(session, _held_sql())
        days = days_from_text(itertools.chain(map(itemgetter(2), rows), map(itemgetter(4), rows)))
        return [
            _listed(
                (HELD, days[on], *names[placement], kinds[kind], days[nxt], placement, None, id_)
            )
            for id_, placement, on, kind, nxt in rows
        ]


def get_review(svc: AppServices, actor: Actor, review_id: int) -> Review:
    with svc.read(actor, Permission.VIEW_REVIEWS) as session:
        return fetch(session, Review, review_id, "review")


@dataclass(frozen=True)
class AgreedAction:
    """An action a review opened, as its record lists it."""

    title: str
    due_on: date
    owner: str
    status: str


@dataclass(frozen=True)
class HeldReview:
    """A review as its record shows it: the review, each objective's target by id (for its
    progress lines) and the actions it opened."""

    review: Review
    targets: dict[int, str]
    actions: list[AgreedAction]


def held_review(svc: AppServices, actor: Actor, review_id: int) -> HeldReview:
    with svc.read(actor, Permission.VIEW_REVIEWS) as session:
        review = fetch(session, Review, review_id, "review")
        objectives = session.scalars(
            select(Objective).where(t.objective.c.placement_id == review.placement_id)
        )
        targets = {persisted_id(o): f"{label(o.area)}: {o.target}" for o in objectives}
        names = name_map(session, Staff, "display_name")
        actions = session.scalars(
            select(Action).where(t.action.c.review_id == review_id).order_by(t.action.c.id)
        )
        agreed = [
            AgreedAction(a.title, a.due_on, name_for(names, a.owner_id), label(a.status))
            for a in actions
        ]
        return HeldReview(review, targets, agreed)


def suggested_next_review(
    svc: AppServices, actor: Actor, placement_id: int, after: date | None = None
) -> date | None:
    """The next date the schedule rule would ask for if a review were held on `after`
    (default today)."""
    with svc.read(actor, Permission.VIEW_REVIEWS) as session:
        placement = fetch(session, Placement, placement_id, "placement")
        day = after or svc.clock.today()
        supposed = Review(placement.id, ReviewKind.REVIEW_MEETING, day)
        slots = PlanMaker(session).plan(placement, [supposed])
        upcoming = [s.due_on for s in slots if s.due_on > day and s.met_on is None]
        return min(upcoming) if upcoming else None


def record_review(
    svc: AppServices, actor: Actor, review: Review, actions: Sequence[Action] = ()
) -> Review:
    """Record a review held: attendees, progress per objective, concerns, the next date, and
    the actions it agreed. One unit of work: if any part is refused, nothing is stored."""
    check_record_text(review, "review")  # no NUL or direction controls; lengths kept
    if review.held_on > svc.clock.today():
        raise InvalidInput(
            "A review is recorded once it has been held; that date is in the future."
        )
    rules.check_review_held(review)
    rules.check_next_review_date(review.held_on, review.next_review_on)
    for action in actions:
        check_action(action)
    needed = (Permission.RECORD_REVIEWS, *((Permission.EDIT_ACTIONS,) if actions else ()))
    with svc.work(actor, *needed) as uow:
        placement = fetch(uow.session, Placement, review.placement_id, "placement")
        rules.check_review_date(
            placement, review.kind, review.held_on, school_calendar(uow.session)
        )
        objective_ids = {o.id for o in placement.objectives}
        if any(p.objective_id not in objective_ids for p in review.progress):
            raise InvalidInput("Progress was noted against an objective of another placement.")
        stored = Review(
            placement.id,
            review.kind,
            review.held_on,
            attendees=[replace(a, id=None, review_id=None) for a in review.attendees],
            progress=[replace(p, id=None, review_id=None) for p in review.progress],
            attendance_note=review.attendance_note,
            concerns=review.concerns,
            next_review_on=review.next_review_on,
            recorded_by=actor.staff_id or None,
        )
        uow.session.add(stored)
        uow.session.flush()
        uow.audit(
            "review.record",
            RecordKind.REVIEW,
            stored.id,
            new=snapshot(stored, "placement_id", "kind", "held_on", "next_review_on"),
        )
        for action in actions:
            action.review_id = stored.id
            add_in(uow, action)
        return stored
