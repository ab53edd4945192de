"""The pupil record's per-pupil records dialogs (one `PupilRecordsDialog` base): Transfer CP
file… is there for the DSL only, Subject access… for the Headteacher and DSL; for anyone
else, or a pupil not yet saved, the button is not shown and asking opens nothing."""

from __future__ import annotations

import pytest

from apdesk.domain.enums import Role
from apdesk.ui.cp_transfer_dialog import CpTransferDialog
from apdesk.ui.subject_access_dialog import SubjectAccessDialog
from tests.ui.conftest import open_tab
from tests.ui.pupil_dialogs import ROLES, open_pupil

# (the button on the pupil record, what it calls, the dialog, the roles that have it)
DIALOGS = (
    ("transfer", "open_transfer", CpTransferDialog, {Role.DSL}),
    ("access", "open_access", SubjectAccessDialog, {Role.HEADTEACHER, Role.DSL}),
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
