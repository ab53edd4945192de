"""Start-up: a double-click to the signed-in window, driven as a person does, beside a bare window.

Each run is a new interpreter (as a double-click is) that starts APDesk through its real entry
point (`apdesk.cli.main`, on the offscreen platform, a keyring that holds nothing and the
realistic store's clock) and works the start window through its own widgets: when the
passphrase page has painted it types the passphrase and presses Unlock, when the sign-in page
has painted it types the DSL's username and password and presses Sign in. It does so at once
("instant") and after a typing pause before each press (`--pause`, 2 s: what a person takes),
so the work the program does while the person types (the worker importing the store and the
services after the first paint, the main window's modules while the password is checked)
counts as it does for a user. The floor's child shows a bare `QMainWindow` with a 400-row
table. Every time is from spawning the child, read on the one monotonic clock both share.

Figures: launch → the start window usable (the passphrase page painted); Unlock pressed → the
sign-in page shown; Sign in pressed → the signed-in window shown (what a person waits), with
and without the password's Argon2id check; launch → the signed-in window with instant typing,
with and without both Argon2id runs (the passphrase's key derivation and the password check,
64 MiB t=3 p=4, slow on purpose); launch → Today's rows in the window.

    .venv/bin/python benchmarks/start_window.py [--repeat 3] [--years 10] [--copies 1] [--pause 2]

APDesk's modules are compiled to bytecode first, as an installed APDesk's are: under
PYTHONDONTWRITEBYTECODE (this machine's sessions set it) every child would otherwise compile
all 300 of them again. APDesk's run writes what any sign-in and Today load write (an audit
row; automatic actions once due), on a scratch copy of the store.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable
ROWS = 400
USERNAME, PASSWORD = "dsl", "demo-password-dsl"

APP_CHILD = """
import json, sys, time
from datetime import datetime
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, {settings!r})
app = QApplication([])  # run_window takes the QApplication there is
PAUSE_MS = {pause_ms}
at = {{}}
hashing = {{"unlock": 0.0, "sign-in": 0.0}}


def mark(name):
    at.setdefault(name, time.perf_counter())


def timed(module, name, part):
    # the Argon2id runs, timed where they happen (on the worker)
    slow = getattr(module, name)

    def run(*args, **kwargs):
        begun = time.perf_counter()
        try:
            return slow(*args, **kwargs)
        finally:
            hashing[part] += time.perf_counter() - begun

    setattr(module, name, run)


from apdesk.domain import clock
from apdesk.services import passwords
from apdesk.storage import crypto

timed(crypto.KdfParams, "derive", "unlock")
timed(passwords, "password_matches", "sign-in")
clock.SystemClock = lambda: clock.FixedClock(datetime.fromisoformat({now!r}))


def later(then):
    QTimer.singleShot(PAUSE_MS, then)


def unlock(start):
    start.passphrase.secret.setText({passphrase!r})
    mark("unlock pressed")
    start.passphrase.unlock.click()


def sign_in(start):
    start.sign_in.username.setText({username!r})
    start.sign_in.password.setText({password!r})
    mark("sign in pressed")
    start.sign_in.sign_in.click()


def wait_for_rows(window):
    if window.current_tab().loaded:
        mark("rows")
        app.quit()
    else:
        QTimer.singleShot(5, lambda: wait_for_rows(window))


class Driver(QObject):
    def eventFilter(self, watched, event):
        if event.type() != QEvent.Type.Paint or not isinstance(watched, QWidget):
            return False
        window = watched.window()
        kind = type(window).__name__
        page = getattr(getattr(window, "stack", None), "currentWidget", lambda: None)()
        if kind == "StartWindow" and page is window.passphrase and "usable" not in at:
            mark("usable")
            later(lambda: unlock(window))
        elif kind == "StartWindow" and page is window.problem:
            print(json.dumps({{"problem": window.problem.explanation.text()}}), flush=True)
            app.quit()
        elif kind == "StartWindow" and page is window.sign_in and "sign-in page" not in at:
            mark("usable")  # on a keyring PC the sign-in page is the first page
            mark("sign-in page")
            later(lambda: sign_in(window))
        elif kind == "MainWindow" and "signed in" not in at:
            mark("signed in")
            QTimer.singleShot(0, lambda: wait_for_rows(window))
        return False


driver = Driver()
app.installEventFilter(driver)
QTimer.singleShot(120_000, app.quit)  # something went wrong: the parent says what is missing
from apdesk.cli import main

main(["--data-dir", {folder!r}])
print(json.dumps({{"at": at, "hashing": hashing}}), flush=True)
"""

FLOOR_CHILD = """
import json, time
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
            print(json.dumps({{"at": {{"usable": time.perf_counter()}}}}), flush=True)
            app.quit()
        return False


painted = []
spy = FirstPaint()
app.installEventFilter(spy)
window.show()
app.exec()
"""


def run_child(code: str, env: dict[str, str]) -> dict[str, float]:
    """One fresh process: each of its marks as seconds from its spawn, and its hashing."""
    begun = time.perf_counter()
    child = subprocess.run(
        [PY, "-c", code], capture_output=True, text=True, env=env, timeout=300, check=False
    )
    said = [json.loads(line) for line in child.stdout.splitlines() if line.startswith("{")]
    problem = next((s["problem"] for s in said if "problem" in s), None)
    found = next((s for s in said if "at" in s), None)
    if child.returncode != 0 or problem or found is None:
        raise RuntimeError(f"a child failed: {problem or ''}\n{child.stderr[-3000:]}")
    marks = {name: at - begun for name, at in found["at"].items()}
    marks.update((f"hashing {part}", took) for part, took in found.get("hashing", {}).items())
    return marks


def app_code(folder: Path, settings: str, pause_s: float) -> str:
    from realistic import NOW, PASSPHRASE

    return APP_CHILD.format(
        settings=settings,
        pause_ms=round(pause_s * 1000),
        now=NOW.isoformat(),
        passphrase=PASSPHRASE,
        username=USERNAME,
        password=PASSWORD,
        folder=str(folder),
    )


def environment(keyring_file: Path | None = None) -> dict[str, str]:
    """A child's environment: a keyring that holds nothing, or the tests' file keyring (a
    secure backend's priority) holding the store's key in `keyring_file`."""
    env = dict(os.environ, PYTHONPATH=str(HERE.parent))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    if keyring_file is not None:
        env["PYTHON_KEYRING_BACKEND"] = "tests.e2e.keyring_backend.FileKeyring"
        env["APDESK_TEST_KEYRING_FILE"] = str(keyring_file)
    return env


def keyring_copy(folder: Path, keyring_file: Path) -> Path:
    """A second copy of the store that also unlocks through a keyring (as on most PCs)."""
    from realistic import PASSPHRASE

    from apdesk.storage.keyring_store import SystemKeyring
    from apdesk.storage.store import StorePaths
    from apdesk.storage.unlock import key_from_secret, restore_keyring_slot

    sys.path.insert(0, str(HERE.parent))  # the tests' file keyring, as the children find it
    from tests.e2e.keyring_backend import FileKeyring

    copy = folder.with_name(folder.name + "-keyring")
    shutil.rmtree(copy, ignore_errors=True)  # measured again in the same run
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("work", "*.lock*"))
    paths = StorePaths(copy)
    os.environ["APDESK_TEST_KEYRING_FILE"] = str(keyring_file)
    keyring = SystemKeyring(FileKeyring())
    restore_keyring_slot(paths, keyring, key_from_secret(paths, "passphrase", PASSPHRASE))
    return copy


Figures = list[tuple[str, list[float], list[float]]]


def measure(folder: Path, repeat: int, pause_s: float) -> tuple[Figures, list[dict[str, float]]]:
    """Interleaved runs (instant, paused, keyring PC, floor, ...): the figures as bench.py's
    table takes them, and the instant runs' marks."""
    compileall.compile_dir(HERE.parent / "apdesk", quiet=1)
    compileall.compile_dir(HERE.parent / "tests" / "e2e", quiet=1)
    env = environment()
    instant: list[dict[str, float]] = []
    paused: list[dict[str, float]] = []
    keyring: list[dict[str, float]] = []
    floor: list[float] = []
    with tempfile.TemporaryDirectory() as temp:
        settings, keyring_file = temp, Path(temp) / "keyring.json"
        with_keyring = keyring_copy(folder, keyring_file)
        keyring_env = environment(keyring_file)
        run_child(app_code(folder, settings, 0), env)  # untimed: the page cache fills
        run_child(app_code(with_keyring, settings, 0), keyring_env)
        for _ in range(repeat):
            instant.append(run_child(app_code(folder, settings, 0), env))
            paused.append(run_child(app_code(folder, settings, pause_s), env))
            keyring.append(run_child(app_code(with_keyring, settings, 0), keyring_env))
            floor.append(run_child(FLOOR_CHILD.format(rows=ROWS), env)["usable"])

    def span(runs: list[dict[str, float]], begin: str, end: str, *less: str) -> list[float]:
        return [r[end] - sum(r[name] for name in (begin, *less) if name) for r in runs]

    pause = f"{pause_s:g} s pause"
    unlock, sign_in = ("unlock pressed", "sign-in page"), ("sign in pressed", "signed in")
    check, both = "hashing sign-in", ("hashing unlock", "hashing sign-in")
    figures = [
        ("launch → start window usable (passphrase page)", span(instant, "", "usable")),
        ("Unlock pressed → sign-in page, instant", span(instant, *unlock)),
        (f"Unlock pressed → sign-in page, {pause}", span(paused, *unlock)),
        ("Sign in pressed → signed-in window, instant", span(instant, *sign_in)),
        ("  instant, less the password check", span(instant, *sign_in, check)),
        (f"Sign in pressed → signed-in window, {pause}", span(paused, *sign_in)),
        (f"  {pause}, less the password check", span(paused, *sign_in, check)),
        ("launch → signed-in window, instant typing", span(instant, "", "signed in")),
        ("  the same, less both Argon2id runs", span(instant, "", "signed in", *both)),
        ("launch → Today's rows, instant typing", span(instant, "", "rows")),
        ("Argon2id: unlock + password check", [r[both[0]] + r[both[1]] for r in instant]),
        ("keyring PC: launch → sign-in page usable", span(keyring, "", "usable")),
        ("keyring PC: launch → signed-in window, instant", span(keyring, "", "signed in")),
        ("  keyring PC, less the password check", span(keyring, "", "signed in", check)),
    ]
    return [(name, app, floor) for name, app in figures], instant


MARKS = ("usable", "unlock pressed", "sign-in page", "sign in pressed", "signed in", "rows")


def timeline(runs: list[dict[str, float]]) -> str:
    """Where an instant start goes: each step's median seconds after the one before."""
    lines = ["| step (instant typing) | median since the step before |", "|---|---:|"]
    before = "launch"
    for name in MARKS:
        took = statistics.median(r[name] - (r[before] if before != "launch" else 0.0) for r in runs)
        lines.append(f"| {before} → {name} | {took * 1000:.0f} ms |")
        before = name
    for part in ("unlock", "sign-in"):
        took = statistics.median(r[f"hashing {part}"] for r in runs)
        lines.append(f"| of which Argon2id, {part} | {took * 1000:.0f} ms |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from bench import scratch_copy, table
    from realistic import built_store

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--per-year", type=int, default=40)
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pause", type=float, default=2.0, help="seconds of typing per press")
    args = parser.parse_args(argv)
    # a copy: signing in writes (an audit row, the actions due), and a newer program would
    # upgrade the shared cache under every checkout still on the older schema
    folder = scratch_copy(built_store(args.years, args.per_year, copies=args.copies))
    print(f"Store: {folder.name}, {args.repeat} runs each, interleaved; floor: bare window\n")
    figures, instant = measure(folder, args.repeat, args.pause)
    print(table(figures, None))
    print()
    print(timeline(instant))
    return 0


if __name__ == "__main__":
    sys.exit(main())
