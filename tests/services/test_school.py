"""The school's details and calendar, as the Headteacher or Administrator keeps them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from apdesk.domain.entities import Closure, Term
from apdesk.domain.enums import Role
from apdesk.domain.errors import InvalidInput, PermissionDenied
from apdesk.services import school
from tests.services.builders import add_school

AUTUMN = Term("Autumn 2026", date(2026, 9, 2), date(2026, 12, 18))
SPRING = Term("Spring 2027", date(2027, 1, 5), date(2027, 3, 26))


def test_terms_and_closures_are_saved_as_given(services, actors):
    head = actors[Role.HEADTEACHER]
    add_school(services, head)
    details = school.get_school(services, head)
    details.terms = [*details.terms, SPRING]
    details.closures = [Closure(date(2026, 11, 13), "INSET day")]
    school.save_school(services, actors[Role.ADMINISTRATOR], details)
    saved = school.get_school(services, head)
    assert [t.name for t in saved.terms] == ["Autumn 2026", "Spring 2027"]
    assert [(c.on, c.reason) for c in saved.closures] == [(date(2026, 11, 13), "INSET day")]
    saved.terms, saved.closures = [saved.terms[1]], []
    school.save_school(services, head, saved)
    again = school.get_school(services, head)
    assert [t.name for t in again.terms] == ["Spring 2027"] and again.closures == []


@pytest.mark.parametrize(
    "terms,message",
    [
        ([replace(AUTUMN, end=date(2026, 9, 1))], "must end after it starts"),
        ([AUTUMN, Term("Overlap", date(2026, 12, 1), date(2027, 1, 10))], "cannot overlap"),
        ([replace(AUTUMN, name=" ")], "Give every term a name"),
        ([AUTUMN, replace(SPRING, name="autumn 2026")], "Two terms are called"),
    ],
)
def test_a_wrong_calendar_is_refused_and_nothing_changes(services, actors, terms, message):
    head = actors[Role.HEADTEACHER]
    add_school(services, head)
    details = school.get_school(services, head)
    details.terms = terms
    with pytest.raises(InvalidInput, match=message):
        school.save_school(services, head, details)
    assert [t.name for t in school.get_school(services, head).terms] == ["Autumn 2026"]


def test_only_the_headteacher_and_administrator_change_the_school(services, actors):
    add_school(services, actors[Role.HEADTEACHER])
    details = school.get_school(services, actors[Role.DSL])
    with pytest.raises(PermissionDenied, match="cannot change the school's details"):
        school.save_school(services, actors[Role.DSL], details)
