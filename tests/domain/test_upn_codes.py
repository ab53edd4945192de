"""Every DfE LA number in resources/data/la-codes.csv, either side of the check letter."""

from __future__ import annotations

import csv

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.gb import upn as stdnum_upn

from apdesk.assets import resources_dir
from apdesk.domain.errors import InvalidInput
from apdesk.domain.identifiers import (
    UPN_ALPHABET,
    la_codes,
    make_upn,
    upn_check_letter,
    upn_warning,
    validate_upn,
)

# The DfE's table (UPN guidance, annex): A=0 ... Z=22 with I, O and S left out.
DFE_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
ROWS = list(
    csv.DictReader((resources_dir() / "data" / "la-codes.csv").open(encoding="utf-8", newline=""))
)
CODES = [int(row["code"]) for row in ROWS]


def dfe_check_letter(twelve: str) -> str:
    """The DfE method written out: weights 2 to 13, a final letter by the table, mod 23."""
    total = 0
    for weight, char in enumerate(twelve, start=2):
        total += weight * (int(char) if char.isdigit() else DFE_LETTERS.index(char))
    return DFE_LETTERS[total % 23]


def test_the_list_has_the_reorganised_authorities_and_every_current_la():
    codes = la_codes()
    for code, name in (
        (838, "Dorset"),
        (839, "Bournemouth, Christchurch and Poole"),
        (940, "North Northamptonshire"),
        (941, "West Northamptonshire"),
        (942, "Cumberland"),
        (943, "Westmorland and Furness"),
    ):
        assert codes[code].name == name and codes[code].current
    for former in (835, 836, 837, 909, 928):
        assert not codes[former].current and codes[former].note.startswith("replaced by")
    assert sum(la.current for la in codes.values()) == 153  # England's LAs since April 2023
    assert len(CODES) == len(set(CODES)) == len(codes)
    assert all(100 <= c <= 999 for c in CODES) and sorted(CODES) == CODES
    assert {row["status"] for row in ROWS} == {"current", "former"}


def test_every_code_stdnum_knew_is_still_known():
    known = stdnum_upn._la_numbers
    assert known <= set(la_codes())
    assert {838, 839, 940, 941, 942, 943}.isdisjoint(known)  # why stdnum's list is not used


@pytest.mark.parametrize("code", CODES)
def test_each_la_code_with_the_right_letter_is_accepted_and_every_wrong_one_refused(code):
    for body in (f"{code:03d}4000250{code % 100:02d}", f"{code:03d}123426{code % 90:02d}A"):
        right = dfe_check_letter(body)
        assert upn_check_letter(body) == right
        assert validate_upn(right + body) == right + body
        assert upn_warning(right + body) == ""
        for wrong in DFE_LETTERS.replace(right, ""):
            with pytest.raises(InvalidInput, match=f"should start with {right}"):
                validate_upn(wrong + body)


@pytest.mark.parametrize("code", [0, 100, 200, 214, 421, 700, 834, 944, 999])
def test_an_unknown_la_code_is_a_warning_not_a_refusal(code):
    upn = make_upn(code, 4000, 2025, 7)
    assert validate_upn(upn) == upn
    assert upn_warning(upn) == (
        f"The UPN {upn} starts with local authority number {code:03d}, which is not on the "
        "DfE's list: check it against the pupil's record in the MIS."
    )
    wrong = next(c for c in DFE_LETTERS if c != upn[0]) + upn[1:]
    with pytest.raises(InvalidInput, match="wrong check letter"):
        validate_upn(wrong)


@given(st.text(alphabet="0123456789", min_size=11, max_size=11), st.sampled_from(UPN_ALPHABET))
def test_stdnums_letter_is_the_dfes_for_any_twelve_characters(digits, last):
    assert upn_check_letter(digits + last) == dfe_check_letter(digits + last)


def test_a_worked_example_from_the_dfe_method():
    # 801 2000 05 001: 2*8+3*0+4*1+5*2+6*0+7*0+8*0+9*0+10*5+11*0+12*0+13*1 = 93;
    # 93 mod 23 = 1, which is B.
    assert dfe_check_letter("801200005001") == "B" == upn_check_letter("801200005001")
    assert validate_upn("b801-2000 05001") == "B801200005001"
