"""The AP policy as data (§19): its front page in School settings, and the checklist wording.

The newest wording loaded (File > Load policy wording…) is in force; until one is loaded the
wording shipped with APDesk is. Only the Headteacher changes either. Today reminds the
Headteacher 30 days before the review date and once it has passed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import insert, select
from sqlalchemy.orm import Session as DbSession

from apdesk.domain import policy_wording as rules
from apdesk.domain.errors import InvalidInput
from apdesk.domain.formatting import format_date
from apdesk.domain.permissions import Permission
from apdesk.domain.policy_wording import PolicyWording
from apdesk.domain.record_kinds import RecordKind
from apdesk.domain.text import check_text
from apdesk.services.actor import SYSTEM, Actor
from apdesk.services.app_services import AppServices
from apdesk.services.school import find_school
from apdesk.services.unit_of_work import snapshot
from apdesk.storage import tables as t

DETAILS = ("policy_version", "policy_approved_on", "policy_approving_body", "policy_review_on")


@dataclass(frozen=True)
class PolicyDetails:
    """The policy's front page: version, approval date, approving body, next review date."""

    version: str
    approved_on: date | None
    approving_body: str
    review_on: date | None


def wording_in_force(session: DbSession) -> PolicyWording:
    """The newest wording loaded into this store, else the one shipped."""
    document = session.execute(
        select(t.policy_wording.c.document).order_by(t.policy_wording.c.id.desc()).limit(1)
    ).scalar()
    return rules.parse_wording(document) if document else rules.shipped_wording()


def current_wording(svc: AppServices, actor: Actor = SYSTEM) -> PolicyWording:
    """The wording in force; everyone may read it (it is printed on every checklist)."""
    with svc.read(actor) as session:
        return wording_in_force(session)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def load_wording(svc: AppServices, actor: Actor, data: bytes) -> PolicyWording:
    """Check a wording file strictly and, if it is right and newer, put it in force."""
    svc.require(actor, Permission.MANAGE_POLICY)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(
            "This is not a policy wording file APDesk can read: it is not UTF-8 text."
        ) from None
    wording = rules.parse_wording(text)
    problem = rules.same_lines_problem(wording, rules.shipped_wording())
    if problem:
        raise InvalidInput(problem)
    with svc.work(actor, Permission.MANAGE_POLICY) as uow:
        in_force = wording_in_force(uow.session)
        if _version_key(wording.version) <= _version_key(in_force.version):
            raise InvalidInput(
                f"This file is version {wording.version}, and version {in_force.version} is "
                "already in force: load a newer version."
            )
        uow.session.execute(
            insert(t.policy_wording).values(
                version=wording.version,
                document=text,
                loaded_at=uow.now,
                loaded_by=actor.staff_id or None,
            )
        )
        school = find_school(uow.session)
        if school is not None:
            school.policy_version = wording.version
        uow.audit(
            "policy.wording_load",
            RecordKind.POLICY_WORDING,
            None,
            old={"version": in_force.version},
            new={"version": wording.version, "approved": wording.approved},
        )
    return wording


def get_details(svc: AppServices, actor: Actor = SYSTEM) -> PolicyDetails | None:
    with svc.read(actor) as session:
        school = find_school(session)
    if school is None:
        return None
    return PolicyDetails(
        school.policy_version,
        school.policy_approved_on,
        school.policy_approving_body,
        school.policy_review_on,
    )


def validate_details(details: PolicyDetails, today: date) -> None:
    """The policy's front page as a Headteacher may save it."""
    if not rules.VERSION_PATTERN.fullmatch(details.version.strip()):
        raise InvalidInput(f"The policy version '{details.version}' should look like 1.0 or 2.1.")
    check_text(details.approving_body, "The approving body", 200)
    if not details.approving_body.strip():
        raise InvalidInput("Name the body that approved the policy, such as the SSC.")
    if details.approved_on is None or details.review_on is None:
        raise InvalidInput("Enter the date the policy was approved and its next review date.")
    if details.approved_on > today:
        raise InvalidInput(
            f"The policy cannot have been approved on {format_date(details.approved_on)}: "
            "that is in the future."
        )
    if details.review_on <= details.approved_on:
        raise InvalidInput("The next review date must come after the date of approval.")


def save_details(svc: AppServices, actor: Actor, details: PolicyDetails) -> None:
    """The Headteacher keeps the policy's version, approval and review dates (audited)."""
    with svc.work(actor, Permission.MANAGE_POLICY) as uow:
        validate_details(details, uow.now.date())
        school = find_school(uow.session)
        if school is None:
            raise InvalidInput("Enter the school's details first.")
        old = snapshot(school, *DETAILS)
        school.policy_version = details.version.strip()
        school.policy_approved_on = details.approved_on
        school.policy_approving_body = details.approving_body.strip()
        school.policy_review_on = details.review_on
        uow.audit(
            "policy.details", RecordKind.SCHOOL, school.id, old=old, new=snapshot(school, *DETAILS)
        )


def review_reminder(svc: AppServices, actor: Actor) -> tuple[str, date] | None:
    """Today's line for the Headteacher about the policy review (§19), if one is due."""
    details = get_details(svc, actor)
    if details is None or details.review_on is None:
        return None
    when = rules.review_reminder(details.review_on, svc.clock.today())
    if when is None:
        return None
    return (
        f"Alternative Provision Policy v{details.version}: review {when} "
        f"({format_date(details.review_on)}). Load the new wording once it is approved.",
        details.review_on,
    )
