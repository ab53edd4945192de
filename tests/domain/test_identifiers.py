"""UPN, Ofsted URN and UKPRN checks, and dates in order; property tests with hypothesis."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apdesk.domain.errors import InvalidInput
from apdesk.domain.identifiers import (
    UPN_ALPHABET,
    make_upn,
    upn_check_letter,
    upn_warning,
    validate_ofsted_urn,
    validate_ukprn,
    validate_upn,
)

# A sample of LA codes: 201 City of London, 801 Bristol, 838 Dorset, 943 Westmorland.
LA_CODES = st.sampled_from([201, 302, 341, 801, 838, 873, 938, 943])


def test_known_upn_and_its_check_letter() -> None:
    # stdnum's own documented example.
    assert validate_upn("B801200005001") == "B801200005001"
    assert upn_check_letter("801200005001") == "B"
    assert make_upn(801, 2000, 2005, 1) == "B801200005001"


def test_wrong_check_letter_says_the_right_one() -> None:
    with pytest.raises(InvalidInput) as caught:
        validate_upn("A801200005001")
    assert str(caught.value) == (
        "The UPN A801200005001 has the wrong check letter; it should start with B."
    )


@pytest.mark.parametrize(
    ("upn", "fragment"),
    [
        ("B80120000500", "has 12"),
        ("X80120000A001", "not in the right form"),
    ],
)
def test_other_upn_errors(upn: str, fragment: str) -> None:
    with pytest.raises(InvalidInput, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        validate_upn(upn)


def test_upn_spaces_and_case_are_tidied() -> None:
    assert validate_upn(" b801 2000 05001 ") == "B801200005001"


@given(LA_CODES, st.integers(0, 9999), st.integers(0, 99), st.integers(0, 999))
def test_generated_upns_are_valid(la: int, estab: int, year: int, serial: int) -> None:
    upn = make_upn(la, estab, year, serial)
    assert len(upn) == 13
    assert validate_upn(upn) == upn


@given(
    LA_CODES,
    st.integers(0, 9999),
    st.integers(0, 999),
    st.sampled_from([c for c in UPN_ALPHABET if c.isalpha()]),
)
def test_any_other_check_letter_is_rejected(la: int, estab: int, serial: int, letter: str) -> None:
    good = make_upn(la, estab, 26, serial)
    if letter == good[0]:
        return
    with pytest.raises(InvalidInput, match=f"should start with {good[0]}"):
        validate_upn(letter + good[1:])


def test_check_letter_needs_twelve_characters() -> None:
    with pytest.raises(InvalidInput):
        upn_check_letter("80120000500")
    with pytest.raises(InvalidInput):
        upn_check_letter("80120000500I")  # I is not used in UPNs


@given(st.from_regex(r"\A[0-9]{6,7}\Z"))
def test_six_or_seven_digit_urns_accepted(urn: str) -> None:
    assert validate_ofsted_urn(urn) == urn


@pytest.mark.parametrize("bad", ["12345", "12345678", "EY123456", "SC12345", "12 34", ""])
def test_other_urns_refused(bad: str) -> None:
    with pytest.raises(InvalidInput, match="is not an Ofsted URN"):
        validate_ofsted_urn(bad)


def test_urn_spaces_removed() -> None:
    assert validate_ofsted_urn("123 456") == "123456"


def test_ukprn() -> None:
    assert validate_ukprn("1001 2345") == "10012345"
    for bad in ("20012345", "1001234", "100123456"):
        with pytest.raises(InvalidInput, match="is not a UKPRN"):
            validate_ukprn(bad)


@pytest.mark.parametrize("twelve", ["8012A0005001", "8012000050A1"])
def test_a_letter_anywhere_but_the_end_of_the_twelve_is_refused_in_words(twelve: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        upn_check_letter(twelve)
    assert str(caught.value) == (
        f"'{twelve}' should be 11 digits and a final digit or letter (everything in a UPN "
        "after the check letter)."
    )


@pytest.mark.parametrize(
    "upn", ["BA01200005001", "B8012000050A1", "B80120000500I", "B80120000500O"]
)
def test_a_upn_out_of_form_says_the_form_whatever_character_is_wrong(upn: str) -> None:
    # A letter as the first LA digit or the last serial digit but one; I or O at the end.
    with pytest.raises(InvalidInput) as caught:
        validate_upn(upn)
    assert str(caught.value) == (
        f"The UPN {upn} is not in the right form: a check letter, 11 digits, then a final "
        "digit or letter."
    )


def test_the_la_warning_reads_only_the_three_la_digits_of_thirteen_characters() -> None:
    # Typed so far, or with a letter in the LA number: no warning (validate_upn says what
    # is wrong). LA 999 is unknown whatever follows it.
    assert upn_warning("B99912") == ""
    assert upn_warning("B999120000501") != ""
    assert upn_warning("BX01200005001") == ""
    assert upn_warning("B99A200005001") == ""
    assert upn_warning("B999A00005001").startswith("The UPN B999A00005001 starts with local")
