"""One table model per list, over immutable rows, and the proxy that sorts and searches it.

A list is described by its columns: a header, how to show a row's value, how to sort it,
its alignment and, optionally, a colour or a tooltip. `RowTableModel(columns)` shows a
tuple of rows (frozen dataclasses from a service) and hands a row back through `ROW_ROLE`;
`SearchProxy` sorts by each column's sort key and keeps the rows whose text contains every
word typed in the search box, ignoring case, and that every filter set on it keeps. The keys
and texts are worked out once per load (`prepare_rows`, on the worker), so a click or a
keystroke never calls back into the rows (decision 0021).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Generic, TypeVar, overload

from PySide6.QtCore import (
    QAbstractProxyModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
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
        return f"{format_short_date(day.date())} {day.hour:02d}:{day.minute:02d}"
    return _day_text(day)


@lru_cache(maxsize=8192)
def _day_text(day: date) -> str:
    """A long list holds the same few thousand days many times over."""
    return format_short_date(day)


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return uk_date(value)
    return str(value)


def _sortable(value: Any) -> Any:
    """Text compares without case; a day as its ordinal, an int, which sorts several times
    faster than a `date` (a header click on a long list of dates was most of its time)."""
    if isinstance(value, str):
        return value.lower()
    return value.toordinal() if value.__class__ is date else value


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
        return _shown(self.text(row))

    def key(self, row: R) -> Any:
        return _sortable(self.sort_key(row) if self.sort_key is not None else self.text(row))

    def texts_and_keys(self, rows: Sequence[R]) -> tuple[list[str], list[Any]]:
        """Every row's text and sort key in this column (each row's value read once)."""
        values: list[Any] = list(map(self.text, rows))
        keyed = values if self.sort_key is None else list(map(self.sort_key, rows))
        plain = _distinct(values)
        if plain is None:  # `_shown`, inline for the commonest values, text and days
            shown = [
                v if v.__class__ is str else _day_text(v) if v.__class__ is date else _shown(v)
                for v in values
            ]
        elif plain[0] == _TEXT:
            shown = values  # text is shown as it is
        else:
            texts = {v: _shown(v) for v in plain[1]}
            shown = list(map(texts.__getitem__, values))
        plain = plain if keyed is values else _distinct(keyed)
        if plain is None:
            return shown, [v.lower() if isinstance(v, str) else _sortable(v) for v in keyed]
        keys = {v: _sortable(v) for v in plain[1]}  # once a distinct value: no need to inline
        return shown, list(map(keys.__getitem__, keyed))


#: Values of these kinds equal only values of their own kind (no text equals a day, no day a
#: number, nothing but None is None), so a column holding only these is told apart by value:
#: its text and key are worked out once per distinct value and the rest looked up (a long
#: list holds the same few hundred names, days and kinds many times over, and a call a cell
#: was most of its load).
_BY_VALUE = frozenset({str, date, int, type(None)})
_TEXT = {str}


def _distinct(values: list[Any]) -> tuple[set[type], set[Any]] | None:
    """The kinds of the values and the distinct values, when every value is of a kind in
    `_BY_VALUE`; else None."""
    kinds = set(map(type, values))
    return (kinds, set(values)) if kinds <= _BY_VALUE else None


@dataclass(frozen=True)
class PreparedRows(Sequence[R]):
    """Rows with what sorting and searching them needs, worked out once (on the worker, by
    `prepare_rows`): each row's search text and each column's sort keys. It is the sequence
    of its rows, so it goes wherever rows go."""

    rows: tuple[R, ...]
    texts: list[str]
    keys: list[list[Any]]
    longest: list[str] = field(default_factory=list)  # each column's longest text

    @overload
    def __getitem__(self, index: int) -> R: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[R]: ...

    def __getitem__(self, index: int | slice) -> R | Sequence[R]:
        return self.rows[index]

    def __len__(self) -> int:
        return len(self.rows)


def search_text(columns: Sequence[Column[R]], row: R) -> str:
    """What the search box looks in: every column's text, lower-cased."""
    return " ".join(column.display(row) for column in columns).lower()


def prepare_rows(columns: Sequence[Column[R]], rows: Sequence[R]) -> PreparedRows[R]:
    """Plain Python, safe on the worker: so a click or a keystroke on a long list compares
    ready-made keys and never calls back into each row."""
    kept = tuple(rows)
    cells = [column.texts_and_keys(kept) for column in columns]
    texts = list(map(str.lower, map(" ".join, zip(*(shown for shown, _ in cells), strict=True))))
    longest = [max(shown, key=len, default="") for shown, _ in cells]
    return PreparedRows(kept, texts or [""] * len(kept), [keys for _, keys in cells], longest)


class RowTableModel(QAbstractTableModel, Generic[R]):
    """A read-only table over a tuple of immutable rows, with their search texts and sort
    keys kept beside them (`texts`, `keys`) for `SearchProxy`."""

    def __init__(self, columns: Sequence[Column[R]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns: tuple[Column[R], ...] = tuple(columns)
        self._prepared: PreparedRows[R] = prepare_rows(self.columns, ())
        # A row changed in place (its signal) gets its search text and keys worked out again.
        self.dataChanged.connect(self._row_changed)

    def set_rows(self, rows: Sequence[R]) -> None:
        prepared = rows if isinstance(rows, PreparedRows) else prepare_rows(self.columns, rows)
        self.beginResetModel()
        self._prepared = prepared
        self.endResetModel()

    def replace_row(self, number: int, row: R) -> None:
        """Row `number` is now `row` (one record changed, as a save brought it back): its
        search text and keys are worked out again (`_row_changed`) and only it repaints."""
        rows = self._prepared.rows
        self._prepared = replace(self._prepared, rows=(*rows[:number], row, *rows[number + 1 :]))
        self.dataChanged.emit(self.index(number, 0), self.index(number, len(self.columns) - 1))

    @property
    def rows(self) -> tuple[R, ...]:
        return self._prepared.rows

    @property
    def texts(self) -> list[str]:
        return self._prepared.texts

    def keys(self, column: int) -> list[Any]:
        return self._prepared.keys[column]

    def longest_text(self, column: int) -> str:
        """The column's longest text, for sizing it without asking Qt about every row."""
        longest = self._prepared.longest
        return longest[column] if column < len(longest) else ""

    def row(self, number: int) -> R:
        return self._prepared.rows[number]

    def _row_changed(
        self, top: QModelIndex, bottom: QModelIndex, roles: Sequence[int] = ()
    ) -> None:
        if roles and set(roles) <= {Qt.ItemDataRole.CheckStateRole}:
            return
        rows, keys, longest = self._prepared.rows, self._prepared.keys, self._prepared.longest
        for number in range(top.row(), bottom.row() + 1):
            self._prepared.texts[number] = search_text(self.columns, rows[number])
            for column, spec in enumerate(self.columns):
                keys[column][number] = spec.key(rows[number])
                shown = spec.display(rows[number])
                if column < len(longest) and len(shown) > len(longest[column]):
                    longest[column] = shown

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._prepared.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        rows = self._prepared.rows
        if not index.isValid() or index.row() >= len(rows):
            return None
        row, column = rows[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.display(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role == ROW_ROLE:
            return row
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


class SearchProxy(QAbstractProxyModel):
    """Sorts by each column's sort key; keeps rows containing every typed word (any case)
    and, with `set_filter`, only rows each named filter keeps (the tab's own choice of kind,
    the filters above the list). Filtering is on the rows already loaded: nothing reloads.

    It works on the keys and texts its `RowTableModel` holds, in plain Python lists: a
    header click is one `sorted` over ready keys, a keystroke one pass of `in` over ready
    texts, and a filter choice one call per row. (A `QSortFilterProxyModel` calls back into
    Python for every comparison and every row, seconds on a long list.) Blanks sort first
    ascending, last descending; equal keys keep the order the service gave. A rearranging
    keeps the chosen row chosen while it is still shown."""

    def __init__(self, source: RowTableModel[Any], parent: Any = None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()
        self._keeps: dict[str, Callable[[Any], bool]] = {}
        self._column, self._order = -1, Qt.SortOrder.AscendingOrder
        self._sorted: list[int] = []  # every source row, in the order chosen
        self._kept: bytearray | None = None  # 1 where every named filter keeps the row
        self._found: bytearray | None = None  # 1 where the row holds every typed word
        self._shown: list[int] = []  # proxy row -> source row
        self._where_made: dict[int, int] | None = None  # source row -> proxy row, once asked
        self.setSourceModel(source)

    def setSourceModel(self, source: Any) -> None:
        assert isinstance(source, RowTableModel)
        self.beginResetModel()
        super().setSourceModel(source)
        source.modelAboutToBeReset.connect(self.beginResetModel)
        source.modelReset.connect(self._source_reset)
        source.dataChanged.connect(self._source_changed)
        source.headerDataChanged.connect(self.headerDataChanged)
        self._source_reset()

    def source(self) -> RowTableModel[Any]:
        model = self.sourceModel()
        assert isinstance(model, RowTableModel)
        return model

    # What the tab and the view ask ---------------------------------------------------------
    def set_search(self, text: str) -> None:
        self._words = tuple(text.lower().split())
        self._found = self._search()
        self._rearrange()

    def set_filter(self, keep: Callable[[Any], bool] | None, name: str = "tab") -> None:
        """Keep only rows `keep` accepts (None: no such filter); each `name` is one filter."""
        if keep is None:
            self._keeps.pop(name, None)
        else:
            self._keeps[name] = keep
        self._kept = self._filter()
        self._rearrange()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._column, self._order = column, order
        self._sorted = self._sort()
        self._rearrange()

    def row_at(self, proxy_row: int) -> Any:
        return self.data(self.index(proxy_row, 0), ROW_ROLE)

    # Working out the rows shown ------------------------------------------------------------
    def _sort(self) -> list[int]:
        model = self.source()
        every = range(model.rowCount())
        if not 0 <= self._column < model.columnCount():
            return list(every)
        keys = model.keys(self._column)
        blanks = [number for number in every if keys[number] is None]
        rest = [number for number in every if keys[number] is not None]
        descending = self._order == Qt.SortOrder.DescendingOrder
        try:
            rest.sort(key=keys.__getitem__, reverse=descending)
        except TypeError:  # keys of different kinds: compare them as text
            rest.sort(key=lambda number: str(keys[number]), reverse=descending)
        return rest + blanks if descending else blanks + rest

    def _filter(self) -> bytearray | None:
        if not self._keeps:
            return None
        keeps = tuple(self._keeps.values())
        return bytearray(all(keep(row) for keep in keeps) for row in self.source().rows)

    def _search(self) -> bytearray | None:
        if not self._words:
            return None
        texts = self.source().texts
        found = range(len(texts))
        for word in self._words:  # each word narrows the rows the last one left
            found = [number for number in found if word in texts[number]]  # type: ignore[assignment]
        marks = bytearray(len(texts))
        for number in found:
            marks[number] = 1
        return marks

    def _chosen(self) -> list[int]:
        kept, found = self._kept, self._found
        if kept is None and found is None:
            return list(self._sorted)
        if kept is None or found is None:
            only = kept if found is None else found
            assert only is not None
            return [number for number in self._sorted if only[number]]
        return [number for number in self._sorted if kept[number] and found[number]]

    def _show(self, shown: list[int]) -> None:
        self._shown = shown
        self._where_made = None

    @property
    def _where(self) -> dict[int, int]:
        """Source row -> proxy row, made when first asked after a rearranging (a header
        click needs only the chosen row's place, found by `_places`)."""
        if self._where_made is None:
            self._where_made = {source: proxy for proxy, source in enumerate(self._shown)}
        return self._where_made

    def _places(self, sources: set[int]) -> dict[int, int]:
        """Where these source rows are shown now: a few (the chosen row) by a scan each,
        which is quicker than mapping every row of a long list."""
        if len(sources) > 8 or self._where_made is not None:
            return {row: self._where[row] for row in sources if row in self._where}
        shown, found = self._shown, {}
        for row in sources:
            with contextlib.suppress(ValueError):  # not shown now (a search hides it)
                found[row] = shown.index(row)
        return found

    def _rearrange(self) -> None:
        """Show the rows now chosen, keeping the view's selection on the rows still shown."""
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        sources = [(self._shown[index.row()], index.column()) for index in before]
        self._show(self._chosen())
        places = self._places({row for row, _ in sources})
        after = [
            self.index(places[row], column) if row in places else QModelIndex()
            for row, column in sources
        ]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _source_reset(self) -> None:
        self._sorted, self._kept, self._found = self._sort(), self._filter(), self._search()
        self._show(self._chosen())
        self.endResetModel()

    def _source_changed(
        self, top: QModelIndex, bottom: QModelIndex, roles: Sequence[int] = ()
    ) -> None:
        """A row changed in place: sort and filter again if it could move, then repaint."""
        if not roles or not set(roles) <= {Qt.ItemDataRole.CheckStateRole}:
            self._sorted, self._kept, self._found = self._sort(), self._filter(), self._search()
            self._rearrange()
        for number in range(top.row(), bottom.row() + 1):
            if number in self._where:
                row = self._where[number]
                self.dataChanged.emit(
                    self.index(row, top.column()), self.index(row, bottom.column()), roles
                )

    # The proxy's shape ---------------------------------------------------------------------
    def mapToSource(self, proxy: Index) -> QModelIndex:
        if not proxy.isValid() or proxy.row() >= len(self._shown):
            return QModelIndex()
        return self.source().index(self._shown[proxy.row()], proxy.column())

    def mapFromSource(self, source: Index) -> QModelIndex:
        if not source.isValid() or source.row() not in self._where:
            return QModelIndex()
        return self.index(self._where[source.row()], source.column())

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < len(self._shown)):
            return QModelIndex()
        if not 0 <= column < self.source().columnCount():
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        return QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.source().columnCount()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            return self.source().headerData(section, orientation, role)
        return section + 1 if role == Qt.ItemDataRole.DisplayRole else None


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
