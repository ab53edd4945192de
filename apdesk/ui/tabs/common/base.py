"""A searchable, sortable list beside a detail editor: the shape of every tab.

A tab says how to load its rows (a service call, run on the worker), which kinds of change
make it reload, and what to show when a row is chosen. The list keeps the chosen record
selected across reloads. Above the list sit the tab's filters (`filters`, shown by
`list_tools.FilterBar`); right-clicking the headings chooses the columns shown; the splitter,
hidden columns and sort order are remembered. Columns fit their contents, squeezed rather
than scrolled when the list is narrow; while the detail side is empty the list gets the width
it needs, and beside a record it leaves the record room (or the split someone dragged to).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.services.changes import Change
from apdesk.ui.bus import entities
from apdesk.ui.context import UiContext
from apdesk.ui.list_tools import (
    ColumnChooser,
    ColumnFitter,
    FilterBar,
    Keep,
    ListFilter,
    content_width,
    remember_sort,
)
from apdesk.ui.models import (
    ROW_ROLE,
    Column,
    PreparedRows,
    RowTableModel,
    SearchProxy,
    prepare_rows,
)
from apdesk.ui.settings import restore_splitter, save_splitter
from apdesk.ui.unsaved import Answer, ChangeTracker, Done, ask_to_save, wait_for_save
from apdesk.ui.widgets import hidden_unless

NEW = "new record"  # what a list-and-editor tab shows while a new record is being typed
LOADING = "Loading…"  # the count line of a list whose first rows are still on their way
EMPTY_DETAIL_WIDTH = 380  # the detail side's share while it shows only its hint
SEARCH_AT_ONCE = 2000  # rows: a shorter list is searched at each keystroke, a longer one
SEARCH_PAUSE_MS = 150  # once typing pauses this long


def make_table(name: str) -> QTableView:
    """A read-only list: whole-row selection, sortable by clicking a heading.

    Until a heading is clicked, rows stay in the order the service gave (which is often the
    meaningful one: most urgent first, or by date).
    """
    view = QTableView()
    view.setAccessibleName(name)
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setHighlightSections(False)
    return view


def fit_columns(view: QTableView, widest: int = 220) -> None:
    """Columns as wide as their contents, none wider than `widest`; the last one stretches."""
    model = view.model()
    header = view.horizontalHeader()
    for column in range(model.columnCount() - 1 if model else 0):
        width = max(content_width(view, column), header.sectionSizeHint(column))
        view.setColumnWidth(column, min(width + 8, widest))


class Tab(QWidget):
    """What the main window asks of every tab: load, search, new, save, show a record."""

    title = ""
    kinds: frozenset[RecordKind] = frozenset()  # the kinds of record this tab opens
    permission = Permission.VIEW_PUPILS
    reload_on: frozenset[RecordKind] = frozenset()
    # Ask the window to show a record in another tab: its RecordKind and key (an id; for
    # attendance, a pupil id and a day). Signal(object, ...) keeps the enum, not a str.
    open_record = Signal(object, object)
    said = Signal(str)  # a line for the status bar ("Saved Robin Testcase at 09:30.")

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.loaded = False
        self._stale = False  # a change it cares about came while it was out of sight
        ctx.bus.changed.connect(self._on_changed)
        ctx.bus.time_passed.connect(self._on_time_passed)

    @classmethod
    def allowed(cls, ctx: UiContext) -> bool:
        """Whether the signed-in person gets this tab at all."""
        return ctx.may(cls.permission)

    def refresh(self) -> None:
        """F5, and whenever a change this tab cares about is reported."""

    def focus_search(self) -> None:
        """Ctrl+F."""

    def new_record(self) -> None:
        """Ctrl+N: start a new record in the detail editor."""

    def save_record(self) -> None:
        """Ctrl+S: save what the detail editor holds."""

    def select_key(self, key: object) -> None:
        """Show the record with this key."""

    # Unsaved changes -----------------------------------------------------------------------
    def has_changes(self) -> bool:
        """Whether the record on show holds typing that is not saved."""
        return False

    def unsaved_what(self) -> str:
        """What the "Save changes?" question names ("Robin Testcase", "the new pupil")."""
        return ""

    def save_changes(self, done: Done) -> None:
        """Save the record on show; `done(True)` once stored, `done(False)` if refused."""
        done(True)

    def discard_changes(self, revert: bool) -> None:
        """Forget the typing; with `revert`, show the record as stored again."""

    def settle(self, *, revert: bool = True) -> bool:
        """Before moving away: True to go on (nothing unsaved, saved, or discarded)."""
        if not self.has_changes():
            return True
        answer = ask_to_save(self.window(), self.unsaved_what())
        if answer is Answer.CANCEL:
            return False
        if answer is Answer.DISCARD:
            self.discard_changes(revert)
            return True
        return wait_for_save(self.save_changes)

    def _on_changed(self, changes: tuple[Change, ...]) -> None:
        if self.loaded and entities(changes) & self.reload_on:
            self.refresh_when_seen()

    def _on_time_passed(self) -> None:
        if self.loaded:  # midnight or a register's close: what the clock decides may differ
            self.refresh_when_seen()

    def refresh_when_seen(self) -> None:
        """Reload now if the tab is on show; a tab out of sight reloads when it is next shown,
        so marks typed in one tab do not queue every other tab's reload on the worker."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()


class Editor(Protocol):
    """What a list-and-detail tab asks of the editor beside its list (`EditsRecord` gives
    `has_changes` and `unsaved_what`); `EditorTab` asks more (`RecordEditor`)."""

    tracker: ChangeTracker

    def has_changes(self) -> bool: ...

    def unsaved_what(self) -> str: ...

    def save(self, done: Done | None = None) -> None: ...


class ListDetailTab(Tab):
    """Subclasses set `title`, `permission`, `reload_on`, `columns` and `load_rows`."""

    columns: Sequence[Column[Any]] = ()
    filters: Sequence[ListFilter] = ()  # the choices above the list (active only, a provider)
    new_label = ""
    record_room = 560  # the width a record's editor is left beside the list, unless dragged
    editor: Editor | None = None  # the record editor beside the list, if it edits records

    def has_changes(self) -> bool:
        return self.editor is not None and self.editor.has_changes()

    def unsaved_what(self) -> str:
        return self.editor.unsaved_what() if self.editor is not None else ""

    def save_changes(self, done: Done) -> None:
        if self.editor is None:
            done(True)
        else:
            self.editor.save(done)

    def __init__(self, ctx: UiContext, detail: QWidget) -> None:
        super().__init__(ctx)
        self.detail = detail
        self._selected_key: object = None
        self._shown_key: object = None  # the row whose record is on show, or NEW
        self._reverting = False  # putting the list's choice back after Cancel
        self._filtering = False  # the search is hiding rows (not a choice of record)
        self._moving = False  # asking about changes before showing another row
        self._shown_source: int | None = None  # the model row of the record on show
        self.model: RowTableModel[Any] = RowTableModel(self.columns, self)
        self.proxy = SearchProxy(self.model, self)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(f"Search {self.title.lower()}")
        self.search.textChanged.connect(self._search_typed)
        self._search_soon = QTimer(self)
        self._search_soon.setSingleShot(True)
        self._search_soon.setInterval(SEARCH_PAUSE_MS)
        self._search_soon.timeout.connect(lambda: self._search_changed(self.search.text()))
        self.view = make_table(f"{self.title} list")
        self.view.setModel(self.proxy)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.activated.connect(lambda index: self.activate_row(index.data(ROW_ROLE)))
        name = type(self).__name__
        self.fitter = ColumnFitter(self.view)
        self.column_chooser = ColumnChooser(self.view, ctx.settings, name, self._columns_changed)
        remember_sort(self.view, ctx.settings, name)
        self.filter_bar = FilterBar(self.filters, self.title, self._filter_changed)
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.hide()
        self.count = QLabel()
        self.count.setAccessibleName("Number of rows shown")
        self.new_button = QPushButton(self.new_label)
        self.new_button.setAccessibleName(self.new_label.replace("&", ""))
        self.new_button.clicked.connect(self.new_record)
        hidden_unless(self.new_button, bool(self.new_label) and self.can_create())
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._list_side())
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([600, 440])
        QVBoxLayout(self).addWidget(self.splitter)
        restore_splitter(ctx.settings, name, self.splitter)
        # The split someone dragged to, used whenever a record is on show.
        kept = ctx.settings.contains(f"splitters/{name}")
        self._dragged = self.splitter.saveState() if kept else None
        self.splitter.splitterMoved.connect(self._splitter_dragged)

    def _list_side(self) -> QWidget:
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        side = QWidget()
        column = self.list_column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.header)
        column.addLayout(top)
        column.addWidget(self.filter_bar)
        column.addWidget(self.view, 1)
        column.addWidget(self.count)
        return side

    # What subclasses provide ------------------------------------------------------------
    def load_rows(self) -> Sequence[Any]:
        """Runs on the worker: the service call that lists this tab's rows."""
        raise NotImplementedError

    def row_key(self, row: Any) -> object:
        return getattr(row, "id", None)

    def show_row(self, row: Any | None) -> None:
        """The chosen row (None when nothing is chosen); load and show its record."""

    def activate_row(self, row: Any) -> None:
        """Enter or double-click on a row."""

    def can_create(self) -> bool:
        return False

    # Shared behaviour -------------------------------------------------------------------
    def refresh(self) -> None:
        if not self.loaded:  # the window is up and usable; the rows fill in from the worker
            self.count.setText(LOADING)
        self.ctx.run(self._prepared_rows, self._show_rows, parent=self)

    def _prepared_rows(self) -> PreparedRows[Any]:
        """On the worker: the rows, with their sort keys and search texts worked out."""
        return prepare_rows(self.model.columns, self.load_rows())

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def select_key(self, key: object) -> None:
        """Choose the row with this key (after the next load if it is not there yet)."""
        self._selected_key = key
        for number, row in enumerate(self.model.rows):  # plain rows: no call through Qt
            if self.row_key(row) != key:
                continue
            index = self.proxy.mapFromSource(self.model.index(number, 0))
            if index.isValid():
                self._choose(index)
                self.view.scrollTo(index)
                return

    def _choose(self, index: QModelIndex) -> None:
        """Make the row at `index` the one chosen (the current row, selected whole)."""
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def clear_selection(self) -> None:
        self.view.selectionModel().setCurrentIndex(
            QModelIndex(), QItemSelectionModel.SelectionFlag.Clear
        )

    def selected_row(self) -> Any | None:
        index = self.view.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def _show_rows(self, rows: Sequence[Any]) -> None:
        key = self._selected_key
        first = not self.loaded
        self._shown_source = None
        self.model.set_rows(rows)
        self.filter_bar.rows_loaded(self.model.rows)
        self.loaded = True
        self.fitter.measure()
        if first:
            self._arrange()
        self._update_count()
        if key is not None:
            self.select_key(key)
        keep = self._shown_key == NEW or self.has_changes()  # typing survives a reload
        if not self.view.currentIndex().isValid() and not keep:
            self._show(None)

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._reverting:
            return
        row = current.data(ROW_ROLE) if current.isValid() else None
        key = self.row_key(row) if row is not None else None
        if self.has_changes():
            if row is None or self._filtering or key == self._shown_key:
                return  # the list changed under the record being edited: keep the typing
            kept = self._selected_key
            self._selected_key, self._moving = key, True
            try:
                moving_on = self.settle(revert=False)
            finally:
                self._moving = False
            if not moving_on:
                self._selected_key = kept
                self._put_back(previous)
                return
        self._shown_source = self.proxy.mapToSource(current).row() if row is not None else None
        self._show(row)

    def _show(self, row: Any | None) -> None:
        if row is not None:
            self._selected_key = self._shown_key = self.row_key(row)
        else:
            self._shown_key = None
        self.show_row(row)
        self._arrange()

    def _put_back(self, previous: QModelIndex) -> None:
        """Choose again the row whose record is still on show (after Cancel)."""
        self._reverting = True
        try:
            if previous.isValid():
                self._choose(previous)
            else:
                self.clear_selection()
        finally:
            self._reverting = False

    def showing_new(self) -> None:
        """A new record is in the editor (not a row of the list)."""
        self._selected_key, self._shown_key = None, NEW
        self._arrange()

    def record_saved(self, key: object) -> None:
        """The editor saved a record: say so, and choose it unless the person is moving on."""
        what = self.unsaved_what() or f"the {self.title.lower()} record"
        self.said.emit(f"Saved {what} at {self.ctx.clock.now():%H:%M}.")
        if not self._moving:
            self.select_key(key)

    def discard_changes(self, revert: bool) -> None:
        if self.editor is not None:
            self.editor.tracker.forget()
        if revert:
            self._show(None if self._shown_key == NEW else self.selected_row())

    def _columns_changed(self) -> None:
        self.fitter.fit()
        self._arrange()

    def _splitter_dragged(self, *_: object) -> None:
        save_splitter(self.ctx.settings, type(self).__name__, self.splitter)
        self._dragged = self.splitter.saveState()

    def _arrange(self) -> None:
        """Share the width: the list all it needs beside an empty detail side; beside a
        record, the dragged split, else the list what it needs short of the record's room."""
        total = sum(self.splitter.sizes())
        if total <= 0 or not self.loaded:
            return
        if self._shown_key is not None and self._dragged is not None:
            self.splitter.restoreState(self._dragged)
            return
        room = EMPTY_DETAIL_WIDTH if self._shown_key is None else self.record_room
        room = max(room, self.detail.minimumSizeHint().width())
        width = min(self.fitter.needed(), max(total - room, total // 3))
        self.splitter.setSizes([width, total - width])

    def _filter_changed(self, keep: Keep | None) -> None:
        self._filtering = True
        try:
            self.proxy.set_filter(keep, name="bar")
        finally:
            self._filtering = False
        self._choose_shown_again()
        self._update_count()

    def _search_typed(self, text: str) -> None:
        if self.model.rowCount() < SEARCH_AT_ONCE:
            self._search_changed(text)
        else:
            self._search_soon.start()

    def _search_changed(self, text: str) -> None:
        self._search_soon.stop()
        self._filtering = True
        try:
            self.proxy.set_search(text)
        finally:
            self._filtering = False
        self._choose_shown_again()
        self._update_count()

    def _choose_shown_again(self) -> None:
        """A search or filter that hid the record on show and now shows it again: its row is
        chosen again (the record stays on show meanwhile, typing and all)."""
        if self.view.currentIndex().isValid() or self._shown_source is None:
            return
        index = self.proxy.mapFromSource(self.model.index(self._shown_source, 0))
        if not index.isValid():
            return
        self._reverting = True
        try:
            self._choose(index)
        finally:
            self._reverting = False

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"{shown} of {total} shown" if shown != total else f"{total} in all")
