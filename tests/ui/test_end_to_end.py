"""One placement's life, driven through the window from the first-run wizard onwards.

Set up the school; add a pupil; vet a provider; propose, tick, authorise and start a
placement; type a week of attendance; record a review with an action; log and close an
incident. Then the Today tab and the pupil's chronology must show what happened.
Child rows (sites, contacts, objectives, linked pupils) are filled the way their Add dialogs
would fill them; everything else goes through the widgets a person uses.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from apdesk.domain.clock import FixedClock
from apdesk.domain.entities import Carer, Contact, IncidentPupil, Objective, Site
from apdesk.domain.enums import (
    AttendeeParty,
    CheckKind,
    IncidentCategory,
    ObjectiveArea,
    PupilRole,
)
from apdesk.storage.keyring_store import SystemKeyring
from apdesk.ui.app import WindowApp
from apdesk.ui.settings import app_settings
from apdesk.ui.tabs.providers.checks import CheckDialog
from tests.ui.conftest import open_tab, rows_of

MONDAY = date(2026, 11, 16)
PASSWORD = "correct horse battery"


@pytest.fixture
def app(qtbot, tmp_path):
    clock = FixedClock(datetime(2026, 11, 16, 8, 30))
    root = WindowApp(tmp_path / "data", clock, SystemKeyring(), app_settings())
    yield root, clock
    if root.window is not None:
        root.window._closing = True  # close without asking about unsaved typing
        root.window.close()
    root.shutdown()


def first_row(tab):
    rows = rows_of(tab)
    return rows[0] if rows else []


def set_up_school(qtbot, root):
    wizard = root.start()
    qtbot.addWidget(wizard)
    wizard.school_page.name.setText("Riverside Academy")
    wizard.next()
    page = wizard.account_page
    page.username.setText("amorgan")
    page.full_name.setText("Alex Morgan")
    page.secret.setText(PASSWORD)
    page.again.setText(PASSWORD)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.first_run is not None, timeout=15000)
    wizard.recovery_page.kept.setChecked(True)
    wizard.accept()
    qtbot.waitUntil(lambda: root.window is not None)
    qtbot.addWidget(root.window, before_close_func=lambda w: setattr(w, "_closing", True))
    return root.window


def add_pupil(qtbot, window):
    tab = open_tab(qtbot, window, "Pupils")
    tab.new_record()
    tab.editor.first.setText("Robin")
    tab.editor.last.setText("Example")
    tab.editor.born.line.setText("1/9/2012")  # typed as a person would
    tab.editor.carers.set_rows([Carer("Parent A", "Mother", "07700 900123")])
    tab.save_record()
    qtbot.waitUntil(lambda: [r[0] for r in rows_of(tab)] == ["Robin Example"], timeout=10000)


def vet_provider(qtbot, window):
    tab = open_tab(qtbot, window, "Providers")
    tab.new_record()
    editor = tab.editor
    editor.name.setText("Bridgeway Learning")
    editor.sites.set_rows([Site("Main site", "4 Mill Lane, Testtown")])
    editor.contacts.set_rows([Contact("Kim Lowe", "DSL", "01632 960001", is_dsl=True)])
    tab.save_record()
    qtbot.waitUntil(lambda: first_row(tab)[2:3] == ["Not vetted"], timeout=10000)
    qtbot.waitUntil(lambda: editor.pages.isTabEnabled(1))  # saved: checks may be recorded
    editor.pages.setCurrentIndex(1)
    assert editor.checks.box.isVisible()
    for kind in CheckKind:
        dialog = CheckDialog(editor.panel, MONDAY, "Alex Morgan")
        dialog.kind.set_value(kind)
        if kind is CheckKind.INSURANCE:
            dialog.expires.set_value(date(2027, 8, 31))
        editor.checks.save_check(editor.provider.id, dialog.check())
    qtbot.waitUntil(lambda: rows_of(tab)[0][2] == "Approved", timeout=15000)


def place(qtbot, window):
    tab = open_tab(qtbot, window, "Placements")
    tab.new_record()
    editor = tab.editor
    details = editor.details
    qtbot.waitUntil(lambda: details.pupil.count() > 1 and details.provider.count() > 1)
    details.pupil.setCurrentIndex(1)
    details.provider.setCurrentIndex(1)
    qtbot.waitUntil(lambda: details.site.count() > 1)
    details.site.setCurrentIndex(1)
    details.start.set_value(MONDAY)
    details.end.set_value(date(2027, 2, 12))
    details.exit_plan.setPlainText("Phased return after half term.")
    details.consent.consent_by.setText("Parent A")
    details.consent.consent_on.set_value(date(2026, 11, 12))
    details.school_lead.setText("Alex Morgan")
    details.curriculum.setPlainText("English and maths each morning; sport in the afternoons.")
    details.transport.setText("School taxi")
    for box in (editor.risk.travel, editor.risk.site, editor.risk.safeguarding, editor.risk.health):
        box.setPlainText("Assessed on the vetting visit.")
    editor.objectives.set_rows(
        [Objective(ObjectiveArea.ATTENDANCE, "Attend 95% of sessions", "12 weeks", "Alex Morgan")]
    )
    tab.save_record()
    qtbot.waitUntil(lambda: first_row(tab)[1:2] == ["Proposed"], timeout=10000)
    for key, box in editor.annex_a.boxes.items():
        qtbot.waitUntil(lambda b=box: b.isEnabled() and not b.isChecked())
        box.click()
        qtbot.waitUntil(lambda k=key: editor.annex_a.boxes[k].isChecked(), timeout=10000)
    qtbot.waitUntil(
        lambda: editor.authorise_button.isEnabled() and editor.authorise_button.isVisible(),
        timeout=10000,
    )
    editor.authorise_button.click()
    qtbot.waitUntil(lambda: editor.activate_button.isVisible(), timeout=10000)
    editor.activate_button.click()
    qtbot.waitUntil(lambda: rows_of(tab)[0][1] == "Active", timeout=10000)


def type_week(qtbot, window, clock):
    clock.at = datetime(2026, 11, 20, 16, 0)  # Friday, after school
    tab = open_tab(qtbot, window, "Attendance")
    tab.move_week(0)
    qtbot.waitUntil(lambda: tab.register.rowCount() == 1)
    # Closing the check dialog earlier leaves no window active on the offscreen platform (a
    # desktop's window manager would reactivate it), so a cell editor would have no focus.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    tab.grid.setFocus()
    tab.grid.setCurrentIndex(tab.grid_proxy.index(0, 2))
    for code in ["B", "B", "B", "B", "L", "B", "B", "B", "B", "N"]:
        qtbot.keyClicks(tab.grid, code)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
        qtbot.wait(5)
    qtbot.waitUntil(
        lambda: tab.risk.rowCount() == 1 and tab.risk.index(0, 4).data() == "9 of 10", timeout=10000
    )


def record_review(qtbot, window):
    tab = open_tab(qtbot, window, "Reviews")
    qtbot.waitUntil(lambda: bool(rows_of(tab)))
    assert rows_of(tab)[0][0] == "Due"
    tab.view.selectRow(0)
    form = tab.editor.form
    qtbot.waitUntil(lambda: len(form.objectives) == 1)
    form.attendees[AttendeeParty.PROVIDER][0].setChecked(True)
    form.objectives[0][1].setText("Nine sessions of ten this week")
    form.action_lines.setPlainText("Ring home about Friday afternoon")
    tab.save_record()
    qtbot.waitUntil(lambda: any(r[0] == "Held" for r in rows_of(tab)), timeout=10000)


def log_and_close_incident(qtbot, window):
    tab = open_tab(qtbot, window, "Incidents")
    tab.new_record()
    editor = tab.editor
    qtbot.waitUntil(lambda: editor.panel.showing_content and editor.provider.count() > 1)
    editor.category.set_value(IncidentCategory.SAFEGUARDING_CONCERN)
    editor.occurred.set_value(datetime(2026, 11, 20, 11, 0))
    editor.notified.set_value(datetime(2026, 11, 20, 11, 40))
    editor.narrative.setPlainText("Worrying comment overheard at lunch.")
    editor.pupils.set_rows([IncidentPupil(editor.pupil_choices[0][0], PupilRole.INVOLVED)])
    tab.save_record()
    qtbot.waitUntil(lambda: len(rows_of(tab)) == 1, timeout=10000)
    qtbot.waitUntil(lambda: editor.close_button.isVisible())
    editor.decision.setPlainText("No referral; monitor.")
    editor.rationale.setPlainText("Spoke with the pupil and parent; no risk identified.")
    editor.close_incident()
    qtbot.waitUntil(lambda: rows_of(tab)[0][2] == "Closed", timeout=10000)
    assert rows_of(tab)[0][4] == "40 min after it happened"


def test_a_placements_life_through_the_window(qtbot, app):
    root, clock = app
    window = set_up_school(qtbot, root)
    add_pupil(qtbot, window)
    vet_provider(qtbot, window)
    place(qtbot, window)
    type_week(qtbot, window, clock)
    record_review(qtbot, window)
    log_and_close_incident(qtbot, window)

    today = open_tab(qtbot, window, "Today")
    today.refresh()
    qtbot.waitUntil(lambda: any(r[0] == "My action" for r in rows_of(today)), timeout=10000)
    needs = {(r[0], r[2]) for r in rows_of(today)}
    assert ("Unexplained absence", "Robin Example: PM marked N") in needs
    assert ("My action", "Ring home about Friday afternoon") in needs

    pupils = open_tab(qtbot, window, "Pupils")
    pupils.view.selectRow(0)
    model = pupils.editor.chronology
    qtbot.waitUntil(lambda: model.rowCount() >= 6, timeout=10000)
    lines = [model.index(r, 2).data() for r in range(model.rowCount())]
    expected = [
        "Placement at Bridgeway Learning authorised",
        "Placement at Bridgeway Learning started",
        "Unexplained absence, PM session",
        "Monitoring contact",
        "Safeguarding concern (involved)",
        "Action opened: Ring home about Friday",
    ]
    for text in expected:
        assert any(text in line for line in lines), (text, lines)
