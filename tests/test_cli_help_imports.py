"""`apdesk --help` loads no database, PDF or signing library; the window opens without the PDF,
signing and migration libraries.

A fresh interpreter runs the real entry point under `python -X importtime`, which names every
module imported; SQLAlchemy, ReportLab, pyHanko, Alembic and aiohttp cost most of a second
and are imported only by the commands that use them. The window needs SQLAlchemy and Qt to
show itself, and ReportLab, pyHanko (with aiohttp) and Alembic only when a document is made,
signed or checked or the store needs upgrading. The start window paints before SQLAlchemy, the
keyring library and holidays load (decision 0024). These are correctness tests (what is
imported), not timing tests: `benchmarks/bench.py` times `--help` against argparse alone and
`benchmarks/start_window.py` the window against a bare one.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from apdesk.domain.clock import FixedClock
from apdesk.services import exports
from apdesk.services import staff as staff_service
from apdesk.services.app_services import AppServices
from apdesk.services.command_names import EXPORT_KINDS
from apdesk.storage.store import StorePaths, create_store
from tests.conftest import PASSPHRASE
from tests.e2e.program import ROOT, environment

HEAVY = ("sqlalchemy", "sqlcipher3", "reportlab", "pyhanko", "alembic", "aiohttp", "PySide6")
NOT_FOR_THE_WINDOW = ("reportlab", "pyhanko", "alembic", "aiohttp")
# the start window paints first, and the worker loads these while the person types
NOT_BEFORE_THE_FIRST_PAINT = (
    "sqlalchemy",
    "sqlcipher3",
    "keyring",
    "holidays",
    *NOT_FOR_THE_WINDOW,
)


def _imported(env: dict[str, str], *args: str) -> tuple[int, str, set[str]]:
    """Run `python -X importtime ARGS`: its exit code, output and every module it imported."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *args],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    modules = {
        line.split("|")[-1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    return done.returncode, done.stdout, modules


@pytest.mark.parametrize(
    ("args", "code"),
    [(("--help",), 0), (("document", "--help"), 0), (("export", "--help"), 0), (("export",), 2)],
)
def test_help_and_usage_errors_load_no_heavy_library(
    tmp_path: Path, args: tuple[str, ...], code: int
) -> None:
    returned, _, modules = _imported(environment(tmp_path), "-m", "apdesk", *args)
    assert returned == code
    assert "apdesk.cli" in modules  # the real entry point ran
    heavy = sorted(m for m in modules if m.split(".")[0] in HEAVY)
    assert heavy == [], f"apdesk {' '.join(args)} imported {heavy[:8]}"
    assert not any(m.startswith("apdesk.storage") for m in modules)  # it maps the entities


def test_the_start_window_paints_before_the_database_libraries_and_signs_in_without_pdfs(
    tmp_path: Path, clock: FixedClock
) -> None:
    data = tmp_path / "data"
    store, _ = create_store(StorePaths(data), clock.now(), keyring=None, passphrase=PASSPHRASE)
    services = AppServices(store, clock)
    staff_service.create_first_headteacher(services, "head", "Alex Morgan", "a head's password")
    services.close()
    env = environment(
        tmp_path, "none", APDESK_DATA_DIR=str(data),
        ROBOT_USERNAME="head", ROBOT_PASSWORD="a head's password", ROBOT_PASSPHRASE=PASSPHRASE,
    )  # fmt: skip
    # every module loaded at the window's first paint and by the end, however imported
    # (`-X importtime` logs only `import` statements, not importlib.import_module)
    returned, said, _ = _imported(env, "-c", FIRST_PAINT_THEN_THE_ROBOT)
    assert returned == 0, said
    assert "start > Unlock" in said and "MAIN WINDOW" in said, said  # the real start, all of it
    painted, at_exit = (_modules_after(said, mark) for mark in ("FIRST PAINT", "AT EXIT"))
    assert "StartWindow" in painted and "apdesk.ui.start" in painted  # the passphrase page
    early = sorted(m for m in painted if m.split(".")[0] in NOT_BEFORE_THE_FIRST_PAINT)
    assert early == [], f"the start window waited for {early[:8]}"
    assert {"apdesk.ui.main_window", "sqlalchemy"} <= at_exit
    heavy = sorted(m for m in at_exit if m.split(".")[0] in NOT_FOR_THE_WINDOW)
    assert heavy == [], f"opening the window imported {heavy[:8]}"


FIRST_PAINT_THEN_THE_ROBOT = """
import atexit, runpy, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not painted:
            painted.append(watched)
            print("FIRST PAINT", type(watched.window()).__name__, *sys.modules, flush=True)
        return False

painted = []
app = QApplication(sys.argv[:1])
spy = FirstPaint()
app.installEventFilter(spy)
atexit.register(lambda: print("AT EXIT", *sys.modules, flush=True))
runpy.run_module("tests.e2e.robot", run_name="__main__")
"""


def _modules_after(said: str, mark: str) -> set[str]:
    line = next(line for line in said.splitlines() if line.startswith(mark))
    return set(line.split()[len(mark.split()) :])


def test_the_help_names_every_export_in_order() -> None:
    assert list(EXPORT_KINDS) == list(exports.KINDS)
