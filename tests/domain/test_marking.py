"""When a mark may be recorded, and which codes fit a session at alternative provision."""

from __future__ import annotations

from datetime import date

import pytest

from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.codes import lookup
from apdesk.domain.entities import Term
from apdesk.domain.enums import PlacementReason, PlacementStatus
from apdesk.domain.errors import InvalidInput
from apdesk.domain.marking import check_code, check_mark, mark_refusal, suggested_code
from tests.domain.factories import ready_placement

TODAY = date(2026, 12, 16)  # a Wednesday
CALENDAR = SchoolCalendar(
    [
        Term("Autumn", date(2026, 9, 2), date(2026, 12, 18)),
        Term("Spring", date(2027, 1, 5), date(2027, 3, 26)),
    ]
)


def placement_from(start: date):  # type: ignore[no-untyped-def]
    placement = ready_placement()
    placement.start_date, placement.planned_end_date = start, date(2027, 3, 26)
    return placement


def refusal(day: date, pupil_id: int = 3, start: date = date(2026, 9, 7)) -> str | None:
    return mark_refusal(placement_from(start), pupil_id, day, CALENDAR, TODAY)


def test_a_school_day_within_the_placement_may_be_marked() -> None:
    assert refusal(TODAY) is None
    assert refusal(date(2026, 12, 15)) is None
    assert refusal(date(2026, 9, 7)) is None  # the first day itself


def test_a_saturday_is_refused() -> None:
    assert refusal(date(2026, 12, 12)) == (
        "12 Dec 2026 is not a school day (a Saturday): no attendance is recorded for it."
    )


def test_christmas_day_is_refused_as_a_bank_holiday() -> None:
    # Friday 25 Dec 2027 sits outside term anyway; 25 Dec 2026 is a Friday in the holidays.
    calendar = SchoolCalendar([Term("All year", date(2026, 9, 1), date(2027, 7, 20))])
    placement = placement_from(date(2026, 9, 7))
    text = mark_refusal(placement, 3, date(2026, 12, 25), calendar, date(2027, 1, 6))
    assert text is not None and "Christmas Day, a bank holiday" in text


def test_a_day_outside_term_is_refused() -> None:
    assert "outside the school's terms" in (refusal(date(2026, 8, 28)) or "")


def test_tomorrow_is_refused_today_is_not() -> None:
    assert refusal(date(2026, 12, 17)) == (
        "17 Dec 2026 is in the future: record attendance on the day or after it."
    )
    assert refusal(TODAY) is None


def test_the_day_before_the_start_is_refused() -> None:
    start = date(2026, 12, 15)
    assert refusal(date(2026, 12, 14), start=start) == (
        "The placement starts on 15 Dec 2026: 14 Dec 2026 is before it."
    )
    assert refusal(start, start=start) is None


def test_a_day_after_the_placement_ended_is_refused() -> None:
    placement = placement_from(date(2026, 9, 7))
    placement.status, placement.ended_on = PlacementStatus.ENDED, date(2026, 12, 14)
    assert mark_refusal(placement, 3, date(2026, 12, 14), CALENDAR, TODAY) is None
    assert mark_refusal(placement, 3, date(2026, 12, 15), CALENDAR, TODAY) == (
        "The placement ended on 14 Dec 2026: 15 Dec 2026 is after it."
    )


def test_another_pupils_placement_is_refused() -> None:
    assert refusal(TODAY, pupil_id=4) == (
        "That placement is not this pupil's: record the mark on the pupil's own placement."
    )
    with pytest.raises(InvalidInput, match="not this pupil's"):
        check_mark(placement_from(date(2026, 9, 7)), 4, TODAY, CALENDAR, TODAY)


def test_suggested_code_follows_who_arranged_the_placement() -> None:
    placement = ready_placement(PlacementReason.EXCLUSION)
    assert suggested_code(placement) == "B"
    assert suggested_code(ready_placement(PlacementReason.ILLNESS_LA)) == "K"
    placement.dual_registered = True
    assert suggested_code(placement) == "D"


@pytest.mark.parametrize("code", ["/", "\\"])
def test_present_at_school_codes_are_refused_for_ap(code: str) -> None:
    with pytest.raises(InvalidInput, match="means present at school"):
        check_code(code)


@pytest.mark.parametrize("code", ["b", "K", "D", "L", "N"])
def test_other_codes_fit_and_come_back_in_capitals(code: str) -> None:
    assert check_code(code) == code.upper()


def test_x_says_non_compulsory_school_age() -> None:
    assert "non-compulsory school age" in lookup("X").meaning.lower()


# The edges `make mutate MUTANTS='apdesk.domain.marking*'` found untested on 4 Dec 2026.


def test_a_day_after_the_planned_end_of_a_placement_not_yet_ended_is_refused() -> None:
    placement = placement_from(date(2026, 9, 7))
    placement.status, placement.planned_end_date = PlacementStatus.ACTIVE, date(2026, 12, 15)
    assert mark_refusal(placement, 3, TODAY, CALENDAR, TODAY) == (
        "The placement is planned to end on 15 Dec 2026: 16 Dec 2026 is after it."
    )


def test_a_mark_that_may_be_recorded_is_let_through() -> None:
    check_mark(placement_from(date(2026, 9, 7)), 3, TODAY, CALENDAR, TODAY)


def test_a_mark_is_refused_with_the_same_words_the_register_shows() -> None:
    with pytest.raises(InvalidInput) as refused:
        check_mark(placement_from(date(2026, 9, 7)), 3, date(2026, 12, 17), CALENDAR, TODAY)
    assert str(refused.value) == refusal(date(2026, 12, 17))


def test_a_present_at_school_code_is_refused_naming_the_three_that_fit() -> None:
    with pytest.raises(InvalidInput) as refused:
        check_code("/")
    assert str(refused.value) == (
        "'/' means present at school. A session at alternative provision is B (arranged by "
        "the school), K (arranged by the local authority) or D (dual registered at another "
        "school)."
    )
