"""The Staff training tab: every account listed, named staff added, lapses shaded."""

from __future__ import annotations

from apdesk.domain.enums import Role
from apdesk.services import training
from tests.ui.conftest import open_tab, rows_of


def test_a_named_member_of_staff_is_added_and_the_list_shows_them(
    qtbot, make_window, services, actors, qtmodeltester
):
    window = make_window(Role.HEADTEACHER)
    tab = open_tab(qtbot, window, "Staff training")
    qtmodeltester.check(tab.model)
    assert len(rows_of(tab)) >= len(Role)
    tab.new_record()
    form = tab.editor.form
    form.name.setText("Pat Helper")
    form.job_title.setText("Teaching assistant")
    form.active.setChecked(True)
    form.safeguarding_on.line.setText("1/9/2024")
    form.safeguarding_expires_on.line.setText("1/9/2026")
    tab.save_record()
    qtbot.waitUntil(lambda: any(r[0] == "Pat Helper" for r in rows_of(tab)), timeout=20000)
    row = next(r for r in rows_of(tab) if r[0] == "Pat Helper")
    assert row[4] == "lapsed 1 Sep 2026"
    stored = [r for r in training.training_list(services, actors[Role.HEADTEACHER])]
    assert any(r.record.name == "Pat Helper" and r.record.id for r in stored)


def test_the_tab_is_only_for_those_who_keep_training(make_window):
    for role in (Role.INCLUSION_LEAD, Role.GOVERNOR):
        window = make_window(role)
        assert "Staff training" not in [window.tabs.tabText(i) for i in range(window.tabs.count())]
