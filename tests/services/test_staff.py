"""Signing in, lockout, and staff accounts through the services."""

from __future__ import annotations

from datetime import timedelta

import pytest

from apdesk.domain.enums import Role
from apdesk.domain.errors import InvalidInput, PermissionDenied
from apdesk.services import staff
from apdesk.storage import audit
from tests.services.conftest import PASSWORDS


def test_right_password_signs_in_with_roles(services):
    actor = staff.sign_in(services, "DSL ", PASSWORDS[Role.DSL])
    assert actor.username == "dsl" and actor.roles == {Role.DSL}


def test_wrong_password_is_refused_in_plain_english(services):
    with pytest.raises(PermissionDenied, match="username and password do not match"):
        staff.sign_in(services, "dsl", "not-the-password")
    with pytest.raises(PermissionDenied, match="username and password do not match"):
        staff.sign_in(services, "nobody", "whatever-it-is")


def test_ten_failures_in_five_minutes_make_the_account_wait(services, clock):
    for _ in range(10):
        with pytest.raises(PermissionDenied):
            staff.sign_in(services, "dsl", "wrong password!")
    with pytest.raises(PermissionDenied, match="Wait 5 minutes"):
        staff.sign_in(services, "dsl", PASSWORDS[Role.DSL])
    clock.at += timedelta(minutes=5, seconds=1)
    assert staff.sign_in(services, "dsl", PASSWORDS[Role.DSL]).username == "dsl"


def test_short_password_is_refused(services, actors):
    with pytest.raises(InvalidInput, match="at least 12 characters"):
        staff.create_staff(
            services,
            actors[Role.HEADTEACHER],
            "newbie",
            "New Person",
            [Role.INCLUSION_LEAD],
            "short",
        )


def test_only_staff_managers_create_accounts(services, actors):
    with pytest.raises(PermissionDenied, match="cannot manage staff accounts"):
        staff.create_staff(
            services,
            actors[Role.DSL],
            "newbie",
            "New Person",
            [Role.INCLUSION_LEAD],
            "a long enough password",
        )


def test_first_headteacher_only_once(services):
    with pytest.raises(PermissionDenied, match="already been made"):
        staff.create_first_headteacher(services, "other", "Other", "a long enough password")


def test_sign_ins_are_audited(services):
    staff.sign_in(services, "dsl", PASSWORDS[Role.DSL])
    with services.store.engine.connect() as conn:
        assert audit.verify_chain(conn) == []
        rows = conn.exec_driver_sql("SELECT action, actor FROM audit_log ORDER BY id DESC LIMIT 1")
        assert rows.one() == ("staff.sign_in", "APDesk (system)")


def test_an_administrator_cannot_make_or_take_over_an_account_that_sees_children(services, actors):
    admin = actors[Role.ADMINISTRATOR]
    with pytest.raises(PermissionDenied, match="Only the Headteacher can create"):
        staff.create_staff(services, admin, "newdsl", "New DSL", [Role.DSL], "a long password!")
    with pytest.raises(PermissionDenied, match="Only the Headteacher can create"):
        staff.set_password(services, admin, actors[Role.DSL].staff_id, "taken over password")
    assert staff.sign_in(services, "dsl", PASSWORDS[Role.DSL]).username == "dsl"
    office = staff.create_staff(
        services, admin, "office2", "Office", [Role.ADMINISTRATOR], "a long password!"
    )
    staff.set_password(services, admin, office.id, "another long password")
    head = actors[Role.HEADTEACHER]
    staff.set_password(services, head, actors[Role.DSL].staff_id, "reset by the head!")
    assert staff.sign_in(services, "dsl", "reset by the head!").username == "dsl"
