"""Dialog buttons are words only, on every platform, as Windows draws them.

Qt gives a dialog's standard buttons (OK, Cancel, Close) an icon wherever the desktop theme
asks for one (GNOME, KDE), but never the buttons a dialog names itself ("Save provider",
"Record review"), so a Cancel beside a Save had an icon and the Save none. Windows shows no
icons on dialog buttons; `PlainButtons` asks the same everywhere.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleHintReturn,
    QStyleOption,
    QWidget,
)


class PlainButtons(QProxyStyle):
    """The application's own style, except that dialog buttons carry no icons."""

    def styleHint(
        self,
        hint: QStyle.StyleHint,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
        returnData: QStyleHintReturn | None = None,
    ) -> int:
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 0
        return super().styleHint(hint, option, widget, returnData)


def install(app: QApplication) -> None:
    """Once per application, before any dialog is made (a second call changes nothing)."""
    if not isinstance(app.style(), PlainButtons):
        app.setStyle(PlainButtons(app.style().name()))
