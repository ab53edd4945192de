"""Dates are typed as people write them, refused (never rolled over) when impossible, and
never made up: one date field everywhere in the window."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QVBoxLayout, QWidget

import apdesk.ui
from apdesk.domain.enums import Role
from apdesk.domain.errors import InvalidInput
from apdesk.services import pupils as pupil_service
from apdesk.ui.forms import DateEdit, DateTimeEdit
from tests.ui.conftest import open_tab, shown_box


@pytest.fixture
def form(qtbot):
    """A date field between two text boxes, shown and focused."""
    page = QWidget()
    before, after = QLineEdit(), QLineEdit()
    field = DateEdit("Start date")
    layout = QVBoxLayout(page)
    for widget in (before, field, after):
        layout.addWidget(widget)
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    field.setFocus()
    yield field, after
    page.close()


@pytest.mark.parametrize("typed", ["1/12/2026", "01/12/2026", "1 Dec 2026", "2026-12-01"])
def test_a_typed_date_reads_and_shows_in_house_style(qtbot, form, typed):
    field, after = form
    qtbot.keyClicks(field.line, typed)
    qtbot.keyClick(field.line, Qt.Key_Tab)
    assert QApplication.focusWidget() is after  # Tab leaves the field, not a part of it
    assert field.value() == date(2026, 12, 1)
    assert field.line.text() == "1 Dec 2026"
    assert field.problem.isHidden()


def test_an_impossible_date_is_refused_with_a_message_and_kept_as_typed(qtbot, form):
    field, _after = form
    qtbot.keyClicks(field.line, "31/02/2026")
    qtbot.keyClick(field.line, Qt.Key_Tab)
    assert field.line.text() == "31/02/2026"  # not rolled over to 3 March
    assert not field.problem.isHidden()
    assert "February 2026 has 28 days" in field.problem.text()
    with pytest.raises(InvalidInput, match="Start date: 31 February 2026 is not a date"):
        field.value()
    field.setFocus()
    field.line.clear()
    qtbot.keyClicks(field.line, "28/02/2026")
    qtbot.keyClick(field.line, Qt.Key_Tab)
    assert field.problem.isHidden() and field.value() == date(2026, 2, 28)


def test_a_blank_required_date_is_refused_and_a_blank_optional_one_is_none(qtbot):
    required, optional = DateEdit("Start date"), DateEdit("Planned end", optional=True)
    qtbot.addWidget(required)
    qtbot.addWidget(optional)
    with pytest.raises(InvalidInput, match="Start date is empty"):
        required.value()
    assert optional.value() is None
    assert optional.line.placeholderText().startswith("Not set")


@pytest.mark.qt_log_ignore(  # the offscreen platform cannot raise or grab for a popup
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)
def test_an_empty_date_opens_its_calendar_on_today_and_a_set_one_on_its_date(qtbot, form):
    field, _after = form
    qtbot.keyClick(field.line, Qt.Key_F4)
    calendar = field.calendar
    assert calendar is not None and calendar.isVisible()
    shown = calendar.selectedDate()
    assert (shown.year(), shown.month(), shown.day()) == date.today().timetuple()[:3]
    calendar.close()
    field.set_value(date(2026, 3, 2))
    field.pick.click()
    assert field.calendar.selectedDate().toString("yyyy-MM-dd") == "2026-03-02"
    field.calendar.clicked.emit(field.calendar.selectedDate().addDays(1))
    assert field.value() == date(2026, 3, 3) and field.calendar is None


def test_a_date_and_time_field_reads_both_and_refuses_a_wrong_time(qtbot):
    field = DateTimeEdit("When it happened")
    qtbot.addWidget(field)
    field.line.setText("20/11/2026")
    field.time.setText("9.05")
    field.tidy()
    assert field.value() == datetime(2026, 11, 20, 9, 5) and field.time.text() == "09:05"
    field.time.setText("25:00")
    field.tidy()
    assert "is not a time of day" in field.problem.text()
    with pytest.raises(InvalidInput):
        field.value()


def test_no_window_module_uses_qt_lenient_date_boxes():
    ui = Path(apdesk.ui.__file__).parent
    users = [
        str(path.relative_to(ui))
        for path in ui.rglob("*.py")
        if "QDateEdit" in path.read_text() or "QDateTimeEdit" in path.read_text()
    ]
    assert users == []


def test_a_new_pupil_has_no_made_up_date_of_birth(qtbot, make_window, world, services, actors):
    tab = open_tab(qtbot, make_window(Role.DSL), "Pupils")
    tab.new_record()
    editor = tab.editor
    assert editor.born.line.text() == ""
    editor.first.setText("Casey")
    editor.last.setText("Newcomer")
    editor.save()
    box = shown_box(qtbot, tab)
    assert "Date of birth is empty" in box.text()
    assert "Date of birth is empty" in editor.born.problem.text()
    names = [p.name for p in pupil_service.list_pupils(services, actors[Role.DSL])]
    assert "Casey Newcomer" not in names


def test_a_pupil_born_on_31_february_is_refused(qtbot, make_window, world, services, actors):
    tab = open_tab(qtbot, make_window(Role.DSL), "Pupils")
    tab.select_key(world["pupil"].id)
    editor = tab.editor
    qtbot.waitUntil(lambda: editor.first.text() == "Robin")
    stored = editor.born.value()
    editor.born.line.setText("31/2/2012")
    editor.save()
    qtbot.waitUntil(lambda: any(b.isVisible() for b in tab.findChildren(QMessageBox)))
    pupil = pupil_service.get_pupil(services, actors[Role.DSL], world["pupil"].id)
    assert pupil.date_of_birth == stored
    editor.born.line.setText("1/9/2012")
    editor.save()
    qtbot.waitUntil(
        lambda: (
            pupil_service.get_pupil(services, actors[Role.DSL], world["pupil"].id).date_of_birth
            == date(2012, 9, 1)
        ),
        timeout=5000,
    )


def test_a_new_referral_has_no_made_up_date(qtbot):
    from apdesk.domain.entities import Referral
    from apdesk.domain.enums import Agency
    from apdesk.ui.forms import ChoiceCombo, enum_choices
    from apdesk.ui.tabs.common.children import ChildDialog

    fields = (
        ("agency", "&Agency", lambda: ChoiceCombo("Agency", enum_choices(Agency))),
        ("made_on", "&Made on", lambda: DateEdit("Made on")),
        ("reference", "&Reference", QLineEdit),
    )
    holder = QWidget()
    qtbot.addWidget(holder)
    dialog = ChildDialog("Add referral", fields, holder)
    made_on = dialog.widgets["made_on"]
    assert made_on.line.text() == ""
    dialog.accept()  # refused: the date is blank
    assert dialog.result() == 0 and "Made on is empty" in made_on.problem.text()
    made_on.line.setText("27/11/2026")
    dialog.accept()
    assert dialog.result() == 1
    assert Referral(**dialog.values()).made_on == date(2026, 11, 27)
