"""The few colours the window uses to carry meaning, chosen to read on a light background.

Colour is never the only signal: every coloured cell also says what it means in words.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

from apdesk.domain.codes import CodeCategory

GOOD = QColor("#dff0d8")
WARN = QColor("#fcf0cf")
BAD = QColor("#f8d7da")
NEUTRAL = QColor("#e9ecef")
INFO = QColor("#d9e8f6")
BAD_TEXT = QColor("#a4262c")
GOOD_TEXT = QColor("#1e6b30")
WARN_TEXT = QColor("#8a5a00")
MUTED_TEXT = QColor("#5f6b76")

CATEGORY = {
    CodeCategory.PRESENT: GOOD,
    CodeCategory.APPROVED_EDUCATION: QColor("#cfe8e4"),
    CodeCategory.AUTHORISED: WARN,
    CodeCategory.UNAUTHORISED: BAD,
    CodeCategory.NOT_POSSIBLE: NEUTRAL,
}
UNEXPLAINED = QColor("#e35d6a")


def css(colour: QColor) -> str:
    return colour.name()


#: Stronger versions for the small squares of the attendance heatmap.
HEAT = {
    CodeCategory.PRESENT: QColor("#4caf50"),
    CodeCategory.APPROVED_EDUCATION: QColor("#26a69a"),
    CodeCategory.AUTHORISED: QColor("#f0ad4e"),
    CodeCategory.UNAUTHORISED: QColor("#d9534f"),
    CodeCategory.NOT_POSSIBLE: QColor("#adb5bd"),
}
