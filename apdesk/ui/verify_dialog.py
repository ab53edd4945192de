"""The answer to "Verify a signed document…": who signed it, when, and whether to rely on it.

Green when the signature is valid (signed by a certificate this school issued and unchanged
since), red otherwise. The words always say the same as the colour.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from apdesk.domain.formatting import format_datetime
from apdesk.ui import colours
from apdesk.ui.widgets import heading, note_label

GOOD_STYLE = f"background: {colours.css(colours.GOOD)}; color: #1e4620; padding: 12px;"
BAD_STYLE = f"background: {colours.css(colours.BAD)}; color: #5c1419; padding: 12px;"


def verdict(report: Any) -> str:
    """A heading in a few words, from the report (`VerificationReport`)."""
    if report.valid:
        return "✔ Signature valid"
    if not report.signed:
        return "✖ No valid signature"
    return "✖ Do not rely on this copy"


def local_time(moment: datetime) -> datetime:
    """The signing time on this computer's clock (signatures record it in UTC)."""
    return moment.astimezone() if moment.tzinfo is not None else moment


class VerifyDialog(QDialog):
    def __init__(self, report: Any, filename: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Verify a signed document")
        self.setAccessibleName("Verify a signed document")
        self.setMinimumWidth(560)
        self.report = report
        self.verdict = heading(verdict(report))
        self.summary = note_label(report.summary)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setAccessibleName("Verification summary")
        banner = QWidget()
        banner.setObjectName("verdict")
        banner.setStyleSheet(f"#verdict {{ {GOOD_STYLE if report.valid else BAD_STYLE} }}")
        column = QVBoxLayout(banner)
        column.addWidget(self.verdict)
        column.addWidget(self.summary)
        details = QFormLayout()
        details.addRow("File:", self._value(filename, "File"))
        details.addRow("Signed by:", self._value(report.signer_name or "Not known", "Signed by"))
        when = format_datetime(local_time(report.signed_at)) if report.signed_at else "Not known"
        details.addRow("Signed at:", self._value(when, "Signed at"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(banner)
        layout.addLayout(details)
        layout.addWidget(buttons)

    @staticmethod
    def _value(text: str, name: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setAccessibleName(name)
        return label

    @property
    def valid(self) -> bool:
        return bool(self.report.valid)
