"""`python -m apdesk.ui.screenshots OUTDIR`: every screen of a demo store, as PNG files.

Builds a throw-away demo store in a temporary folder (never the user's data), signs in as
the demo Headteacher, and grabs each tab with a record chosen, plus the start-up screens,
on whatever Qt platform is running (`make screenshots` uses the offscreen one).

`OUTDIR WIDTHxHEIGHT` makes the main window that size; `make screenshots-small` runs it on
offscreen screens of 1366x768 and 1920x1080 at 150 % (1280x720), whose free area every
dialog and preview is fitted to, as in the program.

Each file is named by what it shows, never by a tab's position (which moves when a tab is
added): `tab-ap-referrals.png`, `tab-providers-annex-b.png`, `start-sign-in.png` (`shot_name`).
"""

from __future__ import annotations

import secrets
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import keyring.backend
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from apdesk.demo.fill import fill_demo
from apdesk.domain.clock import SystemClock
from apdesk.services import staff as staff_service
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.storage.keyring_store import SystemKeyring
from apdesk.storage.store import StorePaths, create_store
from apdesk.ui import screen_fit
from apdesk.ui.bus import ChangeBus
from apdesk.ui.context import UiContext
from apdesk.ui.first_run import FirstRunWizard
from apdesk.ui.main_window import MainWindow
from apdesk.ui.screenshot_extras import (
    shoot_administration,
    shoot_annex_b,
    shoot_documents,
    shoot_history,
    shoot_parents,
    shoot_verify,
    shot_name,
)
from apdesk.ui.start import StartWindow
from apdesk.ui.tabs.administration.tab import AdministrationTab
from apdesk.ui.worker import Worker

SIZE = (1440, 900)


class _MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that lives only in this process, so screenshots never touch the real one."""

    priority = 5

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


def settle(
    app: QApplication,
    worker: Worker,
    until: Callable[[], bool] = lambda: True,
    timeout: float = 20.0,
) -> None:
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
    store, _ = create_store(
        StorePaths(folder), clock.now(), keyring=None, passphrase=secrets.token_urlsafe(18)
    )
    services = AppServices(store, clock)
    fill_demo(services)
    return services


def shoot_tabs(app: QApplication, window: MainWindow, worker: Worker, out: Path) -> None:
    for tab in window.tab_pages:
        if isinstance(tab, AdministrationTab):
            continue  # shown as the Administrator sees it, by `shoot_administration`
        window.tabs.setCurrentWidget(tab)
        settle(app, worker, partial(getattr, tab, "loaded"))
        choose_first(tab)
        settle(app, worker)
        save(window, out, shot_name(tab.title))


def choose_first(tab: object) -> None:
    view = getattr(tab, "view", None) or getattr(tab, "grid", None)
    if view is not None and view.model() is not None and view.model().rowCount() > 0:
        view.setCurrentIndex(view.model().index(0, 2 if hasattr(tab, "grid") else 0))


def shoot_start(
    app: QApplication, worker: Worker, services: AppServices, out: Path, temp: Path
) -> None:
    """The first-run wizard (school page, recovery code) and the sign-in screen."""
    in_memory = SystemKeyring(_MemoryKeyring())
    wizard = FirstRunWizard(temp / "new", services.clock, worker, in_memory)
    wizard.show()
    page = wizard.school_page
    for edit, text in (
        (page.name, "Riverside Academy"),
        (page.urn, "123456"),
        (page.headteacher, "Alex Morgan"),
        (page.dsl, "Sam Patel"),
        (page.deputy_dsl, "Jo Green"),
    ):
        edit.setText(text)
    page.address.setPlainText("1 River Road\nBrackenford BR1 1AA")
    page.complaint_route.setPlainText("Write to the Headteacher, then the governors.")
    settle(app, worker)
    save(wizard, out, "start-set-up-school")
    wizard.next()
    account = wizard.account_page
    account.username.setText("amorgan")
    password = secrets.token_urlsafe(12)
    for edit in (account.secret, account.again):
        edit.setText(password)
    wizard.next()
    settle(app, worker, lambda: wizard.first_run is not None)
    save(wizard, out, "start-set-up-recovery-code")
    if wizard.first_run is not None:
        wizard.first_run.services.close()
    wizard.close()
    start = StartWindow(StorePaths(temp / "data"), in_memory, services.clock, worker)
    start.resize(900, 560)
    start.show()
    start.for_services(services)
    start.sign_in.username.setText("dsl")
    settle(app, worker)
    save(start, out, "start-sign-in")
    start.close()


def window_size(argv: list[str]) -> tuple[int, int] | None:
    """The main window's size: SIZE, or WIDTHxHEIGHT from the command line."""
    if len(argv) == 1:
        return SIZE
    width, _, height = argv[1].partition("x") if len(argv) == 2 else ("", "", "")
    return (int(width), int(height)) if width.isdigit() and height.isdigit() else None


def main(argv: list[str]) -> int:
    size = window_size(argv)
    if size is None:
        print("usage: python -m apdesk.ui.screenshots OUTDIR [WIDTHxHEIGHT]", file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    screen_fit.install(app)  # dialogs and previews fit the screen, as in the program
    with tempfile.TemporaryDirectory() as temp:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, temp)
        services = demo_services(Path(temp) / "data")
        worker = Worker()
        bus = ChangeBus()
        bus.attach(services)
        shoot_start(app, worker, services, out, Path(temp))
        settle(app, worker)  # the worker is idle: service calls on this thread are safe now
        head = staff_service.sign_in(services, "head", "demo-password-head")
        settings = QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, "APDesk", "shots"
        )

        def window_for(actor: Actor) -> MainWindow:
            made = MainWindow(UiContext(services, actor, worker, bus, settings))
            made.resize(*size)
            made.show()
            return made

        window = window_for(head)
        shoot_tabs(app, window, worker, out)
        signed = shoot_annex_b(app, window, worker, out, settle, save)
        shoot_parents(app, window, worker, out, settle, save)
        shoot_history(app, window, worker, out, settle, save)
        shoot_documents(app, window, worker, out, settle, save)
        shoot_verify(app, window, worker, signed, out, settle, save)
        shoot_administration(app, services, window_for, worker, out, settle, save)
        window.lock()
        settle(app, worker)
        save(window, out, "window-locked")
        window.end_session()  # a throw-away store: nothing to keep, nothing to ask
        worker.stop()
        services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
