"""Start-up: the signed-in window is shown and usable before Today's rows arrive.

Today's rows come from the worker, as every tab's do; however long they take on a school's
ten years, the window is on screen first, says it is loading, and answers the keyboard.
"""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QApplication, QWidget

from apdesk.domain.enums import Role
from apdesk.storage.keyring_store import SystemKeyring
from apdesk.ui.tabs import today as today_tab
from apdesk.ui.tabs.common.base import LOADING
from tests.ui.conftest import rows_of


def test_the_window_is_shown_and_usable_while_todays_rows_are_still_loading(
    qtbot, services, actors, clock, monkeypatch
):
    from apdesk.ui.app import WindowApp
    from apdesk.ui.settings import app_settings

    release = threading.Event()
    started = threading.Event()
    load_lines = today_tab.load_lines

    def slow_load(svc, actor):  # Today's service, held on the worker until the test lets go
        started.set()
        release.wait(60)
        return load_lines(svc, actor)

    monkeypatch.setattr(today_tab, "load_lines", slow_load)
    root = WindowApp(services.store.paths.folder, clock, SystemKeyring(), app_settings())
    try:
        window = root.signed_in(services, actors[Role.DSL])  # what the start window does
        qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "_closing", True))
        qtbot.waitExposed(window)
        qtbot.waitUntil(started.is_set, timeout=60000)  # begun once the window has painted
        today = window.current_tab()
        assert today.title == "Today" and window.isVisible()
        assert not today.loaded and today.count.text() == LOADING
        # Usable: the keyboard reaches the window, and another tab can be chosen (its rows
        # queue behind Today's on the one worker).
        today.search.setFocus()
        qtbot.keyClicks(today.search, "Robin")
        assert today.search.text() == "Robin"
        window.show_tab("pupil")
        pupils = window.current_tab()
        assert pupils.title == "Pupils" and pupils.count.text() == LOADING
        release.set()
        qtbot.waitUntil(lambda: today.loaded and pupils.loaded)
        assert any(row[0] == "Robin Testcase" for row in rows_of(pupils))
        window.show_tab("action")
        assert "Unexplained absence" in [row[0] for row in rows_of(today)]
        assert today.count.text() != LOADING
    finally:
        release.set()
        root.worker.wait()
        qtbot.wait(1)
        root.worker.stop()


def test_the_windows_first_jobs_begin_once_it_has_painted(
    qtbot, services, actors, clock, monkeypatch
):
    """The sign-in sweep and Today's rows wait for the window's first paint: run beside its
    build they hold Python's lock on the worker, and the window is built and painted in
    time slices between them."""
    from PySide6.QtCore import QEvent, QObject

    from apdesk.services import automatic_actions
    from apdesk.ui.app import WindowApp
    from apdesk.ui.main_window import MainWindow
    from apdesk.ui.settings import app_settings

    painted: list[bool] = []
    begun: list[bool] = []

    class Paints(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and isinstance(watched, MainWindow):
                painted.append(True)
            return False

    sweep = automatic_actions.open_due_actions

    def sweep_noting_the_paint(svc, actor):  # the first job the window asks for
        begun.append(bool(painted))
        return sweep(svc, actor)

    monkeypatch.setattr(automatic_actions, "open_due_actions", sweep_noting_the_paint)
    paints = Paints()
    QApplication.instance().installEventFilter(paints)
    root = WindowApp(services.store.paths.folder, clock, SystemKeyring(), app_settings())
    try:
        window = root.signed_in(services, actors[Role.DSL])
        qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "_closing", True))
        qtbot.waitUntil(lambda: window.current_tab().loaded)
        assert begun == [True]
    finally:
        QApplication.instance().removeEventFilter(paints)
        root.worker.wait()
        qtbot.wait(1)
        root.worker.stop()


def test_a_window_that_never_paints_still_gets_its_rows(qtbot):
    """Minimised, or closed at once: the held jobs begin after a second all the same."""
    from apdesk.ui.app import FirstPaint

    called: list[int] = []
    never_painted = QWidget()  # not shown
    qtbot.addWidget(never_painted)
    keep = FirstPaint(never_painted, lambda: called.append(1), latest_ms=20)
    qtbot.waitUntil(lambda: called == [1])
    never_painted.show()
    qtbot.waitExposed(never_painted)
    qtbot.wait(50)
    assert called == [1] and keep is not None  # once
    FirstPaint(None, lambda: called.append(2))  # no window: at once
    assert called == [1, 2]
