"""Issue 17's small things, as a person at the window notices them: the Sites table gives its
width to the address; addresses and objectives take several lines, no longer than the store
keeps, and editing one counts as an unsaved change.

With APDESK_SHOTS set to a folder, tests also save screenshots there.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget

from apdesk.domain.enums import Role
from apdesk.domain.text import TEXT_MAX
from apdesk.ui.tabs.common.children import ChildDialog, ChildList
from apdesk.ui.tabs.placements.pages import OBJECTIVE_FIELDS
from apdesk.ui.tabs.providers.editor import SITE_FIELDS
from tests.ui.conftest import open_tab
from tests.ui.test_window_polish import shot

ADDRESS = "Unit 4, Mill Lane\nTesttown\nTT2 2BB"


def provider_editor(qtbot, make_window, world):
    window = make_window(Role.DSL)
    window.resize(1280, 720)
    tab = open_tab(qtbot, window, "Providers")
    tab.select_key(world["provider"].id)
    qtbot.waitUntil(lambda: tab.editor.provider is not None, timeout=10000)
    return window, tab.editor


def in_dialog(qtbot, children: ChildList, press: Callable[[], None], fill) -> None:
    """Press a list's Add/Edit, then fill its small dialog and press OK, as a person would."""

    def when_shown() -> None:
        dialog = next(d for d in children.findChildren(ChildDialog) if d.isVisible())
        fill(dialog)
        dialog.accept()

    QTimer.singleShot(50, when_shown)
    press()


def test_the_sites_table_gives_its_width_to_the_address(qtbot, make_window, world):
    window, editor = provider_editor(qtbot, make_window, world)
    view = editor.sites.view
    qtbot.waitUntil(lambda: view.model().rowCount() == 1)
    headings = [
        view.model().headerData(c, Qt.Orientation.Horizontal)
        for c in range(view.model().columnCount())
    ]
    assert headings == ["Site", "Kind", "Address"]
    widths = dict(zip(headings, (view.columnWidth(c) for c in range(3)), strict=True))
    assert widths["Address"] > widths["Kind"] and widths["Address"] > widths["Site"]
    shot(window, "provider-sites")


def test_a_sites_address_takes_several_lines_and_counts_as_a_change(qtbot, make_window, world):
    _window, editor = provider_editor(qtbot, make_window, world)
    sites = editor.sites
    qtbot.waitUntil(lambda: sites.model.rowCount() == 1)
    assert not editor.has_changes()
    sites.view.selectRow(0)
    seen: dict[str, QWidget] = {}

    def fill(dialog: ChildDialog) -> None:
        address = dialog.widgets["address"]
        assert isinstance(address, QPlainTextEdit)
        assert address.height() >= 3 * address.fontMetrics().lineSpacing()
        address.setPlainText(ADDRESS)
        seen["address"] = address
        shot(dialog, "site-dialog")

    in_dialog(qtbot, sites, sites.edit, fill)
    assert "address" in seen
    assert sites.rows()[0].address == ADDRESS  # the line breaks are kept
    assert editor.has_changes()  # leaving now would ask "Save changes?"


def test_multi_line_fields_take_no_more_than_the_store_keeps(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    for fields, name in ((SITE_FIELDS, "address"), (OBJECTIVE_FIELDS, "target")):
        dialog = ChildDialog("Add", fields, holder)
        qtbot.addWidget(dialog)
        field = dialog.widgets[name]
        assert isinstance(field, QPlainTextEdit)
        field.setPlainText("x" * (TEXT_MAX - 2))
        field.moveCursor(field.textCursor().MoveOperation.End)
        QApplication.clipboard().setText("abcdef")
        field.paste()  # as Ctrl+V: only what fits is taken
        assert field.toPlainText() == "x" * (TEXT_MAX - 2) + "ab"
        field.setPlainText("y" * (TEXT_MAX + 10))  # set from outside: its beginning kept
        assert field.toPlainText() == "y" * TEXT_MAX
    objective = ChildDialog("Add objective", OBJECTIVE_FIELDS, holder)
    qtbot.addWidget(objective)
    assert isinstance(objective.widgets["progress"], QPlainTextEdit)
    assert objective.widgets["timescale"].maxLength() == 200  # one-line fields keep their limit


def test_recording_checks_leaves_the_button_under_the_pointer(qtbot, make_window, world):
    from datetime import date

    from PySide6.QtCore import QPoint

    from apdesk.domain.entities import VettingCheck
    from apdesk.domain.enums import CheckKind

    window, editor = provider_editor(qtbot, make_window, world)
    window.resize(1280, 640)
    editor.pages.setCurrentIndex(1)  # Vetting checks
    checks, scroller = editor.checks, editor.panel.scroller
    qtbot.wait(20)
    scroller.ensureWidgetVisible(checks.record_button)
    qtbot.wait(20)

    def where() -> QPoint:
        return checks.record_button.mapTo(window, QPoint(0, 0))

    at = where()
    kinds = [CheckKind.INSURANCE, CheckKind.PREMISES_FIRE, CheckKind.SAFEGUARDING_TRAINING]
    for number, kind in enumerate(kinds, start=1):
        rows = checks.model.rowCount()
        # Lapsed on arrival: the status above gains a line explaining it.
        lapsed = VettingCheck(kind, date(2026, 11, 27), "Test dsl", date(2026, 11, 27), "")
        checks.save_check(world["provider"].id, lapsed)
        qtbot.waitUntil(lambda rows=rows: checks.model.rowCount() == rows + 1, timeout=20000)
        qtbot.wait(50)
        assert where() == at, f"the button moved after check {number}"
    shot(window, "record-checks")
