"""One table model per list, over immutable rows, and the proxy that sorts and searches it.

A list is described by its columns: a header, how to show a row's value, how to sort it,
its alignment and, optionally, a colour or a tooltip. `RowTableModel(columns)` shows a
tuple of rows (frozen dataclasses from a service) and hands a row back through `ROW_ROLE`;
`SearchProxy` sorts by each column's sort key and keeps the rows whose text contains every
word typed in the search box, ignoring case, and that every filter set on it keeps.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from apdesk.domain.formatting import format_short_date

R = TypeVar("R")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignCenter
Index = QModelIndex | QPersistentModelIndex
TIP_AFTER = 15  # characters: a longer cell shows its whole text as a tip


def uk_date(day: date | datetime | None) -> str:
    """'Mon 2 Mar 2026' for lists and grids; an empty cell when there is no date."""
    if day is None:
        return ""
    if isinstance(day, datetime):
        return f"{format_short_date(day.date())} {day:%H:%M}"
    return format_short_date(day)


@dataclass(frozen=True)
class Column(Generic[R]):
    """How one column shows a row: text, sort key, alignment and optional colours."""

    header: str
    text: Callable[[R], object]
    sort_key: Callable[[R], Any] | None = None
    align: Any = LEFT
    foreground: Callable[[R], QColor | None] | None = None
    background: Callable[[R], QColor | None] | None = None
    tooltip: Callable[[R], str | None] | None = None

    def display(self, row: R) -> str:
        value = self.text(row)
        if value is None:
            return ""
        if isinstance(value, date):
            return uk_date(value)
        return str(value)

    def key(self, row: R) -> Any:
        value = self.sort_key(row) if self.sort_key is not None else self.text(row)
        return value.lower() if isinstance(value, str) else value


class RowTableModel(QAbstractTableModel, Generic[R]):
    """A read-only table over a tuple of immutable rows."""

    def __init__(self, columns: Sequence[Column[R]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns: tuple[Column[R], ...] = tuple(columns)
        self._rows: tuple[R, ...] = ()

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    @property
    def rows(self) -> tuple[R, ...]:
        return self._rows

    def row(self, number: int) -> R:
        return self._rows[number]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.display(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return _qt_sortable(column.key(row))
        return self._styled(row, column, role)

    def _styled(self, row: R, column: Column[R], role: int) -> Any:
        getters: dict[int, Callable[[R], Any] | None] = {
            Qt.ItemDataRole.ForegroundRole: column.foreground,
            Qt.ItemDataRole.BackgroundRole: column.background,
            Qt.ItemDataRole.ToolTipRole: column.tooltip,
        }
        getter = getters.get(role)
        if getter is None:
            if role == Qt.ItemDataRole.ToolTipRole:  # in full, when a narrow column cuts it
                text = column.display(row)
                return text if len(text) > TIP_AFTER else None
            return None
        value = getter(row)
        return QBrush(value) if isinstance(value, QColor) else value

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if 0 <= section < len(self.columns):
            return self.columns[section].header
        return None


def _qt_sortable(value: Any) -> Any:
    """A sort key Qt can hold in a variant (the proxy compares the Python keys itself)."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


class SearchProxy(QSortFilterProxyModel):
    """Sorts by each column's sort key; keeps rows containing every typed word (any case)
    and, with `set_filter`, only rows each named filter keeps (the tab's own choice of kind,
    the filters above the list). Filtering is on the rows already loaded: nothing reloads."""

    def __init__(self, source: RowTableModel[Any], parent: Any = None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()
        self._keeps: dict[str, Callable[[Any], bool]] = {}
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._words = tuple(text.lower().split())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_filter(self, keep: Callable[[Any], bool] | None, name: str = "tab") -> None:
        """Keep only rows `keep` accepts (None: no such filter); each `name` is one filter."""
        self.beginFilterChange()
        if keep is None:
            self._keeps.pop(name, None)
        else:
            self._keeps[name] = keep
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, RowTableModel)
        row = model.row(source_row)
        if not all(keep(row) for keep in self._keeps.values()):
            return False
        if not self._words:
            return True
        haystack = " ".join(c.display(row) for c in model.columns).lower()
        return all(word in haystack for word in self._words)

    def lessThan(self, left: Index, right: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, RowTableModel)
        column = model.columns[left.column()]
        a, b = column.key(model.row(left.row())), column.key(model.row(right.row()))
        if a is None or b is None:
            return a is None and b is not None  # blanks first when ascending
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)

    def row_at(self, proxy_row: int) -> Any:
        return self.data(self.index(proxy_row, 0), ROW_ROLE)


class CheckableRowModel(RowTableModel[R]):
    """A table whose first column carries a tick box per row (a list to choose several from)."""

    def __init__(self, columns: Sequence[Column[R]], parent: Any = None) -> None:
        super().__init__(columns, parent)
        self._ticked: set[int] = set()

    def set_rows(self, rows: Sequence[R]) -> None:
        self._ticked = set()
        super().set_rows(rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole:
            if not index.isValid() or index.column() != 0 or index.row() >= len(self.rows):
                return None
            ticked = index.row() in self._ticked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() != 0:
            return False
        on = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        self.set_ticked(index.row(), on)
        return True

    def set_ticked(self, row: int, on: bool) -> None:
        (self._ticked.add if on else self._ticked.discard)(row)
        corner = self.index(row, 0)
        self.dataChanged.emit(corner, corner, [Qt.ItemDataRole.CheckStateRole])

    def tick_where(self, wanted: Callable[[R], bool]) -> None:
        for number, row in enumerate(self.rows):
            self.set_ticked(number, wanted(row))

    def ticked_rows(self) -> list[R]:
        return [row for number, row in enumerate(self.rows) if number in self._ticked]
