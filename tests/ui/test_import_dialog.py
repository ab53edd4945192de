"""File > Import pupils…: the preview is shown before anything is written; Import writes it."""

from __future__ import annotations

from pathlib import Path

from apdesk.domain.enums import Role
from apdesk.services import pupils as pupil_service
from apdesk.ui.import_dialog import ImportDialog, preview_file
from tests.ui.conftest import open_tab, rows_of

SIMS = Path(__file__).parent.parent / "data" / "pupils-sims.csv"


def shown(qtbot, window) -> ImportDialog:
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(ImportDialog)))
    return next(d for d in window.findChildren(ImportDialog) if d.isVisible())


def test_the_preview_lists_every_row_and_import_writes_only_the_good_ones(
    qtbot, make_window, world, services, actors
):
    window = make_window(Role.DSL)
    tab = open_tab(qtbot, window, "Pupils")
    menu = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "&Import pupils…" in menu
    before = len(rows_of(tab))
    preview_file(window.ctx, window, SIMS)
    dialog = shown(qtbot, window)
    model = dialog.model
    table = [[model.index(r, c).data() for c in range(5)] for r in range(model.rowCount())]
    assert [row[1] for row in table] == ["New"] * 3 + ["Problem"] * 4
    assert table[3][:4] == ["5", "Problem", "A938412319009", "Terry Typo"]
    assert dialog.import_button.text() == "&Import 3 pupils"
    assert "3 new, 0 to update, 0 unchanged, 4 with a problem" in dialog.summary.text()
    assert len(pupil_service.list_pupils(services, actors[Role.DSL])) == before  # not yet
    with qtbot.waitSignal(dialog.finished, timeout=10000):
        dialog.accept()
    assert dialog.imported is not None and dialog.imported.added == 3
    qtbot.waitUntil(lambda: len(rows_of(tab)) == before + 3, timeout=10000)

    preview_file(window.ctx, window, SIMS)
    again = shown(qtbot, window)
    assert not again.import_button.isEnabled()
    assert [again.model.index(r, 1).data() for r in range(3)] == ["Unchanged"] * 3


def test_those_who_may_not_change_pupils_have_no_import(qtbot, make_window):
    window = make_window(Role.ATTENDANCE_LEAD)
    menu = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "&Import pupils…" not in menu
