"""Dialogs as a person sees them (issue 17): buttons are words only, never an icon on Cancel
beside a Save without one; a small dialog is wide enough for its title and placeholders.

With APDESK_SHOTS set to a folder, each test also saves a screenshot there.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QProxyStyle,
    QPushButton,
    QStyle,
    QWidget,
)

from apdesk.ui import button_style
from apdesk.ui.button_style import PlainButtons
from apdesk.ui.screen_fit import TITLE_ROOM, readable
from apdesk.ui.tabs.common.children import ChildDialog
from apdesk.ui.tabs.providers.editor import SITE_FIELDS
from tests.ui.test_window_polish import shot


class ThemeWithIcons(QProxyStyle):
    """What GNOME or KDE ask of Qt: icons on a dialog's standard buttons."""

    def styleHint(self, hint, option=None, widget=None, returnData=None):
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return super().styleHint(hint, option, widget, returnData)


@pytest.fixture
def style(qapp: QApplication) -> Iterator[None]:
    name = qapp.style().name()
    yield
    qapp.setStyle(PlainButtons(name))  # what the program uses; the offscreen style is Fusion


def save_or_cancel() -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Question, "Save changes?", "Save the changes to Robin?")
    box.addButton("&Save provider", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Discard)
    box.addButton(QMessageBox.StandardButton.Cancel)
    return box


def icons(box: QWidget) -> dict[str, bool]:
    return {b.text().replace("&", ""): not b.icon().isNull() for b in box.findChildren(QPushButton)}


def test_dialog_buttons_carry_no_icons_whatever_the_desktop_theme(qtbot, qapp, style):
    qapp.setStyle(ThemeWithIcons("Fusion"))
    before = save_or_cancel()
    qtbot.addWidget(before)
    mixed = icons(before)
    assert mixed["Cancel"] and not mixed["Save provider"]  # the mixture a DSL saw
    qapp.setStyle(ThemeWithIcons("Fusion"))
    button_style.install(qapp)  # what the program does at start, over the desktop's theme
    assert isinstance(qapp.style(), PlainButtons)
    after = save_or_cancel()
    qtbot.addWidget(after)
    assert icons(after) == {"Save provider": False, "Discard": False, "Cancel": False}
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(buttons)
    assert icons(buttons) == {"OK": False, "Cancel": False}
    after.show()
    shot(after, "save-or-cancel")
    button_style.install(qapp)  # a second call changes nothing
    assert isinstance(qapp.style(), PlainButtons)
    assert not isinstance(qapp.style().baseStyle(), PlainButtons)


def test_a_small_dialog_shows_its_title_and_placeholders(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    dialog = ChildDialog("Correct a site the provider no longer uses", SITE_FIELDS, holder)
    name = dialog.widgets["name"]
    assert isinstance(name, QLineEdit)
    name.setPlaceholderText("the name the provider gives this site, as on its letters")
    readable(dialog, QRect(0, 0, 1280, 672))
    dialog.show()
    qtbot.wait(20)
    metrics = dialog.fontMetrics()
    assert dialog.width() >= metrics.horizontalAdvance(dialog.windowTitle()) + TITLE_ROOM
    assert name.width() >= metrics.horizontalAdvance(name.placeholderText())
    shot(dialog, "small-dialog")


def test_a_long_title_never_makes_a_dialog_wider_than_the_screen(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    dialog = ChildDialog("A title " * 60, SITE_FIELDS, holder)
    readable(dialog, QRect(0, 0, 1280, 672))
    assert dialog.minimumWidth() <= 1280


def test_the_document_preview_asks_only_for_what_the_screen_has(qtbot, qapp):
    from apdesk.ui.screen_fit import TITLE_BAR, available
    from apdesk.ui.viewer import PREFERRED, DocumentViewer

    holder = QWidget()
    qtbot.addWidget(holder)
    viewer = DocumentViewer(b"not a document", "Annex B for Bridgeway Learning", "a.pdf", holder)
    qtbot.addWidget(viewer)
    free = available(holder)
    # Before it is shown (and before anything fits it): no taller or wider than the screen.
    assert viewer.height() <= free.height() - TITLE_BAR
    assert viewer.width() <= free.width()
    assert viewer.height() == min(PREFERRED.height(), free.height() - TITLE_BAR - 8)
    assert viewer.width() == min(PREFERRED.width(), free.width() - 16)
