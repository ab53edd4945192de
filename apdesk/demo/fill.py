"""`apdesk demo`: fill a new, empty store with a fictional school, to try the program out.

The demo is an invented school (Oakfield Fictional Academy, in the made-up town of
Brackenford) with one account per role, six providers (one lapsed, one not vetted), about a
dozen pupils in AP and a term of their attendance, reviews, incidents and actions, all laid
out around today so it always looks current. `scale` repeats the story for that many school
years back (for benchmarks). The same seed and clock always give the same data.

Accounts and the school's details are made today (a Headteacher's signing certificate must
be current); every other record is made through the ordinary services at the moment its
story says, so dates, permissions and the audit log all come out as a school's would.
Only a store with nothing in it is filled, and it is marked as a demo.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select

from apdesk.demo.attendance import plan_codes, plan_marks
from apdesk.demo.complaints import plan_complaints
from apdesk.demo.content import STAFF, password_for
from apdesk.demo.content import school as demo_school
from apdesk.demo.follow_up import plan_follow_up
from apdesk.demo.incidents import plan_incidents
from apdesk.demo.lifecycles import plan_lifecycles, plan_placements, plan_pupils
from apdesk.demo.multi_agency import plan_multi_agency
from apdesk.demo.parents import plan_parents
from apdesk.demo.providers import plan_providers
from apdesk.demo.referrals import plan_referrals
from apdesk.demo.reviews import plan_reviews
from apdesk.demo.term_dates import calendar_of, school_day_on_or_before, school_years
from apdesk.demo.training import plan_training
from apdesk.demo.world import World, Year
from apdesk.domain.clock import FixedClock
from apdesk.domain.entities import Closure, Placement, Provider, Pupil, School, Staff, Term
from apdesk.domain.errors import ApdeskError, InvalidInput
from apdesk.domain.permissions import ROLE_NAMES
from apdesk.domain.record_kinds import RecordKind
from apdesk.services import actions, automatic_actions, staff
from apdesk.services.actor import SYSTEM
from apdesk.services.app_services import AppServices
from apdesk.services.command_names import DEMO_MAX_SCALE

MAX_SCALE = DEMO_MAX_SCALE
YEAR = timedelta(days=364)  # 52 weeks: each earlier year keeps the same weekdays
Progress = Callable[[str], None]


class DemoRefused(ApdeskError):
    """The store already holds records (demo data never goes in beside real data), or the
    demo could not be finished."""


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    password: str


@dataclass(frozen=True)
class DemoReport:
    school: str
    years: int
    pupils: int
    providers: int
    placements: int
    marks: int
    reviews: int
    incidents: int
    open_actions: int
    accounts: tuple[DemoAccount, ...]


def fill_demo(
    svc: AppServices, seed: int = 1, scale: int = 1, on_progress: Progress | None = None
) -> DemoReport:
    """Fill an empty store with `scale` years of a fictional school; refuse any other store."""
    if not 1 <= scale <= MAX_SCALE:
        raise InvalidInput(f"The scale must be a whole number of years from 1 to {MAX_SCALE}.")
    refuse_unless_empty(svc)
    svc.store.set_meta("demo", "1")  # first, so even a demo stopped part-way is never "real"
    say = on_progress or (lambda _text: None)
    world, terms, closures = _world(svc, seed, scale)
    say("Making the school and one demo account per role")
    try:
        _set_up(world, terms, closures)
        _tell_story(world, scale, say)
    except ApdeskError as exc:
        raise DemoRefused(
            f"The demo stopped part-way: {exc}\nThis store holds part of it; make a new, "
            "empty store for the demo instead."
        ) from exc
    return _finish(world, scale, seed)


def _tell_story(world: World, scale: int, say: Progress) -> None:
    plan_providers(world, scale)
    for index in range(scale):
        _plan_year(world, index)
    total = len(world.timeline)
    say(f"Recording {scale} year(s) of records ({total} steps)")
    world.timeline.run(world.clock, world.now, _every_tenth(total, say))
    say("Opening actions for what needs doing today")
    automatic_actions.sweep(world.svc, world.staff["dsl"])


def refuse_unless_empty(svc: AppServices) -> None:
    """Refuse a store with any school, staff, pupil, provider or placement, or demo data."""
    if svc.store.meta("demo") == "1":
        raise DemoRefused("This store already holds demo data. Nothing was changed.")
    found = []
    with svc.read(SYSTEM) as session:
        for cls, noun in (
            (School, "school details"),
            (Staff, "staff accounts"),
            (Pupil, "pupils"),
            (Provider, "providers"),
            (Placement, "placements"),
        ):
            count = session.scalar(select(func.count()).select_from(cls)) or 0
            if count:
                found.append(f"{noun}: {count}")
    if found:
        raise DemoRefused(
            f"This store already holds records ({'; '.join(found)}), so demo data will not be "
            "added: it must never be mixed with real records. Make a new, empty store for it "
            "with `apdesk --data-dir NEW_FOLDER init`, then `apdesk --data-dir NEW_FOLDER demo`."
        )


def _world(svc: AppServices, seed: int, scale: int) -> tuple[World, list[Term], list[Closure]]:
    """The world the story is told in: its calendar, and services whose clock can travel."""
    now = svc.clock.now().replace(microsecond=0)
    terms, closures = school_years(now.year - scale - 2, now.year + 1)
    clock = FixedClock(now)
    calendar = calendar_of(terms, closures)
    past = AppServices(svc.store, clock)
    return World(svc, past, clock, now, calendar, random.Random(seed)), terms, closures


def _set_up(world: World, terms: list[Term], closures: list[Closure]) -> None:
    head_spec, *others = STAFF
    details = demo_school()
    details.terms, details.closures = terms, closures
    head = staff.create_first_headteacher(
        world.svc, head_spec.username, head_spec.name, password_for(head_spec.username), details
    )
    world.staff[head_spec.username] = head
    for spec in others:
        member = staff.create_staff(
            world.svc,
            head,
            spec.username,
            spec.name,
            [spec.role],
            password_for(spec.username),
            email=f"{spec.username}@oakfield-academy.example.org",
        )
        world.staff[spec.username] = staff.actor_for(member)


def _plan_year(world: World, index: int) -> None:
    anchor = school_day_on_or_before(world.calendar, world.today - YEAR * index)
    year = Year(index, anchor)
    plan_placements(world, year)
    plan_pupils(world, year)
    plan_lifecycles(world, year)
    plan_referrals(world, year)
    plan_complaints(world, year)
    plan_multi_agency(world, year)
    plan_parents(world, year)
    plan_training(world, year)
    for plan in year.plans.values():
        if plan.started:
            plan_codes(world, year, plan, random.Random(world.rng.randrange(2**32)))
    plan_marks(world, year)
    plan_reviews(world, year)
    plan_incidents(world, year)
    if year.current:
        plan_follow_up(world, year)


def _every_tenth(total: int, say: Progress) -> Callable[[int], None]:
    step = max(1, total // 10)

    def report(done: int) -> None:
        if done % step == 0 and done < total:
            say(f"  {100 * done // total}% ({done} of {total} steps)")

    return report


def _finish(world: World, scale: int, seed: int) -> DemoReport:
    svc, counts = world.svc, world.counts
    open_actions = sum(1 for a in actions.list_actions(svc, world.staff["dsl"]) if a.is_open)
    summary = dict(counts) | {"seed": seed, "years": scale, "open_actions": open_actions}
    with svc.work(SYSTEM) as uow:
        uow.audit("demo.fill", RecordKind.STORE, None, new=summary)
    accounts = tuple(
        DemoAccount(s.username, ROLE_NAMES[s.role], password_for(s.username)) for s in STAFF
    )
    return DemoReport(
        demo_school().name,
        scale,
        counts["pupils"],
        counts["providers"],
        counts["placements"],
        counts["marks"],
        counts["reviews"],
        counts["incidents"],
        open_actions,
        accounts,
    )
