"""One pupil's attendance at a glance: a calendar heatmap and the weekly trend (QtCharts).

Both draw what the domain computes (`weekly_rates`, the code table); neither judges.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCharts import QBarCategoryAxis, QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import QMargins, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from apdesk.domain.attendance import Counted, weekly_rates
from apdesk.domain.codes import CodeCategory, lookup
from apdesk.domain.enums import Session
from apdesk.ui import colours

CELL = 13
GAP = 2
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri")
LEFT = 30
MIN_HEIGHT = 220
LABELS_UPRIGHT = -90
RATE_COLOUR = "#1f4e79"
TREND_KEY = (
    f'<span style="color:{RATE_COLOUR}">●━</span> Weekly attendance &nbsp; '
    f'<span style="color:{colours.BAD_TEXT.name()}">╍╍</span> 90% (persistent absence at or below)'
)


class HeatmapWidget(QWidget):
    """Weeks across, Monday to Friday down; each day split morning (top), afternoon."""

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Attendance calendar")
        self.codes: dict[tuple[date, Session], str | None] = {}
        self.first: date | None = None
        self.weeks = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_sessions(self, counted: Counted) -> None:
        """Each counted session's code; None is an expected session unmarked after its
        register closed."""
        self.codes = dict(counted)
        days = [day for day, _ in counted]
        if days:
            self.first = min(days) - timedelta(days=min(days).weekday())
            self.weeks = (max(days) - self.first).days // 7 + 1
        else:
            self.first, self.weeks = None, 0
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(LEFT + max(self.weeks, 8) * (CELL + GAP), 5 * (2 * CELL + GAP) + 18)

    def colour(self, day: date, session: Session) -> QColor:
        if (day, session) not in self.codes:
            return QColor("#f4f5f7")
        code = self.codes[(day, session)]
        if code is None:
            return colours.HEAT[CodeCategory.UNAUTHORISED]
        return colours.HEAT[lookup(code).category]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(QColor("#5f6b76"))
        for row, name in enumerate(DAYS):
            painter.drawText(
                QRectF(0, row * (2 * CELL + GAP), LEFT - 4, 2 * CELL),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                name,
            )
        if self.first is None:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No marks yet")
            return
        painter.setPen(Qt.PenStyle.NoPen)
        for week in range(self.weeks):
            for row in range(5):
                day = self.first + timedelta(days=7 * week + row)
                for half, session in enumerate(Session):
                    painter.setBrush(self.colour(day, session))
                    painter.drawRect(
                        QRectF(
                            LEFT + week * (CELL + GAP),
                            row * (2 * CELL + GAP) + half * CELL,
                            CELL,
                            CELL - 1,
                        )
                    )
        painter.end()


class TrendChart(QChartView):
    """Each week's attendance rate as a line, with the 90% persistent-absence line."""

    def __init__(self) -> None:
        self.chart_ = QChart()
        super().__init__(self.chart_)
        self.setAccessibleName("Weekly attendance trend")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(MIN_HEIGHT)
        # The key is a label below the chart (`TREND_KEY`): a legend inside the chart is drawn
        # over whatever is below once the panel is short.
        self.chart_.legend().hide()
        self.chart_.setMargins(QMargins(0, 0, 0, 0))
        self.rates: list[float] = []

    def set_sessions(self, counted: Counted) -> None:
        chart = self.chart_
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        weeks = [w for w in weekly_rates(counted) if w.summary.possible][-12:]
        self.rates = [100 * w.summary.present / w.summary.possible for w in weeks]
        labels = [f"{w.week_start.day}/{w.week_start.month}" for w in weeks]
        rate = _series("Weekly attendance", self.rates, QColor(RATE_COLOUR), 2.5)
        rate.setPointsVisible(True)
        target = _series(
            "90% (persistent absence at or below)",
            [90.0] * len(weeks),
            colours.BAD_TEXT,
            1.2,
            Qt.PenStyle.DashLine,
        )
        x_axis = QBarCategoryAxis()
        x_axis.append(labels or ["No weeks yet"])
        x_axis.setTitleText("Week beginning")
        small = x_axis.labelsFont()
        small.setPointSizeF(small.pointSizeF() * 0.8)
        x_axis.setLabelsFont(small)
        # Upright labels take the least width: at -60 degrees Qt dropped the first and last
        # of twelve weeks in a narrow panel and set the rest between the ticks.
        x_axis.setLabelsAngle(LABELS_UPRIGHT if len(labels) > 4 else 0)
        x_axis.setTruncateLabels(False)  # "12/10", never "1…"
        y_axis = QValueAxis()
        y_axis.setRange(0, 100)
        y_axis.setLabelFormat("%d%%")
        y_axis.setTickCount(6)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for series in (rate, target):
            chart.addSeries(series)
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)


def _series(
    name: str,
    values: Sequence[float],
    colour: QColor,
    width: float,
    style: Qt.PenStyle = Qt.PenStyle.SolidLine,
) -> QLineSeries:
    series = QLineSeries()
    series.setName(name)
    for number, value in enumerate(values):
        series.append(QPointF(number, value))
    pen = QPen(colour)
    pen.setWidthF(width)
    pen.setStyle(style)
    series.setPen(pen)
    return series
