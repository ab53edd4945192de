"""Benchmark: `fill_demo(scale=10)`, then the risk register and the CSV exports on that data.

Run from the repository root (not part of `make test`):

    .venv/bin/python benchmarks/bench_demo_scale.py [--scale 10] [--seed 1] [--no-trace]

Each step is timed on its own (wall clock, `time.perf_counter`), then run again under
`tracemalloc` for its peak Python memory; tracing slows Python down, so the two are kept
apart. The demo is filled a second time, into a second store, for its traced run. The
stores live in a temporary folder, unlocked by a passphrase; nothing touches the keyring.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from apdesk.demo.fill import fill_demo
from apdesk.domain.clock import FixedClock
from apdesk.services import attendance, staff
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.services.exports import write_csv
from apdesk.storage.store import StorePaths, create_store

NOW = datetime(2026, 11, 28, 9, 30)
PASSPHRASE = "benchmark passphrase, not a secret"
Result = tuple[str, float, float | None]


def new_services(folder: Path) -> AppServices:
    store, _ = create_store(StorePaths(folder), NOW, keyring=None, passphrase=PASSPHRASE)
    return AppServices(store, FixedClock(NOW))


def timed(step: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = step()
    return time.perf_counter() - start, result


def peak_mib(step: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        step()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def steps(svc: AppServices, dsl: Actor) -> dict[str, Callable[[], object]]:
    """The read-side steps, each returning its row count."""
    found: dict[str, Callable[[], object]] = {
        "risk register (service)": lambda: len(attendance.risk_register(svc, dsl))
    }
    for kind in ("risk-register", "register", "attendance", "reviews"):
        found[f"export {kind}"] = lambda kind=kind: _export(svc, dsl, kind)
    return found


def _export(svc: AppServices, dsl: Actor, kind: str) -> int:
    with open(os.devnull, "w", newline="") as out:
        return write_csv(svc, dsl, kind, out).rows


def measure(folder: Path, scale: int, seed: int, trace: bool) -> list[Result]:
    svc = new_services(folder / "timed")
    seconds, report = timed(lambda: fill_demo(svc, seed, scale))
    print(f"Demo, scale {scale}: {report}\n", file=sys.stderr)
    peak = None
    if trace:
        traced = new_services(folder / "traced")
        peak = peak_mib(lambda: fill_demo(traced, seed, scale))
        traced.close()
    results = [(f"fill_demo(scale={scale})", seconds, peak)]
    dsl = staff.sign_in(svc, "dsl", "demo-password-dsl")
    for name, step in steps(svc, dsl).items():
        seconds, _ = timed(step)
        results.append((name, seconds, peak_mib(step) if trace else None))
    svc.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc runs")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="apdesk-bench-") as tmp:
        results = measure(Path(tmp), args.scale, args.seed, not args.no_trace)
    print(f"{'step':<28} {'seconds':>8} {'peak MiB':>9}")
    for name, seconds, peak in results:
        print(f"{name:<28} {seconds:>8.2f} {'-' if peak is None else f'{peak:.1f}':>9}")
    try:
        import resource  # POSIX only
    except ImportError:
        return 0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"\nProcess peak resident memory (all steps, SQLCipher included): {rss:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
