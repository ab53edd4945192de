"""Start-up: the signed-in window is shown and usable before Today's rows arrive.

Today's rows come from the worker, as every tab's do; however long they take on a school's
ten years, the window is on screen first, says it is loading, and answers the keyboard.
"""

from __future__ import annotations

import threading

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
        assert started.wait(60)
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
