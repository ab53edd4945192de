"""The right-hand side of a tab: a hint until a record is chosen, then the record's editor.

The editor is a scrollable column of sections under a title, with its buttons (Save and the
record's own actions) along the bottom, always in view.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from apdesk.ui.widgets import heading, note_label


class DetailPanel(QWidget):
    def __init__(self, placeholder: str) -> None:
        super().__init__()
        self.placeholder_text = placeholder
        self.stack = QStackedWidget()
        self.placeholder = note_label(placeholder)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: #555; padding: 24px;")
        self.stack.addWidget(self.placeholder)
        self.title = heading("")
        self.subtitle = note_label("")
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 6, 0)
        scroll = self.scroller = QScrollArea()
        self._anchor: tuple[QWidget, int] | None = None
        scroll.setWidget(self.body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.title_row = QHBoxLayout()  # the record's documents sit beside its title
        self.title_row.addWidget(self.title, 1)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(4, 0, 0, 0)
        column.addLayout(self.title_row)
        column.addWidget(self.subtitle)
        column.addWidget(scroll, 1)
        column.addLayout(self.buttons)
        self.stack.addWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def add_section(self, widget: QWidget) -> QWidget:
        self.body_layout.addWidget(widget)
        return widget

    def finish_sections(self) -> None:
        self.body_layout.addStretch(1)

    def add_button(
        self, text: str, slot: Callable[[], None], *, default: bool = False
    ) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        # Not connect(slot): Qt would pass `checked` (False) to a slot with an optional first
        # argument, such as an editor's save(done=None), which then calls False(...) and
        # hides the save's refusal.
        button.clicked.connect(lambda: slot())
        button.setAutoDefault(default)
        self.buttons.addWidget(button)
        return button

    def add_title_button(self, text: str, slot: Callable[[], None], tip: str = "") -> QPushButton:
        """A button beside the title, for a document about the record (Annex A…)."""
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setToolTip(tip)
        button.clicked.connect(slot)
        self.title_row.addWidget(button)
        return button

    def show_placeholder(self, text: str | None = None) -> None:
        self.placeholder.setText(text or self.placeholder_text)
        self.stack.setCurrentIndex(0)

    def show_content(self, title: str, subtitle: str = "") -> None:
        self.title.setText(title)
        self.title.setToolTip(title)  # a name too long for the panel is clipped, not lost
        self.subtitle.setText(subtitle)
        self.subtitle.setVisible(bool(subtitle))
        self.stack.setCurrentIndex(1)

    def anchor(self, widget: QWidget) -> None:
        """Keep `widget` where it is on screen through the next reload (a ticked box)."""
        self._anchor = (widget, widget.mapTo(self.scroller.viewport(), QPoint(0, 0)).y())

    def restore_anchor(self) -> None:
        """After a reload: scroll so the anchored widget is back under the pointer."""
        if self._anchor is None:
            return
        widget, before = self._anchor
        self._anchor = None
        for _ in range(3):  # nested layouts (tabs, group boxes, the scroll area) one by one
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        after = widget.mapTo(self.scroller.viewport(), QPoint(0, 0)).y()
        bar = self.scroller.verticalScrollBar()
        bar.setValue(bar.value() + after - before)

    @property
    def showing_content(self) -> bool:
        return self.stack.currentIndex() == 1


def hold_height(label: QLabel, same_record: bool) -> None:
    """Call before changing a status line's text. While the same record stays on show the
    line may grow but never shrinks, so a checklist below it does not move under the
    pointer as its items are ticked; another record starts afresh."""
    held = max(label.minimumHeight(), label.height()) if same_record and label.isVisible() else 0
    label.setMinimumHeight(held)


def status_label() -> QLabel:
    """A coloured line stating a record's status (approved, lapsed, overdue...)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAccessibleName("Status")
    return label
