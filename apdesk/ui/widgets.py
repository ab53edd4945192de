"""Small building blocks every screen uses: labelled fields, problem notes, headings, OK/Cancel.

Each control gets an accessible name (screen readers and tests find it by what it is for).
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from apdesk.domain.text import LINE_MAX, TEXT_MAX

PROBLEM_STYLE = "color: #a4262c; font-weight: 600;"


def hidden_unless(widget: QWidget, shown: bool) -> None:
    """`setVisible(shown)` for a widget not yet in a layout: it shows with its parent unless
    hidden. (`setVisible(True)` on a widget with no parent yet opens it as a window of its
    own, which takes the focus from the main window when a tab is built after it is shown.)"""
    if not shown:
        widget.hide()


def line_edit(
    name: str,
    placeholder: str = "",
    *,
    password: bool = False,
    parent: QWidget | None = None,
    limit: int = LINE_MAX,
) -> QLineEdit:
    """A one-line field that takes no more than the store keeps (`limit` characters)."""
    edit = QLineEdit(parent)
    edit.setMaxLength(limit)
    edit.setAccessibleName(name)
    edit.setObjectName(_object_name(name))
    if placeholder:
        edit.setPlaceholderText(placeholder)
    if password:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def text_edit(
    name: str,
    placeholder: str = "",
    lines: int = 3,
    parent: QWidget | None = None,
    limit: int = TEXT_MAX,
) -> QPlainTextEdit:
    """A few lines of text (an address, a note) that take no more than `limit` characters."""
    edit = QPlainTextEdit(parent)
    edit.setAccessibleName(name)
    edit.setObjectName(_object_name(name))
    edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
    if placeholder:
        edit.setPlaceholderText(placeholder)
    height = edit.fontMetrics().lineSpacing() * lines + 14
    edit.setFixedHeight(height)
    edit.setProperty("limit", limit)  # a form may lower it for its field (`set_limit`)
    edit.textChanged.connect(lambda: _keep_within(edit, int(edit.property("limit"))))
    return edit


def set_limit(edit: QPlainTextEdit, limit: int) -> None:
    """The most characters a `text_edit` takes."""
    edit.setProperty("limit", limit)
    _keep_within(edit, limit)


def _keep_within(edit: QPlainTextEdit, limit: int) -> None:
    """As a one-line field's maximum length does: what was typed or pasted past `limit` is
    not taken (the characters just before the cursor go), the rest stays as it was."""
    excess = len(edit.toPlainText()) - limit
    if excess <= 0:
        return
    cursor = edit.textCursor()
    end = cursor.position()
    if end < excess:  # text set from outside: keep its beginning
        cursor.setPosition(limit)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    else:
        cursor.setPosition(end - excess)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()


def ok_cancel(dialog: QDialog, text: str) -> QDialogButtonBox:
    """OK, worded `text` ("&Record"), and Cancel, wired to the dialog's accept and reject."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(text)
    ok.setAccessibleName(text.replace("&", "").rstrip("…"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def problem_label(parent: QWidget | None = None) -> QLabel:
    """A red note under a form saying what is wrong; hidden while there is nothing to say."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setStyleSheet(PROBLEM_STYLE)
    label.setAccessibleName("Problem")
    label.setObjectName("problem")
    label.hide()
    return label


def say(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def note_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


def heading(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    label.setWordWrap(True)
    # However long a name, the heading wraps within the space it has and never widens the
    # window (an Ignored width takes what the layout gives, with no minimum of its own).
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label


def centre_in(page: QWidget, holder: QWidget, width: int = 500) -> None:
    """Put `holder` in the middle of `page` at a fixed width, so wrapped text gets its height.

    (A widget placed with an alignment flag is given its size hint, which a word-wrapped
    label computes for the wrong width; a grid cell respects the height it needs.)
    """
    holder.setFixedWidth(width)
    grid = QGridLayout(page)
    grid.addWidget(holder, 1, 1)
    grid.setRowStretch(0, 1)
    grid.setRowStretch(2, 2)
    grid.setColumnStretch(0, 1)
    grid.setColumnStretch(2, 1)


def one_line(text: str) -> str:
    """An address or note on one line, for lists and choices."""
    return ", ".join(part.strip() for part in text.splitlines() if part.strip())


def _object_name(name: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in name.lower()).strip("_")
