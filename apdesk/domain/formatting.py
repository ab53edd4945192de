"""British English wording of dates, times, durations and percentages for messages.

Used by rule messages here and by documents; never reads the clock.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta


def format_date(day: date) -> str:
    """'2 Mar 2026': day without a leading zero, short month (the house style for dates)."""
    return f"{day.day} {day.strftime('%b')} {day.year}"


def format_short_date(day: date) -> str:
    """'Mon 2 Mar 2026', for grids and timelines."""
    return f"{day.strftime('%a')} {day.day} {day.strftime('%b')} {day.year}"


def format_datetime(moment: datetime) -> str:
    """'2 March 2026 at 14:05' (24-hour clock)."""
    return f"{format_date(moment.date())} at {moment.strftime('%H:%M')}"


def format_duration(delta: timedelta) -> str:
    """A friendly length of time: '0 min', '45 min', '2 h 15 min', '3 d 4 h'.

    Negative durations are shown with a leading minus sign; seconds are dropped.
    """
    sign = "-" if delta < timedelta(0) else ""
    minutes = int(abs(delta).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        text = f"{days} d {hours} h" if hours else f"{days} d"
    elif hours:
        text = f"{hours} h {mins} min" if mins else f"{hours} h"
    else:
        text = f"{mins} min"
    return sign + text


def format_percent(rate: float | None) -> str:
    """'85.0%' to one decimal place, or an en dash when there is nothing to divide by."""
    return "\N{EN DASH}" if rate is None else f"{rate * 100:.1f}%"
