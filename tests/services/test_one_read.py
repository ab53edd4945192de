"""`svc.one_read`: the reads of one screen (Today's dozen lines) share one session, and
nothing inside may write (decision 0019)."""

from __future__ import annotations

import pytest

from apdesk.domain.entities import Action
from apdesk.domain.enums import Role
from apdesk.domain.errors import PermissionDenied
from apdesk.domain.permissions import Permission
from apdesk.services import actions, lookups
from tests.services.builders import add_pupil
from tests.store_rows import row_counts


def test_reads_inside_share_one_session_and_a_write_is_refused(services, actors, clock):
    dsl = actors[Role.DSL]
    before = row_counts(services.store.engine)
    with services.one_read(dsl):
        with services.read(dsl, Permission.VIEW_PUPILS) as first:
            pass
        with services.read(dsl, Permission.VIEW_ACTIONS) as second:
            assert second is first
        task = Action("Ring the provider", clock.today(), clock.today())
        with pytest.raises(RuntimeError, match="reads never write"):
            actions.add_action(services, dsl, task)
    assert row_counts(services.store.engine) == before
    with services.read(dsl) as after:
        assert after is not first  # outside, each read has its own again


def test_a_refusal_inside_is_audited_once_it_has_closed(services, actors):
    """The refusal's audit row is written once the shared session has closed, not inside it."""
    governor = actors[Role.GOVERNOR]
    before = row_counts(services.store.engine)["audit_log"]
    with (
        pytest.raises(PermissionDenied),
        services.one_read(governor),
        services.read(governor, Permission.VIEW_AUDIT),
    ):
        pass
    assert row_counts(services.store.engine)["audit_log"] == before + 1


def test_what_is_read_once_lasts_one_read_only(services, actors):
    """The lines of one Today share one read of the pupils' names; the next Today reads again."""
    dsl = actors[Role.DSL]
    with services.one_read(dsl), services.read(dsl) as session:
        names = lookups.pupil_names(session)
        assert lookups.pupil_names(session) is names
    added = add_pupil(services, dsl, 2, "Ash", "Example")
    with services.one_read(dsl), services.read(dsl) as session:
        assert lookups.pupil_names(session)[added.id] == "Ash Example"
    with services.read(dsl) as session:
        assert lookups.pupil_names(session) is not lookups.pupil_names(session)
