"""File > Retention review…: the Headteacher and DSL see what is past its period and dispose
of one pupil's file after a confirmation naming what goes and a reason; no one else has it."""

from __future__ import annotations

import os
from datetime import datetime

import pytest
from PySide6.QtWidgets import QWidget

from apdesk.domain.enums import Role
from apdesk.services import pupils as pupil_service
from apdesk.ui.context import UiContext
from apdesk.ui.retention_dialog import RetentionDialog, open_retention
from apdesk.ui.settings import app_settings

ROLES = [
    Role.HEADTEACHER,
    Role.DSL,
    Role.DEPUTY_DSL,
    Role.INCLUSION_LEAD,
    Role.ATTENDANCE_LEAD,
    Role.ADMINISTRATOR,
]
ALLOWED = {Role.HEADTEACHER, Role.DSL}


def file_menu_texts(window) -> list[str]:
    menu = window.menuBar().actions()[0].menu()
    return [a.text().replace("&", "") for a in menu.actions()]


@pytest.mark.parametrize("role", ROLES)
def test_the_menu_entry_is_there_only_for_the_headteacher_and_dsl(
    qtbot, make_window, world, role, services, actors, worker, bus
):
    window = make_window(role)
    assert ("Retention review…" in file_menu_texts(window)) == (role in ALLOWED)
    ctx = UiContext(services, actors[role], worker, bus, app_settings())
    assert (open_retention(ctx, window) is not None) == (role in ALLOWED)


def rows(dialog: RetentionDialog) -> list[list[str]]:
    model = dialog.model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


@pytest.mark.parametrize("role", sorted(ALLOWED))
def test_a_file_past_its_period_is_confirmed_and_disposed_of(
    qtbot, services, actors, worker, bus, world, clock, role
):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    ctx = UiContext(services, actors[role], worker, bus, app_settings())
    dialog = open_retention(ctx, parent)
    qtbot.waitUntil(lambda: dialog.empty.isVisible())  # 28 Nov 2026: everything is kept
    assert "until they are 25 (31 for a pupil with SEN)" in dialog.periods.text()
    assert not dialog.dispose_button.isEnabled()
    dialog.close()

    clock.at = datetime(2037, 3, 10, 9, 0)  # both pupils (born 4 Mar 2012) are now 25
    dialog = open_retention(ctx, parent)
    qtbot.waitUntil(lambda: len(rows(dialog)) == 2)
    robin = next(r for r in rows(dialog) if r[0] == "Robin Testcase")
    assert robin[1:4] == ["4 Mar 2012", "Child-protection and AP file", "4 Mar 2037"]
    assert robin[4] == "1 placement, 1 carer"
    dialog.view.selectRow([r[0] for r in rows(dialog)].index("Robin Testcase"))
    if os.environ.get("APDESK_SHOTS"):
        qtbot.wait(50)  # the layout settles
        dialog.grab().save(os.environ["APDESK_SHOTS"] + "/retention-review.png")

    confirm = dialog.ask_dispose()
    said = confirm.what.text()
    assert said.startswith(
        "This deletes for good: Robin Testcase (born 4 Mar 2012): the whole child-protection "
        "and AP file, which is 1 placement, 1 carer, the actions linked to them"
    )
    assert "the pupil's own record (names, date of birth, UPN, carers)" in said
    if os.environ.get("APDESK_SHOTS"):
        qtbot.wait(50)
        confirm.grab().save(os.environ["APDESK_SHOTS"] + "/retention-confirm.png")
    confirm.reason.setPlainText("old")  # too short: the rule's sentence, nothing deleted
    confirm.accept()
    qtbot.waitUntil(lambda: confirm.problem.isVisible())
    assert "at least 10 characters" in confirm.problem.text()
    kept = pupil_service.list_pupils(services, actors[role])
    assert any(p.name == "Robin Testcase" for p in kept)

    confirm.reason.setPlainText("Past DOB + 25 years at the annual retention review")
    with qtbot.waitSignal(dialog.disposed, timeout=30000) as gone:
        confirm.accept()
    assert gone.args[0]["pupil record"] == 1 and gone.args[0]["placements"] == 1
    assert "Disposed of Robin Testcase's child-protection and AP file" in dialog.told.text()
    qtbot.waitUntil(lambda: [r[0] for r in rows(dialog)] == ["Ash Example"])
    names = [p.name for p in pupil_service.list_pupils(services, actors[role])]
    assert names == ["Ash Example"]


def test_old_attendance_marks_are_named_as_such():
    from datetime import date

    from apdesk.domain.retention import RecordClass, RetentionPeriods
    from apdesk.services.retention import DueLine
    from apdesk.ui.retention_dialog import how_many, what_goes

    line = DueLine(7, "Ash Example", date(2012, 3, 4), RecordClass.ATTENDANCE, date(2033, 7, 1),
                   {"attendance marks": 120})  # fmt: skip
    assert what_goes(line, RetentionPeriods(attendance=8)) == (
        "Ash Example (born 4 Mar 2012): 120 attendance marks more than 8 years old. Their file "
        "and newer marks stay."
    )
    assert how_many({"attendance marks": 1, "carers": 0, "incidents": 2}) == (
        "1 attendance mark, 2 incidents"
    )
