"""`python -m apdesk.ui.screenshots OUTDIR`: every screen of a demo store, as PNG files.

Builds a throw-away demo store in a temporary folder (never the user's data), signs in as
the demo Headteacher, and grabs each tab with a record chosen, plus the start-up screens,
on whatever Qt platform is running (`make screenshots` uses the offscreen one).
"""

from __future__ import annotations

import secrets
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from apdesk.domain.clock import SystemClock
from apdesk.services import staff as staff_service
from apdesk.services.context import AppServices
from apdesk.services.demo import fill_demo
from apdesk.storage.store import StorePaths, create_store
from apdesk.ui.bus import ChangeBus
from apdesk.ui.context import UiContext
from apdesk.ui.main_window import MainWindow
from apdesk.ui.worker import Worker

SIZE = (1440, 900)


def settle(app: QApplication, worker: Worker, until: Callable[[], bool] = lambda: True,
           timeout: float = 20.0) -> None:
    """Let queued work and painting finish (and `until` come true)."""
    deadline = time.monotonic() + timeout
    quiet = 0
    while time.monotonic() < deadline and quiet < 5:
        app.processEvents()
        time.sleep(0.02)
        quiet = quiet + 1 if not worker.busy and until() else 0


def save(widget: QWidget, folder: Path, name: str) -> Path:
    path = folder / f"{name}.png"
    widget.grab().save(str(path))
    print(f"  {path}")
    return path


def demo_services(folder: Path) -> AppServices:
    clock = SystemClock()
    store, _ = create_store(StorePaths(folder), clock.now(), keyring=None,
                            passphrase=secrets.token_urlsafe(18))
    services = AppServices(store, clock)
    fill_demo(services)
    return services


def shoot_tabs(app: QApplication, window: MainWindow, worker: Worker, out: Path) -> None:
    for number, tab in enumerate(window.tab_pages):
        window.tabs.setCurrentWidget(tab)
        settle(app, worker, lambda t=tab: t.loaded)
        choose_first(tab)
        settle(app, worker)
        save(window, out, f"{number + 1:02d}-{tab.title.lower()}")


def choose_first(tab: object) -> None:
    view = getattr(tab, "view", None) or getattr(tab, "grid", None)
    if view is not None and view.model() is not None and view.model().rowCount() > 0:
        view.setCurrentIndex(view.model().index(0, 2 if hasattr(tab, "grid") else 0))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m apdesk.ui.screenshots OUTDIR", file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as temp:
        QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, temp)
        services = demo_services(Path(temp) / "data")
        worker = Worker()
        bus = ChangeBus()
        bus.attach(services)
        head = staff_service.sign_in(services, "head", "demo-password-head")
        settings = QSettings(QSettings.IniFormat, QSettings.UserScope, "APDesk", "shots")
        window = MainWindow(UiContext(services, head, worker, bus, settings))
        window.resize(*SIZE)
        window.show()
        shoot_tabs(app, window, worker, out)
        window.lock()
        settle(app, worker)
        save(window, out, "90-locked")
        window.close()
        worker.stop()
        services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
