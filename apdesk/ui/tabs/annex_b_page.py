"""A provider's Annex B compliance checklist, ticked in place: six sections, 22 requirements.

The wording is the policy's own (`apdesk.domain.checklists`). Each tick is saved at once by
the editor, with today's date; the page shows how many are done and the last sign-off.
Only roles that vet providers may tick; everyone else reads.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from apdesk.domain import checklists
from apdesk.domain.entities import Provider
from apdesk.domain.entities.checklist_state import AnnexBSignOff
from apdesk.domain.formatting import format_date
from apdesk.ui.tabs.ticks import Tick, TickList
from apdesk.ui.widgets import note_label

TOTAL = len(checklists.ANNEX_B_ITEMS)


def sign_off_text(sign_offs: list[AnnexBSignOff]) -> str:
    if not sign_offs:
        return "Not yet signed off by the Headteacher."
    last = max(sign_offs, key=lambda s: (s.signed_on, s.id or 0))
    return f"Last signed off by {last.name}, {last.position}, on {format_date(last.signed_on)}."


class AnnexBPage(QWidget):
    def __init__(self, tick: Tick, editable: bool) -> None:
        super().__init__()
        self.editable = editable
        self.boxes: dict[str, QCheckBox] = {}
        self.dates: dict[str, QLabel] = {}
        self.count = QLabel()
        self.count.setAccessibleName("Requirements completed")
        self.bar = QProgressBar()
        self.bar.setRange(0, TOTAL)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(8)
        self.bar.setAccessibleName("Annex B progress")
        self.sign_off = note_label("")
        self.sign_off.setAccessibleName("Last sign-off")
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addWidget(self.bar)
        layout.addWidget(self.sign_off)
        if not editable:
            layout.addWidget(note_label("Only the DSL, deputy DSL and Headteacher tick these."))
        for annex_section in checklists.ANNEX_B:
            layout.addWidget(self._section(annex_section, tick))
        layout.addStretch(1)

    def _section(self, annex_section: checklists.AnnexBSection, tick: Tick) -> QGroupBox:
        box = QGroupBox(annex_section.heading.replace("&", "&&"))  # "&" is not a shortcut
        box.setAccessibleName(annex_section.heading)
        ticks = TickList(annex_section.items, tick, numbered=True)
        for check in ticks.boxes.values():
            check.setEnabled(self.editable)
        self.boxes.update(ticks.boxes)
        self.dates.update(ticks.dates)
        QVBoxLayout(box).addWidget(ticks)
        return box

    def fill(self, provider: Provider) -> None:
        states = {s.key: s for s in provider.annex_b}
        for key, check in self.boxes.items():
            state = states.get(key)
            check.setChecked(bool(state and state.done))
            done_on = state.done_on if state and state.done else None
            self.dates[key].setText(format_date(done_on) if done_on else "")
        done = sum(1 for s in provider.annex_b if s.done and s.key in self.boxes)
        self.count.setText(f"{done} of {TOTAL} requirements completed")
        self.bar.setValue(done)
        self.sign_off.setText(sign_off_text(provider.annex_b_signoffs))

    @property
    def done_count(self) -> int:
        return sum(1 for check in self.boxes.values() if check.isChecked())
