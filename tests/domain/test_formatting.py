"""Dates, durations and percentages as users read them."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from apdesk.domain.formatting import (
    format_date,
    format_datetime,
    format_duration,
    format_percent,
    format_short_date,
)


def test_dates() -> None:
    assert format_date(date(2026, 3, 2)) == "2 Mar 2026"
    assert format_short_date(date(2026, 3, 2)) == "Mon 2 Mar 2026"
    assert format_datetime(datetime(2026, 3, 2, 14, 5)) == "2 Mar 2026 at 14:05"


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
