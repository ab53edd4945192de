"""A unit of work keeps a user's action whole: it commits only if its body completes (0020).

Whatever stops the body part-way (an error, Ctrl+C, a generator abandoned mid-way) leaves
the store as it was, writes no audit row and tells no window anything; a window hears of a
change only once it is committed.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import func, select

from apdesk.domain.entities import School, Term
from apdesk.domain.enums import Role
from apdesk.domain.permissions import Permission
from apdesk.services import school
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.services.changes import Change
from apdesk.storage.tables import audit_log


def details() -> School:
    return School(
        name="Oakfield Fictional Academy",
        terms=[Term("Autumn 2026", date(2026, 9, 2), date(2026, 12, 18))],
    )


def audit_rows(svc: AppServices, actor: Actor) -> int:
    with svc.read(actor) as session:
        return session.scalar(select(func.count()).select_from(audit_log)) or 0


@pytest.mark.parametrize(
    "stop", [ValueError("the disk is full"), KeyboardInterrupt()], ids=["an error", "Ctrl+C"]
)
def test_a_body_stopped_after_writing_leaves_nothing_and_tells_no_one(
    services: AppServices, actors: dict[Role, Actor], stop: BaseException
) -> None:
    head = actors[Role.HEADTEACHER]
    heard: list[tuple[Change, ...]] = []
    services.subscribe(heard.append)
    rows = audit_rows(services, head)
    with pytest.raises(type(stop)), services.work(head, Permission.EDIT_SCHOOL) as uow:
        school.save_in(uow, details())  # flushed and audited, not yet committed
        raise stop
    assert school.get_school(services) is None
    assert audit_rows(services, head) == rows
    assert heard == []


def test_a_generator_abandoned_inside_its_work_leaves_nothing(
    services: AppServices, actors: dict[Role, Actor]
) -> None:
    """Closing a generator throws GeneratorExit at its yield, inside the work: a rollback."""
    head = actors[Role.HEADTEACHER]
    heard: list[tuple[Change, ...]] = []
    services.subscribe(heard.append)

    def steps() -> Iterator[str]:
        with services.work(head, Permission.EDIT_SCHOOL) as uow:
            school.save_in(uow, details())
            yield "saved, not committed"

    walk = steps()
    next(walk)
    walk.close()
    assert school.get_school(services) is None
    assert heard == []


def test_a_body_that_completes_is_kept_and_listeners_hear_after_the_commit(
    services: AppServices, actors: dict[Role, Actor]
) -> None:
    head = actors[Role.HEADTEACHER]
    seen: list[tuple[list[str], School | None]] = []
    # a listener reading the store afresh finds the change already committed
    services.subscribe(
        lambda changes: seen.append(([c.action for c in changes], school.get_school(services)))
    )
    school.save_school(services, head, details())
    [(actions, stored)] = seen
    assert actions == ["school.save"]
    assert stored is not None and stored.name == "Oakfield Fictional Academy"
