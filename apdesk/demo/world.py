"""What the demo builders share: the timeline of events, the travelling clock and what exists.

The demo tells its story through the ordinary services, in the order things happen: each
event runs with a clock set to its own moment, so a placement authorised in September says
so (and so does its audit row). The events for every year are collected first, then run in
time order.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from apdesk.demo.stories import Fate, PlacementSpec
from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.clock import FixedClock
from apdesk.domain.entities import Placement, Provider
from apdesk.domain.enums import Session
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices

SessionKey = tuple[date, Session]


class Timeline:
    """Events to run later, each at its moment; equal moments keep the order they were added."""

    def __init__(self) -> None:
        self._events: list[tuple[datetime, int, Callable[[], object]]] = []

    def at(self, moment: datetime, event: Callable[[], object]) -> None:
        self._events.append((moment, len(self._events), event))

    def __len__(self) -> int:
        return len(self._events)

    def run(
        self, clock: FixedClock, latest: datetime, on_step: Callable[[int], None] | None = None
    ) -> None:
        """Run every event in time order with the clock at its moment (never after `latest`)."""
        events = sorted(self._events, key=lambda e: (e[0], e[1]))
        self._events.clear()
        for done, (when, _, event) in enumerate(events, start=1):
            clock.at = min(when, latest)
            event()
            if on_step is not None:
                on_step(done)


@dataclass
class PlacementPlan:
    """One placement of the story: its dates worked out in advance, its record once made."""

    spec: PlacementSpec
    fate: Fate
    start: date
    planned_end: date
    closed: date | None  # the day it ended or was terminated
    last_day: date  # the last day with attendance so far
    codes: dict[SessionKey, str] = field(default_factory=dict)
    stored: Placement | None = None
    referral_id: int | None = None  # the AP referral it was proposed from

    @property
    def started(self) -> bool:
        return self.fate not in (Fate.AUTHORISED, Fate.PROPOSED)

    @property
    def placement_id(self) -> int:
        assert self.stored is not None and self.stored.id is not None
        return self.stored.id


@dataclass
class Year:
    """One school year of the story: year 0 ends today, year k is k years earlier."""

    index: int
    anchor: date  # the last school day of the story
    pupil_ids: dict[int, int] = field(default_factory=dict)
    carers: dict[int, str] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)  # first names, for narratives
    plans: dict[int, PlacementPlan] = field(default_factory=dict)

    @property
    def current(self) -> bool:
        return self.index == 0

    def plan_for(self, pupil: int, provider: int) -> PlacementPlan | None:
        found = (
            p for p in self.plans.values() if (p.spec.pupil, p.spec.provider) == (pupil, provider)
        )
        return next(found, None)


@dataclass
class World:
    svc: AppServices
    past: AppServices  # the same store, seen through the travelling clock
    clock: FixedClock
    now: datetime
    calendar: SchoolCalendar
    rng: random.Random
    staff: dict[str, Actor] = field(default_factory=dict)
    providers: dict[int, Provider] = field(default_factory=dict)
    timeline: Timeline = field(default_factory=Timeline)
    counts: Counter[str] = field(default_factory=Counter)

    @property
    def today(self) -> date:
        return self.now.date()

    def day(self, year: Year, school_days_back: int) -> date:
        """The school day `school_days_back` before the year's anchor (negative: after it)."""
        return self.calendar.add_school_days(year.anchor, -school_days_back)

    def at(self, day: date, clock_time: str, event: Callable[[], object]) -> None:
        self.timeline.at(moment(day, clock_time), event)


def moment(day: date, clock_time: str) -> datetime:
    """`day` at "HH:MM"."""
    return datetime.combine(day, time.fromisoformat(clock_time))


def later(when: datetime, minutes: int) -> datetime:
    return when + timedelta(minutes=minutes)
