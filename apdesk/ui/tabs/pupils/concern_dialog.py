"""Raise a concern (CPOMS-style): anyone who can see a pupil writes what they saw or heard.

It goes to the DSL as an open safeguarding concern through `incidents.raise_concern`;
afterwards the person who raised it is told only that it has been passed on.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from apdesk.domain.entities import Pupil
from apdesk.domain.formatting import format_datetime
from apdesk.services import incidents as incident_service
from apdesk.ui.context import UiContext
from apdesk.ui.forms import DateTimeEdit
from apdesk.ui.lock_hold import run_modal
from apdesk.ui.widgets import note_label, text_edit


class ConcernDialog(QDialog):
    """When it happened and, in the person's own words, what they saw or heard."""

    def __init__(self, parent: QWidget, pupil: Pupil, now: datetime) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Raise a concern about {pupil.display_name}")
        self.when = DateTimeEdit("When it happened")
        self.when.set_value(now)
        self.what = text_edit(
            "What you saw or heard", "In your own words: what was said or seen, by whom", 6
        )
        form = QFormLayout()
        form.addRow("&When", self.when)
        form.addRow("What you &saw or heard", self.what)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Pass to the DSL")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            note_label(
                "Write down what you saw or heard, as soon as you can and in your own words. "
                "The DSL will read it and decide what happens next; you will not see the "
                "record afterwards. If a child is in immediate danger, call 999 first."
            )
        )
        layout.addLayout(form)
        layout.addWidget(buttons)


def raise_concern(ctx: UiContext, parent: QWidget, pupil: Pupil) -> None:
    """Ask, then pass the concern to the DSL on the worker and say only that it went."""
    dialog = ConcernDialog(parent, pupil, ctx.clock.now())
    if run_modal(dialog) != QDialog.DialogCode.Accepted or pupil.id is None:
        return
    svc, actor, pupil_id = ctx.services, ctx.actor, pupil.id
    when, text = dialog.when.value() or ctx.clock.now(), dialog.what.toPlainText()
    ctx.run(
        lambda: incident_service.raise_concern(svc, actor, pupil_id, when, text),
        lambda _: QMessageBox.information(
            parent,
            "Concern passed to the DSL",
            f"You raised a concern about {pupil.display_name} "
            f"({format_datetime(ctx.clock.now())}). The DSL has it now.",
        ),
        parent=parent,
        label="Passing to the DSL…",
    )
