"""File > Export in the window, and the census setting type chosen on the provider."""

from __future__ import annotations

import csv

from apdesk.domain.enums import Role, SettingType
from apdesk.ui.export_menu import write_export
from tests.ui.conftest import open_tab, shown_box


def export_titles(window) -> list[str]:
    file_menu = window.menuBar().actions()[0].menu()
    found = [a.menu() for a in file_menu.actions() if a.text() == "&Export"]
    return [a.text() for a in found[0].actions()] if found else []


def test_the_setting_type_is_saved_on_the_provider_and_exported(
    qtbot, make_window, world, tmp_path
):
    window = make_window(Role.DSL)
    assert {"Attendance for the MIS…", "Census AP placements…"} <= set(export_titles(window))
    tab = open_tab(qtbot, window, "Providers")
    tab.select_key(world["provider"].id)
    editor = tab.editor
    qtbot.waitUntil(lambda: editor.provider is not None)
    assert editor.setting_type.currentText() == "None: it has a URN or UKPRN"
    editor.urn.setText("")
    editor.setting_type.set_value(SettingType.OOT)
    assert editor.setting_type.currentText() == "OOT: one-on-one tuition"
    tab.save_record()
    qtbot.waitUntil(lambda: editor.provider.setting_type is SettingType.OOT, timeout=10000)
    target = tmp_path / "census.csv"
    write_export(window.ctx, window, "census", target, window.statusBar().showMessage)
    qtbot.waitUntil(lambda: "census.csv" in window.statusBar().currentMessage(), timeout=10000)
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert rows and {(r["urn"], r["setting_type"]) for r in rows} == {("", "OOT")}


def test_an_export_over_the_stores_own_file_is_refused_and_nothing_is_written(
    qtbot, make_window, world, services
):
    window = make_window(Role.DSL)
    db = services.store.paths.db
    before = db.read_bytes()[:4096]
    write_export(window.ctx, window, "mis-attendance", db, window.statusBar().showMessage)
    box = shown_box(qtbot, window)
    assert "Nothing was written" in box.text()
    assert db.read_bytes()[:4096] == before
    assert "Exported" not in window.statusBar().currentMessage()


def test_those_who_may_not_export_have_no_export_menu(qtbot, make_window):
    assert export_titles(make_window(Role.ATTENDANCE_LEAD)) == []
    assert export_titles(make_window(Role.GOVERNOR)) == []
