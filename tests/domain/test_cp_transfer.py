"""CP-file transfer rules: five school days for the receipt, the code, what is refused."""

from __future__ import annotations

import re
from datetime import date

import pytest

from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.cp_transfer import (
    CODE_ALPHABET,
    CpTransfer,
    check_receipt,
    check_transfer,
    receipt_due,
    receipt_missing,
    transfer_code,
)
from apdesk.domain.entities import Term
from apdesk.domain.errors import InvalidInput
from tests.domain.factories import refusal

CALENDAR = SchoolCalendar(
    [
        Term("Autumn 1", date(2026, 9, 2), date(2026, 10, 23)),
        Term("Autumn 2", date(2026, 11, 2), date(2026, 12, 18)),
    ]
)


def _sent(on: date, receipt: date | None = None) -> CpTransfer:
    return CpTransfer(3, "Moorside High", "Jane Holt", on, receipt_on=receipt)


def test_five_school_days_across_a_weekend() -> None:
    sent = date(2026, 11, 4)  # a Wednesday: Thu, Fri, Mon, Tue, Wed
    assert receipt_due(CALENDAR, sent) == date(2026, 11, 11)
    assert not receipt_missing(CALENDAR, _sent(sent), date(2026, 11, 11))
    assert receipt_missing(CALENDAR, _sent(sent), date(2026, 11, 12))
    assert not receipt_missing(CALENDAR, _sent(sent, date(2026, 11, 6)), date(2026, 11, 30))


def test_half_term_does_not_count() -> None:
    # Wednesday 21 October: Thu 22, Fri 23, then half term, then Mon 2, Tue 3, Wed 4 November
    assert receipt_due(CALENDAR, date(2026, 10, 21)) == date(2026, 11, 4)


def test_the_code_is_long_readable_and_new_each_time() -> None:
    codes = {transfer_code() for _ in range(50)}
    assert len(codes) == 50
    for code in codes:
        assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){4}", code)
        assert not set(code) & set("ILOU") and set(code.replace("-", "")) <= set(CODE_ALPHABET)


def test_a_future_date_a_blank_school_and_the_same_pack_twice_are_refused() -> None:
    today = date(2026, 11, 4)
    with pytest.raises(InvalidInput, match="in the future"):
        check_transfer(_sent(date(2026, 11, 5)), today, [])
    with pytest.raises(InvalidInput, match="school the file goes to"):
        check_transfer(CpTransfer(3, " ", "Jane Holt", today), today, [])
    with pytest.raises(InvalidInput, match="DSL"):
        check_transfer(CpTransfer(3, "Moorside High", "", today), today, [])
    twice = CpTransfer(3, "moorside high ", "J Holt", today)
    with pytest.raises(InvalidInput, match="already sent to Moorside High"):
        check_transfer(twice, today, [_sent(today)])
    check_transfer(twice, today, [_sent(date(2026, 11, 3))])  # another day: a new pack


def test_a_receipt_before_sending_in_the_future_twice_or_from_nobody_is_refused() -> None:
    sent, today = _sent(date(2026, 11, 4)), date(2026, 11, 9)
    check_receipt(sent, date(2026, 11, 4), today, "Jane Holt")
    with pytest.raises(InvalidInput, match="before the file went"):
        check_receipt(sent, date(2026, 11, 3), today, "Jane Holt")
    with pytest.raises(InvalidInput, match="in the future"):
        check_receipt(sent, date(2026, 11, 10), today, "Jane Holt")
    with pytest.raises(InvalidInput, match="who at the receiving school"):
        check_receipt(sent, today, today, " ")
    with pytest.raises(InvalidInput, match="already recorded"):
        check_receipt(_sent(date(2026, 11, 4), today), today, today, "Jane Holt")


def test_each_refusal_says_what_to_enter_or_do() -> None:
    today = date(2026, 3, 4)
    pack = _sent(today)
    no_school = CpTransfer(3, " ", "Jane Holt", today)
    assert refusal(check_transfer, no_school, today, []) == "Enter the school the file goes to."
    no_dsl = CpTransfer(3, "Moorside High", "", today)
    assert refusal(check_transfer, no_dsl, today, []) == (
        "Enter the name of the receiving school's DSL, who will get the code."
    )
    assert refusal(check_transfer, pack, today, [_sent(today)]) == (
        "This pupil's file was already sent to Moorside High on 4 Mar 2026. If the code was "
        "lost, record the receipt of that pack or make a new one tomorrow."
    )
    assert refusal(check_receipt, pack, today, today, " ") == (
        "Enter who at the receiving school confirmed it."
    )


def test_a_receipt_may_be_recorded_the_day_it_comes() -> None:
    today = date(2026, 3, 4)
    check_receipt(_sent(date(2026, 3, 2)), today, today, "Jane Holt")
