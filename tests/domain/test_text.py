"""What typed text may hold: each character refused, each limit on its line, every field.

Written for `make mutate MUTANTS='apdesk.domain.text*'` (4 Dec 2026): `check_record_text`,
which every service saving a record calls, had no domain test (40 mutants reached none).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

from apdesk.domain.entities import Carer, Pupil
from apdesk.domain.text import LINE_MAX, NAME_MAX, TEXT_MAX, check_record_text, check_text
from tests.domain.factories import refusal

HIDES = (
    "which APDesk does not keep (it can hide or reorder text). "
    "Type it again rather than pasting it."
)


def test_a_nul_character_is_refused_in_words() -> None:
    assert (
        refusal(check_text, "Ann\x00", "The name") == f"The name contains a NUL character, {HIDES}"
    )


@pytest.mark.parametrize("code", [0x202A, 0x202E, 0x2066, 0x2069])
def test_each_text_direction_control_is_refused(code: int) -> None:
    assert refusal(check_text, f"Ann{chr(code)}", "The name") == (
        f"The name contains a text-direction control character, {HIDES}"
    )


@pytest.mark.parametrize("code", [0x2029, 0x202F, 0x2065, 0x206A])
def test_the_characters_beside_the_controls_are_kept(code: int) -> None:
    assert check_text(f"Ann{chr(code)}", "The name") == f"Ann{chr(code)}"


def test_text_up_to_its_limit_is_kept_and_a_character_more_is_refused() -> None:
    assert TEXT_MAX == 10_000
    assert check_text("x" * 10_000, "The note") == "x" * 10_000
    assert refusal(check_text, "x" * 10_001, "The note") == (
        "The note is 10,001 characters long; the most it can hold is 10,000."
    )
    assert check_text("x" * 5, "The UPN", 5) == "x" * 5
    assert refusal(check_text, "x" * 6, "The UPN", 5) == (
        "The UPN is 6 characters long; the most it can hold is 5."
    )


def _pupil(**changes: object) -> Pupil:
    pupil = Pupil("Ann", "Lee", date(2012, 3, 4), carers=[Carer("Sam Lee", "Father")])
    for name, value in changes.items():
        setattr(pupil, name, value)
    return pupil


def test_a_record_fit_to_keep_passes_whole() -> None:
    check_record_text(_pupil(legal_first_name="x" * NAME_MAX), "pupil")


def test_each_named_field_has_its_own_limit_and_is_named_in_the_refusal() -> None:
    assert refusal(check_record_text, _pupil(legal_last_name="x" * 101), "pupil") == (
        "The pupil's legal last name is 101 characters long; the most it can hold is 100."
    )
    assert refusal(check_record_text, _pupil(upn="x" * 14), "pupil") == (
        "The pupil's upn is 14 characters long; the most it can hold is 13."
    )


def test_a_child_rows_fields_are_checked_and_named_for_the_row() -> None:
    pupil = _pupil(carers=[Carer("Sam Lee"), Carer("Kim Lee", phone="0" * (LINE_MAX + 1))])
    assert refusal(check_record_text, pupil, "pupil") == (
        "The carer's phone is 201 characters long; the most it can hold is 200."
    )
    pupil = _pupil(carers=[Carer("Sam\u202eLee")])
    assert refusal(check_record_text, pupil, "pupil").startswith(
        "The carer's name contains a text-direction control character"
    )


@dataclass
class _Note:
    body: str = ""
    tags: list[object] = field(default_factory=list)
    count: int = 0
    sub_notes: list[object] = field(default_factory=list)


def test_a_field_without_a_named_limit_is_free_text_and_lists_of_plain_values_are_left() -> None:
    check_record_text(_Note("x" * TEXT_MAX, ["x" * (TEXT_MAX + 1), _Note, 3]), "note")
    assert refusal(check_record_text, _Note("x" * (TEXT_MAX + 1)), "note").startswith(
        "The note's body is 10,001 characters long"
    )
    assert refusal(check_record_text, _Note(tags=[_Note("\x00")]), "note").startswith(
        "The tag's body contains a NUL character"
    )


def test_a_child_row_in_a_field_of_two_words_is_named_in_words() -> None:
    assert refusal(check_record_text, _Note(sub_notes=[_Note("\x00")]), "note").startswith(
        "The sub note's body contains a NUL character"
    )
