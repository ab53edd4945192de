"""Staff accounts and signing in: Argon2id passwords, lockout after repeated failures; closing,
reopening and changing the roles of an account (the rules are `apdesk.domain.accounts`)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, func, insert, select, update

from apdesk.domain import accounts as rules
from apdesk.domain.corrections import checked_reason
from apdesk.domain.entities import School, Staff
from apdesk.domain.enums import Role
from apdesk.domain.errors import InvalidInput, PermissionDenied
from apdesk.domain.permissions import (
    LOCKOUT_WINDOW,
    Permission,
    check_password_strength,
    is_locked_out,
)
from apdesk.domain.record_kinds import RecordKind
from apdesk.services import school as school_service
from apdesk.services import signing_keys
from apdesk.services.actor import SYSTEM, Actor
from apdesk.services.app_services import AppServices
from apdesk.services.lookups import persisted_id
from apdesk.services.passwords import hash_password, password_matches
from apdesk.services.unit_of_work import UnitOfWork
from apdesk.storage import tables as t
from apdesk.storage.tables import sign_in_failure, staff_credential


class SignInRefused(PermissionDenied):
    """Wrong username or password, or an account waiting after too many failures."""


WRONG = "That username and password do not match. Check them and try again."
CLOSED = (
    "This account has been closed, so it cannot sign in. If you still work here, ask the "
    "Headteacher to reopen it."
)


def actor_for(member: Staff) -> Actor:
    return Actor(
        persisted_id(member), member.username, member.display_name, frozenset(member.roles)
    )


def has_staff(svc: AppServices) -> bool:
    with svc.read(SYSTEM) as session:
        return bool(session.scalar(select(func.count()).select_from(Staff)))


def create_first_headteacher(
    svc: AppServices,
    username: str,
    display_name: str,
    password: str,
    school: School | None = None,
) -> Actor:
    """The set-up wizard's account (and the school's details, in the same transaction, so
    the signing certificate carries the school's name); refused once any account exists."""
    if has_staff(svc):
        raise PermissionDenied("The first account has already been made; sign in instead.")
    if school is not None:
        school_service.validate_school(school)
    with svc.work(SYSTEM) as uow:
        if school is not None:
            school_service.save_in(uow, school)
        member = _add_staff(uow, username, display_name, [Role.HEADTEACHER], password)
    return actor_for(member)


def create_staff(
    svc: AppServices,
    actor: Actor,
    username: str,
    display_name: str,
    roles: Iterable[Role],
    password: str,
    email: str = "",
) -> Staff:
    roles = list(roles)
    _require_may_manage(actor, roles)
    with svc.work(actor, Permission.MANAGE_STAFF) as uow:
        return _add_staff(uow, username, display_name, roles, password, email)


def _require_may_manage(actor: Actor, account_roles: Iterable[Role]) -> None:
    rules.require_may_manage(actor.roles, account_roles)


def _add_staff(
    uow: UnitOfWork,
    username: str,
    display_name: str,
    roles: list[Role],
    password: str,
    email: str = "",
) -> Staff:
    username = username.strip().lower()
    if not username or not display_name.strip():
        raise InvalidInput("A member of staff needs a username and a name.")
    if not roles:
        raise InvalidInput("Choose at least one role.")
    check_password_strength(password)
    if uow.session.scalar(select(Staff).where(t.staff.c.username == username)):
        raise InvalidInput(f"The username '{username}' is already taken.")
    member = Staff(username=username, display_name=display_name.strip(), roles=roles, email=email)
    uow.session.add(member)
    uow.session.flush()
    uow.session.execute(
        insert(staff_credential).values(staff_id=member.id, password_hash=hash_password(password))
    )
    signing_keys.issue_for(uow, member, password)
    uow.audit(
        "staff.create",
        RecordKind.STAFF,
        member.id,
        new={"username": username, "roles": [r.value for r in roles]},
    )
    return member


def list_staff(svc: AppServices, actor: Actor) -> list[Staff]:
    with svc.read(actor, Permission.MANAGE_STAFF) as session:
        return list(session.scalars(select(Staff).order_by(t.staff.c.display_name)))


def sign_in(svc: AppServices, username: str, password: str) -> Actor:
    """The actor for a right password; a plain-English refusal otherwise (and a counted failure).

    Every refusal writes one audit row: a wrong password, an unknown username (the name as
    typed, cut short), an account still waiting out a lockout, and a closed account (said
    so only to someone who knows its password: anyone else is told the two do not match).
    """
    username = username.strip().lower()
    refusal: SignInRefused | None = None
    with svc.work(SYSTEM) as uow:
        member = uow.session.scalar(select(Staff).where(t.staff.c.username == username))
        if member is None:
            uow.audit(
                "staff.sign_in_unknown",
                RecordKind.STAFF,
                None,
                new={"username": username[:64]},
                changed=False,
            )
            refusal = SignInRefused(WRONG)
        else:
            try:
                _refuse_if_waiting(uow, member)
            except SignInRefused as exc:
                uow.audit("staff.sign_in_locked_out", RecordKind.STAFF, member.id, changed=False)
                refusal = exc
        if refusal is None and member is not None:
            refusal = _check_password(uow, member, password)
            if refusal is None:
                return actor_for(member)
    raise refusal or SignInRefused(WRONG)


def _check_password(uow: UnitOfWork, member: Staff, password: str) -> SignInRefused | None:
    """None once the password is right and the account open; the refusal otherwise."""
    stored = uow.session.scalar(
        select(staff_credential.c.password_hash).where(staff_credential.c.staff_id == member.id)
    )
    if stored is None or not password_matches(password, stored):
        uow.session.execute(insert(sign_in_failure).values(staff_id=member.id, at=uow.now))
        uow.audit("staff.sign_in_failed", RecordKind.STAFF, member.id, changed=False)
        return SignInRefused(WRONG)
    uow.session.execute(delete(sign_in_failure).where(sign_in_failure.c.staff_id == member.id))
    if not member.active:
        uow.audit("staff.sign_in_closed", RecordKind.STAFF, member.id, changed=False)
        return SignInRefused(CLOSED)
    uow.audit("staff.sign_in", RecordKind.STAFF, member.id, changed=False)
    signing_keys.open_school_ca(uow, member, password)  # a Headteacher's copy
    return None


def _refuse_if_waiting(uow: UnitOfWork, member: Staff) -> None:
    failures = list(
        uow.session.scalars(
            select(sign_in_failure.c.at).where(sign_in_failure.c.staff_id == member.id)
        )
    )
    if is_locked_out(failures, uow.now):
        minutes = int(LOCKOUT_WINDOW.total_seconds() // 60)
        who = "another Headteacher" if Role.HEADTEACHER in member.roles else "the Headteacher"
        raise SignInRefused(
            f"Too many wrong passwords for this account. Wait {minutes} minutes, then try "
            f"again, or ask {who} to reset the password."
        )


def confirm_password(svc: AppServices, actor: Actor, password: str) -> None:
    """For the lock screen: the same person's password again, under the same lockout."""
    sign_in(svc, actor.username, password)


def set_password(svc: AppServices, actor: Actor, staff_id: int, password: str) -> None:
    """A new password for yourself, or for an account you may manage."""
    check_password_strength(password)
    with svc.work(actor) as uow:
        member = uow.session.get(Staff, staff_id)
        if member is None:
            raise InvalidInput("That account could not be found.")
        if staff_id != actor.staff_id:
            _require_may_manage(actor, member.roles)
        uow.session.execute(
            update(staff_credential)
            .where(staff_credential.c.staff_id == staff_id)
            .values(password_hash=hash_password(password))
        )
        uow.session.execute(delete(sign_in_failure).where(sign_in_failure.c.staff_id == staff_id))
        signing_keys.issue_for(uow, member, password)  # the old key needs the old password
        uow.audit("staff.set_password", RecordKind.STAFF, staff_id)


# An account over its life ---------------------------------------------------------------------
def _account(member: Staff) -> rules.Account:
    return rules.Account(persisted_id(member), frozenset(member.roles), member.active)


def _member_and_others(uow: UnitOfWork, staff_id: int) -> tuple[Staff, list[rules.Account]]:
    everyone = list(uow.session.scalars(select(Staff)))
    member = next((m for m in everyone if m.id == staff_id), None)
    if member is None:
        raise InvalidInput("That account could not be found.")
    return member, [_account(m) for m in everyone if m.id != staff_id]


def close_account(svc: AppServices, actor: Actor, staff_id: int, reason: str) -> Staff:
    """A leaver's account: it can no longer sign in; its records and audit rows stay."""
    why = checked_reason(reason)
    with svc.work(actor, Permission.MANAGE_STAFF) as uow:
        member, others = _member_and_others(uow, staff_id)
        rules.check_close(actor.staff_id, actor.roles, _account(member), others)
        member.active = False
        uow.audit(
            "staff.close",
            RecordKind.STAFF,
            staff_id,
            old={"active": True},
            new={"active": False},
            reason=why,
        )
        return member


def reopen_account(svc: AppServices, actor: Actor, staff_id: int, reason: str) -> Staff:
    """A closed account signs in again, with the password it had."""
    why = checked_reason(reason)
    with svc.work(actor, Permission.MANAGE_STAFF) as uow:
        member, _ = _member_and_others(uow, staff_id)
        rules.check_reopen(actor.roles, _account(member))
        member.active = True
        uow.audit(
            "staff.reopen",
            RecordKind.STAFF,
            staff_id,
            old={"active": False},
            new={"active": True},
            reason=why,
        )
        return member


def change_roles(
    svc: AppServices, actor: Actor, staff_id: int, roles: Iterable[Role], reason: str
) -> Staff:
    """Someone's roles changed (a new DSL, a governor who joined the staff).

    A Headteacher role taken away takes the signing key and the copy of the school root's
    key with it; one given needs a password reset by a Headteacher before they can sign.
    """
    why = checked_reason(reason)
    with svc.work(actor, Permission.MANAGE_STAFF) as uow:
        member, others = _member_and_others(uow, staff_id)
        wanted = rules.check_roles_change(
            actor.staff_id, actor.roles, _account(member), roles, others
        )
        old = [r.value for r in member.roles]
        was_head = Role.HEADTEACHER in member.roles
        member.roles = [r for r in Role if r in wanted]
        if was_head and Role.HEADTEACHER not in wanted:
            signing_keys.withdraw_from(uow, staff_id)
        uow.audit(
            "staff.roles",
            RecordKind.STAFF,
            staff_id,
            old={"roles": old},
            new={"roles": [r.value for r in member.roles]},
            reason=why,
        )
        return member
