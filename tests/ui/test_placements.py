"""The Placements tab: proposing, Annex A ticked in place, and authorisation by the Head."""

from __future__ import annotations

from datetime import date

import pytest

from apdesk.domain.entities import Objective
from apdesk.domain.enums import ObjectiveArea, Role
from tests.ui.conftest import open_tab, rows_of


def choose(tab, placement_id, qtbot):
    tab.select_key(placement_id)
    editor = tab.editor
    qtbot.waitUntil(lambda: editor.placement is not None and editor.placement.id == placement_id)
    return editor


@pytest.mark.parametrize(
    "role, edits",
    [
        (Role.HEADTEACHER, True),
        (Role.DSL, True),
        (Role.INCLUSION_LEAD, True),
        (Role.ATTENDANCE_LEAD, False),
    ],
)
def test_active_placement_record_by_role(qtbot, make_window, world, role, edits, qtmodeltester):
    window = make_window(role)
    tab = open_tab(qtbot, window, "Placements")
    qtmodeltester.check(tab.model)
    assert rows_of(tab) == [
        [
            "Robin Testcase",
            "Active",
            "Bridgeway Learning",
            "Wed 18 Nov 2026",
            "Wed 10 Feb 2027",
            "10 of 10",
            "Exclusion",
        ]
    ]
    editor = choose(tab, world["placement"].id, qtbot)
    assert editor.status.text() == "Active"
    assert editor.end_button.isVisibleTo(window) == edits
    assert editor.save_button.isVisibleTo(window) == edits
    assert not editor.authorise_button.isVisibleTo(window)
    assert editor.objectives.model.rowCount() == 1
    # "CP plan shared" would tell someone without the right to know that there is one.
    assert editor.risk.shared_cp.isHidden() == (
        role is Role.INCLUSION_LEAD or role is Role.ATTENDANCE_LEAD
    )
    qtmodeltester.check(editor.objectives.model)


def propose(qtbot, tab, world):
    tab.new_record()
    editor = tab.editor
    qtbot.waitUntil(lambda: editor.panel.showing_content and editor.details.pupil.count() > 1)
    details = editor.details
    details.pupil.set_value(world["other"].id)
    details.provider.set_value(world["provider"].id)
    qtbot.waitUntil(lambda: details.site.count() > 1)
    details.site.setCurrentIndex(1)
    details.start.set_value(date(2026, 12, 7))
    details.end.set_value(date(2027, 3, 5))
    details.exit_plan.setPlainText("Return to mainstream after the Easter holidays.")
    details.consent.consent_by.setText("Parent B")
    details.consent.consent_on.set_value(date(2026, 11, 27))
    # What the data-backed Annex A lines name (risk assessment, curriculum, transport, reviews).
    details.school_lead.setText("Sam Patel")
    details.curriculum.setPlainText("English and maths each morning.")
    details.transport.setText("School taxi")
    risk = editor.risk
    for box in (risk.travel, risk.site, risk.safeguarding, risk.health):
        box.setPlainText("Assessed on the visit; nothing further needed.")
    risk.shared_cp.setChecked(True)
    risk.shared_on.set_value(date(2026, 11, 27))
    editor.objectives.set_rows(
        [Objective(ObjectiveArea.ACADEMIC, "Sit GCSE maths", "2 terms", "Sam Patel")]
    )
    editor.save()
    qtbot.waitUntil(lambda: len(rows_of(tab)) == 2, timeout=10000)
    qtbot.waitUntil(lambda: editor.placement is not None and editor.placement.id is not None)
    return editor


def test_a_proposed_placement_lists_what_it_still_needs(qtbot, make_window, world):
    window = make_window(Role.INCLUSION_LEAD)
    tab = open_tab(qtbot, window, "Placements")
    editor = propose(qtbot, tab, world)
    new = next(r for r in rows_of(tab) if r[0] == "Ash Example")
    assert (new[1], new[5]) == ("Proposed", "0 of 10")
    assert "Before it can be authorised" in editor.status.text()
    assert "Annex A: 10 items still to tick (on the Annex A page)" in editor.status.text()
    assert not editor.authorise_button.isVisibleTo(window)  # only the Head authorises
    box = editor.annex_a.boxes["objectives"]
    box.click()
    qtbot.waitUntil(
        lambda: next(r for r in rows_of(tab) if r[0] == "Ash Example")[5] == "1 of 10",
        timeout=10000,
    )


def test_headteacher_authorises_a_ready_placement(qtbot, make_window, world):
    window = make_window(Role.HEADTEACHER)
    tab = open_tab(qtbot, window, "Placements")
    editor = propose(qtbot, tab, world)
    qtbot.waitUntil(lambda: "Before it can be authorised" in editor.status.text())
    assert editor.authorise_button.isVisibleTo(window)
    assert not editor.authorise_button.isEnabled()  # not until everything listed is done
    for key, box in editor.annex_a.boxes.items():
        qtbot.waitUntil(lambda b=box: b.isEnabled())
        count = sum(1 for b in editor.annex_a.boxes.values() if b.isChecked())
        box.click()
        qtbot.waitUntil(
            lambda c=count, k=key: (
                editor.annex_a.boxes[k].isChecked()
                and sum(1 for b in editor.annex_a.boxes.values() if b.isChecked()) == c + 1
            ),
            timeout=10000,
        )
    qtbot.waitUntil(lambda: "ready for the Headteacher" in editor.status.text(), timeout=10000)
    assert editor.authorise_button.isVisibleTo(window) and editor.authorise_button.isEnabled()
    editor.authorise_button.click()
    qtbot.waitUntil(lambda: editor.status.text() == "Authorised", timeout=10000)
    assert next(r for r in rows_of(tab) if r[0] == "Ash Example")[1] == "Authorised"
