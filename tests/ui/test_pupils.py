"""The Pupils tab: the list, CP flags only for those who may see them, editing, chronology."""

from __future__ import annotations

import pytest

from apdesk.domain.enums import Role
from apdesk.services import pupils as pupil_service
from tests.ui.conftest import open_tab, rows_of, shown_box

SEES_CP = {Role.HEADTEACHER, Role.DSL, Role.DEPUTY_DSL}


@pytest.mark.parametrize(
    "role", [Role.HEADTEACHER, Role.DSL, Role.DEPUTY_DSL, Role.INCLUSION_LEAD, Role.ATTENDANCE_LEAD]
)
def test_pupil_list_and_record_show_cp_flags_only_to_those_allowed(
    qtbot, make_window, world, role, qtmodeltester
):
    window = make_window(role)
    tab = open_tab(qtbot, window, "Pupils")
    qtmodeltester.check(tab.model)
    headers = [c.header for c in tab.model.columns]
    robin = next(r for r in rows_of(tab) if r[0] == "Robin Testcase")
    assert robin[headers.index("Provider")] == "Bridgeway Learning"
    assert robin[headers.index("Placement")] == "Active"
    assert ("Flags" in headers) == (role in SEES_CP)
    if role in SEES_CP:
        assert robin[headers.index("Flags")] == "CP plan"
    assert (
        not any("CP plan" in str(cell) for row in rows_of(tab) for cell in row) or role in SEES_CP
    )
    tab.select_key(world["pupil"].id)
    editor = tab.editor
    qtbot.waitUntil(lambda: editor.pupil is not None)
    assert editor.first.text() == "Robin"
    assert editor.cp_box.isVisibleTo(window) == (role in SEES_CP)
    chronology_tab = editor.pages.indexOf(editor.chronology_box)
    assert editor.pages.isTabVisible(chronology_tab) == (role in SEES_CP)
    assert editor.save_button.isVisibleTo(window) == (role is not Role.ATTENDANCE_LEAD)


def test_search_filters_as_you_type(qtbot, make_window, world):
    tab = open_tab(qtbot, make_window(Role.DSL), "Pupils")
    assert len(rows_of(tab)) == 2
    qtbot.keyClicks(tab.search, "ash")
    assert [r[0] for r in rows_of(tab)] == ["Ash Example"]
    assert tab.count.text() == "1 of 2 shown"


def test_new_pupil_is_saved_and_chosen_in_the_list(qtbot, make_window, world, services, actors):
    window = make_window(Role.INCLUSION_LEAD)
    tab = open_tab(qtbot, window, "Pupils")
    tab.new_record()
    editor = tab.editor
    editor.first.setText("Casey")
    editor.last.setText("Newcomer")
    editor.born.line.setText("14/2/2012")
    editor.save()
    qtbot.waitUntil(lambda: any(r[0] == "Casey Newcomer" for r in rows_of(tab)), timeout=10000)
    qtbot.waitUntil(lambda: editor.pupil is not None and editor.pupil.id is not None)
    assert editor.panel.title.text() == "Casey Newcomer"
    names = [p.name for p in pupil_service.list_pupils(services, actors[Role.DSL])]
    assert "Casey Newcomer" in names


def test_a_wrong_upn_is_explained_in_plain_words(qtbot, make_window, world):

    tab = open_tab(qtbot, make_window(Role.DSL), "Pupils")
    tab.new_record()
    tab.editor.first.setText("Dee")
    tab.editor.last.setText("Typo")
    tab.editor.born.line.setText("14/2/2012")
    tab.editor.upn.setText("A1234")
    tab.editor.save()
    box = shown_box(qtbot, tab)
    assert "A UPN has 13 characters" in box.text()


def test_chronology_lists_the_placement_by_event_date(qtbot, make_window, world):
    tab = open_tab(qtbot, make_window(Role.DSL), "Pupils")
    tab.select_key(world["pupil"].id)
    model = tab.editor.chronology
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    qtmodel_texts = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert any("Placement at Bridgeway Learning started" in t for t in qtmodel_texts)


@pytest.mark.parametrize(
    "la_code,warned", [(838, False), (943, False), (928, False), (944, True), (0, True)]
)
def test_an_unknown_la_number_is_a_warning_and_the_pupil_is_saved(
    qtbot, make_window, world, services, actors, la_code, warned
):
    from apdesk.domain.identifiers import make_upn

    window = make_window(Role.DSL)
    tab = open_tab(qtbot, window, "Pupils")
    tab.new_record()
    editor = tab.editor
    editor.first.setText("Lee")
    editor.last.setText("Elsewhere")
    editor.born.line.setText("6/5/2014")
    upn = make_upn(la_code, 2001, 2024, 5)
    editor.upn.setText(upn)
    assert editor.upn_warning.isVisibleTo(window) == warned
    if warned:
        assert editor.upn_warning.text().startswith(
            f"The UPN {upn} starts with local authority number {la_code:03d}, which is not on"
        )
    editor.save()
    qtbot.waitUntil(lambda: any(r[0] == "Lee Elsewhere" for r in rows_of(tab)), timeout=10000)
    (row,) = [p for p in pupil_service.list_pupils(services, actors[Role.DSL]) if p.upn == upn]
    assert row.name == "Lee Elsewhere"
    editor.upn.setText(upn[:5])  # half typed: the length is for Save to explain
    assert not editor.upn_warning.isVisibleTo(window)


def test_chronology_print_opens_the_marked_pdf_in_the_preview(qtbot, make_window, world):
    from apdesk.ui.viewer import DocumentViewer
    from tests.documents.conftest import pdf_text

    window = make_window(Role.DSL)
    tab = open_tab(qtbot, window, "Pupils")
    tab.select_key(world["pupil"].id)
    editor = tab.editor
    qtbot.waitUntil(lambda: editor.chronology.rowCount() > 0)
    editor.pages.setCurrentWidget(editor.chronology_box)
    assert editor.print_chronology_button.isVisibleTo(window)
    editor.print_chronology_button.click()
    qtbot.waitUntil(lambda: any(v.isVisible() for v in window.findChildren(DocumentViewer)))
    viewer = next(v for v in window.findChildren(DocumentViewer) if v.isVisible())
    assert viewer.filename == "Chronology - Robin Testcase - 28 Nov 2026.pdf"
    words = pdf_text(viewer.data)
    assert "OFFICIAL-SENSITIVE" in words and "Placement at Bridgeway Learning started" in words


def test_the_heading_names_the_pupil_once_and_a_legal_name_only_when_it_differs(
    qtbot, make_window, world, services, actors
):
    import dataclasses

    from apdesk.services import pupils as pupil_service

    window = make_window(Role.DSL)
    tab = open_tab(qtbot, window, "Pupils")
    tab.select_key(world["pupil"].id)
    editor = tab.editor
    qtbot.waitUntil(lambda: editor.pupil is not None and editor.pupil.id == world["pupil"].id)
    assert editor.panel.title.text() == "Robin Testcase"
    assert not editor.panel.subtitle.isVisibleTo(window)  # not "Robin Testcase" twice
    pupil = pupil_service.get_pupil(services, actors[Role.DSL], world["pupil"].id)
    editor._show(dataclasses.replace(pupil, preferred_name="Rob"))
    assert editor.panel.title.text() == "Rob Testcase"
    assert editor.panel.subtitle.text() == "Legal name: Robin Testcase"
