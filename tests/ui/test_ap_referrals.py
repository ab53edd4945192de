"""The AP referrals tab: record a referral, refuse a decision without its reason, propose a
placement prefilled from it, and who may do what."""

from __future__ import annotations

from datetime import date

import pytest

from apdesk.domain.entities import APReferral
from apdesk.domain.enums import APReferralDecision, PlacementReason, Role
from apdesk.services import ap_referrals
from tests.ui.conftest import open_tab, rows_of, shown_box


def shown_message(qtbot, tab) -> str:
    box = shown_box(qtbot, tab)
    text = box.text()
    box.close()
    return text


def test_record_decide_and_propose_a_placement(qtbot, make_window, world, qtmodeltester):
    window = make_window(Role.INCLUSION_LEAD)
    tab = open_tab(qtbot, window, "AP referrals")
    qtmodeltester.check(tab.model)
    tab.new_record()
    editor = tab.editor
    qtbot.waitUntil(lambda: editor.referral is not None and editor.panel.showing_content)
    editor.pupil.set_value(world["other"].id)
    editor.referred_on.set_value(date(2026, 11, 20))
    editor.referred_by.setText("Mrs Okafor (Head of Year 9)")
    editor.reason_kind.set_value(PlacementReason.EXCLUSION)
    editor.reason.setPlainText("Two fixed-term exclusions; needs a smaller setting")
    editor.provider.set_value(world["provider"].id)
    editor.save()
    qtbot.waitUntil(lambda: len(rows_of(tab)) == 1)
    assert rows_of(tab)[0][1:] == [
        "Ash Example",
        "Two fixed-term exclusions; needs a smaller setting",
        "Mrs Okafor (Head of Year 9)",
        "Bridgeway Learning",
        "Being considered",
    ]
    qtbot.waitUntil(lambda: editor.referral.id is not None and editor.propose_button.isVisible())
    # a decision without its reason is refused, with the reason asked for
    editor.decision.set_value(APReferralDecision.REFERRED_TO_LA)
    editor.decided_on.set_value(date(2026, 11, 27))
    editor.save()
    said = shown_message(qtbot, tab)
    assert "Write why the referral was referred to the local authority" in said
    assert rows_of(tab)[0][-1] == "Being considered"
    editor.decision.set_value(None)
    editor.decided_on.set_value(None)
    editor.propose_button.click()
    placements = window.tabs.currentWidget()
    assert placements.title == "Placements"
    drafted = placements.editor
    qtbot.waitUntil(
        lambda: drafted.placement is not None and drafted.placement.ap_referral_id is not None
    )
    assert drafted.placement.id is None
    assert drafted.details.pupil.value() == world["other"].id
    assert drafted.details.provider.value() == world["provider"].id
    assert drafted.details.reason.value() is PlacementReason.EXCLUSION


@pytest.mark.parametrize(
    ("role", "sees", "edits"),
    [
        (Role.HEADTEACHER, True, True),
        (Role.DSL, True, True),
        (Role.ATTENDANCE_LEAD, True, False),
        (Role.GOVERNOR, False, False),
    ],
)
def test_who_sees_and_records_referrals(
    qtbot, make_window, world, services, actors, role, sees, edits
):
    referral = ap_referrals.save_ap_referral(
        services,
        actors[Role.DSL],
        APReferral(world["other"].id, date(2026, 11, 2), "Anxiety; not attending", "SENCo"),
    )
    window = make_window(role)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert ("AP referrals" in titles) == sees
    if not sees:
        return
    tab = open_tab(qtbot, window, "AP referrals")
    tab.select_key(referral.id)
    editor = tab.editor
    qtbot.waitUntil(lambda: editor.referral is not None and editor.referral.id == referral.id)
    assert editor.save_button.isVisibleTo(window) == edits
    assert editor.propose_button.isVisibleTo(window) == edits
    assert editor.status.text() == "Being considered."
