"""A realistic benchmark store: what a school's AP really holds after `years` school years.

`apdesk demo --scale N` repeats one term's story N times: about 80 marks a placement, far
thinner than a real school's placements, which run from a term to a whole school year
(about 350 marks each) with up to 40 placements a year. This builder tells the demo's
current story once (so Today, reviews and incidents look as the demo's do) and adds, for
each year, cohorts of the demo's thirteen pupils (new names each time) on long placements,
recorded through the demo's own planners and so through the ordinary services: lifecycle,
daily registers, reviews. The same seed and clock give the same store.

The store is cached in benchmarks/.cache (git-ignored), keyed by its parameters and
`VERSION`; bump `VERSION` when the builder changes. The stress store (`copies` > 1) is the
realistic store's records copied that many times by `copy_records` (new ids and UPNs).

    .venv/bin/python benchmarks/realistic.py [--years 10] [--per-year 40] [--copies 1]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Connection, func, insert, select, update

from apdesk.demo import fill as demo_fill
from apdesk.demo.attendance import plan_codes, plan_marks
from apdesk.demo.lifecycles import plan_lifecycles, plan_pupils
from apdesk.demo.providers import plan_providers
from apdesk.demo.reviews import plan_reviews
from apdesk.demo.stories import FULL_WEEK, MON_WED_FRI, PUPILS, Fate, PlacementSpec
from apdesk.demo.term_dates import school_day_on_or_before
from apdesk.demo.world import PlacementPlan, World, Year
from apdesk.domain.clock import FixedClock
from apdesk.domain.enums import PlacementReason, RiskLevel
from apdesk.services import automatic_actions
from apdesk.services.app_services import AppServices
from apdesk.storage import tables as t
from apdesk.storage.store import Store, StorePaths, create_store, open_store
from apdesk.storage.unlock import key_from_secret

VERSION = 1
NOW = datetime(2026, 11, 28, 9, 30)
PASSPHRASE = "benchmark passphrase, not a secret"
CACHE = Path(__file__).resolve().parent / ".cache"
PATTERNS = ("steady",) * 6 + ("persistent", "persistent", "severe", "monday", "late", "falling")
PROVIDERS = (0, 1, 2, 3)  # the demo's vetted providers that stay in date
REASONS = tuple(PlacementReason)
#: Cohorts of the demo's pupils get Year numbers from here (the demo's own years are 0..scale-1):
#: a UPN's serial is year * 20 + pupil, so each cohort's UPNs are its own.
COHORT_BASE = 1


@dataclass(frozen=True)
class Built:
    folder: Path
    seconds: float
    placements: int
    marks: int


def store_folder(years: int, per_year: int, seed: int, copies: int = 1) -> Path:
    return CACHE / f"realistic-v{VERSION}-{years}y-{per_year}py-s{seed}-x{copies}"


def open_services(folder: Path) -> AppServices:
    paths = StorePaths(folder)
    store = open_store(paths, key_from_secret(paths, "passphrase", PASSPHRASE), NOW)
    return AppServices(store, FixedClock(NOW))


def built_store(years: int = 10, per_year: int = 40, seed: int = 1, copies: int = 1) -> Path:
    """The cached store's folder, built first if it is not there yet."""
    folder = store_folder(years, per_year, seed, copies)
    if (folder / ".complete").exists():
        return folder
    if copies > 1:
        base = built_store(years, per_year, seed, 1)
        _fresh(folder)
        shutil.copytree(base, folder, dirs_exist_ok=True)
        (folder / ".complete").unlink()
        svc = open_services(folder)
        copy_records(svc.store, copies)
        svc.close()
    else:
        _fresh(folder)
        store, _ = create_store(StorePaths(folder), NOW, keyring=None, passphrase=PASSPHRASE)
        svc = AppServices(store, FixedClock(NOW))
        fill_realistic(svc, years, per_year, seed, lambda s: print(s, file=sys.stderr))
        svc.close()
    (folder / ".complete").write_text("built\n")
    return folder


def _fresh(folder: Path) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)


def fill_realistic(
    svc: AppServices,
    years: int,
    per_year: int,
    seed: int = 1,
    say: Callable[[str], None] = print,
) -> None:
    """Fill an empty store: the demo's current story, then `per_year` long placements a year."""
    demo_fill.refuse_unless_empty(svc)
    svc.store.set_meta("demo", "1")
    world, terms, closures = demo_fill._world(svc, seed, years)
    demo_fill._set_up(world, terms, closures)
    plan_providers(world, years)
    demo_fill._plan_year(world, 0)
    cohorts = -(-per_year // len(PUPILS))
    for year_index in range(years):
        anchor = school_day_on_or_before(world.calendar, world.today - demo_fill.YEAR * year_index)
        for cohort in range(cohorts):
            size = min(len(PUPILS), per_year - cohort * len(PUPILS))
            number = COHORT_BASE + year_index * cohorts + cohort
            _plan_cohort(world, Year(number, anchor), size, year_index == 0)
    total = len(world.timeline)
    say(f"Recording {years} year(s), {per_year} long placements a year ({total} steps)")
    world.timeline.run(world.clock, world.now, demo_fill._every_tenth(total, say))
    automatic_actions.sweep(world.svc, world.staff["dsl"])
    say(str(demo_fill._finish(world, years, seed)))


def _plan_cohort(world: World, year: Year, size: int, current: bool) -> None:
    """`size` of the demo's pupils, each on one placement of a term to a whole school year."""
    rng = random.Random(world.rng.randrange(2**32))
    for index in range(size):
        # school days: a term to a school year, most of them long
        length = max(rng.randrange(70, 190), rng.randrange(70, 190))
        start = rng.randrange(length, 192)  # school days before the year's anchor
        still_on = current and rng.random() < 0.3
        spec = PlacementSpec(
            index,
            rng.choice(PROVIDERS),
            rng.choice(PATTERNS),
            Fate.ACTIVE if still_on else rng.choice((Fate.ENDED,) * 4 + (Fate.PERMANENT,)),
            start,
            planned_days=rng.randrange(20, 120),
            closed=start - length,
            reason=rng.choice(REASONS),
            risk=rng.choice(tuple(RiskLevel)),
            weekly=FULL_WEEK if rng.random() < 0.8 else MON_WED_FRI,
        )
        begins = world.day(year, start)
        closed = None if still_on else world.day(year, spec.closed)
        planned = world.today + timedelta(days=spec.planned_days) if still_on else closed
        assert planned is not None
        last = closed or year.anchor
        year.plans[index] = PlacementPlan(spec, spec.fate, begins, planned, closed, last)
    plan_pupils(world, year)
    plan_lifecycles(world, year)
    for plan in year.plans.values():
        plan_codes(world, year, plan, random.Random(rng.randrange(2**32)))
    plan_marks(world, year)
    plan_reviews(world, year)


#: Copied by `copy_records`, parents before children; every other table is the school's own
#: (staff, providers, calendar, audit log) and is shared by the copies.
COPIED = (
    t.pupil,
    t.carer,
    t.ap_referral,
    t.placement,
    t.objective,
    t.annex_a_item,
    t.attendance_mark,
    t.review,
    t.review_attendee,
    t.objective_progress,
)


def copy_records(store: Store, copies: int) -> None:
    """Copy every pupil's records `copies - 1` more times, with new ids and UPNs (a stress
    store: the same shape, `copies` times as big). No audit rows are added for the copies."""
    with store.engine.begin() as conn:
        offsets = {table.name: _max_id(conn, table) for table in COPIED}
        for n in range(1, copies):
            for table in COPIED:
                rows = [dict(r._mapping) for r in conn.execute(select(table)).all()]
                originals = [r for r in rows if r["id"] <= offsets[table.name]]
                for row in originals:
                    row["id"] += n * offsets[table.name]
                    for column in table.columns:
                        for fk in column.foreign_keys:
                            target = fk.column.table.name
                            if target in offsets and row[column.name] is not None:
                                row[column.name] += n * offsets[target]
                    if table is t.pupil and row["upn"]:
                        row["upn"] = ""
                if originals:
                    conn.execute(insert(table), originals)
        _new_upns(conn)


def _max_id(conn: Connection, table: object) -> int:
    return int(conn.scalar(select(func.max(table.c.id))) or 0)  # type: ignore[attr-defined]


def _new_upns(conn: Connection) -> None:
    """Each copied pupil a valid UPN of its own (`make_upn` from its id)."""
    from apdesk.demo.content import ESTABLISHMENT, LA_CODE
    from apdesk.domain.identifiers import make_upn

    for (pupil_id,) in conn.execute(select(t.pupil.c.id).where(t.pupil.c.upn == "")).all():
        year, serial = divmod(pupil_id, 1000)
        upn = make_upn(LA_CODE, ESTABLISHMENT, 50 + year, serial)
        conn.execute(update(t.pupil).where(t.pupil.c.id == pupil_id).values(upn=upn))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--per-year", type=int, default=40)
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    folder = built_store(args.years, args.per_year, args.seed, args.copies)
    from bench import scratch_copy  # opening upgrades a store: never the shared cache itself

    svc = open_services(scratch_copy(folder))
    with svc.store.engine.connect() as conn:
        placements = conn.scalar(select(func.count()).select_from(t.placement))
        marks = conn.scalar(select(func.count()).select_from(t.attendance_mark))
    svc.close()
    seconds = time.perf_counter() - start
    print(f"{folder}: {placements} placements, {marks} marks ({seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
