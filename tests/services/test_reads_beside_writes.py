"""Reads beside writes (decision 0028): a list loads while another save is under way, two
saves at once are both kept, and a read still cannot write (decision 0019)."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from apdesk.domain.entities import School, Term
from apdesk.domain.enums import Role
from apdesk.domain.permissions import Permission
from apdesk.services import school
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices


def details(name: str) -> School:
    return School(name=name, terms=[Term("Autumn 2026", date(2026, 9, 2), date(2026, 12, 18))])


def test_the_school_reads_as_it_was_while_a_save_is_under_way(
    services: AppServices, actors: dict[Role, Actor]
) -> None:
    """The save holds the store's write lock until it commits; the read neither waits for it
    (it would wait five seconds and then fail) nor sees what is not yet saved."""
    head = actors[Role.HEADTEACHER]
    school.save_school(services, head, details("Oakfield Fictional Academy"))
    with services.work(head, Permission.EDIT_SCHOOL) as uow:
        school.save_in(uow, details("Renamed, not yet saved"))
        shown = school.get_school(services, head)
        assert shown is not None and shown.name == "Oakfield Fictional Academy"
    saved = school.get_school(services, head)
    assert saved is not None and saved.name == "Renamed, not yet saved"


def test_two_saves_at_once_both_complete_one_after_the_other(
    services: AppServices, actors: dict[Role, Actor]
) -> None:
    """The second save waits at its start for the first to commit, then reads what the first
    saved: neither is refused half-way, and the second is not lost under the first."""
    head = actors[Role.HEADTEACHER]
    failed: list[BaseException] = []

    def second_save() -> None:
        try:
            school.save_school(services, head, details("Saved second"))
        except BaseException as exc:  # reported below, in the test's own thread
            failed.append(exc)

    second = threading.Thread(target=second_save)
    with services.work(head, Permission.EDIT_SCHOOL) as uow:
        school.save_in(uow, details("Saved first"))
        second.start()
        second.join(timeout=0.5)
        assert second.is_alive()  # waiting for the first save's lock, not half-way through
    second.join(timeout=30)
    assert not second.is_alive() and failed == []
    saved = school.get_school(services, head)
    assert saved is not None and saved.name == "Saved second"
    with services.read(head) as session:
        assert len(session.scalars(select(School)).all()) == 1


def test_a_read_cannot_write(services: AppServices, actors: dict[Role, Actor]) -> None:
    head = actors[Role.HEADTEACHER]
    with pytest.raises(OperationalError, match="readonly"), services.read(head) as session:
        session.add(details("Written by a read"))
        session.flush()
    assert school.get_school(services, head) is None
    school.save_school(services, head, details("Saved"))  # the same connections write again
    saved = school.get_school(services, head)
    assert saved is not None and saved.name == "Saved"
