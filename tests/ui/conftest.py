"""Window tests: settings in a temp folder, stores built through services, one worker each."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from apdesk.domain.enums import Role
from apdesk.services import staff as staff_service
from apdesk.ui.bus import ChangeBus
from apdesk.ui.worker import Worker
from tests.services.conftest import PASSWORDS, template_store

__all__ = ["PASSWORDS", "template_store"]


# The offscreen platform says this about every dialog it shows; it is not our warning.
OFFSCREEN_NOISE = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(OFFSCREEN_NOISE)


# Tests assert what the window does, not how fast (benchmarks/ measure speed). A wait that
# passes in a second on an idle PC can take far longer on a loaded 2-core CI machine, so every
# wait gets at least this long before it counts as a failure; a passing wait costs nothing.
SLOWEST_WAIT_MS = 60_000


@pytest.fixture(autouse=True)
def patient_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    from pytestqt.qtbot import QtBot

    wait_until = QtBot.waitUntil

    def patient(self: QtBot, callback, *, timeout: int = 5000) -> None:
        wait_until(self, callback, timeout=max(timeout, SLOWEST_WAIT_MS))

    monkeypatch.setattr(QtBot, "waitUntil", patient)


@pytest.fixture(autouse=True)
def qt_settings(tmp_path: Path, qapp) -> Iterator[Path]:
    """QSettings (window layout, idle minutes) read and written in a temp folder only."""
    folder = tmp_path / "settings"
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(folder))
    yield folder


@pytest.fixture
def actors(services):
    """Everyone, signed in; only the Headteacher's password is checked (hashing is slow)."""
    head = staff_service.sign_in(services, "head", PASSWORDS[Role.HEADTEACHER])
    members = staff_service.list_staff(services, head)
    by_role = {member.roles[0]: staff_service.actor_for(member) for member in members}
    assert set(by_role) == set(Role)
    return by_role


@pytest.fixture
def worker(qtbot) -> Iterator[Worker]:
    w = Worker()
    yield w
    w.wait()
    qtbot.wait(1)  # deliver the answers still queued for the GUI thread
    w.stop()


@pytest.fixture
def bus(services) -> ChangeBus:
    b = ChangeBus()
    b.attach(services)
    return b


@pytest.fixture
def make_window(qtbot, services, actors, worker, bus):
    """A main window for one role, on the shared test store."""
    from apdesk.ui.context import UiContext
    from apdesk.ui.main_window import MainWindow
    from apdesk.ui.settings import app_settings

    def make(role, tick_ms=15000):
        ctx = UiContext(services, actors[role], worker, bus, app_settings())
        window = MainWindow(ctx, idle_tick_ms=tick_ms)
        # a test may leave typing unsaved: close without asking
        qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "_closing", True))
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)  # shortcuts reach the active window only
        return window

    return make


@pytest.fixture(scope="session")
def world_template(template_store, tmp_path_factory):
    """The template store plus a small world, built once: a school, a vetted provider, and a
    pupil (on a CP plan) with an active placement, and a second pupil with none."""
    from apdesk.domain.clock import FixedClock
    from apdesk.services import placements
    from apdesk.services.app_services import AppServices
    from apdesk.storage.store import StorePaths, open_store
    from tests.services import builders

    source, key = template_store
    folder = tmp_path_factory.mktemp("world") / "data"
    shutil.copytree(source, folder)
    clock = FixedClock(datetime(2026, 11, 28, 9, 30))
    svc = AppServices(open_store(StorePaths(folder), key, clock.now()), clock)
    head = staff_service.sign_in(svc, "head", PASSWORDS[Role.HEADTEACHER])
    dsl = staff_service.actor_for(
        next(m for m in staff_service.list_staff(svc, head) if Role.DSL in m.roles)
    )
    today = clock.today()
    builders.add_school(svc, head)
    provider = builders.vetted_provider(svc, dsl, today)
    pupil = builders.add_pupil(svc, dsl)
    other = builders.add_pupil(svc, dsl, 2, "Ash", "Example")
    placement = builders.proposed_placement(svc, dsl, pupil, provider, today - timedelta(days=10))
    builders.complete_annex_a(svc, dsl, placement)
    placements.authorise(svc, head, placement.id)
    placements.activate(svc, dsl, placement.id)
    svc.close()
    return (
        folder,
        key,
        {"provider": provider, "pupil": pupil, "other": other, "placement": placement},
    )


@pytest.fixture
def services(world_template, tmp_path, clock):
    """A copy of the world for each test (keying, migrating and building it is the slow part)."""
    from apdesk.services.app_services import AppServices
    from apdesk.storage.store import StorePaths, open_store

    folder, key, _ = world_template
    target = tmp_path / "data"
    shutil.copytree(folder, target)
    svc = AppServices(open_store(StorePaths(target), key, clock.now()), clock)
    yield svc
    svc.close()


@pytest.fixture
def world(world_template, services):
    return world_template[2]


def rows_of(tab):
    """What the list shows, as text, one list per row."""
    proxy = tab.proxy
    return [
        [proxy.index(r, c).data() for c in range(proxy.columnCount())]
        for r in range(proxy.rowCount())
    ]


def open_tab(qtbot, window, title):
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert title in titles, f"no {title} tab"
    window.tabs.setCurrentIndex(titles.index(title))
    tab = window.tabs.currentWidget()
    qtbot.waitUntil(lambda: tab.loaded, timeout=10000)
    return tab


def shown_box(qtbot, parent):
    """The message box `parent` shows, once one is on screen."""
    from PySide6.QtWidgets import QMessageBox

    qtbot.waitUntil(lambda: any(b.isVisible() for b in parent.findChildren(QMessageBox)))
    return next(b for b in parent.findChildren(QMessageBox) if b.isVisible())
