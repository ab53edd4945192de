"""The pupil record's per-pupil records dialogs (one `PupilRecordsDialog` base): Transfer CP
file… is there for the DSL only, Subject access… and History… for the Headteacher and DSL;
for anyone else, or a pupil not yet saved, the button is not shown and asking opens
nothing."""

from __future__ import annotations

import pytest

from apdesk.domain.enums import Role
from apdesk.ui.cp_transfer_dialog import CpTransferDialog
from apdesk.ui.pupil_history_dialog import HistoryDialog
from apdesk.ui.subject_access_dialog import SubjectAccessDialog
from tests.ui.conftest import open_tab
from tests.ui.pupil_dialogs import ROLES, open_pupil

# (the button on the pupil record, what it calls, the dialog, the roles that have it)
DIALOGS = (
    ("transfer", "open_transfer", CpTransferDialog, {Role.DSL}),
    ("access", "open_access", SubjectAccessDialog, {Role.HEADTEACHER, Role.DSL}),
    ("history", "open_history", HistoryDialog, {Role.HEADTEACHER, Role.DSL}),
)


@pytest.mark.parametrize("role", ROLES)
def test_each_button_is_there_only_for_the_roles_the_service_allows(
    qtbot, make_window, world, role
):
    window, editor = open_pupil(qtbot, make_window, world, role)
    for button, opener, dialog, allowed in DIALOGS:
        assert getattr(editor.leaving, button).isVisibleTo(window) == (role in allowed), button
        getattr(editor.leaving, opener)()
        opened = window.findChildren(dialog)
        assert bool(opened) == (role in allowed), button  # refused quietly: no dialog
        for found in opened:
            found.reject()


def test_a_new_pupil_has_neither_button(qtbot, make_window, world):
    window = make_window(Role.DSL)
    tab = open_tab(qtbot, window, "Pupils")
    tab.new_record()
    for button, *_ in DIALOGS:
        assert not getattr(tab.editor.leaving, button).isVisibleTo(window), button


def test_history_shows_who_changed_the_pupils_records_newest_first_and_searches(
    qtbot, make_window, world
):
    window, editor = open_pupil(qtbot, make_window, world, Role.DSL)
    editor.leaving.open_history()
    [dialog] = window.findChildren(HistoryDialog)
    qtbot.waitUntil(lambda: dialog.proxy.rowCount() > 0)
    shown = [
        [dialog.proxy.index(r, c).data() for c in range(dialog.proxy.columnCount())]
        for r in range(dialog.proxy.rowCount())
    ]
    what = [row[2] for row in shown]
    # the world's placement: saved, its Annex A ticked, authorised and activated; newest first
    assert what[-1] == "Pupil: save" and what.index("Placement: activate") < what.index(
        "Placement: authorise"
    )
    assert dialog.windowTitle() == f"History: {editor.pupil.display_name}"
    dialog.search.setText("morgan")  # the Headteacher, Alex Morgan, who authorised it
    qtbot.waitUntil(lambda: dialog.proxy.rowCount() == 1)
    assert dialog.proxy.index(0, 2).data() == "Placement: authorise"
    assert dialog.proxy.index(0, 1).data().startswith("Alex Morgan")
    dialog.reject()
