"""Term dates for the demo school, shaped like a typical English school year.

Three terms a year (autumn from early September to just before Christmas, spring from early
January to the Friday before Holy Week, summer from the week after Easter to late July), each
with a half-term week, and an INSET day at the start of the autumn and spring terms. The
half terms and INSET days are closures; bank holidays come from `SchoolCalendar` itself.
Real schools enter their own dates: these only make the demo's calendar look right.
"""

from __future__ import annotations

from datetime import date, timedelta

from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.entities import Closure, Term


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Meeus/Jones/Butcher method)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _weekday_on_or_after(day: date) -> date:
    return day if day.weekday() < 5 else _on_or_after(day, 0)


def _weekday_on_or_before(day: date) -> date:
    return day if day.weekday() < 5 else _on_or_before(day, 4)


def _on_or_before(day: date, weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def _last_monday(year: int, month: int) -> date:
    first_of_next = date(year + month // 12, month % 12 + 1, 1)
    return _on_or_before(first_of_next - timedelta(days=1), 0)


def _week(monday: date, reason: str) -> list[Closure]:
    return [Closure(monday + timedelta(days=n), reason) for n in range(5)]


def academic_year(year: int) -> tuple[list[Term], list[Closure]]:
    """The terms and closures of the school year that starts in September of `year`."""
    autumn = _weekday_on_or_after(date(year, 9, 3))
    easter = easter_sunday(year + 1)
    spring = _on_or_after(date(year + 1, 1, 4), 0)
    summer = easter + timedelta(days=8)
    terms = [
        Term(f"Autumn {year}", autumn, _weekday_on_or_before(date(year, 12, 19))),
        Term(f"Spring {year + 1}", spring, easter - timedelta(days=9)),
        Term(f"Summer {year + 1}", summer, _weekday_on_or_before(date(year + 1, 7, 22))),
    ]
    closures = [Closure(autumn, "INSET day"), Closure(spring, "INSET day")]
    closures += _week(_last_monday(year, 10), "Half term")
    closures += _week(_on_or_after(date(year + 1, 2, 12), 0), "Half term")
    closures += _week(_last_monday(year + 1, 5), "Half term")
    return terms, closures


def school_years(first: int, last: int) -> tuple[list[Term], list[Closure]]:
    """Terms and closures for every school year from September `first` to September `last`."""
    terms: list[Term] = []
    closures: list[Closure] = []
    for year in range(first, last + 1):
        more_terms, more_closures = academic_year(year)
        terms += more_terms
        closures += more_closures
    return terms, closures


def calendar_of(terms: list[Term], closures: list[Closure]) -> SchoolCalendar:
    return SchoolCalendar(terms, (c.on for c in closures))


def school_day_on_or_before(calendar: SchoolCalendar, day: date) -> date:
    """`day` if it is a school day, else the last school day before it."""
    return day if calendar.is_school_day(day) else calendar.add_school_days(day, -1)
