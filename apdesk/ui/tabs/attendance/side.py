"""Beside the register: one pupil's attendance (summary, heatmap, trend) and the provider's
report for the chosen session, kept apart from the final code.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from apdesk.domain.enums import ReportMethod, Session
from apdesk.domain.formatting import format_percent, format_short_date
from apdesk.services.attendance import MarkEntry, PlacementAttendance, RegisterRow
from apdesk.ui.forms import ChoiceCombo, enum_choices, section
from apdesk.ui.tabs.attendance.charts import TREND_KEY, HeatmapWidget, TrendChart
from apdesk.ui.widgets import heading, line_edit, note_label


class PupilAttendancePanel(QWidget):
    report_entered = Signal(object)  # a MarkEntry with the provider's report

    def __init__(self, can_record: bool) -> None:
        super().__init__()
        self.title = heading("Choose a pupil in the register")
        self.summary = note_label("")
        self.summary.setAccessibleName("Attendance summary")
        self.heatmap = HeatmapWidget()
        self.trend = TrendChart()
        self.row: RegisterRow | None = None
        self.slot: tuple[date, Session] | None = None
        self.report_box = self._report_box()
        self.report_box.setVisible(False)
        self.can_record = can_record
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.heatmap)
        key = note_label(
            "Each square is a morning or an afternoon. Green: present; teal: "
            "approved education; amber: authorised absence; red: unauthorised, or no "
            "mark once the register closed; pale: no mark yet."
        )
        key.setStyleSheet("color: #5f6b76;")
        layout.addWidget(key)
        layout.addWidget(self.trend, 1)
        self.trend_key = QLabel(TREND_KEY)
        self.trend_key.setAccessibleName("Trend key")
        self.trend_key.setWordWrap(True)
        layout.addWidget(self.trend_key)
        layout.addWidget(self.report_box)

    def _report_box(self) -> QWidget:
        box, form = section("Provider's report")
        self.report_code = line_edit("Code the provider reported", "for example B")
        self.report_code.setMaxLength(2)
        self.reported_by = line_edit("Reported by", "name at the provider")
        self.reported_how = ChoiceCombo("How it was reported", enum_choices(ReportMethod))
        save = QPushButton("Save &report")
        save.setAccessibleName("Save the provider's report")
        save.clicked.connect(self._save_report)
        row = QHBoxLayout()
        row.addWidget(self.report_code)
        row.addWidget(self.reported_how)
        form.addRow("Code and how", row)
        form.addRow("Reported &by", self.reported_by)
        form.addRow("", save)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.report_title = box
        return box

    def show_pupil(self, row: RegisterRow | None, data: PlacementAttendance | None) -> None:
        self.row = row
        if row is None:
            self.title.setText("Choose a pupil in the register")
            self.summary.setText("")
            return
        self.title.setText(row.pupil)
        if data is None:
            self.summary.setText(f"At {row.provider}.")
            self.heatmap.set_sessions({})
            self.trend.set_sessions({})
            return
        totals = data.summary
        unmarked = f", {totals.unmarked} expected with no mark" if totals.unmarked else ""
        self.summary.setText(
            f"At {row.provider}: {format_percent(totals.rate)} attendance this placement "
            f"({totals.present} of {totals.possible} sessions{unmarked}), "
            f"{totals.late_count} late."
        )
        self.heatmap.set_sessions(data.counted)
        self.trend.set_sessions(data.counted)

    def show_session(self, slot: tuple[date, Session] | None) -> None:
        self.slot = slot
        shown = slot is not None and self.row is not None and self.can_record
        self.report_box.setVisible(shown)
        if not shown or slot is None or self.row is None:
            return
        self.report_title.setTitle(f"Provider's report for {format_short_date(slot[0])} {slot[1]}")
        mark = self.row.marks.get(slot)
        self.report_code.setText(mark.provider_reported_code or "" if mark else "")
        self.reported_by.setText(mark.reported_by if mark else "")
        self.reported_how.set_value(mark.reported_how if mark else None)

    def _save_report(self) -> None:
        if self.row is None or self.slot is None:
            return
        self.report_entered.emit(
            MarkEntry(
                self.row.pupil_id,
                self.row.placement_id,
                self.slot[0],
                self.slot[1],
                provider_code=self.report_code.text().strip().upper(),
                reported_by=self.reported_by.text().strip(),
                reported_how=self.reported_how.value(),
            )
        )


def scrolling(panel: QWidget) -> QScrollArea:
    """The panel in a scroll area, so a short screen scrolls it rather than squeezing it."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(panel)
    return area
