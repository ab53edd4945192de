"""The pupil record's Multi-agency page: shown by role, saved with the pupil, warnings in red."""

from __future__ import annotations

from datetime import date

import pytest

from apdesk.domain.enums import Role
from apdesk.services import multi_agency
from tests.ui.conftest import open_tab, shown_box
from tests.ui.test_window_polish import shot

SOCIAL_CARE = {Role.HEADTEACHER, Role.DSL, Role.DEPUTY_DSL}
EHCP = SOCIAL_CARE | {Role.INCLUSION_LEAD}


def _robin(qtbot, window, world):
    tab = open_tab(qtbot, window, "Pupils")
    tab.select_key(world["pupil"].id)
    editor = tab.editor
    qtbot.waitUntil(lambda: editor.pupil is not None)
    return tab, editor


@pytest.mark.parametrize(
    "role", [Role.HEADTEACHER, Role.DSL, Role.DEPUTY_DSL, Role.INCLUSION_LEAD, Role.ATTENDANCE_LEAD]
)
def test_the_page_and_its_parts_show_only_to_those_allowed(qtbot, make_window, world, role):
    window = make_window(role)
    _, editor = _robin(qtbot, window, world)
    page = editor.agencies
    assert editor.pages.isTabVisible(editor.pages.indexOf(page)) == (role in EHCP)
    assert ("social_worker" in page.texts) == (role in SOCIAL_CARE)
    assert ("caseworker" in page.texts) == (role in EHCP)


def test_details_typed_are_saved_with_the_pupil_and_overdue_ones_warned(
    qtbot, make_window, world, services, actors
):
    window = make_window(Role.DSL)
    window.resize(1100, 900)
    _, editor = _robin(qtbot, window, world)
    page = editor.agencies
    editor.pages.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.social_care is not None)
    page.texts["social_worker"].setText("Dana Reid")
    page.texts["social_worker_team"].setText("Northshire CSC, Assessment Team 2")
    page.dates["last_cp_conference_on"].line.setText("1/5/2026")
    page.texts["local_authority"].setText("Northshire")
    page.dates["last_annual_review_on"].line.setText("3 Nov 2025")
    assert editor.has_changes()
    editor.save()
    qtbot.waitUntil(lambda: not editor.has_changes(), timeout=10000)
    dsl = actors[Role.DSL]
    held = multi_agency.get_social_care(services, dsl, world["pupil"].id)
    assert held.social_worker == "Dana Reid" and held.last_cp_conference_on == date(2026, 5, 1)
    ehcp = multi_agency.get_ehcp(services, dsl, world["pupil"].id)
    assert ehcp.last_annual_review_on == date(2025, 11, 3)
    qtbot.waitUntil(lambda: "conference was due" in page.warnings.text())
    assert "was due 1 Nov 2026 (last held 1 May 2026)" in page.warnings.text()
    shot(window, "pupil-multi-agency")


def test_an_impossible_date_is_refused_and_nothing_saved(
    qtbot, make_window, world, services, actors
):

    window = make_window(Role.DSL)
    tab, editor = _robin(qtbot, window, world)
    page = editor.agencies
    qtbot.waitUntil(lambda: page.social_care is not None)
    page.dates["last_pep_on"].line.setText("1/12/2026")  # after today (28 Nov 2026)
    editor.save()
    box = shown_box(qtbot, tab)
    assert "in the future" in box.text()
    box.accept()
    stored = multi_agency.get_social_care(services, actors[Role.DSL], world["pupil"].id)
    assert stored.last_pep_on is None and editor.has_changes()
