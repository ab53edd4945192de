"""The school's own details and calendar (used on every letter and for school days).

`find_school` and `school_calendar` are how every other service reads them.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from apdesk.domain import complaints as complaint_rules
from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.entities import School, Term
from apdesk.domain.errors import InvalidInput
from apdesk.domain.formatting import format_date
from apdesk.domain.identifiers import validate_ofsted_urn
from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.domain.reviews import ReviewIntervals
from apdesk.services.actor import SYSTEM, Actor
from apdesk.services.app_services import AppServices
from apdesk.services.child_rows import sync_children
from apdesk.services.unit_of_work import UnitOfWork, snapshot
from apdesk.storage import tables as t

#: School weeks between reviews by risk level (None: the policy's 2, 2 and 4).
REVIEW_WEEKS = ("review_weeks_high", "review_weeks_medium", "review_weeks_low")
#: School days each complaint stage has (None: domain/complaints.py's defaults).
COMPLAINT_DAYS = tuple(complaint_rules.SETTING_FIELDS.values())
FIELDS = (
    "name",
    "address",
    "urn",
    "local_authority",
    "phone",
    "email",
    "headteacher",
    "dsl",
    "dsl_phone",
    "dsl_email",
    "deputy_dsl",
    "complaint_route",
    "am_register_closes",
    "pm_register_closes",
    *REVIEW_WEEKS,
    *COMPLAINT_DAYS,
    "school_type",
)


def get_school(svc: AppServices, actor: Actor = SYSTEM) -> School | None:
    """The school's details; everyone may read them (they head every letter)."""
    with svc.read(actor) as session:
        return find_school(session)


def school_name(svc: AppServices, actor: Actor = SYSTEM) -> str | None:
    """The school's name alone, for a window's title or the sign-in page: `get_school` loads
    its terms and closures too (hundreds of rows after ten years)."""
    with svc.read(actor) as session:
        return session.scalar(select(t.school.c.name).order_by(t.school.c.id).limit(1))


def load_school(uow: UnitOfWork) -> School:
    school = find_school(uow.session)
    if school is None:
        raise InvalidInput("The school's details have not been entered yet.")
    return school


def find_school(session: Session) -> School | None:
    """The school's details, or None until the set-up wizard has saved them."""
    once = _ONCE.get()
    if once is not None and once.school_read:
        return once.school
    school = session.scalars(select(School)).first()
    if once is not None:
        once.school, once.school_read = school, True
    return school


@dataclass
class _Once:
    school_read: bool = False
    school: School | None = None
    calendar: SchoolCalendar | None = None


#: The school and its calendar, read once per request (`one_school`): Today asks a dozen
#: services, each of which would otherwise read the school (with its terms and closures) and
#: make its own calendar. None outside a request.
_ONCE: ContextVar[_Once | None] = ContextVar("one_school", default=None)


@contextmanager
def one_school() -> Iterator[None]:
    """Within this, the school is read once and `school_calendar` made once (the school and
    its terms do not change during a read-only request such as Today)."""
    token = _ONCE.set(_Once())
    try:
        yield
    finally:
        _ONCE.reset(token)


def school_calendar(session: Session) -> SchoolCalendar:
    once = _ONCE.get()
    if once is not None and once.calendar is not None:
        return once.calendar
    if once is not None and once.school_read:  # the school is read already: its terms too
        calendar = SchoolCalendar.for_school(once.school) if once.school else SchoolCalendar([])
    else:
        calendar = _calendar_of(session)
    if once is not None:
        once.calendar = calendar
    return calendar


_TERMS = select(t.term.c.start, t.term.c.end)  # made once: each list's load reads them
_CLOSURES = select(t.closure.c.on)


def _calendar_of(session: Session) -> SchoolCalendar:
    """The calendar from the terms and closures alone, read as plain rows (the school's
    record with everything it holds is far more than a calendar needs)."""
    return SchoolCalendar(session.execute(_TERMS).all(), session.scalars(_CLOSURES))


def save_school(svc: AppServices, actor: Actor, details: School) -> School:
    """Create or update the school's details (one school per store)."""
    validate_school(details)
    with svc.work(actor, Permission.EDIT_SCHOOL) as uow:
        return save_in(uow, details)


def save_in(uow: UnitOfWork, details: School) -> School:
    """Save the school's details inside a unit of work the caller already holds."""
    school = find_school(uow.session)
    old = snapshot(school, *FIELDS) if school else None
    if school is None:
        school = School(name=details.name)
        uow.session.add(school)
    for name in FIELDS:
        setattr(school, name, getattr(details, name))
    # The calendar is saved as given: a term or closure left out is removed.
    school.terms = sync_children(school.terms, list(details.terms))
    school.closures = sync_children(school.closures, list(details.closures))
    uow.session.flush()
    calendar = {
        "terms": [f"{t.name}: {t.start} to {t.end}" for t in school.terms],
        "closures": [f"{c.on} {c.reason}".strip() for c in school.closures],
    }
    uow.audit(
        "school.save",
        RecordKind.SCHOOL,
        school.id,
        old=old,
        new=snapshot(school, *FIELDS) | calendar,
    )
    return school


def validate_school(details: School) -> None:
    if not details.name.strip():
        raise InvalidInput("Enter the school's name.")
    if details.urn.strip():
        details.urn = validate_ofsted_urn(details.urn)
    _validate_terms(details.terms)
    if details.pm_register_closes <= details.am_register_closes:
        raise InvalidInput(
            "The afternoon register must close after the morning one "
            f"({details.am_register_closes:%H:%M})."
        )
    problems = _intervals(details).problems()
    problems += complaint_rules.StageDays.for_school(details).problems()
    if problems:
        raise InvalidInput(problems[0])


def _intervals(details: School) -> ReviewIntervals:
    """The intervals as given (0 is refused, not read as 'the policy's')."""
    policy = ReviewIntervals()
    given = [getattr(details, name) for name in REVIEW_WEEKS]
    return ReviewIntervals(
        *(
            default if weeks is None else weeks
            for weeks, default in zip(given, (policy.high, policy.medium, policy.low), strict=True)
        )
    )


def _validate_terms(terms: list[Term]) -> None:
    """Every term named, ending after it starts, and none overlapping another."""
    for term in terms:
        if not term.name.strip():
            raise InvalidInput("Give every term a name, such as 'Autumn 2026'.")
        if term.end <= term.start:
            raise InvalidInput(f"{term.name} must end after it starts ({format_date(term.start)}).")
    names = [t.name.strip().lower() for t in terms]
    for term in terms:
        if names.count(term.name.strip().lower()) > 1:
            raise InvalidInput(f"Two terms are called '{term.name.strip()}': name each once.")
    ordered = sorted(terms, key=lambda t: t.start)
    for earlier, later in itertools.pairwise(ordered):
        if later.start <= earlier.end:
            raise InvalidInput(
                f"{later.name} starts before {earlier.name} ends "
                f"({format_date(earlier.end)}): terms cannot overlap."
            )
