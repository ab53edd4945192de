"""Every window carries the program's name and icon (the taskbar and title bar show them)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from apdesk.ui.app import identify


def test_the_program_names_itself_and_shows_its_icon(qapp: QApplication):
    identify(qapp)
    assert qapp.applicationDisplayName() == "APDesk"
    icon = qapp.windowIcon()
    assert not icon.isNull()
    frame = icon.pixmap(32, 32).toImage().pixelColor(16, 3)
    assert (frame.red(), frame.green(), frame.blue()) == (31, 78, 121)  # the navy frame
