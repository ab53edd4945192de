"""The composition root for the window: unlock or set up, sign in, then the main window.

Everything the window needs is built here and handed down through constructors: the clock,
the keyring, the settings, the one worker, the change bus and, once the store is open, the
services. Nothing connects to the store at import time, and the set-up wizard and the main
window are imported when first wanted: the start window shows without them (the main
window's modules are most of a second's import on a slow PC). The main window's are imported
a step at a time while the sign-in page waits for the person to type (`MAIN_WINDOW_STEPS`),
and whatever is left when Sign in is pressed while the worker checks the password (Argon2id
lets go of Python's lock).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QScrollArea, QTableView, QTabWidget, QWidget

from apdesk import assets
from apdesk.domain.clock import Clock, SystemClock
from apdesk.services.startup import finish_interrupted_work
from apdesk.storage.keyring_store import SystemKeyring
from apdesk.storage.paths import StorePaths
from apdesk.ui import button_style, gc_guard, screen_fit
from apdesk.ui.bus import ChangeBus
from apdesk.ui.context import UiContext
from apdesk.ui.loading import IdleSteps
from apdesk.ui.opened_files import clear_opened
from apdesk.ui.settings import app_settings
from apdesk.ui.start import StartWindow
from apdesk.ui.worker import Worker

if TYPE_CHECKING:
    from apdesk.services.actor import Actor
    from apdesk.services.app_services import AppServices
    from apdesk.ui.first_run import FirstRunWizard
    from apdesk.ui.main_window import MainWindow


class WindowApp(QObject):
    """Moves between the set-up wizard, the start window and the main window."""

    def __init__(
        self, data_dir: Path, clock: Clock, keyring: SystemKeyring, settings: QSettings
    ) -> None:
        super().__init__()
        self.paths = StorePaths(data_dir)
        self.clock, self.keyring, self.settings = clock, keyring, settings
        self.worker = Worker(self)
        self.bus = ChangeBus(self)
        self.bus.store_replaced.connect(self._store_replaced)
        self.services: AppServices | None = None
        self.wizard: FirstRunWizard | None = None
        self.start_window: StartWindow | None = None
        self.window: MainWindow | None = None
        self._first_paint: FirstPaint | None = None

    def start(self) -> QWidget:
        notes = finish_interrupted_work(self.paths.folder, self.keyring, self.clock)
        if self.paths.exists():
            start = self._start_window()
            start.startup_note = "\n\n".join(notes)
            start.show()
            start.begin()
            return start
        return self._wizard()

    def _start_again(self) -> None:
        if self.start_window is not None:
            self.start_window.hide()
        self._wizard()

    def _wizard(self) -> QWidget:
        from apdesk.ui.first_run import FirstRunWizard

        self.wizard = FirstRunWizard(self.paths.folder, self.clock, self.worker, self.keyring)
        self.wizard.accepted.connect(self._set_up)
        self.wizard.show()
        return self.wizard

    def _start_window(self) -> StartWindow:
        if self.start_window is None:
            self.start_window = StartWindow(self.paths, self.keyring, self.clock, self.worker)
            self.start_window.ready.connect(self.signed_in)
            self.start_window.start_again.connect(self._start_again)
            # not at the click: a Sign in pressed while the store still opens waits for it,
            # and the store's modules must finish loading before the window's begin
            self.start_window.checking_password.connect(_import_main_window)
            self.start_window.asking_to_sign_in.connect(self._prepare_main_window)
        return self.start_window

    def _prepare_main_window(self) -> None:
        if "apdesk.ui.main_window" not in sys.modules:
            IdleSteps(_main_window_steps(), self)

    def _set_up(self) -> None:
        assert self.wizard is not None and self.wizard.first_run is not None
        run = self.wizard.first_run
        self.signed_in(run.services, run.headteacher)

    def signed_in(self, services: AppServices, actor: Actor) -> MainWindow:
        from apdesk.ui.main_window import MainWindow

        if self.services is None:
            self.services = services
            self.bus.attach(services)
        ctx = UiContext(services, actor, self.worker, self.bus, self.settings, self.keyring)
        window: MainWindow | None = None
        self.worker.hold()  # the window's first jobs begin once it is on screen
        try:
            window = MainWindow(ctx)
            window.signed_out.connect(self._signed_out)
            window.show()
        finally:
            self._first_paint = FirstPaint(window, self.worker.release)
        self.window = window
        if self.start_window is not None:
            self.start_window.hide()
        return window

    def _signed_out(self) -> None:
        assert self.services is not None
        start = self._start_window()
        start.for_services(self.services)
        start.show()

    def _store_replaced(self, services: AppServices | None, note: str) -> None:
        """After a restore: everyone signed out; sign in to the store now in place."""
        self.services = services
        if services is not None:
            self.bus.attach(services)
        if self.window is not None:
            self.window.end_session()
            self.window = None
        start = self._start_window()
        if services is None:
            start.show_problem(note)
        else:
            start.note = note
            start.for_services(services)
        start.show()

    def shutdown(self) -> None:
        self.worker.stop()
        if self.services is not None:
            self.services.close()
            self.services = None


# The main window's modules in steps of tens of ms each (on a 2-core PC), the largest first
# so each later step finds its part already in; the last imports whatever is left. The
# documents' modules are not the window's (it imports them when a document is first asked
# for), but a person typing has time for them. A list out of date only makes the steps
# bigger (tests/ui/test_loading.py checks each name).
MAIN_WINDOW_STEPS = (
    "apdesk.services.automatic_actions",
    "apdesk.services.documents",
    "apdesk.ui.models",
    "apdesk.ui.tabs.common.base",
    "apdesk.ui.document_dialogs",
    "apdesk.ui.record_documents",
    "apdesk.ui.tabs.today",  # the only tab built before the window shows
    "apdesk.ui.main_window",
)
# Qt makes the Python types a widget brings (its scroll bars, their style options and enums)
# the first time one is made: QScrollArea's first costs 30-70 ms here with the program's
# style and event filter installed, the next under 1 ms. Made once while the person types,
# the main window's first build does not pay it.
FIRST_MADE = (QScrollArea, QTableView, QTabWidget)


def _main_window_steps() -> list[Callable[[], object]]:
    imports = [lambda name=name: importlib.import_module(name) for name in MAIN_WINDOW_STEPS]
    made = [lambda kind=kind: kind() for kind in FIRST_MADE]
    return [*imports, gc_guard.keep_what_is_loaded, *made]


class FirstPaint(QObject):
    """Calls `then` once: when `window` first paints, or after `latest_ms` if it has not (a
    window started minimised, or closed first); at once if there is no window."""

    def __init__(
        self, window: QWidget | None, then: Callable[[], object], latest_ms: int = 1000
    ) -> None:
        super().__init__()
        self._window = window
        self._then: Callable[[], object] | None = then
        if window is None:
            self._call()
            return
        window.installEventFilter(self)
        QTimer.singleShot(latest_ms, self, self._call)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._call()
        return False

    def _call(self) -> None:
        then, self._then = self._then, None
        if then is None:
            return
        if self._window is not None and shiboken6.isValid(self._window):
            self._window.removeEventFilter(self)
        self._window = None
        then()


def _import_main_window() -> None:
    """While Argon2id checks the password on the worker (it lets go of Python's lock): the
    main window's modules, and Qt's first widgets of each kind, that the idle steps had not
    yet made (a Sign in pressed at once)."""
    if "apdesk.ui.main_window" not in sys.modules:
        importlib.import_module("apdesk.ui.main_window")
        gc_guard.keep_what_is_loaded()
    for kind in FIRST_MADE:  # under 1 ms each once the first is made
        kind()


def identify(app: QApplication) -> None:
    """The names, icon and look (plain dialog buttons, windows that fit) of every window."""
    app.setApplicationName("APDesk")
    app.setOrganizationName("APDesk")
    app.setApplicationDisplayName("APDesk")
    app.setWindowIcon(QIcon(str(assets.icon_png())))
    screen_fit.install(app)
    button_style.install(app)


def run_window(data_dir: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    identify(app)
    clear_opened()  # copies left by a run that crashed
    root = WindowApp(data_dir, SystemClock(), SystemKeyring(), app_settings())
    root.start()
    try:
        return int(app.exec())
    finally:
        root.shutdown()
        clear_opened()
