"""Pupils > Transfer CP file…: send a pupil's child-protection file to their next school.

The DSL (the only role `Permission.TRANSFER_CP_FILE` allows; the button is not there for
anyone else) sees the packs already sent for this pupil and whether each receipt is in,
types where the file goes, chooses where to save the encrypted PDF, and is shown the code
that opens it once, to read out by phone (APDesk keeps it nowhere). When the receiving
school confirms, Record the receipt… keeps when and who said so.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from apdesk.domain.entities import Pupil
from apdesk.domain.errors import InvalidInput
from apdesk.domain.formatting import format_date
from apdesk.domain.permissions import Permission
from apdesk.services import cp_transfer
from apdesk.services.cp_transfer import TransferPack, TransferRow
from apdesk.services.output import check_output_path, save_file
from apdesk.ui.context import UiContext
from apdesk.ui.files import choose_save_path, safe_filename
from apdesk.ui.forms import DateEdit, section
from apdesk.ui.models import Column, uk_date
from apdesk.ui.pupil_records_dialog import PupilRecordsDialog, open_for_pupil
from apdesk.ui.submit_dialog import SubmitDialog
from apdesk.ui.widgets import line_edit, note_label, ok_cancel, say

TITLE = "Transfer the child-protection file"
EXPLAIN = (
    "When a pupil moves school, their child-protection file goes to the new school's DSL "
    "within five school days, apart from the main pupil file. APDesk makes one encrypted PDF "
    "(the chronology, incidents, referrals and plans) and shows the code that opens it once: "
    "read it to the receiving DSL by phone, never in the same email as the file."
)


def _receipt(row: TransferRow) -> str:
    t = row.transfer
    if t.receipt_on is not None:
        return f"Received {format_date(t.receipt_on)} ({t.receipt_from})"
    late = "OVERDUE: " if row.chase else ""
    return f"{late}no receipt yet (due by {format_date(row.receipt_due)})"


COLUMNS: tuple[Column[TransferRow], ...] = (
    Column("Sent", lambda r: uk_date(r.transfer.sent_on), sort_key=lambda r: r.transfer.sent_on),
    Column("To", lambda r: r.transfer.receiving_school),
    Column("Receiving DSL", lambda r: r.transfer.receiving_dsl),
    Column("Receipt", _receipt),
)


def open_transfer(ctx: UiContext, parent: QWidget, pupil: Pupil) -> CpTransferDialog | None:
    """The dialog for `pupil`, or nothing for a role that may not transfer a file."""
    return open_for_pupil(ctx, parent, pupil, Permission.TRANSFER_CP_FILE, CpTransferDialog)


class CpTransferDialog(PupilRecordsDialog[TransferRow]):
    """`sent` carries the `TransferPack` once it is written (its code already shown)."""

    sent = Signal(object)

    def __init__(self, ctx: UiContext, pupil: Pupil, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            pupil,
            parent,
            title=TITLE,
            explain=EXPLAIN,
            columns=COLUMNS,
            row_type=TransferRow,
            records="Files sent",
            heading="Files sent for this pupil:",
            empty="This pupil's file has not been sent anywhere yet.",
            form_title="Send the file to",
            action="&Make the pack…",
            column_width=240,
        )
        self.resize(760, 560)
        self.receipt_button = self.beside_button("Record the &receipt…", self.ask_receipt)
        self.school = line_edit("Receiving school", "the school the pupil has moved to")
        self.urn = line_edit("Receiving school URN", "optional, six digits")
        self.dsl = line_edit("Receiving DSL", "the name of their Designated Safeguarding Lead")
        self.form.addRow("&School", self.school)
        self.form.addRow("&URN", self.urn)
        self.form.addRow("Their &DSL", self.dsl)
        self.make_button = self.action_button
        self.make_button.clicked.connect(self.make)

    # The list of packs sent ---------------------------------------------------------------
    def loader(self) -> Callable[[], list[TransferRow]]:
        svc, actor, pupil_id = self.ctx.services, self.ctx.actor, self.pupil_id
        return lambda: cp_transfer.list_transfers(svc, actor, pupil_id)

    def update_buttons(self) -> None:
        row = self.chosen()
        waiting = row is not None and row.transfer.receipt_on is None
        self.receipt_button.setEnabled(waiting)
        self.receipt_button.setToolTip(
            "" if waiting else "Choose a file sent whose receipt is not yet recorded."
        )

    # Making the pack ----------------------------------------------------------------------
    def problem_text(self) -> str:
        if not self.school.text().strip():
            self.school.setFocus()
            return "Enter the school the file goes to."
        if not self.dsl.text().strip():
            self.dsl.setFocus()
            return "Enter the name of the receiving school's DSL, who will get the code."
        return ""

    def make(self) -> None:
        problem = self.problem_text()
        say(self.problem, problem)
        if problem:
            return
        school, urn, dsl = (f.text().strip() for f in (self.school, self.urn, self.dsl))
        today = format_date(self.ctx.clock.today())
        path = choose_save_path(
            self,
            "Save the encrypted transfer pack",
            safe_filename("CP file", self.pupil.display_name, f"for {school}", today),
        )
        if path is not None:
            self.make_at(path, school, urn, dsl)

    def make_at(self, path: Path, school: str, urn: str, dsl: str) -> None:
        """Make the pack on the worker and write it to `path` (checked first, so a place that
        cannot be written records nothing as sent)."""
        svc, actor, pupil_id = self.ctx.services, self.ctx.actor, self.pupil_id

        def work() -> TransferPack:
            check_output_path(path)
            pack = cp_transfer.make_pack(svc, actor, pupil_id, school, dsl, urn)
            save_file(path, pack.pdf)
            return pack

        self.make_button.setEnabled(False)
        self.ctx.worker.run(
            work,
            lambda pack: self._made(pack, path),
            self.refused,
            label="Making the encrypted pack…",
            parent=self,
        )

    def _made(self, pack: TransferPack, path: Path) -> None:
        self.make_button.setEnabled(True)
        say(self.problem, "")
        for field in (self.school, self.urn, self.dsl):
            field.clear()
        self.code_dialog = CodeDialog(pack, path, self)
        self.code_dialog.finished.connect(self.code_dialog.deleteLater)
        self.code_dialog.open()
        self.reload()
        self.sent.emit(pack)

    # The receipt --------------------------------------------------------------------------
    def ask_receipt(self) -> ReceiptDialog | None:
        row = self.chosen()
        if row is None or row.transfer.receipt_on is not None or row.transfer.id is None:
            return None
        dialog = ReceiptDialog(row, self.ctx.clock.today(), self)
        svc, actor, transfer_id = self.ctx.services, self.ctx.actor, row.transfer.id

        def submit() -> None:
            try:
                on = dialog.on.value()
            except InvalidInput as exc:
                dialog.refused(exc)
                return
            assert on is not None
            who = dialog.who.text()
            self.ctx.worker.run(
                lambda: cp_transfer.record_receipt(svc, actor, transfer_id, on, who),
                lambda _: self.done_with(dialog),
                dialog.refused,
                label="Recording the receipt…",
                parent=dialog,
            )

        dialog.submitted.connect(submit)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.receipt_dialog = dialog
        return dialog


class CodeDialog(QDialog):
    """The code that opens the pack, shown this once, large and selectable."""

    def __init__(self, pack: TransferPack, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("The code that opens the pack")
        self.setAccessibleName("The code that opens the pack")
        who = pack.transfer.receiving_dsl
        self.code = QLabel(pack.code)
        self.code.setAccessibleName("Code")
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(self.code.font().pointSizeF() * 1.8)
        font.setBold(True)
        self.code.setFont(font)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        buttons = QDialogButtonBox()
        done = buttons.addButton("I have &noted the code", QDialogButtonBox.ButtonRole.AcceptRole)
        done.setAccessibleName("I have noted the code")
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(
            note_label(
                f"The encrypted pack is saved as {path}. Send it to {who} at "
                f"{pack.transfer.receiving_school}, then phone them with this code:"
            )
        )
        layout.addWidget(self.code)
        layout.addWidget(
            note_label(
                "This is the only time the code is shown: APDesk does not keep it. Never put it "
                "in the same email as the file. When they confirm the file arrived, record the "
                "receipt here; Today reminds you if none comes within five school days."
            )
        )
        layout.addWidget(buttons)
        self.resize(560, 260)


class ReceiptDialog(SubmitDialog):
    def __init__(self, row: TransferRow, today: date, parent: QWidget | None = None) -> None:
        super().__init__("Record the receipt", parent)
        t = row.transfer
        box, form = section(f"Sent to {t.receiving_school} on {format_date(t.sent_on)}")
        self.on = DateEdit("Date confirmed")
        self.on.set_value(today)
        self.who = line_edit("Confirmed by", f"for example {t.receiving_dsl}")
        self.who.setText(t.receiving_dsl)
        form.addRow("&Confirmed on", self.on)
        form.addRow("Confirmed &by", self.who)
        self.buttons = ok_cancel(self, "&Record the receipt")
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def problem_text(self) -> str:
        if not self.who.text().strip():
            return "Enter who at the receiving school confirmed it."
        return ""
