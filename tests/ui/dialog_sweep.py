"""Open every dialog the main window's menus and record buttons open (with one record of
each main kind in the store), on the screen this process was given
(`QT_QPA_PLATFORM=offscreen:configfile=tests/ui/screens/….json`), and print each button that
lies even partly outside the screen's free area.

Run by `test_dialog_sweep.py` in a fresh interpreter per screen (a Qt platform is chosen
once per process). Prints one line per dialog seen ("seen: TITLE"), one per button outside
("outside: TITLE: BUTTON"), and ends with "done".
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

import shiboken6
from PySide6.QtCore import QPoint, QRect, QSettings, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QMenu,
    QPushButton,
    QTabWidget,
    QWidget,
)

from apdesk.domain.clock import FixedClock
from apdesk.domain.enums import Role
from apdesk.services import staff as staff_service
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.storage.mapping import map_domain
from apdesk.storage.store import StorePaths, create_store
from apdesk.ui.app import identify
from apdesk.ui.bus import ChangeBus
from apdesk.ui.context import UiContext
from apdesk.ui.main_window import MainWindow
from apdesk.ui.worker import Worker

# What would end the session or leave the window rather than open a dialog.
SKIP = ("Lock", "Sign out", "Quit", "Restore from a backup…")
PASSWORD = "sweep-password-head"


def outside(dialog: QWidget, area: QRect) -> list[str]:
    found = []
    for button in dialog.findChildren(QAbstractButton):
        if not button.isVisible() or button.window() is not dialog:
            continue
        place = QRect(button.mapToGlobal(QPoint(0, 0)), button.size())
        if not area.contains(place):
            found.append(button.text().replace("&", "") or button.accessibleName())
    return found


class Sweeper:
    def __init__(self, app: QApplication, window: MainWindow) -> None:
        self.app, self.window = app, window
        screen = window.screen() or app.primaryScreen()
        self.area = screen.availableGeometry()
        self.timer = QTimer()
        self.timer.setInterval(150)
        self.timer.timeout.connect(self.check_and_close)
        self.timer.start()

    def check_and_close(self) -> None:
        for widget in self.app.topLevelWidgets():
            if widget is self.window or not widget.isVisible() or isinstance(widget, QMenu):
                continue
            title = widget.windowTitle() or type(widget).__name__
            print(f"seen: {title}", flush=True)
            for text in outside(widget, self.area):
                where = widget.frameGeometry().getRect()
                print(f"outside: {title}: {text} (window at {where})", flush=True)
            if isinstance(widget, QDialog):
                widget.reject()
            else:
                widget.close()

    def settle(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end or self.window.ctx.worker.busy:
            self.app.processEvents()
            time.sleep(0.02)
            if time.monotonic() > end + 30:
                break


def some_records(services: AppServices, head: Actor, today: date) -> None:
    """A school, a vetted provider with a site, and a pupil in a proposed placement, so the
    editors show the buttons that open their small dialogs."""
    from tests.services import builders

    builders.add_school(services, head)
    provider = builders.vetted_provider(services, head, today)
    pupil = builders.add_pupil(services, head)
    builders.proposed_placement(services, head, pupil, provider, today)


def press_each(sweeper: Sweeper, tab: QWidget) -> None:
    """Every button on show that opens a dialog ("…"), once per page."""
    for button in tab.findChildren(QPushButton):
        if not shiboken6.isValid(button):  # a reload replaced it since the list was made
            continue
        text = button.text().replace("&", "")
        if button.isVisible() and button.isEnabled() and text.endswith("…"):
            if text in SKIP:
                continue
            print(f"button: {getattr(tab, 'title', '')}: {text}", flush=True)
            button.click()
            sweeper.settle(0.5)


def menu_actions(window: MainWindow) -> list:
    found = []

    def walk(menu: QMenu) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu())
            elif not action.isSeparator() and action.isEnabled():
                found.append(action)

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu())
    return [a for a in found if a.text().replace("&", "") not in SKIP]


def main() -> int:
    app = QApplication(sys.argv[:1])
    identify(app)  # the names, the look, and the fitter, as the program starts
    map_domain()
    clock = FixedClock(datetime(2026, 11, 28, 9, 30))
    with tempfile.TemporaryDirectory() as temp:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, temp)
        store, _ = create_store(
            StorePaths(Path(temp) / "data"),
            clock.now(),
            keyring=None,
            passphrase="a sweep passphrase for tests",
        )
        services = AppServices(store, clock)
        staff_service.create_first_headteacher(services, "head", "Alex Morgan", PASSWORD)
        head = staff_service.sign_in(services, "head", PASSWORD)
        assert Role.HEADTEACHER in head.roles
        some_records(services, head, clock.today())
        worker, bus = Worker(), ChangeBus()
        bus.attach(services)
        window = MainWindow(UiContext(services, head, worker, bus, QSettings()))
        window.show()
        sweeper = Sweeper(app, window)
        sweeper.settle(1.0)
        for action in menu_actions(window):
            print(f"action: {action.text()}", flush=True)
            action.trigger()
            sweeper.settle(1.0)
        for tab in list(window.tab_pages):
            window.tabs.setCurrentWidget(tab)
            sweeper.settle(0.5)
            view = getattr(tab, "view", None)
            if view is not None and view.model() is not None and view.model().rowCount():
                view.selectRow(0)  # a record chosen: its editor's buttons are on show
                sweeper.settle(0.8)
            for pages in [None, *tab.findChildren(QTabWidget)]:
                for number in range(pages.count() if pages is not None else 1):
                    if pages is not None:
                        if not pages.isTabEnabled(number):
                            continue
                        pages.setCurrentIndex(number)
                        sweeper.settle(0.2)
                    press_each(sweeper, tab)
        sweeper.timer.stop()
        window._closing = True  # nothing typed to keep
        window.close()
        worker.wait()
        worker.stop()
        services.close()
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
