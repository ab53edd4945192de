"""Properties of the permission matrix that follow from the policy, for any set of roles.

A person with several roles may do what any one of them allows, and no more (so adding a
role never takes anything away); a governor only reads (§13: governors see counts, never a
child's record); safeguarding detail is for the Headteacher, DSL and deputy DSL only;
whoever may change a kind of record may see it; an administrator can never make or take
over an account that may do more than they can.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from apdesk.domain.enums import Role
from apdesk.domain.errors import PermissionDenied
from apdesk.domain.permissions import (
    MATRIX,
    PERMISSION_PHRASES,
    ROLE_NAMES,
    Permission,
    allowed,
    may_manage_account,
    permissions_for,
    require,
)

roles = st.sets(st.sampled_from(list(Role)))
permissions = st.sampled_from(list(Permission))
FEW = settings(max_examples=100, deadline=None)

READS = {Permission.VIEW_REGISTER, Permission.VIEW_GOVERNORS_REPORT}
SAFEGUARDING = {
    Permission.VIEW_INCIDENTS,
    Permission.EDIT_INCIDENTS,
    Permission.REOPEN_INCIDENTS,
    Permission.VIEW_CP_FLAGS,
    Permission.VIEW_CHRONOLOGY,
    Permission.TRANSFER_CP_FILE,
    Permission.MANAGE_SOCIAL_CARE,
}
SAFEGUARDING_ROLES = {Role.HEADTEACHER, Role.DSL, Role.DEPUTY_DSL}
#: Changing a kind of record needs seeing it.
SEES_WHAT_IT_CHANGES = {
    Permission.EDIT_PUPILS: Permission.VIEW_PUPILS,
    Permission.EDIT_PROVIDERS: Permission.VIEW_PROVIDERS,
    Permission.VET_PROVIDERS: Permission.VIEW_PROVIDERS,
    Permission.EDIT_PLACEMENTS: Permission.VIEW_PLACEMENTS,
    Permission.AUTHORISE_PLACEMENT: Permission.VIEW_PLACEMENTS,
    Permission.RECORD_ATTENDANCE: Permission.VIEW_ATTENDANCE,
    Permission.RECORD_REVIEWS: Permission.VIEW_REVIEWS,
    Permission.EDIT_INCIDENTS: Permission.VIEW_INCIDENTS,
    Permission.REOPEN_INCIDENTS: Permission.VIEW_INCIDENTS,
    Permission.EDIT_ACTIONS: Permission.VIEW_ACTIONS,
    Permission.RECORD_PARENT_CONTACTS: Permission.VIEW_PARENT_CONTACTS,
    Permission.MERGE_PUPILS: Permission.EDIT_PUPILS,
}


def test_every_permission_is_held_by_some_role_and_worded_for_a_refusal() -> None:
    held = set().union(*MATRIX.values())
    assert held == set(Permission)
    assert set(PERMISSION_PHRASES) == set(Permission)
    assert set(MATRIX) == set(ROLE_NAMES) == set(Role)


@FEW
@given(roles, roles, permissions)
def test_several_roles_allow_what_any_of_them_allows_and_no_more(
    some: set[Role], more: set[Role], permission: Permission
) -> None:
    assert allowed(some | more, permission) == (
        allowed(some, permission) or allowed(more, permission)
    )
    assert permissions_for(some) <= permissions_for(some | more)  # a role never takes away
    assert not permissions_for(set())


@FEW
@given(roles, permissions)
def test_require_refuses_exactly_what_is_not_allowed_naming_each_role(
    held: set[Role], permission: Permission
) -> None:
    if allowed(held, permission):
        require(held, permission)
        return
    with pytest.raises(PermissionDenied) as caught:
        require(held, permission)
    message = str(caught.value)
    assert all(ROLE_NAMES[r] in message for r in held)
    assert message.endswith(f"cannot {PERMISSION_PHRASES[permission]}.")


@FEW
@given(permissions)
def test_a_governor_only_reads_counts_and_the_register(permission: Permission) -> None:
    if permission not in READS:
        assert not allowed([Role.GOVERNOR], permission)
    assert all(p.value.startswith("view_") for p in MATRIX[Role.GOVERNOR])


@FEW
@given(roles)
def test_safeguarding_detail_needs_a_safeguarding_role(held: set[Role]) -> None:
    if not held & SAFEGUARDING_ROLES:
        assert not permissions_for(held) & SAFEGUARDING


@FEW
@given(roles)
def test_whoever_may_change_a_record_may_see_it(held: set[Role]) -> None:
    granted = permissions_for(held)
    for change, see in SEES_WHAT_IT_CHANGES.items():
        assert change not in granted or see in granted, (change, see)


@FEW
@given(roles, roles)
def test_no_one_but_the_headteacher_manages_an_account_that_may_do_more(
    actor: set[Role], account: set[Role]
) -> None:
    if may_manage_account(actor, account) and Role.HEADTEACHER not in actor:
        assert allowed(actor, Permission.MANAGE_STAFF)
        assert permissions_for(account) <= permissions_for(actor)
    if allowed(actor, Permission.MANAGE_STAFF) and account <= actor:
        assert may_manage_account(actor, account)  # their own kind of account
    if Role.HEADTEACHER in actor:
        assert may_manage_account(actor, account)
