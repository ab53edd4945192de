"""Charts drawn with ReportLab's own graphics: attendance per placement against the 90% line.

Policy §9 and DOMAIN.md rule 6: attendance below 90% is persistent absence. Bars at or
above the line are in the accent colour, bars below it in amber, each labelled with its
percentage, so the chart reads the same in black and white. However many placements there
are, the chart comes as drawings of at most `BARS_PER_DRAWING` bars (one fits any page), so
a long chart continues over pages instead of overflowing one.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors

from apdesk.documents.fonts import font_set, printable
from apdesk.documents.styles import ACCENT, MUTED, TEXT

__all__ = ["AMBER", "BARS_PER_DRAWING", "THRESHOLD", "attendance_chart", "attendance_charts"]

THRESHOLD = 90.0
AMBER = colors.HexColor("#C7781A")
_BAR_PITCH = 20  # points per placement
_LEFT = 80  # room for the category labels
_TOP, _BOTTOM = 18, 24
#: 25 bars are 542 points high with their axes: well inside an A4 page's frame.
BARS_PER_DRAWING = 25


def _chart(labels: Sequence[str], percents: Sequence[float], width: float) -> HorizontalBarChart:
    fonts, chart = font_set(), HorizontalBarChart()
    chart.x, chart.y = _LEFT, _BOTTOM
    chart.width, chart.height = width - _LEFT - 30, _BAR_PITCH * len(labels)
    chart.data = [list(percents)]
    chart.categoryAxis.categoryNames = [printable(label) for label in labels]
    chart.categoryAxis.reverseDirection = 1  # first placement at the top
    chart.categoryAxis.labels.fontName = fonts.regular
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.strokeColor = MUTED
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 10
    chart.valueAxis.labels.fontName = fonts.regular
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.valueAxis.strokeColor = MUTED
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.HexColor("#E3E8EE")
    chart.barWidth, chart.groupSpacing = 12, 8
    chart.bars.strokeColor = None
    chart.bars[0].fillColor = ACCENT
    for index, value in enumerate(percents):
        if value < THRESHOLD:
            chart.bars[(0, index)].fillColor = AMBER
    chart.barLabelFormat = "%.0f%%"
    chart.barLabels.fontName = fonts.regular
    chart.barLabels.fontSize = 7.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    return chart


def _threshold_line(chart: HorizontalBarChart) -> list[object]:
    x = chart.x + chart.width * THRESHOLD / 100
    top = chart.y + chart.height
    line = Line(x, chart.y, x, top + 4, strokeColor=TEXT, strokeWidth=1, strokeDashArray=[3, 2])
    caption = String(x, top + 7, "90%", fontName=font_set().bold, fontSize=7.5)
    caption.textAnchor = "middle"
    return [line, caption]


def attendance_charts(labels: Sequence[str], rates: Sequence[float], width: float) -> list[Drawing]:
    """The chart in pieces of at most `BARS_PER_DRAWING` placements, in order."""
    step = BARS_PER_DRAWING
    return [
        attendance_chart(labels[at : at + step], rates[at : at + step], width)
        for at in range(0, len(labels), step)
    ]


def attendance_chart(labels: Sequence[str], rates: Sequence[float], width: float) -> Drawing:
    """A bar per placement (rates as fractions, 0 to 1) with a dashed 90% line. Keep to
    `BARS_PER_DRAWING` bars (`attendance_charts` splits): a drawing cannot span pages."""
    percents = [round(rate * 100, 1) for rate in rates]
    drawing = Drawing(width, _BAR_PITCH * len(labels) + _TOP + _BOTTOM)
    chart = _chart(labels, percents, width)
    drawing.add(chart)
    for shape in _threshold_line(chart):
        drawing.add(shape)
    return drawing
