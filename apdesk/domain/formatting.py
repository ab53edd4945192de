"""British English wording of dates, times, durations and percentages, and reading dates
and times back as people type them.

Used by rule messages here, by documents and by the window's date fields; never reads the
clock. `parse_date` takes "1/12/2026", "01/12/2026", "1 Dec 2026", "1 December 2026" and
"2026-12-01"; an impossible date ("31 Feb") is refused with a reason, never rolled over.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time, timedelta

from apdesk.domain.errors import InvalidInput

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)  # never the locale's
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_SHORT_MONTHS = tuple(month[:3].title() for month in MONTHS)  # "Jan", ..., "Dec"
# Named without strftime, which imports a module at each call: under PySide6's import hook
# that made each date in a long list cost 20 microseconds.
_NUMERIC = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d+)")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_WORDS = re.compile(r"(?:[a-z]+,?\s+)??(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d+)")
_NO_YEAR = re.compile(r"\d{1,2}\s*(?:[/.-]\s*\d{1,2}|\s[a-z]+)")
_TIME = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?")
DATE_HINT = "for example 1/12/2026 or 1 Dec 2026"


def format_date(day: date) -> str:
    """'2 Mar 2026': day without a leading zero, short month (the house style for dates)."""
    return f"{day.day} {_SHORT_MONTHS[day.month - 1]} {day.year}"


def format_short_date(day: date) -> str:
    """'Mon 2 Mar 2026', for grids and timelines."""
    return f"{DAYS[day.weekday()]} {format_date(day)}"


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


def counted(number: int, noun: str) -> str:
    """'1 ticked line', '3 ticked lines': a count with its noun in the right number."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def format_percent(rate: float | None) -> str:
    """'85.0%' to one decimal place, or an en dash when there is nothing to divide by."""
    return "\N{EN DASH}" if rate is None else f"{rate * 100:.1f}%"


def parse_date(text: str, what: str = "The date") -> date:
    """The date typed in `text`; `InvalidInput` saying why when it is not one."""
    typed = " ".join(text.strip().lower().split())
    if not typed:
        raise InvalidInput(f"{what} is empty. Type a date, {DATE_HINT}.")
    if match := _ISO.fullmatch(typed):
        year, month, day = (int(part) for part in match.groups())
    elif match := _NUMERIC.fullmatch(typed):
        day, month, year = (int(part) for part in match.groups())
    elif match := _WORDS.fullmatch(typed):
        day, year = int(match[1]), int(match[3])
        month = _month_number(match[2], what, text)
    elif _NO_YEAR.fullmatch(typed):
        raise InvalidInput(f"{what}: “{text.strip()}” needs the year too, {DATE_HINT}.")
    else:
        raise InvalidInput(f"{what}: “{text.strip()}” is not a date. Type it {DATE_HINT}.")
    return _checked_date(year, month, day, what)


def _month_number(word: str, what: str, text: str) -> int:
    for number, name in enumerate(MONTHS, start=1):
        if len(word) >= 3 and name.startswith(word):
            return number
    raise InvalidInput(f"{what}: “{text.strip()}” has no month called “{word}”.")


def _checked_date(year: int, month: int, day: int, what: str) -> date:
    if year < 1000:
        raise InvalidInput(f"{what}: type the year in full, with four digits (not {year}).")
    if not 1 <= month <= 12:
        raise InvalidInput(f"{what}: there is no month {month} (months go from 1 to 12).")
    try:
        return date(year, month, day)
    except ValueError:
        days = calendar.monthrange(year, month)[1]
        month_name = MONTHS[month - 1].capitalize()
        raise InvalidInput(
            f"{what}: {day} {month_name} {year} is not a date: {month_name} {year} has {days} days."
        ) from None


def parse_time(text: str, what: str = "The time") -> time:
    """A time of day typed as "14:05", "14.05", "9:30", "2pm" or "2:30 pm"."""
    typed = "".join(text.strip().lower().split())
    match = _TIME.fullmatch(typed)
    if not typed or match is None:
        raise InvalidInput(f"{what}: type a time of day on the 24-hour clock, like 14:05.")
    hour, minute = int(match[1]), int(match[2] or 0)
    if match[3]:
        if not 1 <= hour <= 12:
            raise InvalidInput(f"{what}: {text.strip()} is not a time of day.")
        hour = hour % 12 + (12 if match[3] == "pm" else 0)
    elif match[2] is None:
        raise InvalidInput(f"{what}: type the minutes too, like 14:00.")
    if hour > 23 or minute > 59:
        raise InvalidInput(f"{what}: {text.strip()} is not a time of day.")
    return time(hour, minute)


def format_time(moment: time) -> str:
    """'14:05', as a time field shows it."""
    return moment.strftime("%H:%M")
