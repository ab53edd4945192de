"""Refusals and documents holding personal data each write exactly one audit row."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import text

from apdesk.domain.enums import Role
from apdesk.domain.errors import PermissionDenied
from apdesk.services import documents, pupils, staff
from apdesk.services.staff import SignInRefused
from tests.services.builders import add_pupil, add_school, proposed_placement, vetted_provider
from tests.services.csv_exports import exported


def rows(services, action: str) -> int:
    with services.store.engine.connect() as conn:
        found = conn.execute(
            text("SELECT count(*) FROM audit_log WHERE action = :a"), {"a": action}
        )
        return int(found.scalar())


def test_each_sign_in_refusal_is_one_row(services):
    with pytest.raises(SignInRefused):
        staff.sign_in(services, "nobody-here", "whatever password")
    assert rows(services, "staff.sign_in_unknown") == 1
    for _ in range(10):
        with pytest.raises(SignInRefused):
            staff.sign_in(services, "dsl", "not the password at all")
    assert rows(services, "staff.sign_in_failed") == 10
    assert rows(services, "staff.sign_in_locked_out") == 0
    with pytest.raises(SignInRefused, match="Too many wrong passwords"):
        staff.sign_in(services, "dsl", "not the password at all")
    assert rows(services, "staff.sign_in_locked_out") == 1
    assert rows(services, "staff.sign_in_failed") == 10


def test_each_permission_refusal_is_one_row(services, actors):
    with pytest.raises(PermissionDenied):
        exported(services, actors[Role.GOVERNOR], "register")
    assert rows(services, "permission.refused") == 1
    with pytest.raises(PermissionDenied):  # refused inside a unit of work, which rolls back
        staff.set_password(
            services, actors[Role.ADMINISTRATOR], actors[Role.DSL].staff_id, "a new long password"
        )
    assert rows(services, "permission.refused") == 2
    with pytest.raises(PermissionDenied):
        documents.register(services, actors[Role.ADMINISTRATOR])
    assert rows(services, "permission.refused") == 3
    assert rows(services, "document.register") == 0


def test_each_document_with_personal_data_is_one_row(services, actors, clock):
    clock.at = datetime(2026, 11, 2, 8, 0)
    dsl = actors[Role.DSL]
    add_school(services, actors[Role.HEADTEACHER])
    provider = vetted_provider(services, dsl, clock.today())
    pupil = add_pupil(services, dsl)
    placement = proposed_placement(services, dsl, pupil, provider, date(2026, 11, 9))
    documents.register(services, dsl)
    documents.parent_letters(services, dsl, [placement.id])
    documents.annex_a(services, dsl, placement.id)
    pupils.chronology(services, dsl, pupil.id)
    for action in ("document.register", "document.letter", "document.annex_a"):
        assert rows(services, action) == 1, action
    assert rows(services, "document.chronology") == 1
