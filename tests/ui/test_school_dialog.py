"""The school dialog: details and calendar saved through the service, dates checked first."""

from __future__ import annotations

import os
from datetime import date

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from apdesk.domain.enums import Role, SchoolType
from apdesk.domain.reviews import ReviewIntervals
from apdesk.services import school as school_service
from apdesk.ui.context import UiContext
from apdesk.ui.school_calendar import ClosureRow, TermRow
from apdesk.ui.school_dialog import SchoolDialog, open_school_dialog
from apdesk.ui.settings import app_settings
from apdesk.ui.tabs.common.children import ChildDialog


@pytest.fixture
def open_dialog(qtbot, services, actors, worker, bus):
    """Open the dialog as `role` over a plain window, as the menu would, and wait for it."""
    windows: list[QWidget] = []  # qtbot holds widgets weakly; these must outlive `open_as`

    def open_as(role: Role) -> SchoolDialog:
        parent = QWidget()
        windows.append(parent)
        qtbot.addWidget(parent)
        parent.show()
        open_school_dialog(UiContext(services, actors[role], worker, bus, app_settings()), parent)
        qtbot.waitUntil(lambda: any(d.isVisible() for d in parent.findChildren(SchoolDialog)))
        return next(d for d in parent.findChildren(SchoolDialog) if d.isVisible())

    return open_as


def rows(table) -> list[list[str]]:
    model = table.model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def add_row(qtbot, table, **values) -> None:
    """Press Add, fill the small row editor and press OK, as a person would."""
    table.add()
    qtbot.waitUntil(lambda: any(d.isVisible() for d in table.findChildren(ChildDialog)))
    editor = next(d for d in table.findChildren(ChildDialog) if d.isVisible())
    for name, value in values.items():
        widget = editor.widgets[name]
        if isinstance(widget, QLineEdit):
            widget.setText(value)
        else:
            widget.set_value(value)
    editor.accept()


def save(qtbot, dialog: SchoolDialog) -> None:
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.accept()


def test_every_detail_of_the_school_has_a_field(open_dialog):
    dialog = open_dialog(Role.HEADTEACHER)
    register_times = ("am_register_closes", "pm_register_closes")
    assert (
        *dialog.fields,
        *register_times,
        *school_service.REVIEW_WEEKS,
        *school_service.COMPLAINT_DAYS,
        "school_type",
    ) == school_service.FIELDS
    assert dialog.school_type.currentText() == "Not recorded"
    assert [s.value() for s in dialog.review_weeks] == [2, 2, 4]
    assert [s.value() for s in dialog.complaint_days] == [10, 10, 20, 30]  # the defaults
    assert [e.time().toString("HH:mm") for e in dialog.register_closes] == ["10:00", "14:30"]
    assert dialog.text("name") == "Oakfield Fictional Academy"
    assert [dialog.pages.tabText(i) for i in range(dialog.pages.count())] == [
        "Details",
        "Calendar",
        "Policy",
        "Records kept",
    ]


def test_a_new_term_and_closure_are_saved_and_shown_again(
    qtbot, open_dialog, services, qtmodeltester
):
    dialog = open_dialog(Role.HEADTEACHER)
    terms, closures = dialog.calendar.terms, dialog.calendar.closures
    assert rows(terms) == [["Autumn 2026", "2 Sep 2026", "18 Dec 2026"]]
    add_row(qtbot, terms, name="Spring 2027", start=date(2027, 1, 5), end=date(2027, 3, 26))
    add_row(qtbot, closures, on=date(2026, 9, 2), reason="INSET day")
    dialog.fields["local_authority"].setText("Testshire")
    qtmodeltester.check(terms.model)
    qtmodeltester.check(closures.model)
    save(qtbot, dialog)
    assert not dialog.isVisible()

    stored = school_service.get_school(services)
    assert [(t.name, t.start, t.end) for t in stored.terms] == [
        ("Autumn 2026", date(2026, 9, 2), date(2026, 12, 18)),
        ("Spring 2027", date(2027, 1, 5), date(2027, 3, 26)),
    ]
    assert [(c.on, c.reason) for c in stored.closures] == [(date(2026, 9, 2), "INSET day")]
    assert stored.local_authority == "Testshire"

    again = open_dialog(Role.HEADTEACHER)
    assert rows(again.calendar.terms) == [
        ["Autumn 2026", "2 Sep 2026", "18 Dec 2026"],
        ["Spring 2027", "5 Jan 2027", "26 Mar 2027"],
    ]
    assert rows(again.calendar.closures) == [["2 Sep 2026", "INSET day"]]
    assert again.text("local_authority") == "Testshire"


def test_a_new_term_starts_the_day_after_the_last_and_rows_stay_in_date_order(qtbot, open_dialog):
    dialog = open_dialog(Role.ADMINISTRATOR)
    terms = dialog.calendar.terms
    terms.add()
    qtbot.waitUntil(lambda: any(d.isVisible() for d in terms.findChildren(ChildDialog)))
    editor = next(d for d in terms.findChildren(ChildDialog) if d.isVisible())
    assert editor.values()["start"] == date(2026, 12, 19)
    editor.reject()
    add_row(qtbot, terms, name="Summer 2026", start=date(2026, 4, 13), end=date(2026, 7, 22))
    assert [r[0] for r in rows(terms)] == ["Summer 2026", "Autumn 2026"]


@pytest.mark.parametrize(
    "term, message",
    [
        (
            TermRow("Spring 2027", date(2026, 12, 1), date(2027, 3, 26)),
            "Autumn 2026 (2 Sep 2026 to 18 Dec 2026) and Spring 2027 (1 Dec 2026 to "
            "26 Mar 2027) overlap. A day can be in only one term: change the dates so they "
            "do not share any days.",
        ),
        (
            TermRow("Spring 2027", date(2027, 3, 26), date(2027, 1, 5)),
            "Spring 2027 (26 Mar 2027 to 5 Jan 2027): the last day must come after the first "
            "day. Check the dates of this term.",
        ),
        (
            TermRow("  ", date(2027, 1, 5), date(2027, 3, 26)),
            "Every term needs a name, for example Autumn 2026.",
        ),
        (
            TermRow("autumn 2026", date(2027, 1, 5), date(2027, 3, 26)),
            "Two terms are called autumn 2026. Give each term its own name.",
        ),
    ],
)
def test_a_wrong_term_is_explained_and_nothing_is_saved(
    qtbot, open_dialog, services, term, message
):
    dialog = open_dialog(Role.HEADTEACHER)
    dialog.pages.setCurrentIndex(0)
    dialog.fields["phone"].setText("01234 567890")
    dialog.calendar.terms.put(term)
    dialog.accept()
    assert dialog.problem.text() == message
    assert dialog.isVisible()
    assert dialog.pages.currentWidget() is dialog.calendar
    qtbot.wait(50)  # nothing was sent to the worker, so nothing can arrive
    stored = school_service.get_school(services)
    assert [t.name for t in stored.terms] == ["Autumn 2026"]
    assert stored.phone == ""


def test_a_closure_listed_twice_is_explained(qtbot, open_dialog):
    dialog = open_dialog(Role.HEADTEACHER)
    for reason in ("INSET day", "Snow"):
        dialog.calendar.closures.put(ClosureRow(date(2026, 11, 2), reason))
    dialog.accept()
    assert dialog.problem.text() == ("2 Nov 2026 is listed as a closure twice. Remove one of them.")


def test_the_name_and_urn_are_checked_before_saving(open_dialog):
    dialog = open_dialog(Role.HEADTEACHER)
    dialog.pages.setCurrentWidget(dialog.calendar)
    dialog.fields["urn"].setText("12345")
    dialog.accept()
    assert dialog.problem.text() == "'12345' is not an Ofsted URN: a URN is 6 or 7 digits."
    assert dialog.pages.currentIndex() == 0
    dialog.fields["name"].setText(" ")
    dialog.accept()
    assert dialog.problem.text() == "Enter the school's name."


def test_the_school_type_is_chosen_saved_and_read_only_without_edit_school(
    qtbot, open_dialog, services
):
    dialog = open_dialog(Role.HEADTEACHER)
    box = dialog.school_type
    assert [box.itemText(i) for i in range(box.count())] == [
        "Not recorded",
        "Academy",
        "Maintained school",
        "Free school",
    ]
    box.setCurrentIndex(box.findText("Free school"))
    save(qtbot, dialog)
    assert school_service.get_school(services).school_type is SchoolType.FREE_SCHOOL
    again = open_dialog(Role.DSL)
    assert again.school_type.currentText() == "Free school" and not again.school_type.isEnabled()


def test_without_edit_school_the_dialog_is_read_only(qtbot, open_dialog, services):
    dialog = open_dialog(Role.DSL)
    assert all(field.isReadOnly() for field in dialog.fields.values())
    visible = [b.text() for b in dialog.findChildren(QPushButton) if b.isVisibleTo(dialog)]
    assert visible == ["Close"]
    assert rows(dialog.calendar.terms) == [["Autumn 2026", "2 Sep 2026", "18 Dec 2026"]]
    dialog.calendar.terms.add()
    assert not dialog.calendar.terms.findChildren(ChildDialog)
    dialog.fields["name"].setText("Changed")
    dialog.accept()  # Enter in a field: closes, saves nothing
    assert not dialog.isVisible()
    qtbot.wait(50)
    assert school_service.get_school(services).name == "Oakfield Fictional Academy"


def test_the_administrator_may_change_the_details(qtbot, open_dialog, services):
    dialog = open_dialog(Role.ADMINISTRATOR)
    address = dialog.fields["address"]
    assert isinstance(address, QPlainTextEdit) and not address.isReadOnly()
    address.setPlainText("2 New Street\nTesttown")
    save(qtbot, dialog)
    assert school_service.get_school(services).address == "2 New Street\nTesttown"


def test_removing_every_term_and_closure_removes_them(qtbot, open_dialog, services):
    dialog = open_dialog(Role.HEADTEACHER)
    dialog.calendar.closures.put(ClosureRow(date(2026, 11, 2), "INSET day"))
    save(qtbot, dialog)
    assert len(school_service.get_school(services).closures) == 1
    again = open_dialog(Role.HEADTEACHER)
    for table in (again.calendar.terms, again.calendar.closures):
        table.view.setCurrentIndex(table.model.index(0, 0))
        table.remove()
    save(qtbot, again)
    stored = school_service.get_school(services)
    assert stored.terms == [] and stored.closures == []


def test_an_edited_term_keeps_its_place_in_the_store(qtbot, open_dialog, services):
    before = school_service.get_school(services).terms[0]
    dialog = open_dialog(Role.HEADTEACHER)
    terms = dialog.calendar.terms
    terms.view.setCurrentIndex(terms.model.index(0, 0))
    terms.edit()
    qtbot.waitUntil(lambda: any(d.isVisible() for d in terms.findChildren(ChildDialog)))
    editor = next(d for d in terms.findChildren(ChildDialog) if d.isVisible())
    assert editor.windowTitle() == "Edit term"
    editor.widgets["end"].set_value(date(2026, 12, 17))
    editor.accept()
    assert rows(terms) == [["Autumn 2026", "2 Sep 2026", "17 Dec 2026"]]
    save(qtbot, dialog)
    (after,) = school_service.get_school(services).terms
    assert (after.id, after.end) == (before.id, date(2026, 12, 17))


def test_school_and_terms_is_in_the_file_menu_only_for_those_who_may_edit_it(qtbot, make_window):
    from apdesk.domain.enums import Role

    def titles(role: Role) -> list[str]:
        window = make_window(role)
        return [a.text() for a in window.menuBar().actions()[0].menu().actions()]

    assert "&School and terms…" in titles(Role.HEADTEACHER)
    assert "&School and terms…" not in titles(Role.DSL)


def test_review_intervals_are_changed_in_the_dialog_and_used_for_the_plan(
    qtbot, open_dialog, services
):
    dialog = open_dialog(Role.HEADTEACHER)
    high, _, low = dialog.review_weeks
    assert [s.accessibleName() for s in dialog.review_weeks] == [
        "High risk review interval",
        "Medium risk review interval",
        "Low risk review interval",
    ]
    assert (low.minimum(), low.maximum(), low.text()) == (1, 6, "4 school weeks")
    low.setValue(9)  # the box holds 1 to 6 school weeks only
    assert low.value() == 6
    high.setValue(1)
    save(qtbot, dialog)
    assert ReviewIntervals.for_school(school_service.get_school(services)) == ReviewIntervals(
        1, 2, 6
    )
    again = open_dialog(Role.HEADTEACHER)
    assert [s.value() for s in again.review_weeks] == [1, 2, 6]


def test_high_risk_reviewed_less_often_than_low_is_explained_and_not_saved(
    qtbot, open_dialog, services
):
    dialog = open_dialog(Role.HEADTEACHER)
    dialog.pages.setCurrentWidget(dialog.calendar)
    high = dialog.review_weeks[0]
    high.setValue(5)
    dialog.accept()
    assert dialog.problem.text() == (
        "A high-risk placement cannot wait longer between reviews than a medium-risk one "
        "(5 school weeks against 2)."
    )
    assert dialog.isVisible() and dialog.pages.currentIndex() == 0
    qtbot.wait(50)
    assert ReviewIntervals.for_school(school_service.get_school(services)) == ReviewIntervals()


def test_without_edit_school_the_review_intervals_are_read_only(open_dialog):
    dialog = open_dialog(Role.DSL)
    assert all(spin.isReadOnly() for spin in (*dialog.review_weeks, *dialog.complaint_days))


def test_complaint_stage_days_are_kept_within_one_to_sixty(qtbot, open_dialog, services):
    from apdesk.domain.complaints import StageDays
    from apdesk.domain.enums import ComplaintStage

    dialog = open_dialog(Role.HEADTEACHER)
    head, _, la, _ = dialog.complaint_days
    assert head.accessibleName() == "Headteacher stage deadline"
    assert (head.minimum(), head.maximum(), head.text()) == (1, 60, "10 school days")
    la.setValue(90)  # the box holds 1 to 60 only
    head.setValue(15)
    save(qtbot, dialog)
    days = StageDays.for_school(school_service.get_school(services)).days
    assert days[ComplaintStage.HEADTEACHER] == 15 and days[ComplaintStage.LOCAL_AUTHORITY] == 60


def test_the_headteacher_keeps_the_policys_front_page_on_its_own_page(qtbot, open_dialog, services):
    from apdesk.services import policy

    dialog = open_dialog(Role.HEADTEACHER)
    page = dialog.policy
    assert page.version.text() == "1.0" and page.review_on.text() == "1 Mar 2027"
    assert "Policy wording version 1.0" in page.wording.text()
    page.approved_on.line.setText("30/11/2026")  # the clock says 28 Nov 2026
    dialog.accept()
    assert dialog.isVisible() and "in the future" in dialog.problem.text()
    assert dialog.pages.currentWidget() is page
    page.approved_on.line.setText("1/11/2026")
    page.review_on.line.setText("1 Nov 2027")
    save(qtbot, dialog)
    details = policy.get_details(services)
    assert (details.approved_on, details.review_on) == (date(2026, 11, 1), date(2027, 11, 1))


def test_the_administrator_reads_the_policy_page_but_cannot_change_it(open_dialog):
    page = open_dialog(Role.ADMINISTRATOR).policy
    assert not page.editable and page.version.isReadOnly() and page.review_on.line.isReadOnly()
    assert not page.load_button.isVisibleTo(page)


def test_the_headteacher_lengthens_a_retention_period_within_its_bounds(
    qtbot, open_dialog, services, actors
):
    from apdesk.domain.retention import RecordClass, RetentionPeriods
    from apdesk.services import retention

    dialog = open_dialog(Role.HEADTEACHER)
    page = dialog.retention
    years = page.years
    assert [years[r].value() for r in RecordClass if r in years] == [6, 25, 31]
    assert (years[RecordClass.ATTENDANCE].minimum(), years[RecordClass.ATTENDANCE].maximum()) == (
        6,
        16,
    )
    years[RecordClass.ALTERNATIVE_PROVISION].setValue(20)  # below the toolkit: held at 25
    assert years[RecordClass.ALTERNATIVE_PROVISION].value() == 25
    years[RecordClass.SEN].setValue(99)  # above the bound: held at 41
    assert years[RecordClass.SEN].value() == 41
    years[RecordClass.ATTENDANCE].setValue(7)
    if os.environ.get("APDESK_SHOTS"):
        dialog.pages.setCurrentWidget(page)
        qtbot.wait(50)
        dialog.grab().save(os.environ["APDESK_SHOTS"] + "/school-records-kept.png")
    save(qtbot, dialog)
    head = actors[Role.HEADTEACHER]
    assert retention.periods(services, head) == RetentionPeriods(7, 25, 41)
    again = open_dialog(Role.HEADTEACHER)
    assert again.retention.periods() == RetentionPeriods(7, 25, 41)
    assert not again.retention.changed()


def test_the_administrator_sees_the_periods_and_cannot_change_them(
    qtbot, open_dialog, services, actors, monkeypatch
):
    from apdesk.domain.retention import RecordClass
    from apdesk.services import retention

    set_periods: list[object] = []
    monkeypatch.setattr(retention, "set_periods", lambda *a: set_periods.append(a))
    dialog = open_dialog(Role.ADMINISTRATOR)
    page = dialog.retention
    assert all(spin.isReadOnly() for spin in page.years.values())
    assert page.years[RecordClass.ATTENDANCE].value() == 6
    shown = [label.text() for label in page.findChildren(QLabel)]
    assert "Only the Headteacher can change how long records are kept." in shown
    page.years[RecordClass.ATTENDANCE].setValue(8)  # (a script could; the page still says no)
    assert not page.changed()
    save(qtbot, dialog)  # the details save; the periods are not sent at all
    assert set_periods == []
