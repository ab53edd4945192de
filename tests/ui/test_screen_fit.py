"""Small screens: 1366x768 and 1920x1080 at 150 % (1280x720 logical), less the taskbar.

Every tab of every role, with a record chosen and each page of its editor shown, must have a
minimum size that fits those screens; a window remembered from a bigger monitor opens inside
the free area, with every button on it.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QAbstractButton, QTabWidget, QWidget

from apdesk.domain.enums import Role
from apdesk.ui.screen_fit import SCREENS, TASKBAR, TITLE_BAR, fit_on_screen
from tests.ui.conftest import open_tab

SMALLEST = QSize(
    min(s.width() for s in SCREENS.values()), min(s.height() for s in SCREENS.values())
)
# What a window's own area may take: the screen less the taskbar and the window's title bar.
ROOM = QSize(SMALLEST.width(), SMALLEST.height() - TASKBAR - TITLE_BAR)
FREE = {name: QRect(0, 0, s.width(), s.height() - TASKBAR) for name, s in SCREENS.items()}


def least(widget: QWidget) -> QSize:
    return widget.minimumSizeHint().expandedTo(widget.minimumSize())


def assert_fits(widget: QWidget, what: str) -> None:
    size = least(widget)
    assert size.width() <= ROOM.width() and size.height() <= ROOM.height(), (
        f"{what} needs at least {size.width()}x{size.height()}; "
        f"a 1280x720 screen leaves {ROOM.width()}x{ROOM.height()}"
    )


def buttons_inside(window: QWidget) -> list[str]:
    """Visible buttons drawn (even in part) outside the window's own area."""
    outside = []
    for button in window.findChildren(QAbstractButton):
        if not button.isVisible() or button.window() is not window:
            continue
        corner = button.mapTo(window, QPoint(0, 0))
        if not window.rect().contains(QRect(corner, button.size())):
            outside.append(button.text() or button.accessibleName())
    return outside


def every_page(qtbot, window, tab) -> None:
    """Choose the first record (if any) and show each page of its editor in turn."""
    view = getattr(tab, "view", None)
    if view is not None and view.model().rowCount():
        view.selectRow(0)
        qtbot.wait(50)
    assert_fits(window, f"the window on {tab.title}")
    for pages in tab.findChildren(QTabWidget):
        for number in range(pages.count()):
            if pages.isTabEnabled(number) and pages.isTabVisible(number):
                pages.setCurrentIndex(number)
                assert_fits(window, f"{tab.title}, page {pages.tabText(number)}")


@pytest.mark.parametrize("role", [Role.HEADTEACHER, Role.DSL, Role.ATTENDANCE_LEAD, Role.GOVERNOR])
def test_every_tab_and_page_fits_a_small_screen(qtbot, make_window, role):
    window = make_window(role)
    for tab in window.tab_pages:
        open_tab(qtbot, window, tab.title)
        every_page(qtbot, window, tab)
    assert_fits(window, "the window")


@pytest.mark.parametrize("screen", list(FREE))
def test_a_window_kept_from_a_bigger_monitor_opens_inside_the_free_area(qtbot, make_window, screen):
    window = make_window(Role.HEADTEACHER)
    window.setGeometry(200, 150, 1900, 1150)
    area = FREE[screen]
    fit_on_screen(window, area)
    qtbot.wait(20)
    assert area.contains(window.frameGeometry())
    assert buttons_inside(window) == []
    assert window.statusBar().isVisible()
