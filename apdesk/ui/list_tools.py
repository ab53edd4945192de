"""What every list offers beyond its search box: filters, a column chooser, a kept sort order.

A tab describes its filters as data (`Choice`: fixed options; `ValueChoice`: the values its
rows hold, such as providers or year groups; `Tick`: a check box such as "Flagged only") and
`FilterBar` shows them above the list. Filtering happens in the list's `SearchProxy` on the
rows already loaded, so choosing an option reloads nothing. Right-clicking a list's headings
shows or hides columns (`ColumnChooser`), and `remember_sort` keeps the heading a list was
sorted by; both are kept per list in the settings, by heading (so a column a role does not
see never shifts the others). `ColumnFitter` sizes columns to their contents and squeezes
the widest when the list is narrower, so a list never needs scrolling sideways.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QStyle,
    QTableView,
    QWidget,
)

from apdesk.ui.models import RowTableModel, SearchProxy
from apdesk.ui.settings import (
    hidden_columns,
    list_sort,
    save_hidden_columns,
    save_list_sort,
)
from apdesk.ui.widgets import hidden_unless

Keep = Callable[[Any], bool]
SHORT = 130  # pixels: a column no wider than this is never squeezed
IN_SIGHT = 50  # rows Qt measures a column by (about a screenful); the longest text sizes the rest


@dataclass(frozen=True)
class Choice:
    """A drop-down of fixed options: `every` (all rows) first, then (text, keep) pairs."""

    name: str
    every: str
    options: tuple[tuple[str, Keep], ...]


@dataclass(frozen=True)
class ValueChoice:
    """A drop-down of the values the loaded rows hold (blank values left out), in order."""

    name: str
    every: str
    value: Callable[[Any], object]
    text: Callable[[object], str] = str
    sort_key: Callable[[object], Any] = field(default=lambda value: str(value).lower())


@dataclass(frozen=True)
class Tick:
    """A check box: ticked, only rows `keep` accepts are shown."""

    text: str
    keep: Keep


ListFilter = Choice | ValueChoice | Tick


class FilterBar(QWidget):
    """The filters above one list; each change hands `apply` the test rows must pass now
    (None when no filter narrows the list), which sets it on the list's proxy."""

    def __init__(
        self,
        filters: Sequence[ListFilter],
        list_name: str,
        apply: Callable[[Keep | None], None],
    ) -> None:
        super().__init__()
        self.filters = tuple(filters)
        self._apply = apply
        self.boxes: list[QComboBox | QCheckBox] = []
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        if self.filters:
            row.addWidget(QLabel("Show:"))
        for spec in self.filters:
            box = self._box(spec, list_name)
            self.boxes.append(box)
            row.addWidget(box)
        row.addStretch(1)
        hidden_unless(self, bool(self.filters))

    def _box(self, spec: ListFilter, list_name: str) -> QComboBox | QCheckBox:
        if isinstance(spec, Tick):
            tick = QCheckBox(spec.text)
            tick.setAccessibleName(f"{list_name}: {spec.text}")
            tick.toggled.connect(self.apply)
            return tick
        combo = QComboBox()
        combo.setAccessibleName(f"{list_name}: {spec.name}")
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.addItem(spec.every, None)
        if isinstance(spec, Choice):
            for text, _ in spec.options:
                combo.addItem(text, text)
        combo.currentIndexChanged.connect(self.apply)
        return combo

    def rows_loaded(self, rows: Sequence[Any]) -> None:
        """Offer the values the new rows hold; a chosen value no longer there means all rows."""
        for spec, box in zip(self.filters, self.boxes, strict=True):
            if not isinstance(spec, ValueChoice) or not isinstance(box, QComboBox):
                continue
            found = {spec.value(row) for row in rows} - {None, ""}
            values = sorted(found, key=spec.sort_key)
            chosen = box.currentData()
            box.blockSignals(True)
            while box.count() > 1:
                box.removeItem(1)
            for value in values:
                box.addItem(spec.text(value), value)
            box.setCurrentIndex(values.index(chosen) + 1 if chosen in values else 0)
            box.blockSignals(False)
        self.apply()

    def keeps(self) -> list[Keep]:
        """One test per filter that is narrowing the list now."""
        tests: list[Keep] = []
        for spec, box in zip(self.filters, self.boxes, strict=True):
            if isinstance(spec, Tick) and isinstance(box, QCheckBox):
                if box.isChecked():
                    tests.append(spec.keep)
            elif isinstance(box, QComboBox) and box.currentIndex() > 0:
                chosen = box.currentData()
                if isinstance(spec, Choice):
                    tests.append(dict(spec.options)[chosen])
                elif isinstance(spec, ValueChoice):
                    tests.append(_holds(spec, chosen))
        return tests

    def apply(self) -> None:
        tests = self.keeps()
        self._apply((lambda row: all(test(row) for test in tests)) if tests else None)

    def choose(self, name: str, text: str) -> None:
        """Choose an option by the filter's name and the option's text (a tick: its text)."""
        for spec, box in zip(self.filters, self.boxes, strict=True):
            if isinstance(box, QCheckBox) and isinstance(spec, Tick) and spec.text == name:
                box.setChecked(text not in ("", "no", "off"))
                return
            if isinstance(box, QComboBox) and getattr(spec, "name", None) == name:
                index = box.findText(text)
                if index < 0:
                    raise KeyError(f"{name} has no option {text!r}")
                box.setCurrentIndex(index)
                return
        raise KeyError(name)


def _holds(spec: ValueChoice, chosen: object) -> Keep:
    return lambda row: spec.value(row) == chosen


def proxy_filter(proxy: SearchProxy) -> Callable[[Keep | None], None]:
    """What a `FilterBar` does with its test: set it as the proxy's "bar" filter."""
    return lambda keep: proxy.set_filter(keep, name="bar")


def _headers(view: QTableView) -> list[str]:
    model = view.model()
    return [
        str(model.headerData(column, Qt.Orientation.Horizontal))
        for column in range(model.columnCount())
    ]


class ColumnChooser:
    """Right-click on a list's headings: tick the columns to show (at least one stays)."""

    def __init__(
        self,
        view: QTableView,
        settings: QSettings,
        name: str,
        changed: Callable[[], None] = lambda: None,
    ) -> None:
        self.view, self.settings, self.name, self.changed = view, settings, name, changed
        header = view.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._menu_at)
        header.setToolTip("Right-click to choose the columns shown")
        hidden = hidden_columns(settings, name)
        headers = _headers(view)
        if hidden and not set(headers) <= hidden:  # never hide every column
            for column, text in enumerate(headers):
                view.setColumnHidden(column, text in hidden)

    def menu(self) -> QMenu:
        menu = QMenu(self.view)
        menu.setAccessibleName("Columns shown")
        headers = _headers(self.view)
        shown = [c for c in range(len(headers)) if not self.view.isColumnHidden(c)]
        for column, text in enumerate(headers):
            action = menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(column in shown)
            action.setEnabled(shown != [column])  # the last column shown stays
            action.toggled.connect(lambda on, c=column: self.show_column(c, on))
        return menu

    def _menu_at(self, where: QPoint) -> None:
        self.menu().exec(self.view.horizontalHeader().mapToGlobal(where))

    def show_column(self, column: int, on: bool) -> None:
        self.view.setColumnHidden(column, not on)
        headers = _headers(self.view)
        hidden = {text for c, text in enumerate(headers) if self.view.isColumnHidden(c)}
        save_hidden_columns(self.settings, self.name, hidden)
        self.changed()


def remember_sort(view: QTableView, settings: QSettings, name: str) -> None:
    """Sort the list as it was last sorted, and keep each new choice of heading."""
    header = view.horizontalHeader()
    kept = list_sort(settings, name)
    headers = _headers(view)
    if kept is not None and kept[0] in headers:
        order = Qt.SortOrder.DescendingOrder if kept[1] else Qt.SortOrder.AscendingOrder
        view.sortByColumn(headers.index(kept[0]), order)

    def save(column: int, order: Qt.SortOrder) -> None:
        names = _headers(view)
        chosen = names[column] if 0 <= column < len(names) else None
        save_list_sort(settings, name, chosen, order == Qt.SortOrder.DescendingOrder)

    header.sortIndicatorChanged.connect(save)


def content_width(view: QTableView, column: int) -> int:
    """How wide a column's contents are. Over a `SearchProxy`, Qt measures only a screenful of
    rows and the column's longest text (found on the worker) stands for the rest: Qt's own
    thousand rows call into Python for every role of every cell, seconds on the GUI thread
    for a long list."""
    model = view.model()
    source = model.sourceModel() if isinstance(model, SearchProxy) else None
    if not isinstance(source, RowTableModel):
        return view.sizeHintForColumn(column)
    view.horizontalHeader().setResizeContentsPrecision(IN_SIGHT)
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    longest = view.fontMetrics().horizontalAdvance(source.longest_text(column)) + margin
    return max(view.sizeHintForColumn(column), longest)


def squeeze(natural: Sequence[int], floors: Sequence[int], available: int) -> list[int]:
    """Column widths that fit `available`: the widest columns give way first, down to their
    floors (a heading's width); if even the floors do not fit, the floors."""
    if sum(natural) <= available:
        return list(natural)
    low, high = 0, max(natural, default=0)
    while low < high:  # the largest cap at which the capped widths still fit
        cap = (low + high + 1) // 2
        if sum(max(f, min(n, cap)) for n, f in zip(natural, floors, strict=True)) <= available:
            low = cap
        else:
            high = cap - 1
    return [max(f, min(n, low)) for n, f in zip(natural, floors, strict=True)]


class ColumnFitter(QObject):
    """Keeps a list's columns as wide as their contents (none wider than `widest`) and, when
    the list is narrower than that, squeezes the widest ones so it never scrolls sideways.

    The widths are measured when rows load (`measure`) and shared out again whenever the list
    changes width (the window, the splitter) or a column is shown or hidden (`fit`).
    """

    def __init__(self, view: QTableView, widest: int = 220) -> None:
        super().__init__(view)
        self.view, self.widest = view, widest
        self._natural: list[int] = []
        self._full: list[int] = []  # before `widest` caps them
        self._floors: list[int] = []
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self.fit)
        view.viewport().installEventFilter(self)

    def measure(self) -> None:
        header, count = self.view.horizontalHeader(), self.view.model().columnCount()
        heads = [header.sectionSizeHint(c) + 8 for c in range(count)]
        self._full = [max(content_width(self.view, c) + 8, heads[c]) for c in range(count)]
        self._natural = [
            min(full, max(self.widest, head)) for full, head in zip(self._full, heads, strict=True)
        ]
        # Short columns (dates, a status, a count) stay whole; long text gives way, down to
        # its heading's width.
        self._floors = [
            natural if natural <= SHORT else min(head, 90)
            for natural, head in zip(self._natural, heads, strict=True)
        ]
        if self._floors:  # the first column names the record: whole if it can be
            self._floors[0] = max(self._floors[0], min(self._natural[0], 180))
        self.fit()

    def _shown(self) -> list[int]:
        return [c for c in range(len(self._natural)) if not self.view.isColumnHidden(c)]

    def needed(self) -> int:
        """The width the whole list needs to show every column in full, the last (which
        stretches) uncapped, with its frame and scroll bar."""
        columns = self._shown()
        if not columns:
            return 0
        scroll = self.view.verticalScrollBar().sizeHint().width()
        widths = [self._natural[c] for c in columns[:-1]] + [self._full[columns[-1]]]
        return sum(widths) + scroll + 2 * self.view.frameWidth() + 2

    def fit(self) -> None:
        columns = self._shown()
        if not columns or len(self._natural) != self.view.model().columnCount():
            return
        widths = squeeze(
            [self._natural[c] for c in columns],
            [self._floors[c] for c in columns],
            self.view.viewport().width(),
        )
        for column, width in zip(columns, widths, strict=True):
            self.view.setColumnWidth(column, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self._natural:
            self._soon.start()
        return False
