"""Identity and input limits: a UPN belongs to one pupil (the store enforces it too), names
and notes have limits, and characters that hide or reorder text are refused."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
import sqlalchemy.exc

from apdesk.domain.entities import Pupil
from apdesk.domain.enums import Role
from apdesk.domain.errors import InvalidInput
from apdesk.domain.identifiers import make_upn
from apdesk.domain.text import NAME_MAX, TEXT_MAX, check_text
from apdesk.services import pupils
from tests.services import builders


def test_a_upn_already_used_is_refused_naming_the_pupil(services, actors):
    dsl = actors[Role.DSL]
    robin = builders.add_pupil(services, dsl)
    twin = Pupil("Robyn", "Testcase", date(2012, 3, 4), upn=robin.upn)
    with pytest.raises(InvalidInput, match=r"already Robin Testcase's \(born 4 Mar 2012\)"):
        pupils.save_pupil(services, dsl, twin)
    assert [p.name for p in pupils.list_pupils(services, dsl)] == ["Robin Testcase"]
    again = pupils.get_pupil(services, dsl, robin.id)
    pupils.save_pupil(services, dsl, replace(again, preferred_name="Rob"))  # its own UPN: fine


def test_blank_upns_may_repeat(services, actors):
    dsl = actors[Role.DSL]
    for first in ("Ash", "Bo"):
        pupils.save_pupil(services, dsl, Pupil(first, "Unknown", date(2012, 1, 1)))
    assert len(pupils.list_pupils(services, dsl)) == 2


def test_the_store_itself_refuses_a_second_pupil_with_the_same_upn(services, actors):
    robin = builders.add_pupil(services, actors[Role.DSL])
    with services.store.engine.begin() as conn, pytest.raises(sqlalchemy.exc.IntegrityError):
        conn.exec_driver_sql(
            "INSERT INTO pupil (legal_first_name, legal_last_name, date_of_birth, upn,"
            " preferred_name, sen_status, cp_plan, child_in_need, looked_after)"
            " VALUES ('Robyn', 'Twin', '2012-03-04', ?, '', 'none', 0, 0, 0)",
            (robin.upn,),
        )


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("Rob\x00in", "a NUL character"),
        ("Robin\u202e", "a text-direction control character"),
        ("\u2066Robin", "a text-direction control character"),
        ("R" * (NAME_MAX + 1), f"the most it can hold is {NAME_MAX}"),
    ],
)
def test_names_with_hidden_characters_or_too_long_are_refused(services, actors, name, reason):
    pupil = Pupil(name, "Testcase", date(2012, 3, 4), upn=make_upn(938, 4000, 11, 7))
    with pytest.raises(InvalidInput, match=reason):
        pupils.save_pupil(services, actors[Role.DSL], pupil)
    assert pupils.list_pupils(services, actors[Role.DSL]) == []


def test_text_rules_both_sides_of_the_limit():
    assert check_text("x" * TEXT_MAX, "Notes") == "x" * TEXT_MAX
    with pytest.raises(InvalidInput, match="10,001 characters long"):
        check_text("x" * (TEXT_MAX + 1), "Notes")
    assert check_text("Zoë O'Brien-Ñúñez عربى", "Name")  # real names in any script are fine
