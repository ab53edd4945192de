"""The DfE attendance code table: every code, its category and how it counts."""

from __future__ import annotations

import pytest

from apdesk.domain.codes import CODE_HINT, CODES, CodeCategory, lookup
from apdesk.domain.errors import ApdeskError, InvalidInput

# Written out again by hand from DOMAIN.md, so a changed table fails here.
EXPECTED = {
    CodeCategory.PRESENT: ["/", "\\", "L"],
    CodeCategory.APPROVED_EDUCATION: ["K", "B", "V", "P", "W"],
    CodeCategory.AUTHORISED: ["C1", "C2", "C", "E", "I", "M", "J1", "R", "S", "T"],
    CodeCategory.UNAUTHORISED: ["G", "N", "O", "U"],
    CodeCategory.NOT_POSSIBLE: [
        "D",
        "Q",
        "X",
        "Y1",
        "Y2",
        "Y3",
        "Y4",
        "Y5",
        "Y6",
        "Y7",
        "Z",
        "#",
    ],
}


def test_table_has_exactly_the_dfe_codes() -> None:
    expected = {code for codes in EXPECTED.values() for code in codes}
    assert set(CODES) == expected
    assert len(CODES) == 34


@pytest.mark.parametrize("category", list(CodeCategory))
def test_each_category_holds_the_expected_codes(category: CodeCategory) -> None:
    assert sorted(c.code for c in CODES.values() if c.category is category) == sorted(
        EXPECTED[category]
    )


@pytest.mark.parametrize(
    ("code", "present", "possible"),
    [
        ("/", True, True),
        ("\\", True, True),
        ("L", True, True),
        ("B", True, True),
        ("K", True, True),
        ("I", False, True),
        ("N", False, True),
        ("U", False, True),
        ("Q", False, False),
        ("X", False, False),
        ("Y4", False, False),
        ("#", False, False),
        ("D", False, False),
        ("Z", False, False),
    ],
)
def test_counts_present_and_possible(code: str, present: bool, possible: bool) -> None:
    entry = lookup(code)
    assert (entry.counts_present, entry.counts_possible) == (present, possible)


def test_every_code_has_a_meaning() -> None:
    assert all(c.meaning.strip() for c in CODES.values())


def test_lookup_ignores_case_and_spaces() -> None:
    assert lookup(" c1 ").code == "C1"
    assert lookup("b").category is CodeCategory.APPROVED_EDUCATION


@pytest.mark.parametrize("bad", ["Z9", "Y8", "A", "", "BB", "J"])
def test_unknown_codes_are_refused_clearly(bad: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        lookup(bad)
    assert str(caught.value) == f"'{bad}' is not a DfE attendance code. {CODE_HINT}"
    assert "such as B (attended the provision)" in CODE_HINT  # says what to type instead
    assert isinstance(caught.value, ApdeskError)


def test_absence_flag() -> None:
    assert lookup("G").is_absence and lookup("I").is_absence
    assert not lookup("Q").is_absence and not lookup("B").is_absence
