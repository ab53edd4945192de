"""School and terms > Records kept: how long each class of record is kept (DOMAIN rule 13).

Shown to everyone who opens the school's details; changeable by the Headteacher only
(`Permission.SET_RETENTION`), each period within `domain.retention.BOUNDS` (never below the
IRMS toolkit's period, at most ten years more). Saved with the rest of the dialog through
`services.retention.set_periods`, and only when a period was changed.
"""

from __future__ import annotations

from PySide6.QtWidgets import QSpinBox, QVBoxLayout, QWidget

from apdesk.domain.entities import School
from apdesk.domain.permissions import Permission
from apdesk.domain.retention import BOUNDS, RecordClass, RetentionPeriods
from apdesk.ui.context import UiContext
from apdesk.ui.forms import section
from apdesk.ui.widgets import note_label

EXPLAIN = (
    "Records past these periods appear in the Retention review (File menu), where the "
    "Headteacher or the DSL may dispose of them. A period cannot be shorter than the schools' "
    "toolkit sets "
    "(the law and guidance), nor more than ten years longer (keeping data longer than needed "
    "breaks data protection law)."
)
READ_ONLY = "Only the Headteacher can change how long records are kept."
#: (class, label, accessible name, what the years count from)
ROWS = (
    (
        RecordClass.ATTENDANCE,
        "&Attendance marks",
        "Attendance kept",
        " years from the day recorded",
    ),
    (RecordClass.ALTERNATIVE_PROVISION, "&CP and AP file", "File kept", " years from birth"),
    (RecordClass.SEN, "File of a pupil with S&EN", "SEN file kept", " years from birth"),
)


class RetentionPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editable = ctx.may(Permission.SET_RETENTION)
        self.years: dict[RecordClass, QSpinBox] = {}
        box, form = section("How long records are kept")
        for record, text, name, suffix in ROWS:
            spin = QSpinBox()
            low, high = BOUNDS[record]
            spin.setRange(low, high)
            spin.setSuffix(suffix)
            spin.setAccessibleName(name)
            spin.setToolTip(f"From {low} to {high} years")
            spin.setReadOnly(not self.editable)
            spin.setMaximumWidth(
                spin.fontMetrics().horizontalAdvance("00 years from the day recorded") + 48
            )
            self.years[record] = spin
            form.addRow(text, spin)
        layout = QVBoxLayout(self)
        if not self.editable:
            layout.addWidget(note_label(READ_ONLY))
        layout.addWidget(box)
        layout.addWidget(note_label(EXPLAIN))
        layout.addStretch(1)
        self.shown = RetentionPeriods()

    def fill(self, school: School) -> None:
        self.shown = RetentionPeriods.of(
            school.retention_attendance_years,
            school.retention_ap_cp_years,
            school.retention_sen_years,
        )
        for record, spin in self.years.items():
            spin.setValue(self.shown.years(record))

    def periods(self) -> RetentionPeriods:
        return RetentionPeriods(
            self.years[RecordClass.ATTENDANCE].value(),
            self.years[RecordClass.ALTERNATIVE_PROVISION].value(),
            self.years[RecordClass.SEN].value(),
        )

    def changed(self) -> bool:
        return self.editable and self.periods() != self.shown
