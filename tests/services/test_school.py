"""The school's details and calendar, as the Headteacher or Administrator keeps them."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from apdesk.domain.entities import Closure, Term
from apdesk.domain.enums import Role
from apdesk.domain.errors import InvalidInput, PermissionDenied
from apdesk.domain.reviews import ReviewIntervals
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


def test_the_schools_name_alone_is_read_for_a_title(services, actors):
    head = actors[Role.HEADTEACHER]
    assert school.school_name(services) is None  # until the set-up wizard saves it
    add_school(services, head)
    assert school.school_name(services, head) == school.get_school(services, head).name


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


def test_review_intervals_are_the_policys_until_changed_and_a_change_is_audited(services, actors):
    head = actors[Role.HEADTEACHER]
    add_school(services, head)
    details = school.get_school(services, head)
    assert ReviewIntervals.for_school(details) == ReviewIntervals(2, 2, 4)
    details.review_weeks_high, details.review_weeks_low = 1, 6
    school.save_school(services, head, details)
    saved = school.get_school(services, head)
    assert ReviewIntervals.for_school(saved) == ReviewIntervals(1, 2, 6)
    with services.store.engine.connect() as conn:
        row = conn.exec_driver_sql(
            "SELECT action, old, new FROM audit_log ORDER BY id DESC LIMIT 1"
        ).one()
    assert row.action == "school.save"
    old, new = json.loads(row.old), json.loads(row.new)
    assert (old["review_weeks_high"], new["review_weeks_high"]) == (None, 1)
    assert (old["review_weeks_low"], new["review_weeks_low"]) == (None, 6)


@pytest.mark.parametrize(
    "weeks,message",
    [
        ((0, 2, 4), "high risk must be 1 to 6 school weeks, not 0"),
        ((2, 2, 7), "low risk must be 1 to 6 school weeks, not 7"),
        ((1, 6, 6), None),
        ((3, 2, 4), "A high-risk placement cannot wait longer between reviews than a medium-risk"),
        ((2, 5, 4), "A medium-risk placement cannot wait longer"),
    ],
)
def test_review_intervals_outside_the_rule_are_refused_and_nothing_changes(
    services, actors, weeks, message
):
    head = actors[Role.HEADTEACHER]
    add_school(services, head)
    details = school.get_school(services, head)
    details.review_weeks_high, details.review_weeks_medium, details.review_weeks_low = weeks
    if message is None:
        school.save_school(services, head, details)
        assert ReviewIntervals.for_school(school.get_school(services, head)) == ReviewIntervals(
            *weeks
        )
        return
    with pytest.raises(InvalidInput, match=message):
        school.save_school(services, head, details)
    assert ReviewIntervals.for_school(school.get_school(services, head)) == ReviewIntervals()
