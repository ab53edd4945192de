"""A provider's Annex B compliance checklist, ticked in place: six sections, 22 requirements.

The wording is the policy's own (`apdesk.domain.checklists`). Each tick is saved at once by
the editor, with today's date; the page shows how many are done and the last sign-off. A
tick more than twelve months old no longer counts: its date turns red and the count says so.
Under every line is what APDesk holds for it (`services.annex_b_evidence`), and in red what
in APDesk's own records contradicts it. Only roles that vet providers may tick or name the
responsible staff member; everyone else reads.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from apdesk.domain import checklists
from apdesk.domain.annex_b_evidence import LineEvidence
from apdesk.domain.entities import Provider
from apdesk.domain.entities.checklist_state import AnnexBSignOff
from apdesk.domain.formatting import counted, format_date
from apdesk.ui import colours
from apdesk.ui.detail import hold_height
from apdesk.ui.tabs.common.ticks import DATE_STYLE, Tick, TickList
from apdesk.ui.widgets import line_edit, note_label

TOTAL = len(checklists.ANNEX_B_ITEMS)
AGAINST_STYLE = f"color: {colours.css(colours.BAD_TEXT)};"


def evidence_text(line: LineEvidence) -> str:
    """What APDesk holds, then what contradicts the line; the same words and style whether
    ticked or not, since a note that rewrapped would move the rows under the pointer (the
    warning above the checklist names the contradicted ticks)."""
    held = [f"APDesk holds: {text}" for text in line.held]
    return "\n".join([*held, *(f"Against this line: {text}" for text in line.contradictions)])


def contradicted_summary(evidence: Mapping[str, LineEvidence], ticked: set[str]) -> str:
    keys = [k for k, line in evidence.items() if line.contradicted and k in ticked]
    if not keys:
        return ""
    return (
        f"APDesk's own records contradict {counted(len(keys), 'ticked line')}: "
        f"{', '.join(keys)}. "
        "Signing needs a written reason for each."
    )


EXPIRED_TIP = "Ticked more than twelve months ago: check it, then untick and tick it again."


def count_text(done: int, expired: int) -> str:
    """Ticks in date out of 22, and how many no longer count for being over a year old."""
    text = f"{done} of {TOTAL} requirements completed"
    if expired:
        text += f"; {expired} expired (ticked over a year ago, dates in red)"
    return text


def sign_off_text(sign_offs: list[AnnexBSignOff]) -> str:
    if not sign_offs:
        return "Not yet signed off by the Headteacher."
    last = max(sign_offs, key=lambda s: (s.signed_on, s.id or 0))
    return f"Last signed off by {last.name}, {last.position}, on {format_date(last.signed_on)}."


class AnnexBPage(QWidget):
    def __init__(
        self, tick: Tick, editable: bool, responsible: Callable[[str], None] | None = None
    ) -> None:
        super().__init__()
        self.editable = editable
        self.boxes: dict[str, QCheckBox] = {}
        self.dates: dict[str, QLabel] = {}
        self.notes: dict[str, QLabel] = {}
        self.evidence: dict[str, LineEvidence] = {}
        self.expired: set[str] = set()  # ticked more than twelve months ago
        self.shown_id: int | None = None
        self.same_provider = False  # a reload of the provider on show (after a tick)
        self.responsible = line_edit("Responsible staff member", "who keeps this checklist")
        self.responsible.setEnabled(editable)
        if responsible is not None:
            edit: QLineEdit = self.responsible
            edit.editingFinished.connect(lambda: responsible(edit.text().strip()))
        self.against = note_label("")
        self.against.setAccessibleName("Contradicted ticks")
        self.against.setStyleSheet(AGAINST_STYLE + " font-weight: bold;")
        self.count = QLabel()
        self.count.setWordWrap(True)  # never wider than the panel
        self.count.setAccessibleName("Requirements completed")
        self.bar = QProgressBar()
        self.bar.setRange(0, TOTAL)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(8)
        self.bar.setAccessibleName("Annex B progress")
        self.sign_off = note_label("")
        self.sign_off.setAccessibleName("Last sign-off")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow("Responsible &staff member", self.responsible)
        layout.addLayout(form)
        layout.addWidget(self.count)
        layout.addWidget(self.bar)
        layout.addWidget(self.sign_off)
        layout.addWidget(self.against)
        if not editable:
            layout.addWidget(note_label("Only the DSL, deputy DSL and Headteacher tick these."))
        for annex_section in checklists.ANNEX_B:
            layout.addWidget(self._section(annex_section, tick))
        layout.addStretch(1)

    def _section(self, annex_section: checklists.AnnexBSection, tick: Tick) -> QGroupBox:
        box = QGroupBox(annex_section.heading.replace("&", "&&"))  # "&" is not a shortcut
        box.setAccessibleName(annex_section.heading)
        ticks = TickList(annex_section.items, tick, numbered=True, notes=True)
        for check in ticks.boxes.values():
            check.setEnabled(self.editable)
        self.boxes.update(ticks.boxes)
        self.dates.update(ticks.dates)
        self.notes.update(ticks.notes)
        QVBoxLayout(box).addWidget(ticks)
        return box

    def fill(self, provider: Provider, today: date) -> None:
        self.same_provider = provider.id is not None and provider.id == self.shown_id
        self.shown_id = provider.id
        states = {s.key: s for s in provider.annex_b}
        self.expired = expired = {
            item.key for item in checklists.annex_b_expired(provider.annex_b, today)
        }
        for key, check in self.boxes.items():
            state = states.get(key)
            check.setChecked(bool(state and state.done))
            done_on = state.done_on if state and state.done else None
            when = self.dates[key]
            when.setText(format_date(done_on) if done_on else "")
            when.setStyleSheet(AGAINST_STYLE if key in expired else DATE_STYLE)
            when.setToolTip(EXPIRED_TIP if key in expired else "")
        done = sum(1 for s in provider.annex_b if s.done and s.key in self.boxes) - len(expired)
        hold_height(self.count, self.same_provider)
        self.count.setText(count_text(done, len(expired)))
        self.count.setToolTip(EXPIRED_TIP if expired else "")
        self.bar.setValue(done)
        self.sign_off.setText(sign_off_text(provider.annex_b_signoffs))
        if not self.responsible.hasFocus():
            self.responsible.setText(provider.annex_b_responsible)
        self.show_evidence(self.evidence)

    def show_evidence(self, evidence: Mapping[str, LineEvidence]) -> None:
        """Under each line what APDesk holds, red where its records contradict the line."""
        self.evidence = dict(evidence)
        ticked = {key for key, box in self.boxes.items() if box.isChecked()}
        for key, note in self.notes.items():
            line = self.evidence.get(key)
            note.setVisible(line is not None)
            if line is None:
                continue
            note.setText(evidence_text(line))
            note.setStyleSheet(AGAINST_STYLE if line.contradicted else DATE_STYLE)
        summary = contradicted_summary(self.evidence, ticked)
        hold_height(self.against, self.same_provider)
        self.against.setText(summary)
        self.against.setVisible(bool(summary) or self.against.minimumHeight() > 0)

    @property
    def done_count(self) -> int:
        """Ticks that count: ticked, and not more than twelve months ago."""
        return sum(
            1 for k, check in self.boxes.items() if check.isChecked() and k not in self.expired
        )
