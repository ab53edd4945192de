"""Corrections from the window: the buttons only for those allowed, a reason asked each time,
and the record put right (the service's rules and audit behind each)."""

from __future__ import annotations

from datetime import datetime

import pytest

from apdesk.domain.entities import Incident, IncidentPupil
from apdesk.domain.enums import IncidentCategory, IncidentStatus, PupilRole, Role
from apdesk.services import incidents, providers
from apdesk.services import pupils as pupil_service
from apdesk.ui import corrections as correcting
from tests.ui.conftest import open_tab


@pytest.fixture
def answers(monkeypatch):
    """The reason typed and the record chosen, in place of the two small questions."""
    asked: list[str] = []

    def reason(_parent, title, question):
        asked.append(question)
        return "entered twice by mistake"

    monkeypatch.setattr(correcting, "ask_reason", reason)
    monkeypatch.setattr(correcting, "choose", lambda _p, _t, _q, choices: choices[0][0])
    return asked


@pytest.mark.parametrize("role", [Role.HEADTEACHER, Role.DSL, Role.DEPUTY_DSL, Role.INCLUSION_LEAD])
def test_merge_and_remove_are_offered_to_the_headteacher_and_dsl_only(
    qtbot, make_window, world, role
):
    tab = open_tab(qtbot, make_window(role), "Pupils")
    tab.select_key(world["other"].id)
    qtbot.waitUntil(lambda: tab.editor.first.text() == "Ash")
    offered = role in (Role.HEADTEACHER, Role.DSL)
    assert tab.editor.merge_button.isVisibleTo(tab) == offered
    assert tab.editor.remove_button.isVisibleTo(tab) == offered


def test_a_pupil_entered_twice_is_merged_from_the_window(
    qtbot, make_window, world, services, actors, answers
):
    tab = open_tab(qtbot, make_window(Role.DSL), "Pupils")
    tab.select_key(world["other"].id)
    qtbot.waitUntil(lambda: tab.editor.first.text() == "Ash")
    tab.editor.merge_button.click()
    qtbot.waitUntil(lambda: len(tab.model.rows) == 1, timeout=10000)
    assert "Everything of Ash Example moves across" in answers[0]
    names = [p.name for p in pupil_service.list_pupils(services, actors[Role.DSL])]
    assert names == ["Robin Testcase"]


def test_a_closed_incident_is_reopened_by_the_dsl(qtbot, make_window, world, services, actors):
    dsl = actors[Role.DSL]
    incident = incidents.save_incident(
        services,
        dsl,
        Incident(
            IncidentCategory.BEHAVIOUR,
            datetime(2026, 11, 27, 10, 0),
            narrative="Shouting in class.",
            pupil_links=[IncidentPupil(world["pupil"].id, PupilRole.INVOLVED)],
        ),
    )
    incidents.close_incident(
        services,
        dsl,
        incident.id,
        "Spoke to him and his parent.",
        "He apologised and nothing more was needed.",
    )
    deputy = open_tab(qtbot, make_window(Role.DEPUTY_DSL), "Incidents")
    deputy.select_key(incident.id)
    qtbot.waitUntil(lambda: deputy.editor.incident is not None)
    assert not deputy.editor.reopen_button.isVisibleTo(deputy)


def test_reopen_asks_why_and_opens_the_incident_again(
    qtbot, make_window, world, services, actors, answers
):
    dsl = actors[Role.DSL]
    incident = incidents.save_incident(
        services,
        dsl,
        Incident(
            IncidentCategory.BEHAVIOUR,
            datetime(2026, 11, 27, 10, 0),
            narrative="Shouting in class.",
            pupil_links=[IncidentPupil(world["pupil"].id, PupilRole.INVOLVED)],
        ),
    )
    incidents.close_incident(
        services,
        dsl,
        incident.id,
        "Spoke to him and his parent.",
        "He apologised and nothing more was needed.",
    )
    tab = open_tab(qtbot, make_window(Role.DSL), "Incidents")
    tab.select_key(incident.id)
    editor = tab.editor
    qtbot.waitUntil(lambda: editor.reopen_button.isVisibleTo(tab))
    editor.reopen_button.click()
    qtbot.waitUntil(lambda: editor.save_button.isVisibleTo(tab), timeout=10000)
    assert incidents.open_incident(services, dsl, incident.id).status is IncidentStatus.OPEN
    assert answers and "reopened" in answers[0]


def test_a_vetting_check_is_voided_from_the_providers_tab(
    qtbot, make_window, world, services, actors, answers
):
    tab = open_tab(qtbot, make_window(Role.DSL), "Providers")
    tab.select_key(world["provider"].id)
    section = tab.editor.checks
    qtbot.waitUntil(lambda: section.model.rowCount() > 0)
    before = section.model.rowCount()
    section.view.selectRow(0)
    section.void_button.click()
    qtbot.waitUntil(lambda: section.model.rowCount() == before - 1, timeout=10000)
    provider, _ = providers.get_provider(services, actors[Role.DSL], world["provider"].id)
    assert len(provider.checks) == before - 1


def test_a_closed_incidents_referral_is_corrected_and_voided_from_the_window(
    qtbot, make_window, world, services, actors, answers
):
    from datetime import date

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLineEdit

    from apdesk.domain.entities import Referral
    from apdesk.domain.enums import Agency
    from apdesk.ui.tabs.common.children import ChildDialog

    dsl = actors[Role.DSL]
    incident = incidents.save_incident(
        services,
        dsl,
        Incident(
            IncidentCategory.BEHAVIOUR,
            datetime(2026, 11, 27, 10, 0),
            narrative="Shouting in class.",
            pupil_links=[IncidentPupil(world["pupil"].id, PupilRole.INVOLVED)],
            referrals=[Referral(Agency.POLICE, date(2026, 11, 27), "PC-1", outcome="NFA")],
        ),
    )
    incidents.close_incident(
        services,
        dsl,
        incident.id,
        "Spoke to him and his parent.",
        "He apologised and nothing more was needed.",
    )
    tab = open_tab(qtbot, make_window(Role.DSL), "Incidents")
    tab.select_key(incident.id)
    referrals = tab.editor.referrals
    qtbot.waitUntil(lambda: tab.editor.reopen_button.isVisibleTo(tab))
    correct, void = (b for b in referrals.findChildren(type(tab.editor.reopen_button))
                     if b.accessibleName() in ("Correct referral", "Void referral"))  # fmt: skip
    assert correct.isVisibleTo(tab) and void.isVisibleTo(tab)
    referrals.view.selectRow(0)

    def fix() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ChildDialog):
            QTimer.singleShot(10, fix)
            return
        reference = dialog.widgets["reference"]
        assert isinstance(reference, QLineEdit) and reference.text() == "PC-1"
        reference.setText("PC-12")
        dialog.accept()

    QTimer.singleShot(0, fix)
    correct.click()
    stored = lambda: incidents.open_incident(services, dsl, incident.id).referrals  # noqa: E731
    qtbot.waitUntil(lambda: [r.reference for r in stored()] == ["PC-12"])
    assert "Why is this referral being corrected?" in answers[0]
    qtbot.waitUntil(lambda: [r.reference for r in referrals.rows()] == ["PC-12"])
    referrals.view.selectRow(0)
    void.click()
    qtbot.waitUntil(lambda: stored() == [])
