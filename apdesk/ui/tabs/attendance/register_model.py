"""The weekly register as a table: one row per placement, a column per day and session.

A cell shows the final code and, after a bar, what the provider reported ("B | B"), coloured
by the code's meaning. A session with no mark when it should have one, or marked N or O, is
an unexplained absence: bright red with "!". Typing a code into a cell checks it against the
DfE table and asks for it to be recorded (`mark_entered`); the model itself writes nothing.
`CodeDelegate` makes Enter move on to the next session, so a week is typed without the mouse.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from apdesk.domain.codes import lookup
from apdesk.domain.enums import Session
from apdesk.domain.errors import InvalidInput
from apdesk.domain.formatting import format_datetime
from apdesk.domain.labels import label
from apdesk.domain.marking import check_code
from apdesk.services.attendance import MarkEntry, RegisterRow, RegisterWeek, WeekMark
from apdesk.ui import colours
from apdesk.ui.models import ROW_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex
FIXED = ("Pupil", "Provider")
SESSIONS = (Session.AM, Session.PM)


def cell_text(mark: WeekMark | None, unexplained: bool) -> str:
    final = mark.code if mark else None
    reported = mark.provider_reported_code if mark else None
    text = final or ("!" if unexplained else "")
    if reported:
        text = f"{final or ('!' if unexplained else '·')} | {reported}"
    return text


def cell_tooltip(
    mark: WeekMark | None, unexplained: bool, expected: bool, suggested: str = "B"
) -> str:
    lines = []
    if mark and mark.code:
        lines.append(f"Final code {mark.code}: {lookup(mark.code).meaning}")
    if mark and mark.provider_reported_code:
        how = f" by {label(mark.reported_how)}" if mark.reported_how else ""
        when = f" on {format_datetime(mark.reported_at)}" if mark.reported_at else ""
        who = f" ({mark.reported_by})" if mark.reported_by else ""
        lines.append(f"Provider reported {mark.provider_reported_code}{who}{how}{when}")
    if unexplained:
        lines.append("Unexplained absence: follow up today.")
    if not expected:
        lines.append("Not one of this placement's sessions.")
    return "\n".join(lines) or (
        f"No mark yet. Type a code: {suggested} ({lookup(suggested).meaning.lower()}) "
        "if the pupil attended."
    )


class RegisterModel(QAbstractTableModel):
    mark_entered = Signal(object)  # a MarkEntry to record
    refused = Signal(str)  # a code that is not in the DfE table

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.week: RegisterWeek | None = None
        self.rows: list[RegisterRow] = []
        self.slots: list[tuple[date, Session]] = []
        self.pending: dict[tuple[int, date, Session], str] = {}  # typed, not yet reloaded

    def set_week(self, week: RegisterWeek) -> None:
        self.beginResetModel()
        self.week = week
        self.pending = {}
        self.rows = list(week.rows)
        self.slots = [(day, s) for day in week.days for s in SESSIONS]
        self.endResetModel()

    def replace_row(self, row: RegisterRow, recorded: MarkEntry) -> None:
        """The placement's row as stored once `recorded` is saved: its cells repaint, other
        rows and any code still being saved stay as they are."""
        for number, old in enumerate(self.rows):
            if old.placement_id == row.placement_id:
                self.rows[number] = row
                key = (row.pupil_id, recorded.day, recorded.session)
                if key in self.pending and self.pending[key] == recorded.code:
                    del self.pending[key]  # shown as stored now (a later code still waits)
                last = self.columnCount() - 1
                self.dataChanged.emit(self.index(number, 0), self.index(number, last))
                return

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIXED) + len(self.slots)

    def slot(self, column: int) -> tuple[date, Session] | None:
        offset = column - len(FIXED)
        return self.slots[offset] if 0 <= offset < len(self.slots) else None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        if section < len(FIXED):
            return FIXED[section] if section >= 0 else None
        slot = self.slot(section)
        if slot is None:
            return None
        day, session = slot
        return f"{day:%a} {day.day}\n{session}"

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        slot = self.slot(index.column())
        if slot is not None and self.is_school_day(slot[0]):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def is_school_day(self, day: date) -> bool:
        return self.week is not None and day in self.week.school_days

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        slot = self.slot(index.column())
        if slot is None:
            return self._name_data(row, index.column(), role)
        return self._cell_data(row, slot, role)

    def _name_data(self, row: RegisterRow, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE, Qt.ItemDataRole.AccessibleTextRole):
            return row.pupil if column == 0 else row.provider
        return None

    def _cell_data(self, row: RegisterRow, slot: tuple[date, Session], role: int) -> Any:
        mark = row.marks.get(slot)
        unexplained = slot in row.unexplained
        expected = slot in row.expected
        if not self.is_school_day(slot[0]):
            closed: dict[int, Any] = {
                Qt.ItemDataRole.DisplayRole: "closed",
                Qt.ItemDataRole.BackgroundRole: QBrush(colours.NEUTRAL),
                Qt.ItemDataRole.ForegroundRole: QBrush(colours.MUTED_TEXT),
                Qt.ItemDataRole.TextAlignmentRole: int(Qt.AlignmentFlag.AlignCenter),
            }
            return closed.get(role)
        typed = self.pending.get((row.pupil_id, *slot))
        if typed is not None and role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return typed
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return cell_text(mark, unexplained)
        if role == Qt.ItemDataRole.EditRole:
            return mark.code if mark and mark.code else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell_tooltip(mark, unexplained, expected, row.suggested)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(self._colour(mark, unexplained, expected))
        if role == Qt.ItemDataRole.FontRole and unexplained:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and unexplained:
            return QBrush(QColor("white"))
        return None

    @staticmethod
    def _colour(mark: WeekMark | None, unexplained: bool, expected: bool) -> QColor:
        if unexplained:
            return colours.UNEXPLAINED
        code = mark.effective_code if mark else None
        if code:
            return colours.CATEGORY[lookup(code).category]
        return QColor("white") if expected else QColor("#f4f5f7")

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        slot = self.slot(index.column()) if index.isValid() else None
        if (
            role != Qt.ItemDataRole.EditRole
            or slot is None
            or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable)
        ):
            return False
        code = str(value).strip().upper()
        if code:
            try:
                code = check_code(code)
            except InvalidInput as exc:
                self.refused.emit(str(exc))
                return False
        row = self.rows[index.row()]
        self.pending[(row.pupil_id, *slot)] = code
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])
        self.mark_entered.emit(
            MarkEntry(row.pupil_id, row.placement_id, slot[0], slot[1], code=code)
        )
        return True


class CodeDelegate(QStyledItemDelegate):
    """A two-character editor; Enter records the code and moves to the next session.

    Moving happens here, after the editor is committed and closed, so the view never sees a
    cursor move under an open editor.
    """

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setMaxLength(2)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setAccessibleName("Attendance code")
        return editor

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if (
            isinstance(editor, QLineEdit)
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            index = self.view.currentIndex()
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self.view.setCurrentIndex(self._next(index))
            return True
        return super().eventFilter(editor, event)

    def _next(self, index: QModelIndex) -> QModelIndex:
        model = index.model()
        column, row = index.column() + 1, index.row()
        if column >= model.columnCount():
            column, row = len(FIXED), row + 1
        return model.index(row, column) if row < model.rowCount() else index
