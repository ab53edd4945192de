"""Staff accounts over their life: which roles a person may grant, closing and reopening an
account (a leaver), changing what someone's roles are.

The who-may-manage-whom rule is `permissions.may_manage_account`: the Headteacher manages
any account, an Administrator only accounts that can do nothing beyond what they can. These
rules add what a school must never end up with: someone closing their own account or
changing their own roles, and no Headteacher able to sign in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from apdesk.domain.enums import Role
from apdesk.domain.errors import InvalidInput, PermissionDenied, RuleViolation
from apdesk.domain.permissions import Permission, may_manage_account, require

MAY_NOT_MANAGE = (
    "Only the Headteacher can create, reset, close or change an account that can see "
    "children's records."
)
LAST_HEADTEACHER = (
    "This is the only Headteacher account that can sign in. Make another Headteacher first: "
    "without one, no one could manage the school's accounts or sign Annex B."
)


@dataclass(frozen=True)
class Account:
    """What the rules need to know of an account: who it is, its roles, whether it signs in."""

    staff_id: int
    roles: frozenset[Role]
    active: bool = True


def grantable_roles(actor_roles: Iterable[Role]) -> list[Role]:
    """The roles someone may give a new or changed account, in the usual order."""
    held = list(actor_roles)
    return [role for role in Role if may_manage_account(held, [role])]


def require_may_manage(actor_roles: Iterable[Role], account_roles: Iterable[Role]) -> None:
    """PermissionDenied unless the actor manages staff and may manage these roles."""
    held = list(actor_roles)
    require(held, Permission.MANAGE_STAFF)
    if not may_manage_account(held, account_roles):
        raise PermissionDenied(MAY_NOT_MANAGE)


def _is_last_headteacher(account: Account, others: Iterable[Account]) -> bool:
    if not account.active or Role.HEADTEACHER not in account.roles:
        return False
    return not any(o.active and Role.HEADTEACHER in o.roles for o in others)


def check_close(
    actor_id: int, actor_roles: Iterable[Role], account: Account, others: Iterable[Account]
) -> None:
    """Whether the actor may close `account` (`others`: every other account in the store)."""
    require_may_manage(actor_roles, account.roles)
    if account.staff_id == actor_id:
        raise RuleViolation(
            "You cannot close your own account: another Headteacher, or the Administrator, "
            "can close it when you leave."
        )
    if not account.active:
        raise RuleViolation("This account is closed already.")
    if _is_last_headteacher(account, others):
        raise RuleViolation(LAST_HEADTEACHER)


def check_reopen(actor_roles: Iterable[Role], account: Account) -> None:
    """Whether the actor may let a closed account sign in again."""
    require_may_manage(actor_roles, account.roles)
    if account.active:
        raise RuleViolation("This account is open already: it can sign in.")


def check_roles_change(
    actor_id: int,
    actor_roles: Iterable[Role],
    account: Account,
    new_roles: Iterable[Role],
    others: Iterable[Account],
) -> frozenset[Role]:
    """The new roles, once the actor may give them to `account`; refused with the reason."""
    held = list(actor_roles)
    wanted = frozenset(new_roles)
    if not wanted:
        raise InvalidInput("Choose at least one role.")
    require_may_manage(held, account.roles)  # the account as it is now ...
    if account.staff_id == actor_id:
        raise RuleViolation(
            "You cannot change your own roles: ask another Headteacher (or, for the "
            "Administrator role, the Headteacher)."
        )
    require_may_manage(held, wanted)  # ... and as it would be
    if wanted == account.roles:
        raise RuleViolation("Those are the roles the account has already.")
    if Role.HEADTEACHER not in wanted and _is_last_headteacher(account, others):
        raise RuleViolation(LAST_HEADTEACHER)
    return wanted
