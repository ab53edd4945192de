"""Dates, durations and percentages as users read them."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apdesk.domain.errors import InvalidInput
from apdesk.domain.formatting import (
    counted,
    format_date,
    format_datetime,
    format_duration,
    format_percent,
    format_short_date,
    format_time,
    parse_date,
    parse_time,
)


def test_dates() -> None:
    assert format_date(date(2026, 3, 2)) == "2 Mar 2026"
    assert format_short_date(date(2026, 3, 2)) == "Mon 2 Mar 2026"
    assert format_datetime(datetime(2026, 3, 2, 14, 5)) == "2 Mar 2026 at 14:05"


def test_every_day_and_month_is_named_in_english() -> None:
    week = [format_short_date(date(2026, 11, 23) + timedelta(days=n))[:3] for n in range(7)]
    assert week == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    months = [format_date(date(2026, month, 1)).split()[1] for month in range(1, 13)]
    assert months == [
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "May",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Oct",
        "Nov",
        "Dec",
    ]
    assert format_short_date(date(2027, 1, 31)) == "Sun 31 Jan 2027"


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(0), "0 min"),
        (timedelta(minutes=45, seconds=59), "45 min"),
        (timedelta(hours=2, minutes=15), "2 h 15 min"),
        (timedelta(hours=3), "3 h"),
        (timedelta(days=1, hours=4, minutes=30), "1 d 4 h"),
        (timedelta(days=2), "2 d"),
        (-timedelta(minutes=90), "-1 h 30 min"),
    ],
)
def test_durations(delta: timedelta, text: str) -> None:
    assert format_duration(delta) == text


def test_percent() -> None:
    assert format_percent(0.85) == "85.0%"
    assert format_percent(17 / 18) == "94.4%"
    assert format_percent(None) == "\N{EN DASH}"


@pytest.mark.parametrize(
    "typed",
    ["1/12/2026", "01/12/2026", "1 Dec 2026", "1 December 2026", "2026-12-01", " 1.12.2026 "],
)
def test_a_date_is_read_as_people_type_it(typed: str) -> None:
    assert parse_date(typed) == date(2026, 12, 1)


def test_the_last_day_of_a_month_and_a_leap_day_are_dates() -> None:
    assert parse_date("28/2/2026") == date(2026, 2, 28)
    assert parse_date("29 Feb 2028") == date(2028, 2, 29)
    assert parse_date("31/12/2026") == date(2026, 12, 31)


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("31 Feb 2026", "31 February 2026 is not a date: February 2026 has 28 days."),
        ("29/02/2026", "29 February 2026 is not a date: February 2026 has 28 days."),
        ("31/4/2026", "April 2026 has 30 days"),
        ("1/13/2026", "there is no month 13"),
        ("0/12/2026", "0 December 2026 is not a date"),
        ("1/12/26", "type the year in full"),
        ("31 Feb", "needs the year too"),
        ("1 Dex 2026", "no month called “dex”"),
        ("next Tuesday", "is not a date"),
        ("", "is empty"),
    ],
)
def test_an_impossible_date_is_refused_with_the_reason_never_rolled_over(
    typed: str, reason: str
) -> None:
    with pytest.raises(InvalidInput, match=re.escape(reason)):
        parse_date(typed, "Date of birth")


def test_the_reason_names_the_field() -> None:
    with pytest.raises(InvalidInput, match=r"^Date of birth: "):
        parse_date("31/2/2026", "Date of birth")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("14:05", time(14, 5)), ("9.30", time(9, 30)), ("2pm", time(14)), ("12:15 am", time(0, 15))],
)
def test_a_time_is_read_as_people_type_it(typed: str, expected: time) -> None:
    assert parse_time(typed) == expected
    assert format_time(expected) == expected.strftime("%H:%M")


@pytest.mark.parametrize("typed", ["24:00", "14:60", "14", "13pm", "", "noon"])
def test_a_time_that_is_not_one_is_refused(typed: str) -> None:
    with pytest.raises(InvalidInput):
        parse_time(typed)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_every_date_written_in_house_style_reads_back_the_same(day: date) -> None:
    assert parse_date(format_date(day)) == day
    assert parse_date(f"{day.day}/{day.month}/{day.year}") == day
    assert parse_date(day.isoformat()) == day


# The edges `make mutate MUTANTS='apdesk.domain.formatting*'` found untested on 4 Dec 2026:
# each refusal whole (the field named, the text typed), each limit on its line.


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("", "The date is empty. Type a date, for example 1/12/2026 or 1 Dec 2026."),
        ("1 Dex 2026", "Date of birth: “1 Dex 2026” has no month called “dex”."),
        ("1/12/999", "The date: type the year in full, with four digits (not 999)."),
    ],
)
def test_a_date_refusal_names_the_field_and_what_was_typed(typed: str, said: str) -> None:
    what = ("Date of birth",) if "Dex" in typed else ()
    with pytest.raises(InvalidInput) as refused:
        parse_date(typed, *what)
    assert str(refused.value) == said


def test_the_year_1000_is_the_first_with_four_digits() -> None:
    assert parse_date("1/12/1000") == date(1000, 12, 1)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("1pm", time(13)), ("12pm", time(12)), ("1am", time(1)), ("23:00", time(23)),
     ("14:59", time(14, 59)), ("00:00", time(0))],
)  # fmt: skip
def test_a_time_at_each_edge_of_the_clock_is_read(typed: str, expected: time) -> None:
    assert parse_time(typed) == expected


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("noon", "The time: type a time of day on the 24-hour clock, like 14:05."),
        ("13pm", "The time: 13pm is not a time of day."),
        ("0am", "The time: 0am is not a time of day."),
        ("14", "The time: type the minutes too, like 14:00."),
        (" 24:00 ", "The time: 24:00 is not a time of day."),
        ("14:60", "The time: 14:60 is not a time of day."),
    ],
)
def test_a_time_refusal_says_why_in_words(typed: str, said: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_time(typed)
    assert str(refused.value) == said


def test_a_count_takes_its_noun_in_the_right_number():
    assert counted(1, "ticked line") == "1 ticked line"
    assert [counted(n, "requirement") for n in (0, 2)] == ["0 requirements", "2 requirements"]
