"""What the tests of the pupil record's per-pupil records dialogs share (Transfer CP file…,
Subject access…, both `apdesk.ui.pupil_records_dialog.PupilRecordsDialog`): opening a
pupil's record as a role, the dialog's rows as shown, and a save-as answered with a path."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from apdesk.domain.enums import Role
from apdesk.ui.pupil_records_dialog import PupilRecordsDialog
from tests.ui.conftest import open_tab

ROLES = [Role.HEADTEACHER, Role.DSL, Role.DEPUTY_DSL, Role.INCLUSION_LEAD, Role.ATTENDANCE_LEAD]


def open_pupil(qtbot: Any, make_window: Any, world: dict[str, Any], role: Role) -> Any:
    """The window signed in as `role`, on the world's pupil: (window, the pupil editor)."""
    window = make_window(role)
    tab = open_tab(qtbot, window, "Pupils")
    tab.select_key(world["pupil"].id)
    qtbot.waitUntil(lambda: tab.editor.pupil is not None)
    return window, tab.editor


def rows(dialog: PupilRecordsDialog[Any]) -> list[list[str]]:
    """The dialog's list, as its cells read."""
    model = dialog.model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def save_as(monkeypatch: pytest.MonkeyPatch, module: ModuleType, target: Path) -> list[str]:
    """Answer the dialog's save-as with `target` (its folder made); the names it suggested."""
    target.parent.mkdir(parents=True, exist_ok=True)
    suggested: list[str] = []

    def choose(_parent: object, _caption: str, name: str, *_: object) -> Path:
        suggested.append(name)
        return target

    monkeypatch.setattr(module, "choose_save_path", choose)
    return suggested
