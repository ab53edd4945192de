"""The school calendar at the edges mutation testing found thin: the words saying why a day
is no school day, the days themselves (not only how many), and the whole refusal when there
are no school days to count back to."""

from __future__ import annotations

from datetime import date

import pytest

from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.entities import Term
from apdesk.domain.errors import InvalidInput

SPRING = Term("Spring 2026", date(2026, 1, 5), date(2026, 3, 27))
INSET = date(2026, 3, 6)  # a Friday
CAL = SchoolCalendar([SPRING], [INSET])


@pytest.mark.parametrize(
    ("day", "why"),
    [
        (date(2026, 3, 7), "a Saturday"),
        (date(2026, 1, 1), "New Year's Day, a bank holiday"),
        (INSET, "a day the school is closed"),
        (date(2026, 3, 30), "outside the school's terms"),
        (date(2026, 3, 5), None),
    ],
)
def test_why_a_day_is_no_school_day_in_plain_words(day: date, why: str | None) -> None:
    assert CAL.why_not_school_day(day) == why


def test_the_school_days_between_two_dates_are_those_dates() -> None:
    assert CAL.school_days_between(date(2026, 3, 4), date(2026, 3, 9)) == [
        date(2026, 3, 4),
        date(2026, 3, 5),
        date(2026, 3, 9),
    ]


def test_counting_back_before_the_first_term_says_to_check_the_term_dates() -> None:
    with pytest.raises(InvalidInput) as refused:
        CAL.add_school_days(date(2026, 1, 5), -1)
    assert str(refused.value) == (
        "There are not enough school days around 5 Jan 2026; check the term dates in the "
        "school settings."
    )
