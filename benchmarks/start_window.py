"""Start-up: a fresh APDesk process to its signed-in window, beside a bare PySide6 window.

Each run is a new interpreter (as a double-click is). APDesk's child opens the realistic
store (realistic.py), signs the DSL in and shows the main window as the start window does
(`WindowApp.signed_in`), on Today; a second child starts as a double-click does and stops at
the start window's first paint (the passphrase page, as on a PC with no keyring entry); the
floor's child shows a bare `QMainWindow` with a 400-row table. The parent times each from
spawning the child to the child's first paint of its window ("shown"), and the signed-in
one on to Today's rows filling in from the worker ("rows").
Unlocking (the passphrase's key derivation) and checking the password (Argon2id) are slow
on purpose; they are timed on their own and also given taken away ("shown, less hashing").

    .venv/bin/python benchmarks/start_window.py [--repeat 3] [--years 10] [--copies 1]

Runs on the offscreen platform unless QT_QPA_PLATFORM says otherwise. APDesk's modules are
compiled to bytecode first, as an installed APDesk's are: under PYTHONDONTWRITEBYTECODE (this
machine's sessions set it) every child would otherwise compile all 300 of them again, which
was most of the import. Each APDesk run also reports its phases (imports, unlock and sign-in,
the window built, first paint), printed after the table. APDesk's run writes
what any sign-in and Today load write (an audit row; automatic actions once due).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable
ROWS = 400

APP_CHILD = """
import time
begun = time.perf_counter()
import json, sys
sys.path.insert(0, {here!r})
from pathlib import Path
import keyring.backends.fail
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
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

phases = {{"imports": time.perf_counter() - begun}}
QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, {settings!r})
app = QApplication([])
identify(app)
clock = FixedClock(NOW)
paths = StorePaths(Path({folder!r}))
hashing = time.perf_counter()
key = key_from_secret(paths, "passphrase", PASSPHRASE)
hashing = time.perf_counter() - hashing
services = AppServices(open_store(paths, key, clock.now()), clock)
checking = time.perf_counter()
actor = staff.sign_in(services, "dsl", "demo-password-dsl")
hashing += time.perf_counter() - checking
phases["unlock and sign-in"] = time.perf_counter() - begun
no_keyring = SystemKeyring(keyring.backends.fail.Keyring())
root = WindowApp(paths.folder, clock, no_keyring, app_settings())


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not painted:
            painted.append(1)
            phases["first paint"] = time.perf_counter() - begun
            print(json.dumps({{"shown": True, "hashing": hashing, "phases": phases}}), flush=True)
        return False


painted = []
spy = FirstPaint()
app.installEventFilter(spy)
window = root.signed_in(services, actor)  # what the start window does once signed in
phases["window built"] = time.perf_counter() - begun
today = window.current_tab()


def poll():
    if today.loaded:
        print(json.dumps({{"rows": True}}), flush=True)
        root.shutdown()
        app.quit()
    else:
        QTimer.singleShot(5, poll)


QTimer.singleShot(0, poll)
app.exec()
"""

# What a double-click does until the start window is up: on a PC with no keyring entry, the
# passphrase page.
START_CHILD = """
import json, sys
sys.path.insert(0, {here!r})
from pathlib import Path
import keyring.backends.fail
from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QApplication
from apdesk.domain.clock import FixedClock
from apdesk.storage.keyring_store import SystemKeyring
from apdesk.ui.app import WindowApp, identify
from apdesk.ui.settings import app_settings
from realistic import NOW

QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, {settings!r})
app = QApplication([])
identify(app)
no_keyring = SystemKeyring(keyring.backends.fail.Keyring())
root = WindowApp(Path({folder!r}), FixedClock(NOW), no_keyring, app_settings())


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not painted:
            painted.append(1)
            print(json.dumps({{"shown": True, "hashing": 0.0}}), flush=True)
            root.shutdown()
            app.quit()
        return False


painted = []
spy = FirstPaint()
app.installEventFilter(spy)
root.start()
app.exec()
"""

FLOOR_CHILD = """
import json
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

app = QApplication([])
model = QStandardItemModel({rows}, 3)
for row in range({rows}):
    for column, text in enumerate(("Needs", "28 Nov 2026", f"Pupil {{row}}: AM no mark")):
        model.setItem(row, column, QStandardItem(text))
window = QMainWindow()
view = QTableView()
view.setModel(model)
window.setCentralWidget(view)
window.resize(1280, 800)


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not painted:
            painted.append(1)
            print(json.dumps({{"shown": True, "hashing": 0.0}}), flush=True)
            app.quit()
        return False


painted = []
spy = FirstPaint()
app.installEventFilter(spy)
window.show()
app.exec()
"""


def run_child(folder: Path, side: str) -> dict[str, float]:
    """One fresh process: seconds from spawn to its window shown (and, for APDesk signed in,
    to Today's rows). `side` is "app" (signed in), "start" (the start window) or "floor"."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as settings:
        child_code = {"app": APP_CHILD, "start": START_CHILD}.get(side)
        code = (
            child_code.format(here=str(HERE), folder=str(folder), settings=settings)
            if child_code
            else FLOOR_CHILD.format(rows=ROWS)
        )
        begun = time.perf_counter()
        child = subprocess.Popen(
            [PY, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        assert child.stdout is not None
        found: dict[str, float] = {}
        for line in child.stdout:
            said = json.loads(line)
            if "shown" in said:
                found["shown"] = time.perf_counter() - begun
                found["hashing"] = float(said["hashing"])
                found.update((phase, float(at)) for phase, at in said.get("phases", {}).items())
            if "rows" in said:
                found["rows"] = time.perf_counter() - begun
        error = child.stderr.read() if child.stderr is not None else ""
        if child.wait() != 0 or "shown" not in found:
            raise RuntimeError(f"the {side} child failed:\n{error}")
    return found


PHASES = ("imports", "unlock and sign-in", "window built", "first paint")


def measure(
    folder: Path, repeat: int
) -> tuple[list[tuple[str, list[float], list[float]]], list[dict[str, float]]]:
    """Interleaved runs (APDesk, floor, ...): the figures as bench.py's table takes them, and
    each APDesk run's own figures (its phases among them)."""
    compileall.compile_dir(HERE.parent / "apdesk", quiet=1)
    compileall.compile_dir(HERE, maxlevels=0, quiet=1)
    app: list[dict[str, float]] = []
    floor: list[float] = []
    start: list[float] = []
    run_child(folder, "app")  # once, untimed: the page cache holds the store and the libraries
    for _ in range(repeat):
        app.append(run_child(folder, "app"))
        floor.append(run_child(folder, "floor")["shown"])
        start.append(run_child(folder, "start")["shown"])
    shown = [a["shown"] for a in app]
    figures = [
        ("start → the start window shown (passphrase page)", start, floor),
        ("start → signed-in window shown", shown, floor),
        ("start → window shown, less hashing", [a["shown"] - a["hashing"] for a in app], floor),
        ("start → Today's rows in the window", [a["rows"] for a in app], floor),
        ("unlock and password check (Argon2id)", [a["hashing"] for a in app], floor),
    ]
    return figures, app


def phase_table(app: list[dict[str, float]]) -> str:
    """Where an APDesk start goes: each phase's seconds, the first being the interpreter's own
    start (what the parent waited before the child's first line)."""
    from bench import _spread

    spans = {"Python starts": [a["shown"] - a["first paint"] for a in app]}
    before = [0.0] * len(app)
    for phase in PHASES:
        spans[phase] = [a[phase] - b for a, b in zip(app, before, strict=True)]
        before = [a[phase] for a in app]
    rows = [f"| {phase} | {_spread(seconds)} |" for phase, seconds in spans.items()]
    return "\n".join(["| phase | median (min-max) |", "|---|---:|", *rows])


def main(argv: list[str] | None = None) -> int:
    from bench import scratch_copy, table
    from realistic import built_store

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--per-year", type=int, default=40)
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    # a copy: signing in writes (an audit row, the actions due), and a newer program would
    # upgrade the shared cache under every checkout still on the older schema
    folder = scratch_copy(built_store(args.years, args.per_year, copies=args.copies))
    print(f"Store: {folder.name}, {args.repeat} runs each, interleaved; floor: bare window\n")
    figures, app = measure(folder, args.repeat)
    print(table(figures, None))
    print()
    print(phase_table(app))
    return 0


if __name__ == "__main__":
    sys.exit(main())
