"""Accounts over their life against a real encrypted store: close, reopen, change roles,
each audited with old, new and why; a closed account is refused at sign-in."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, text

from apdesk.domain.enums import Role
from apdesk.domain.errors import InvalidInput, PermissionDenied, RuleViolation
from apdesk.services import staff
from apdesk.services.staff import CLOSED, WRONG, SignInRefused
from apdesk.storage.tables import staff_credential, store_meta
from tests.services.conftest import PASSWORDS

WHY = "left the school in July"
HEAD2_PASSWORD = "second head's long password"


def audit_rows(services, action: str) -> list[tuple[str, str | None, str | None, str | None]]:
    with services.store.engine.connect() as conn:
        found = conn.execute(
            text("SELECT actor, old, new, reason FROM audit_log WHERE action = :a ORDER BY id"),
            {"a": action},
        )
        return [tuple(row) for row in found]


def test_a_closed_account_cannot_sign_in_and_reopened_it_can(services, actors):
    head, dsl_id = actors[Role.HEADTEACHER], actors[Role.DSL].staff_id
    closed = staff.close_account(services, head, dsl_id, WHY)
    assert not closed.active
    with pytest.raises(SignInRefused, match="has been closed"):
        staff.sign_in(services, "dsl", PASSWORDS[Role.DSL])
    with pytest.raises(SignInRefused) as wrong:  # a wrong password learns nothing more
        staff.sign_in(services, "dsl", "not the password at all")
    assert str(wrong.value) == WRONG and CLOSED not in str(wrong.value)
    actor, old, new, reason = audit_rows(services, "staff.close")[0]
    assert actor.startswith("Alex Morgan (Head)") and reason == WHY
    assert json.loads(old) == {"active": True} and json.loads(new) == {"active": False}
    assert len(audit_rows(services, "staff.sign_in_closed")) == 1
    staff.reopen_account(services, head, dsl_id, "came back in September")
    assert staff.sign_in(services, "dsl", PASSWORDS[Role.DSL]).username == "dsl"
    assert audit_rows(services, "staff.reopen")[0][3] == "came back in September"


def test_the_administrator_manages_only_accounts_like_its_own(services, actors):
    admin = actors[Role.ADMINISTRATOR]
    office = staff.create_staff(
        services, admin, "office2", "Office Two", [Role.ADMINISTRATOR], "a long password!"
    )
    staff.close_account(services, admin, office.id, WHY)
    staff.reopen_account(services, admin, office.id, "mistake, still here")
    for role in (Role.DSL, Role.GOVERNOR, Role.HEADTEACHER):
        with pytest.raises(PermissionDenied, match="Only the Headteacher"):
            staff.close_account(services, admin, actors[role].staff_id, WHY)
        with pytest.raises(PermissionDenied, match="Only the Headteacher"):
            staff.change_roles(services, admin, office.id, [role], WHY)
    assert staff.sign_in(services, "dsl", PASSWORDS[Role.DSL]).username == "dsl"
    assert len(audit_rows(services, "permission.refused")) == 6


@pytest.mark.parametrize(
    "role", [r for r in Role if r not in (Role.HEADTEACHER, Role.ADMINISTRATOR)]
)
def test_others_cannot_touch_accounts(services, actors, role):
    target = actors[Role.ADMINISTRATOR].staff_id
    with pytest.raises(PermissionDenied, match="cannot manage staff accounts"):
        staff.close_account(services, actors[role], target, WHY)
    with pytest.raises(PermissionDenied, match="cannot manage staff accounts"):
        staff.reopen_account(services, actors[role], target, WHY)
    with pytest.raises(PermissionDenied, match="cannot manage staff accounts"):
        staff.change_roles(services, actors[role], target, [Role.GOVERNOR], WHY)


def test_nobody_closes_themselves_and_a_reason_is_needed(services, actors):
    head = actors[Role.HEADTEACHER]
    with pytest.raises(RuleViolation, match="your own account"):
        staff.close_account(services, head, head.staff_id, WHY)
    with pytest.raises(InvalidInput, match="Say why"):
        staff.close_account(services, head, actors[Role.DSL].staff_id, "  ")
    with pytest.raises(InvalidInput, match="could not be found"):
        staff.close_account(services, head, 9999, WHY)
    assert staff.sign_in(services, "head", PASSWORDS[Role.HEADTEACHER]).username == "head"


def test_changed_roles_are_audited_and_the_last_headteacher_stays(services, actors):
    head = actors[Role.HEADTEACHER]
    second = staff.create_staff(
        services, head, "head2", "Second Head", [Role.HEADTEACHER], HEAD2_PASSWORD
    )
    head2 = staff.sign_in(services, "head2", HEAD2_PASSWORD)
    staff.change_roles(services, head, second.id, [Role.DSL, Role.DEPUTY_DSL], "now the DSL")
    _, old, new, reason = audit_rows(services, "staff.roles")[0]
    assert json.loads(old) == {"roles": ["headteacher"]}
    assert json.loads(new) == {"roles": ["dsl", "deputy_dsl"]} and reason == "now the DSL"
    assert staff.sign_in(services, "head2", HEAD2_PASSWORD).roles == {Role.DSL, Role.DEPUTY_DSL}
    with services.store.engine.connect() as conn:  # no longer holds a way to sign
        key = conn.execute(
            select(staff_credential.c.signing_key_pem).where(
                staff_credential.c.staff_id == second.id
            )
        ).scalar()
        copy = conn.execute(
            select(store_meta.c.value).where(store_meta.c.key == f"school_ca_key:{second.id}")
        ).scalar()
    assert key is None and copy is None
    # head2 still signed in with yesterday's roles cannot leave the school without one
    with pytest.raises(RuleViolation, match="only Headteacher"):
        staff.change_roles(services, head2, head.staff_id, [Role.DSL], "swapping roles")
    with pytest.raises(RuleViolation, match="only Headteacher"):
        staff.close_account(services, head2, head.staff_id, WHY)
