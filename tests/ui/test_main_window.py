"""The main window: tabs by role, the lock (manual and idle), the demo banner."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

from apdesk.domain.enums import Role
from apdesk.ui.main_window import DEMO_TEXT
from tests.ui.conftest import PASSWORDS, open_tab

ALL = [
    "Today",
    "Pupils",
    "Providers",
    "AP referrals",
    "Placements",
    "Attendance",
    "Reviews",
    "Incidents",
]
CHILD_WORK = ALL[:-1]
EXPECTED_TABS = {
    Role.HEADTEACHER: [*ALL, "Complaints", "Administration", "Staff training"],
    Role.DSL: [*ALL, "Complaints", "Staff training"],
    Role.DEPUTY_DSL: [*ALL, "Complaints"],
    Role.INCLUSION_LEAD: CHILD_WORK,
    Role.ATTENDANCE_LEAD: CHILD_WORK,
    Role.GOVERNOR: [],
    Role.ADMINISTRATOR: ["Administration", "Staff training"],
}


def tab_titles(window):
    return [window.tabs.tabText(i) for i in range(window.tabs.count())] if window.tab_pages else []


@pytest.mark.parametrize("role", list(Role))
def test_each_role_sees_only_its_tabs(qtbot, make_window, role):
    window = make_window(role)
    assert tab_titles(window) == EXPECTED_TABS[role]
    assert window.tabs.isVisible() == bool(EXPECTED_TABS[role])
    assert window.who.text().startswith(f"Signed in as {window.ctx.actor.display_name} (")


def test_ctrl_l_locks_and_hides_everything_until_the_same_password(qtbot, make_window):
    window = make_window(Role.DSL)
    qtbot.keyClick(window, Qt.Key_L, Qt.ControlModifier)
    assert window.locked
    assert window.centralWidget() is window.lock_page
    assert not window.workspace.isVisible() and not window.tabs.isVisible()
    page = window.lock_page
    page.password.setText("not my password at all")
    page.unlock_button.click()
    qtbot.waitUntil(lambda: page.problem.isVisible())
    # Only a password was asked for: the refusal does not speak of a username.
    assert page.problem.text() == "That password is not right. Check it and try again."
    assert window.locked
    page.password.setText(PASSWORDS[Role.DSL])
    page.unlock_button.click()
    qtbot.waitUntil(lambda: not window.locked)
    assert window.centralWidget() is window.workspace and window.tabs.isVisible()


def test_idle_window_locks_itself_by_the_injected_clock(qtbot, make_window, clock):
    window = make_window(Role.HEADTEACHER, tick_ms=10)
    clock.at += timedelta(minutes=4)
    qtbot.keyClick(window.tabs, Qt.Key_Right)  # activity restarts the count
    clock.at += timedelta(minutes=4)
    qtbot.wait(50)
    assert not window.locked  # 4 minutes since the key press: not yet
    clock.at += timedelta(minutes=1, seconds=1)
    qtbot.waitUntil(lambda: window.locked)
    assert not window.tabs.isVisible()


def test_locked_window_refuses_record_shortcuts(qtbot, make_window):
    window = make_window(Role.DSL)
    window.lock()
    assert not window.record_menu.isEnabled()


def test_demo_store_shows_a_banner(qtbot, make_window, services):
    window = make_window(Role.DSL)
    assert not window.demo_banner.isVisible()
    services.store.set_meta("demo", "1")
    window = make_window(Role.DSL)
    assert window.demo_banner.isVisible() and window.demo_banner.text() == DEMO_TEXT


def test_governor_is_told_why_the_window_is_empty(qtbot, make_window):
    window = make_window(Role.GOVERNOR)
    labels = [w.text() for w in window.workspace.findChildren(type(window.demo_banner))]
    assert any("no lists in this window for your role (Governor)" in t for t in labels)
    assert any("Documents menu" in t for t in labels)
    assert not window.record_menu.menuAction().isVisible()  # nothing to create or save


def test_lock_after_setting_is_remembered_and_used(qtbot, make_window, clock):
    window = make_window(Role.DSL, tick_ms=10)
    window.set_idle_minutes(2)
    clock.at += timedelta(minutes=2, seconds=1)
    qtbot.waitUntil(lambda: window.locked)
    assert make_window(Role.DSL).idle.limit == timedelta(minutes=2)


def test_window_size_is_remembered(qtbot, make_window):
    window = make_window(Role.DSL)
    window.resize(720, 560)  # smaller than the default, within the offscreen screen
    qtbot.wait(10)
    size = window.size()
    assert size.width() < 1280
    window.close()
    again = make_window(Role.DSL)
    assert again.size() == size


class WindowsShown(QObject):
    """Every window (top-level widget) shown while it watches."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            self.shown.append(type(watched).__name__)
        return False


def test_a_tab_first_shown_opens_no_other_window_and_keeps_the_keyboard(qtbot, make_window):
    """Tabs are built when first shown, after the window is: a control shown before it is
    in a layout would open as a window of its own and take the focus."""
    window = make_window(Role.HEADTEACHER)
    spy = WindowsShown()
    QApplication.instance().installEventFilter(spy)
    try:
        for title in EXPECTED_TABS[Role.HEADTEACHER][1:]:
            tab = open_tab(qtbot, window, title)
            assert spy.shown == [] and window.isActiveWindow(), title
            qtbot.keyClick(window, Qt.Key_F, Qt.ControlModifier)
            search = getattr(tab, "search", None)
            assert search is None or QApplication.focusWidget() is search, title
    finally:
        QApplication.instance().removeEventFilter(spy)


def test_a_closed_window_sweeps_for_nobody(qtbot, make_window):
    """After signing out the window is only hidden; its sweep must not go on answering
    changes as the person who left (nor, in tests, fire into the next test's worker)."""
    import shiboken6

    window = make_window(Role.DSL)
    sweep = window.action_sweep
    window.sign_out()
    qtbot.waitUntil(lambda: not shiboken6.isValid(sweep))


def test_every_list_model_passes_the_model_tester(qtbot, make_window, world, qtmodeltester):
    from PySide6.QtCore import QAbstractItemModel

    window = make_window(Role.DSL)
    for tab in window.tab_pages:
        window.tabs.setCurrentWidget(tab)
        qtbot.waitUntil(lambda t=tab: t.loaded, timeout=10000)
        view = getattr(tab, "view", None)
        if view is not None and view.model().rowCount():
            view.selectRow(0)
        qtbot.waitUntil(lambda: not window.ctx.worker.busy)
    models = window.findChildren(QAbstractItemModel)
    assert len(models) > 15
    for model in models:
        if model.metaObject().className() in (
            "RowTableModel",
            "SearchProxy",
            "RegisterModel",
            "QSortFilterProxyModel",
        ):
            qtmodeltester.check(model)
