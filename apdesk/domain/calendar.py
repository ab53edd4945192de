"""The school calendar: which days are school days, and counting in school days.

A school day is a weekday inside one of the school's terms that is neither a closure
the school set nor a bank holiday in England (package `holidays`). Until any term is
entered every weekday that is not a closure or bank holiday counts, so the program is
usable on the first day; the school should enter its terms. `add_months` does
calendar-month arithmetic for expiry and retention dates.
"""

from __future__ import annotations

from bisect import bisect_right
from calendar import monthrange  # the standard library module, not this one
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from functools import cache
from itertools import accumulate
from typing import Protocol

import holidays

from apdesk.domain.entities.people import School
from apdesk.domain.errors import InvalidInput
from apdesk.domain.formatting import format_date

# How far to look for the next or previous school day before giving up (a year).
_SEARCH_LIMIT = 366
_DAY = timedelta(days=1)
_WEEK = timedelta(days=7)


def add_months(day: date, months: int) -> date:
    """The same day `months` later; a day the month lacks becomes its last day (29 Feb)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def school_year_start(day: date) -> date:
    """1 September of the school year `day` is in (England's school year runs September to
    August): 31 Aug 2026 is in the year from 1 Sep 2025, 1 Sep 2026 starts the next."""
    return date(day.year if day.month >= 9 else day.year - 1, 9, 1)


@cache
def _bank_holidays(year: int) -> Mapping[date, str]:
    """England's bank holidays in `year`, by day, as a plain dict made once per year per
    process: the same for every calendar (each list makes its own, and the package took a
    fifth of a millisecond to make its table and fill each year asked about), and a plain
    lookup (the package's own takes about 2 us, most of a week mask's making)."""
    return dict(holidays.country_holidays("GB", subdiv="ENG", years=year))


class TermSpan(Protocol):
    """What the calendar needs of a term: its first and last school day (a `Term`, or a
    plain row of the two: a list's calendar needs nothing else of the terms)."""

    @property
    def start(self) -> date: ...

    @property
    def end(self) -> date: ...


class SchoolCalendar:
    """Answers school-day questions for one school's terms and closures.

    Made once per request (a list, a register week, Today) and asked about thousands of days,
    so it finds a day's term by bisection and remembers each day's answer; its terms and
    closures do not change after it is made."""

    def __init__(self, terms: Iterable[TermSpan], closures: Iterable[date] = ()) -> None:
        self.terms = sorted(terms, key=lambda t: t.start)
        self.closures = frozenset(closures)
        self._starts = [t.start for t in self.terms]
        #: the latest end of any term starting on or before each term's start (terms overlap
        #: only by mistake, but a day inside any of them is in term)
        self._reach = list(accumulate((t.end for t in self.terms), max))
        self._school_day: dict[date, bool] = {}
        self._school_weekdays: dict[date, int] = {}
        self._counting_weekdays: dict[date, int] = {}
        self._weeks: list[tuple[date, int]] = []  # consecutive weeks: `school_weeks` slices it

    @classmethod
    def for_school(cls, school: School) -> SchoolCalendar:
        return cls(school.terms, (c.on for c in school.closures))

    def is_bank_holiday(self, day: date) -> bool:
        return day in _bank_holidays(day.year)

    def in_term(self, day: date) -> bool:
        if not self.terms:
            return True
        before = bisect_right(self._starts, day)  # the terms that start on or before `day`
        return before > 0 and day <= self._reach[before - 1]

    def is_school_day(self, day: date) -> bool:
        known = self._school_day.get(day)
        if known is None:
            known = self._school_day[day] = (
                day.weekday() < 5
                and day not in self.closures
                and not self.is_bank_holiday(day)
                and self.in_term(day)
            )
        return known

    def school_weekdays(self, monday: date) -> int:
        """The school days of the week starting `monday`, as bits (bit d for weekday d)."""
        return self._week_mask(monday, self.is_school_day, self._school_weekdays)

    def school_weeks(self, first: date, last: date) -> list[tuple[date, int]]:
        """Each week from the one holding `first` to the one holding `last`, in order: its
        Monday and its school days as bits (`school_weekdays`). The weeks are listed once, from
        the earliest Monday asked about to the latest, and each question takes a slice: a
        register asks this of every placement."""
        begin = first - timedelta(days=first.weekday())
        if last < begin:
            return []
        weeks = self._weeks
        if not weeks or begin < weeks[0][0] or last >= weeks[-1][0] + _WEEK:
            monday = min(begin, weeks[0][0]) if weeks else begin
            end = max(last, weeks[-1][0]) if weeks else last
            weeks = self._weeks = []
            while monday <= end:
                weeks.append((monday, self.school_weekdays(monday)))
                monday += _WEEK
        at = (begin - weeks[0][0]).days // 7
        return weeks[at : at + (last - begin).days // 7 + 1]

    def counting_weekdays(self, monday: date) -> int:
        """The days of the week starting `monday` that `counts_as_school_day`, as bits (bit d
        for weekday d): what review schedules count weeks by, asked once a week, not a day."""
        return self._week_mask(monday, self.counts_as_school_day, self._counting_weekdays)

    @staticmethod
    def _week_mask(monday: date, counts: Callable[[date], bool], known: dict[date, int]) -> int:
        mask = known.get(monday)
        if mask is None:
            days = (monday + timedelta(days=d) for d in range(5))
            mask = known[monday] = sum(1 << day.weekday() for day in days if counts(day))
        return mask

    def why_not_school_day(self, day: date) -> str | None:
        """Why `day` is not a school day, in plain words ("a Saturday", "Christmas Day, a bank
        holiday"), or None when it is one."""
        if day.weekday() >= 5:
            return f"a {day.strftime('%A')}"
        if self.is_bank_holiday(day):
            return f"{_bank_holidays(day.year)[day]}, a bank holiday"
        if day in self.closures:
            return "a day the school is closed"
        if not self.in_term(day):
            return "outside the school's terms"
        return None

    def school_days_between(self, start: date, end: date) -> list[date]:
        """Every school day from `start` to `end`, both included, in order."""
        days = []
        day = start
        while day <= end:
            if self.is_school_day(day):
                days.append(day)
            day += _DAY
        return days

    def count_school_days(self, start: date, end: date) -> int:
        return len(self.school_days_between(start, end))

    def add_school_days(self, start: date, n: int) -> date:
        """The n-th school day after `start` (n >= 1), or before it when n is negative."""
        if n == 0:
            return start
        step = _DAY if n > 0 else -_DAY
        day, remaining = start, abs(n)
        for _ in range(_SEARCH_LIMIT * (remaining + 1)):
            day += step
            if self.is_school_day(day) or self._beyond_known_terms(day):
                remaining -= 1
                if remaining == 0:
                    return day
        raise InvalidInput(
            f"There are not enough school days around {format_date(start)}; "
            "check the term dates in the school settings."
        )

    def _beyond_known_terms(self, day: date) -> bool:
        """A weekday after the last term entered: schools enter next year's terms late, so
        dates counted forward into it (review dates, notice) fall on weekdays until they do."""
        return (
            bool(self.terms)
            and day > self.terms[-1].end
            and day.weekday() < 5
            and day not in self.closures
            and not self.is_bank_holiday(day)
        )

    def counts_as_school_day(self, day: date) -> bool:
        """A school day, or a weekday after the last term entered (see `_beyond_known_terms`)."""
        return self.is_school_day(day) or self._beyond_known_terms(day)

    def school_days_before(self, start: date, n: int) -> date:
        """The n-th school day before `start`: the last day notice given n school days ahead
        can be given. For a Wednesday start in term and n=2, that is the Monday."""
        return self.add_school_days(start, -n)

    def next_school_day(self, day: date) -> date:
        """`day` itself if it is a school day, else the next one."""
        return day if self.is_school_day(day) else self.add_school_days(day, 1)

    def notice_in_time(self, notice_on: date, start: date, school_days: int = 2) -> bool:
        """True when notice given on `notice_on` is at least `school_days` school days
        before `start` (off-site direction rule)."""
        return notice_on <= self.school_days_before(start, school_days)
