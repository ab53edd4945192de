"""The school's own details and calendar (used on every letter and for school days)."""

from __future__ import annotations

from apdesk.domain.entities import School
from apdesk.domain.errors import InvalidInput
from apdesk.domain.identifiers import validate_ofsted_urn
from apdesk.domain.permissions import Permission
from apdesk.services.context import SYSTEM, Actor, AppServices, UnitOfWork, snapshot
from apdesk.services.records import find_school

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
)


def get_school(svc: AppServices, actor: Actor = SYSTEM) -> School | None:
    """The school's details; everyone may read them (they head every letter)."""
    with svc.read(actor) as session:
        return find_school(session)


def load_school(uow: UnitOfWork) -> School:
    school = find_school(uow.session)
    if school is None:
        raise InvalidInput("The school's details have not been entered yet.")
    return school


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
    school.terms = list(details.terms) if details.terms else school.terms
    school.closures = list(details.closures) if details.closures else school.closures
    uow.session.flush()
    uow.audit("school.save", "school", school.id, old=old, new=snapshot(school, *FIELDS))
    return school


def validate_school(details: School) -> None:
    if not details.name.strip():
        raise InvalidInput("Enter the school's name.")
    if details.urn.strip():
        details.urn = validate_ofsted_urn(details.urn)
