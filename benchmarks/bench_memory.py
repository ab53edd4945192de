"""Peak memory: each export and the register at 10 years and 10x, and the window with every tab
open, each in a fresh child process of its own.

An export or the register is measured as the child's peak resident memory above what it held
once the store was open and the DSL signed in (the floor: what that child held just before);
it should not grow with the store, so the 10x figure is compared with the 10-year one.
The window is the signed-in main window (as the start window shows it) after each of the
Headteacher's tabs has loaded its first rows, one after another as a person clicking along
the tabs would, beside a bare PySide6 window with a 400-row table (start_window.py's floor).

    .venv/bin/python benchmarks/bench_memory.py [--copies 1 --copies 10] [--only attendance]

Each store is copied to a temporary folder first (exports and documents write audit rows).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import scratch_copy
from realistic import built_store
from start_window import FLOOR_CHILD, ROWS

HERE = Path(__file__).resolve().parent
PY = sys.executable
KINDS = ("register", "ap-referrals", "attendance", "risk-register", "reviews",
         "mis-attendance", "census")  # fmt: skip

WORK_CHILD = """
import json, os, sys
sys.path.insert(0, {here!r})
from pathlib import Path
from realistic import open_services
from bench_memory import from_here, peak
from apdesk.services import documents, exports, staff

svc = open_services(Path({folder!r}))
actor = staff.sign_in(svc, "dsl", "demo-password-dsl")
base = from_here()
if {what!r} == "register PDF":
    documents.register(svc, actor)
else:
    with open(os.devnull, "w", newline="") as out:
        exports.write_csv(svc, actor, {what!r}, out)
print(json.dumps([base, peak()]))
"""

TABS_CHILD = """
import json, sys
sys.path.insert(0, {here!r})
from pathlib import Path
from bench_memory import from_here, peak
import keyring.backends.fail
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from apdesk.domain.clock import FixedClock
from apdesk.services import staff
from apdesk.services.app_services import AppServices
from apdesk.storage.keyring_store import SystemKeyring
from apdesk.storage.store import StorePaths, open_store
from apdesk.storage.unlock import key_from_secret
from apdesk.ui.app import WindowApp, identify
from apdesk.ui.settings import app_settings
from realistic import NOW, PASSPHRASE

QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, {settings!r})
app = QApplication([])
identify(app)
clock = FixedClock(NOW)
paths = StorePaths(Path({folder!r}))
services = AppServices(open_store(paths, key_from_secret(paths, "passphrase", PASSPHRASE),
                                  clock.now()), clock)
actor = staff.sign_in(services, "head", "demo-password-head")
from_here()
root = WindowApp(paths.folder, clock, SystemKeyring(keyring.backends.fail.Keyring()),
                 app_settings())
window = root.signed_in(services, actor)
pages = list(window.tab_pages)


def settled():
    return getattr(window.current_tab(), "loaded", True) and not root.worker.busy


def step():
    if not settled():
        QTimer.singleShot(10, step)
    elif pages:
        window.tabs.setCurrentWidget(pages.pop(0))
        QTimer.singleShot(10, step)
    else:
        print(json.dumps([len(window.tab_pages), peak()]), flush=True)
        root.shutdown()
        app.quit()


QTimer.singleShot(0, step)
app.exec()
"""

BARE_CHILD = FLOOR_CHILD.replace(
    'print(json.dumps({{"shown": True, "hashing": 0.0}}), flush=True)',
    "import resource; print(json.dumps(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss"
    " / 1024), flush=True)",
)


def _status(field: str) -> float:
    """A field of /proc/self/status in MiB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def from_here() -> float:
    """Forget the peak so far (signing in hashes the password with Argon2id, 64 MiB for a
    moment) and return the memory held now."""
    Path("/proc/self/clear_refs").write_text("5")
    return _status("VmRSS")


def peak() -> float:
    """The peak resident memory since `from_here` (or since the start)."""
    return _status("VmHWM")


def _child(code: str) -> object:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    done = subprocess.run([PY, "-c", code], capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"the child failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def work_memory(folder: Path, what: str) -> tuple[float, float]:
    """MiB held once signed in, and the peak while doing `what` (an export kind or the
    register PDF)."""
    base, peak = _child(WORK_CHILD.format(here=str(HERE), folder=str(folder), what=what))  # type: ignore[misc]
    return float(base), float(peak)


def tabs_memory(folder: Path) -> tuple[int, float]:
    with tempfile.TemporaryDirectory() as settings:
        code = TABS_CHILD.format(here=str(HERE), folder=str(folder), settings=settings)
        tabs, peak = _child(code)  # type: ignore[misc]
    return int(tabs), float(peak)


def bare_window_memory() -> float:
    return float(_child(BARE_CHILD.format(rows=ROWS)))  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, action="append", help="1 and 10 unless given")
    parser.add_argument("--only", action="append", default=[], help="figures whose name has this")
    args = parser.parse_args(argv)
    copies = args.copies or [1, 10]
    folders = {n: scratch_copy(built_store(copies=n)) for n in copies}
    names = [*KINDS, "register PDF"]
    chosen = [n for n in names if not args.only or any(o in n for o in args.only)]
    print("| figure | " + " | ".join(f"x{n}: floor / peak / above floor" for n in copies) + " |")
    print("|---|" + "---:|" * len(copies))
    for what in chosen:
        cells = []
        for n in copies:
            floor, peak = work_memory(folders[n], what)
            cells.append(f"{floor:.0f} / {peak:.0f} / {peak - floor:.0f} MiB")
        label = what if what == "register PDF" else f"export {what}"
        print(f"| {label} | " + " | ".join(cells) + " |", flush=True)
    if not args.only or any(o in "all tabs open" for o in args.only):
        bare = bare_window_memory()
        cells = []
        for n in copies:
            tabs, peak = tabs_memory(folders[n])
            cells.append(f"{bare:.0f} / {peak:.0f} / {peak - bare:.0f} MiB ({tabs} tabs)")
        print("| all tabs open (floor: bare window) | " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
