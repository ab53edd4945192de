"""The Incidents tab: safeguarding staff only, logging, audited opening, closing with reasons."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from apdesk.domain.entities import IncidentPupil
from apdesk.domain.enums import IncidentCategory, PupilRole, Role, Session
from apdesk.services import attendance
from apdesk.services.attendance import MarkEntry
from apdesk.storage.tables import audit_log
from tests.ui.conftest import open_tab, rows_of, shown_box


@pytest.fixture(autouse=True)
def attended(world, services, actors):
    """The pupil (on a CP plan) attended every session so far: no incident opens by itself."""
    pupil, placement = world["pupil"], world["placement"]
    days = [date(2026, 11, 18) + timedelta(days=n) for n in range(10)]
    attendance.record_marks(
        services,
        actors[Role.DSL],
        [
            MarkEntry(pupil.id, placement.id, day, part, code="B")
            for day in days
            if day.weekday() < 5
            for part in Session
        ],
    )


def incident_opens(services) -> list[str]:
    with services.store.engine.connect() as conn:
        rows = conn.execute(select(audit_log.c.actor, audit_log.c.action)).all()
    return [actor for actor, action in rows if action == "incident.open"]


def log_one(qtbot, tab, world):
    tab.new_record()
    editor = tab.editor
    qtbot.waitUntil(lambda: editor.incident is not None and editor.panel.showing_content)
    editor.category.set_value(IncidentCategory.SAFEGUARDING_CONCERN)
    editor.occurred.set_value(datetime(2026, 11, 27, 10, 15))
    editor.notified.set_value(datetime(2026, 11, 27, 13, 45))
    editor.provider.set_value(world["provider"].id)
    editor.narrative.setPlainText("Pupil disclosed worries about home to a tutor.")
    editor.pupils.set_rows([IncidentPupil(world["pupil"].id, PupilRole.VICTIM)])
    editor.save()
    qtbot.waitUntil(lambda: len(rows_of(tab)) == 1, timeout=10000)
    return editor


def test_dsl_logs_an_incident_and_the_delay_is_visible(
    qtbot, make_window, world, services, qtmodeltester
):
    tab = open_tab(qtbot, make_window(Role.DSL), "Incidents")
    qtmodeltester.check(tab.model)
    log_one(qtbot, tab, world)
    row = rows_of(tab)[0]
    assert row[1:] == [
        "Safeguarding concern",
        "Open",
        "Robin Testcase",
        "3 h 30 min after it happened",
        "Bridgeway Learning",
    ]
    qtbot.waitUntil(lambda: "Test dsl" in " ".join(incident_opens(services)))


def test_save_incident_pressed_with_nothing_written_says_what_is_missing(qtbot, make_window, world):
    tab = open_tab(qtbot, make_window(Role.DSL), "Incidents")
    tab.new_record()
    editor = tab.editor
    qtbot.waitUntil(lambda: editor.incident is not None and editor.panel.showing_content)
    editor.save_button.click()  # the button itself: Qt passes it `checked`
    box = shown_box(qtbot, tab)
    assert box.text() == "Link at least one pupil, each with their own role."
    assert rows_of(tab) == []


def test_closing_needs_a_decision_and_rationale(qtbot, make_window, world):
    tab = open_tab(qtbot, make_window(Role.HEADTEACHER), "Incidents")
    editor = log_one(qtbot, tab, world)
    qtbot.waitUntil(lambda: editor.incident is not None and editor.incident.id is not None)
    editor.close_incident()
    box = shown_box(qtbot, tab)
    assert "Record the decision (including a decision not to refer)" in box.text()
    box.close()
    editor.decision.setPlainText("No referral: early help offered.")
    editor.rationale.setPlainText("Threshold not met after talking to the family.")
    editor.close_incident()
    qtbot.waitUntil(lambda: rows_of(tab)[0][2] == "Closed", timeout=10000)
    qtbot.waitUntil(lambda: editor.status.text().startswith("Closed"))
    assert not editor.save_button.isVisible()


def test_incident_evidence_round_trips_through_the_store(
    qtbot, make_window, world, services, tmp_path, qtmodeltester
):
    from apdesk.ui.viewer import DocumentViewer

    tab = open_tab(qtbot, make_window(Role.DSL), "Incidents")
    files = tab.editor.files
    tab.new_record()
    qtbot.waitUntil(lambda: files.note.text().startswith("Save the incident first"))
    assert not files.attach_button.isVisibleTo(tab)
    editor = log_one(qtbot, tab, world)
    qtbot.waitUntil(
        lambda: files.owner_id == editor.incident.id and files.attach_button.isVisible()
    )
    account = b"%PDF-1.4\n% a provider's written account\n"
    path = tmp_path / "account.pdf"
    path.write_bytes(account)
    files.attach_path(path)
    qtbot.waitUntil(lambda: files.model.rowCount() == 1, timeout=10000)
    path.unlink()
    assert files.model.index(0, 0).data() == "account.pdf"
    qtmodeltester.check(files.model)
    files.view.selectRow(0)
    files.view_selected()
    qtbot.waitUntil(lambda: bool(files.findChildren(DocumentViewer)), timeout=10000)
    viewer = files.findChildren(DocumentViewer)[0]
    assert viewer.data == account and viewer.filename == "account.pdf"
    viewer.close()
    copy = tmp_path / "copy.pdf"
    files.save_selected_to(copy)
    qtbot.waitUntil(copy.exists, timeout=10000)
    assert copy.read_bytes() == account
    with services.store.engine.connect() as conn:
        actions = [a for (a,) in conn.execute(select(audit_log.c.action))]
    assert actions.count("incident.evidence_open") == 2  # viewed, then saved


def test_opening_an_incident_does_not_reload_and_reopen_it_endlessly(
    qtbot, make_window, world, services
):
    tab = open_tab(qtbot, make_window(Role.DSL), "Incidents")
    log_one(qtbot, tab, world)
    qtbot.waitUntil(lambda: len(incident_opens(services)) >= 1)
    qtbot.wait(500)
    assert len(incident_opens(services)) <= 2  # after saving, it is read back once
