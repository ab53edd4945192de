"""The Providers tab: status with the reason, checks, and evidence shown from memory."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QColor, QImage

from apdesk.domain.entities import VettingCheck
from apdesk.domain.enums import CheckKind, Role
from apdesk.ui.viewer import DocumentViewer
from tests.ui.conftest import open_tab, rows_of


@pytest.mark.parametrize(
    "role, vets",
    [
        (Role.DSL, True),
        (Role.HEADTEACHER, True),
        (Role.INCLUSION_LEAD, False),
        (Role.ATTENDANCE_LEAD, False),
    ],
)
def test_provider_status_and_who_may_record_checks(
    qtbot, make_window, world, role, vets, qtmodeltester
):
    window = make_window(role)
    tab = open_tab(qtbot, window, "Providers")
    qtmodeltester.check(tab.model)
    assert rows_of(tab) == [
        ["Bridgeway Learning", "Ofsted-registered alternative provider", "Approved", "", "1", "1"]
    ]
    tab.select_key(world["provider"].id)
    editor = tab.editor
    qtbot.waitUntil(lambda: editor.provider is not None)
    assert editor.status.text() == "Approved"
    qtmodeltester.check(editor.checks.model)
    assert editor.checks.model.rowCount() == len(CheckKind)
    assert (not editor.checks.record_button.isHidden()) == vets  # on the Vetting checks page
    assert editor.save_button.isVisibleTo(window) == vets  # only DSLs and Head edit providers


def test_new_provider_is_not_vetted_and_says_why(qtbot, make_window, world):
    tab = open_tab(qtbot, make_window(Role.DSL), "Providers")
    tab.new_record()
    tab.editor.name.setText("Hilltop Tutors")
    tab.save_record()
    qtbot.waitUntil(lambda: any(r[0] == "Hilltop Tutors" for r in rows_of(tab)), timeout=10000)
    row = next(r for r in rows_of(tab) if r[0] == "Hilltop Tutors")
    assert row[2] == "Not vetted"
    assert row[3].startswith("No evidence recorded")
    index = tab.proxy.index([r[0] for r in rows_of(tab)].index("Hilltop Tutors"), 2)
    assert index.data(8).color() == QColor("#fcf0cf")  # BackgroundRole: amber
    qtbot.waitUntil(lambda: tab.editor.status.isVisible())
    assert tab.editor.status.text().startswith("Not vetted\n• No evidence recorded")


def test_a_lapsed_check_shows_red_with_its_date(qtbot, make_window, world, clock):
    tab = open_tab(qtbot, make_window(Role.DSL), "Providers")
    tab.select_key(world["provider"].id)
    editor = tab.editor
    qtbot.waitUntil(lambda: editor.provider is not None)
    editor.checks.save_check(
        world["provider"].id,
        VettingCheck(CheckKind.INSURANCE, date(2026, 11, 20), "Sam Patel", date(2026, 11, 25)),
    )
    qtbot.waitUntil(lambda: rows_of(tab)[0][2] == "Lapsed", timeout=10000)
    assert "expired on 25 Nov 2026" in rows_of(tab)[0][3]


def test_evidence_is_attached_and_shown_from_memory(qtbot, make_window, world, tmp_path):
    tab = open_tab(qtbot, make_window(Role.DSL), "Providers")
    tab.select_key(world["provider"].id)
    section = tab.editor.checks
    qtbot.waitUntil(lambda: section.model.rowCount() > 0)
    files = section.files
    assert not files.attach_button.isVisibleTo(section.box)  # no check chosen yet
    section.view.selectRow(0)
    assert files.attach_button.isVisibleTo(section.box)
    picture = QImage(40, 20, QImage.Format_RGB32)
    picture.fill(QColor("#1f4e79"))
    path = tmp_path / "insurance.png"
    picture.save(str(path))
    files.attach_path(path)
    qtbot.waitUntil(lambda: files.model.rowCount() == 1, timeout=10000)
    path.unlink()  # from now on the file exists only inside the store
    files.view.selectRow(0)
    files.view_selected()
    qtbot.waitUntil(lambda: bool(tab.findChildren(DocumentViewer)), timeout=10000)
    viewer = tab.findChildren(DocumentViewer)[0]
    assert viewer.image.size().width() == 40
    viewer.close()


def test_annex_b_ticks_persist_with_their_date(qtbot, make_window, world, services, actors):
    from apdesk.domain import checklists
    from apdesk.services import providers as provider_service

    window = make_window(Role.DSL)
    tab = open_tab(qtbot, window, "Providers")
    tab.select_key(world["provider"].id)
    editor = tab.editor
    qtbot.waitUntil(lambda: editor.provider is not None)
    page = editor.annex_b
    editor.pages.setCurrentWidget(page)
    sections = [s.heading for s in checklists.ANNEX_B]
    assert sections[0] == "Section 1: Legal Duties & Referrals" and len(page.boxes) == 22
    assert page.count.text() == "0 of 22 requirements completed"
    assert page.sign_off.text() == "Not yet signed off by the Headteacher."
    first = checklists.ANNEX_B_ITEMS[0]
    assert page.boxes[first.key].accessibleName() == first.text  # the policy's own words
    page.boxes["1.1"].click()
    page.boxes["6.3"].click()
    qtbot.waitUntil(lambda: page.count.text().startswith("2 of 22"), timeout=10000)
    assert page.dates["1.1"].text() == "28 Nov 2026" and page.dates["1.2"].text() == ""
    assert editor.pages.tabText(2) == "Annex B (2 of 22)"
    stored, _ = provider_service.get_provider(services, actors[Role.DSL], world["provider"].id)
    assert sorted(s.key for s in stored.annex_b if s.done) == ["1.1", "6.3"]
    page.boxes["6.3"].click()  # untick
    qtbot.waitUntil(lambda: page.count.text().startswith("1 of 22"), timeout=10000)
    assert page.dates["6.3"].text() == ""


def test_annex_b_is_read_only_without_the_right_to_vet(qtbot, make_window, world):
    window = make_window(Role.INCLUSION_LEAD)
    tab = open_tab(qtbot, window, "Providers")
    tab.select_key(world["provider"].id)
    qtbot.waitUntil(lambda: tab.editor.provider is not None)
    assert not any(box.isEnabled() for box in tab.editor.annex_b.boxes.values())
