"""The permission matrix cell by cell, `require` messages, password and lockout rules."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest

from apdesk.domain.enums import Role
from apdesk.domain.errors import InvalidInput, PermissionDenied
from apdesk.domain.permissions import (
    MATRIX,
    Permission,
    allowed,
    check_password_strength,
    is_locked_out,
    permissions_for,
    require,
)

# Written by hand from DOMAIN.md and the brief: Y = allowed, . = refused.
TABLE = """
permission              HT DSL DEP INC ATT GOV ADM
view_pupils             Y  Y   Y   Y   Y   .   .
edit_pupils             Y  Y   Y   Y   .   .   .
view_providers          Y  Y   Y   Y   Y   .   .
edit_providers          Y  Y   Y   .   .   .   .
vet_providers           Y  Y   Y   .   .   .   .
view_placements         Y  Y   Y   Y   Y   .   .
edit_placements         Y  Y   Y   Y   .   .   .
authorise_placement     Y  .   .   .   .   .   .
record_attendance       Y  Y   Y   Y   Y   .   .
view_attendance         Y  Y   Y   Y   Y   .   .
record_reviews          Y  Y   Y   Y   Y   .   .
view_reviews            Y  Y   Y   Y   Y   .   .
view_incidents          Y  Y   Y   .   .   .   .
edit_incidents          Y  Y   Y   .   .   .   .
raise_concern           Y  Y   Y   Y   Y   .   .
view_cp_flags           Y  Y   Y   .   .   .   .
view_chronology         Y  Y   Y   .   .   .   .
view_actions            Y  Y   Y   Y   Y   .   .
edit_actions            Y  Y   Y   Y   Y   .   .
print_letters           Y  Y   Y   Y   Y   .   .
view_register           Y  Y   Y   Y   Y   Y   .
view_governors_report   Y  Y   Y   Y   Y   Y   .
sign_annex_b            Y  .   .   .   .   .   .
edit_school             Y  .   .   .   .   .   Y
manage_staff            Y  .   .   .   .   .   Y
manage_backups          Y  .   .   .   .   .   Y
export_data             Y  Y   .   .   .   .   .
view_audit              Y  Y   .   .   .   .   .
merge_pupils            Y  Y   .   .   .   .   .
reopen_incidents        Y  Y   .   .   .   .   .
manage_policy           Y  .   .   .   .   .   .
manage_training         Y  Y   .   .   .   .   Y
manage_complaints       Y  Y   Y   .   .   .   .
view_parent_contacts    Y  Y   Y   Y   Y   .   .
record_parent_contacts  .  Y   Y   Y   Y   .   .
transfer_cp_file        .  Y   .   .   .   .   .
subject_access          Y  Y   .   .   .   .   .
dispose_records         Y  Y   .   .   .   .   .
set_retention           Y  .   .   .   .   .   .
manage_social_care      Y  Y   Y   .   .   .   .
manage_ehcp             Y  Y   Y   Y   .   .   .
"""
COLUMNS = [
    Role.HEADTEACHER,
    Role.DSL,
    Role.DEPUTY_DSL,
    Role.INCLUSION_LEAD,
    Role.ATTENDANCE_LEAD,
    Role.GOVERNOR,
    Role.ADMINISTRATOR,
]


def expected_cells() -> dict[tuple[Role, Permission], bool]:
    cells = {}
    for line in TABLE.strip().splitlines()[1:]:
        name, *marks = line.split()
        for role, mark in zip(COLUMNS, marks, strict=True):
            cells[(role, Permission(name))] = mark == "Y"
    return cells


EXPECTED = expected_cells()


def test_table_covers_every_role_and_permission() -> None:
    assert set(EXPECTED) == {(r, p) for r in Role for p in Permission}
    assert set(MATRIX) == set(Role)


@pytest.mark.parametrize(("role", "permission"), sorted(EXPECTED))
def test_matrix_cell(role: Role, permission: Permission) -> None:
    assert (permission in MATRIX[role]) is EXPECTED[(role, permission)]
    assert allowed([role], permission) is EXPECTED[(role, permission)]


def test_safeguarding_detail_only_for_head_and_dsls() -> None:
    safeguarding = {
        Permission.VIEW_INCIDENTS,
        Permission.EDIT_INCIDENTS,
        Permission.VIEW_CP_FLAGS,
        Permission.VIEW_CHRONOLOGY,
    }
    for role in Role:
        holders = {Role.HEADTEACHER, Role.DSL, Role.DEPUTY_DSL}
        assert (safeguarding <= MATRIX[role]) is (role in holders)
        assert (safeguarding & MATRIX[role] == set()) is (role not in holders)


def test_administrator_sees_no_child_data() -> None:
    assert MATRIX[Role.ADMINISTRATOR] == {
        Permission.MANAGE_STAFF,
        Permission.MANAGE_BACKUPS,
        Permission.EDIT_SCHOOL,
        Permission.MANAGE_TRAINING,
    }


def test_roles_combine() -> None:
    both = permissions_for([Role.GOVERNOR, Role.ADMINISTRATOR])
    assert Permission.VIEW_REGISTER in both and Permission.MANAGE_BACKUPS in both
    assert Permission.VIEW_PUPILS not in both


def test_require_passes_silently_and_refuses_clearly() -> None:
    require([Role.DSL], Permission.VIEW_INCIDENTS)
    with pytest.raises(PermissionDenied) as caught:
        require([Role.GOVERNOR], Permission.VIEW_INCIDENTS)
    assert str(caught.value) == "Your role (Governor) cannot view incident records."


def test_require_names_several_roles_and_no_role() -> None:
    with pytest.raises(PermissionDenied) as caught:
        require([Role.GOVERNOR, Role.ADMINISTRATOR], Permission.AUTHORISE_PLACEMENT)
    assert str(caught.value) == (
        "Your roles (Governor, Administrator) cannot authorise placements."
    )
    with pytest.raises(PermissionDenied, match=re.escape("Your role (no role) cannot")):
        require([], Permission.VIEW_PUPILS)


def test_password_needs_twelve_characters() -> None:
    check_password_strength("correct horse")  # 13
    check_password_strength("x" * 12)
    with pytest.raises(InvalidInput, match="at least 12 characters long; this one has 11"):
        check_password_strength("x" * 11)


NOW = datetime(2026, 3, 2, 9, 0)


def test_ten_failures_in_five_minutes_lock_out() -> None:
    failures = [NOW - timedelta(seconds=30 * i) for i in range(10)]  # 0 to 4.5 min ago
    assert is_locked_out(failures, NOW)
    assert not is_locked_out(failures[:9], NOW)


def test_failures_older_than_five_minutes_do_not_count() -> None:
    failures = [NOW - timedelta(minutes=1)] * 9 + [NOW - timedelta(minutes=5, seconds=1)]
    assert not is_locked_out(failures, NOW)
    edge = [NOW - timedelta(minutes=1)] * 9 + [NOW - timedelta(minutes=5)]
    assert is_locked_out(edge, NOW)


@pytest.mark.parametrize(
    "actor, account, expected",
    [
        ([Role.HEADTEACHER], [Role.DSL], True),
        ([Role.HEADTEACHER], [Role.ADMINISTRATOR], True),
        ([Role.ADMINISTRATOR], [Role.ADMINISTRATOR], True),
        ([Role.ADMINISTRATOR], [Role.DSL], False),  # would see children's records
        ([Role.ADMINISTRATOR], [Role.GOVERNOR], False),  # the register names pupils
        ([Role.ADMINISTRATOR], [Role.HEADTEACHER], False),
        ([Role.DSL], [Role.ADMINISTRATOR], False),  # does not manage staff at all
    ],
)
def test_who_may_manage_which_accounts(actor, account, expected) -> None:
    from apdesk.domain.permissions import may_manage_account

    assert may_manage_account(actor, account) is expected
