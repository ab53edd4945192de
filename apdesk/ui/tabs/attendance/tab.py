"""Attendance: the weekly register typed from the keyboard, one pupil's picture, the risk
register.

Type a DfE code into a cell and it is checked and recorded at once; the cursor moves on to
the next session, so a week is typed without the mouse. A code outside the table is refused
with the reason. Below, the Attendance & Punctuality Risk Register with its flags.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
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

from apdesk.domain.attendance import monday_of
from apdesk.domain.calendar import school_year_start
from apdesk.domain.errors import InvalidInput
from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.services import attendance as attendance_service
from apdesk.services import corrections
from apdesk.services.attendance import (
    RECORDED,
    Marked,
    MarkEntry,
    RegisterRow,
    RegisterWeek,
    RiskRegisterRow,
)
from apdesk.services.changes import Change
from apdesk.services.school import one_school
from apdesk.ui import corrections as correcting
from apdesk.ui.bus import entities
from apdesk.ui.context import UiContext
from apdesk.ui.errors import show_error
from apdesk.ui.list_tools import ColumnChooser, FilterBar, Tick, proxy_filter, remember_sort
from apdesk.ui.models import ROW_ROLE, RowTableModel, SearchProxy
from apdesk.ui.tabs.attendance.register_model import CodeDelegate, RegisterModel
from apdesk.ui.tabs.attendance.risk_register import RISK_COLUMNS
from apdesk.ui.tabs.attendance.side import PupilAttendancePanel, scrolling
from apdesk.ui.tabs.common.base import Tab, fit_columns, make_table
from apdesk.ui.widgets import hidden_unless

LEGEND = (
    "Type a code in a cell: B attended provision the school arranged, K arranged by the local "
    "authority, D dual registered, L late, I illness, N no reason yet, O unauthorised … (any "
    "DfE code but / and \\, which mean present at school). Cells show the final code | the "
    "provider's report. Red ! = unexplained absence (no mark once the register closed, or N "
    "or O): follow up today."
)
RELOAD_DELAY_MS = 250


@dataclass(frozen=True)
class AttendanceData:
    week: RegisterWeek
    risk: list[RiskRegisterRow]


class AttendanceTab(Tab):
    title = "Attendance"
    kinds = frozenset({RecordKind.ATTENDANCE})
    permission = Permission.VIEW_ATTENDANCE
    # the school's calendar decides which sessions are expected
    reload_on = frozenset(
        {RecordKind.ATTENDANCE, RecordKind.PLACEMENT, RecordKind.PUPIL, RecordKind.SCHOOL}
    )

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.day = ctx.clock.today()
        self._select_after_load: object = None  # a pupil to choose once the week is shown
        self.register = RegisterModel(self)
        self.register.mark_entered.connect(self.record)
        self.register.refused.connect(lambda text: show_error(self, InvalidInput(text)))
        self.grid_proxy = QSortFilterProxyModel(self)
        self.grid_proxy.setSourceModel(self.register)
        self.grid_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.grid = self._grid()
        self.risk: RowTableModel[RiskRegisterRow] = RowTableModel(RISK_COLUMNS, self)
        self.risk_view = make_table("Attendance and punctuality risk register")
        self.risk_proxy = SearchProxy(self.risk, self)
        self.risk_view.setModel(self.risk_proxy)
        self.risk_view.activated.connect(self._risk_chosen)
        ColumnChooser(self.risk_view, ctx.settings, "RiskRegister")
        remember_sort(self.risk_view, ctx.settings, "RiskRegister")
        self.risk_filters = FilterBar(
            (Tick("Flagged only", lambda r: bool(r.risk.flags)),),
            "Risk register",
            proxy_filter(self.risk_proxy),
        )
        self.earlier = QCheckBox("Earlier school years too")
        self.earlier.setAccessibleName("Risk register: earlier school years too")
        self.earlier.setToolTip(
            "Also the placements that ended before this school year began (1 September); "
            "on many years of records they take a while to count."
        )
        self.earlier.toggled.connect(self._load_risk)
        self.side = PupilAttendancePanel(ctx.may(Permission.RECORD_ATTENDANCE))
        self.side.report_entered.connect(self.record)
        self._reload_soon = QTimer(self)
        self._reload_soon.setSingleShot(True)
        self._reload_soon.setInterval(RELOAD_DELAY_MS)
        self._reload_soon.timeout.connect(self._reload_when_idle)
        self._layout()

    def _grid(self) -> QTableView:
        grid = make_table("Weekly register")
        grid.setModel(self.grid_proxy)
        grid.setSortingEnabled(False)
        grid.setItemDelegate(CodeDelegate(grid))
        grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        editable = self.ctx.may(Permission.RECORD_ATTENDANCE)
        grid.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            if editable
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        header = grid.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setDefaultSectionSize(54)
        grid.verticalHeader().setDefaultSectionSize(30)
        grid.selectionModel().currentChanged.connect(self._cell_chosen)
        return grid

    def _layout(self) -> None:
        self.week_label = QLabel()
        self.week_label.setAccessibleName("Week shown")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find a pupil (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search attendance")
        self.search.textChanged.connect(self.grid_proxy.setFilterFixedString)
        bar = QHBoxLayout()
        for text, days in (("◀ &Previous week", -7), ("This &week", 0), ("&Next week ▶", 7)):
            button = QPushButton(text)
            button.setAccessibleName(text.replace("&", "").strip("◀▶ "))
            button.clicked.connect(lambda _=False, d=days: self.move_week(d))
            bar.addWidget(button)
        bar.addWidget(self.week_label, 1)
        self.clear_button = QPushButton("C&lear mark…")
        self.clear_button.setAccessibleName("Clear mark")
        self.clear_button.setToolTip("Clear a mark typed by mistake in the chosen cell")
        self.clear_button.clicked.connect(self.ask_clear)
        hidden_unless(self.clear_button, self.ctx.may(Permission.RECORD_ATTENDANCE))
        bar.addWidget(self.clear_button)
        bar.addWidget(self.search)
        legend = QLabel(LEGEND)
        legend.setWordWrap(True)
        legend.setStyleSheet("color: #5f6b76;")
        top = QWidget()
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(bar)
        column.addWidget(self.grid, 1)
        column.addWidget(legend)
        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(top)
        upper.addWidget(scrolling(self.side))
        upper.setSizes([940, 460])
        lower = QWidget()
        risk_column = QVBoxLayout(lower)
        risk_column.setContentsMargins(0, 0, 0, 0)
        risk_title = QLabel(
            "<b>Attendance &amp; Punctuality Risk Register</b> "
            "(placements running this school year, each over its whole length, unmarked "
            "expected sessions included; missing 10% or more is persistent absence, 50% or "
            "more severe)"
        )
        risk_title.setWordWrap(True)
        risk_top = QHBoxLayout()
        risk_top.addWidget(risk_title, 1)
        risk_top.addWidget(self.earlier)
        risk_top.addWidget(self.risk_filters)
        risk_column.addLayout(risk_top)
        risk_column.addWidget(self.risk_view)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(lower)
        self.splitter.setSizes([640, 220])
        QVBoxLayout(self).addWidget(self.splitter)

    def refresh(self) -> None:
        svc, actor, day, since = self.ctx.services, self.ctx.actor, self.day, self._since()

        def load() -> AttendanceData:
            with one_school():
                return AttendanceData(
                    attendance_service.week_grid(svc, actor, day),
                    attendance_service.risk_register(svc, actor, since),
                )

        self.ctx.run(load, self._show, parent=self)

    def _since(self) -> date | None:
        """The risk register's first day: this school year's, unless earlier years are asked for."""
        return None if self.earlier.isChecked() else school_year_start(self.ctx.clock.today())

    def _load_risk(self) -> None:
        svc, actor, since = self.ctx.services, self.ctx.actor, self._since()
        self.ctx.run(
            lambda: attendance_service.risk_register(svc, actor, since),
            self.risk.set_rows,
            parent=self,
        )

    def _show(self, data: AttendanceData) -> None:
        if self.grid.state() == QAbstractItemView.State.EditingState:
            # Someone is typing in a cell: show the new week once the cell is committed.
            QTimer.singleShot(RELOAD_DELAY_MS, lambda: self._show(data))
            return
        current = self.grid.currentIndex()
        where = (current.row(), current.column()) if current.isValid() else None
        self.register.set_week(data.week)
        first = not self.loaded
        self.risk.set_rows(data.risk)
        if first:
            fit_columns(self.risk_view)
        monday = data.week.monday
        self.week_label.setText(f"  Week beginning {monday:%A} {monday.day} {monday:%B %Y}")
        self.loaded = True
        if where is not None:
            self.grid.setCurrentIndex(self.grid_proxy.index(*where))
        if self._select_after_load is not None:
            pupil, self._select_after_load = self._select_after_load, None
            self.select_key(pupil)
        for column in (0, 1):  # names in full, but never crowding out the week
            self.grid.resizeColumnToContents(column)
            self.grid.setColumnWidth(column, min(self.grid.columnWidth(column), 170))

    def move_week(self, days: int) -> None:
        self.day = self.ctx.clock.today() if days == 0 else self.day + timedelta(days=days)
        self.refresh()

    def record(self, entry: MarkEntry) -> None:
        """Save a typed session; the same job reads back only what it changes (its row of the
        week, its risk register line, its sessions beside), so nothing reloads whole."""
        svc, actor, shown = self.ctx.services, self.ctx.actor, self.day
        self.ctx.run(
            lambda: attendance_service.record_mark(svc, actor, entry, shown),
            lambda marked: self._marked(marked, entry, shown),
            parent=self,
            on_failed=lambda _: self.refresh(),
        )

    def _marked(self, marked: Marked, entry: MarkEntry, shown: date) -> None:
        week = self.register.week
        if marked.register is not None and week is not None and week.monday == monday_of(shown):
            self.register.replace_row(marked.register, entry)
            if self.side.row is not None and self.side.row.placement_id == marked.placement_id:
                self.side.show_pupil(marked.register, marked.attendance)
        rows = self.risk.rows
        number = next(
            (i for i, r in enumerate(rows) if r.placement_id == marked.placement_id), None
        )
        if number is not None and marked.risk is not None:
            self.risk.replace_row(number, marked.risk)
        elif number is not None or marked.risk is not None:  # a line comes or goes: rare
            since = self._since()
            in_scope = since is None or entry.day >= since  # the placement runs on the day
            kept = [r for r in rows if r.placement_id != marked.placement_id]
            self.risk.set_rows(kept + ([marked.risk] if marked.risk and in_scope else []))

    def ask_clear(self) -> None:
        """The chosen cell's mark was typed by mistake: the session is unmarked again."""
        source = self.grid_proxy.mapToSource(self.grid.currentIndex())
        row = source.data(ROW_ROLE) if source.isValid() else None
        slot = self.register.slot(source.column()) if source.isValid() else None
        if row is None or slot is None or slot not in row.marks:
            return
        svc, actor, (day, session) = self.ctx.services, self.ctx.actor, slot
        correcting.correct(
            self.ctx,
            self,
            "Clear a mark",
            f"Why should {row.pupil}'s mark for {day:%d/%m/%Y} {session} be cleared?",
            lambda why: corrections.clear_mark(svc, actor, row.pupil_id, day, session, why),
        )

    def _on_changed(self, changes: tuple[Change, ...]) -> None:
        # A mark typed here brought back what it changed (`_marked`): no reload for it.
        others = tuple(c for c in changes if not (c.origin is self and c.action == RECORDED))
        if self.loaded and entities(others) & self.reload_on:
            self._reload_soon.start()

    def _reload_when_idle(self) -> None:
        """Reload once typing pauses: a reload under an open cell editor would lose the key."""
        if self.grid.state() == QAbstractItemView.State.EditingState:
            self._reload_soon.start()
        else:
            self.refresh_when_seen()

    def _cell_chosen(self, current: QModelIndex, previous: QModelIndex) -> None:
        source = self.grid_proxy.mapToSource(current)
        row = source.data(ROW_ROLE) if source.isValid() else None
        if row is None:
            self.side.show_pupil(None, None)
            return
        before = self.grid_proxy.mapToSource(previous).data(ROW_ROLE)
        slot = self.register.slot(source.column())
        if before is None or before.pupil_id != row.pupil_id or self.side.row is not row:
            self._load_pupil(row)
        self.side.show_session(slot if slot and self.register.is_school_day(slot[0]) else None)

    def _load_pupil(self, row: RegisterRow) -> None:
        svc, actor, placement_id = self.ctx.services, self.ctx.actor, row.placement_id
        self.side.show_pupil(row, None)
        self.ctx.run(
            lambda: attendance_service.placement_attendance(svc, actor, placement_id),
            lambda data: self.side.show_pupil(row, data),
            parent=self,
        )

    def _risk_chosen(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is not None:
            self.select_key(row.pupil_id)

    def select_key(self, key: object) -> None:
        """A pupil id, or (pupil id, day) to show the register's week with that day."""
        if isinstance(key, tuple):
            pupil_id, day = key
            self._select_after_load = pupil_id
            self.day = day
            self.refresh()
            return
        for number in range(self.grid_proxy.rowCount()):
            row = self.grid_proxy.index(number, 0).data(ROW_ROLE)
            if row is not None and row.pupil_id == key:
                self.grid.setCurrentIndex(self.grid_proxy.index(number, 0))
                return

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
