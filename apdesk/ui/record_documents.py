"""The documents about one record: parent letters and Annex A for placements, Annex B for
providers, and the Headteacher's signed Annex B.

Used by the record editors' buttons and by the Documents menu alike. Letters are preceded by
the service's warnings (an off-site direction notice dated too late, or the school's type not
recorded), which the person reads and may accept; signing asks for the Headteacher's password
again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtWidgets import QMessageBox, QWidget

from apdesk.domain.annex_b_evidence import LineEvidence
from apdesk.domain.enums import PlacementStatus
from apdesk.domain.errors import InvalidInput
from apdesk.domain.formatting import format_date
from apdesk.domain.permissions import Permission
from apdesk.services import documents as document_service
from apdesk.services import parents as parent_service
from apdesk.services import placements as placement_service
from apdesk.services import providers as provider_service
from apdesk.services.parents import PrintedLetter
from apdesk.services.placements import PlacementRow
from apdesk.ui.context import UiContext
from apdesk.ui.document_dialogs import LIVE, PlacementPicker, SignDialog
from apdesk.ui.document_view import (
    BatchProgress,
    open_document,
    open_when_unlocked,
    show_document,
)
from apdesk.ui.errors import show_error
from apdesk.ui.files import safe_filename
from apdesk.ui.sent_dialog import SentDialog, record_chosen

CURRENT = (PlacementStatus.PROPOSED, *LIVE)  # a pupil's placements that parents hear about


class RecordDocuments:
    def __init__(self, ctx: UiContext, parent: QWidget) -> None:
        self.ctx, self.parent = ctx, parent

    @property
    def _today(self) -> str:
        return format_date(self.ctx.clock.today())

    # Letters to parents -----------------------------------------------------------------
    def letter(self, placement_id: int, pupil: str) -> None:
        self.letters([placement_id], f"Letter to parents - {pupil}")

    def choose_letters(self, ticked: Sequence[int] = (), pupil_id: int | None = None) -> None:
        """The checkable list of placements, then one PDF of letters for those ticked: the
        placements in `ticked`, and `pupil_id`'s proposed, authorised and active ones."""
        svc, actor = self.ctx.services, self.ctx.actor
        self.ctx.run(
            lambda: placement_service.list_placements(svc, actor),
            lambda rows: self._pick(rows, set(ticked), pupil_id),
            parent=self.parent,
        )

    def _pick(
        self, rows: list[PlacementRow], ticked: set[int], pupil_id: int | None = None
    ) -> PlacementPicker:
        picker = PlacementPicker(rows, self.parent)
        picker.model.tick_where(
            lambda r: r.id in ticked or (r.pupil_id == pupil_id and r.state in CURRENT)
        )
        picker.show_first_ticked()
        picker.accepted.connect(lambda: self.letters(picker.chosen_ids(), picker.title()))
        picker.finished.connect(picker.deleteLater)
        open_when_unlocked(self.parent, picker)
        return picker

    def letters(self, placement_ids: Sequence[int], title: str = "") -> None:
        """Warn first (notices dated too late), then make the letters with progress."""
        ids, svc, actor = list(placement_ids), self.ctx.services, self.ctx.actor
        title = title or f"Letters to parents - {len(ids)} placement{'' if len(ids) == 1 else 's'}"
        self.ctx.run(
            lambda: document_service.notice_warnings(svc, actor, ids),
            lambda warnings: self._after_warnings(ids, title, warnings),
            parent=self.parent,
        )

    def _after_warnings(self, ids: list[int], title: str, warnings: list[str]) -> None:
        if not warnings:
            self.make_letters(ids, title)
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Before the notice is made",
            "\n\n".join(warnings),
            QMessageBox.StandardButton.Cancel,
            self.parent,
        )
        anyway = box.addButton("Make them &anyway", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAccessibleName("Before the notice is made")
        anyway.setAccessibleName("Make them anyway")
        anyway.clicked.connect(lambda: self.make_letters(ids, title))
        box.finished.connect(box.deleteLater)
        box.open()

    def make_letters(self, ids: list[int], title: str) -> None:
        svc, actor = self.ctx.services, self.ctx.actor
        progress = BatchProgress(self.parent, len(ids)) if len(ids) > 1 else None
        report = progress.report if progress is not None else None

        def done(data: bytes) -> None:
            if progress is not None:
                progress.finish()
            show_document(self.parent, data, title, safe_filename(title, self._today))
            self.ask_sent(ids)

        self.ctx.run(
            lambda: document_service.parent_letters(svc, actor, ids, report),
            done,
            parent=self.parent,
            label="" if progress else "Writing the letter…",
            on_failed=lambda _: progress.finish() if progress is not None else None,
        )

    def ask_sent(self, ids: list[int]) -> None:
        """After printing: offer to record the letters as sent (to those who may record it)."""
        svc, actor = self.ctx.services, self.ctx.actor
        if not actor.may(Permission.RECORD_PARENT_CONTACTS):
            return
        self.ctx.run(
            lambda: parent_service.unsent_for(svc, actor, ids),
            self._open_sent,
            parent=self.parent,
        )

    def _open_sent(self, printed: list[PrintedLetter]) -> SentDialog | None:
        if not printed:
            return None
        dialog = SentDialog(printed, self.ctx.clock.today(), self.parent)
        svc, actor = self.ctx.services, self.ctx.actor

        def accepted() -> None:
            chosen = dialog.chosen()  # read here: the dialog is gone before the worker runs
            self.ctx.run(
                lambda: record_chosen(svc, actor, chosen), self._after_sent, parent=self.parent
            )

        dialog.accepted.connect(accepted)
        dialog.finished.connect(dialog.deleteLater)
        open_when_unlocked(self.parent, dialog)
        return dialog

    def _after_sent(self, refused: list[str]) -> None:
        if refused:
            QMessageBox.warning(
                self.parent,
                "Not recorded",
                "These were not recorded as sent:\n\n" + "\n\n".join(refused),
            )

    # Checklists -------------------------------------------------------------------------
    def annex_a(self, placement_id: int, pupil: str) -> None:
        svc, actor = self.ctx.services, self.ctx.actor
        title = f"Annex A - {pupil}"
        open_document(
            self.ctx,
            self.parent,
            lambda: document_service.annex_a(svc, actor, placement_id),
            title,
            safe_filename(title, self._today),
        )

    def feedback_form(self, placement_id: int, pupil: str) -> None:
        """The blank parent feedback form for one placement, to print and send home."""
        svc, actor = self.ctx.services, self.ctx.actor
        title = f"Parent feedback form - {pupil}"
        open_document(
            self.ctx,
            self.parent,
            lambda: document_service.feedback_form(svc, actor, placement_id),
            title,
            safe_filename(title, self._today),
        )

    def annex_b(self, provider_id: int, provider: str) -> None:
        svc, actor = self.ctx.services, self.ctx.actor
        open_document(
            self.ctx,
            self.parent,
            lambda: document_service.annex_b(svc, actor, provider_id),
            f"Annex B - {provider} (not signed)",
            safe_filename("Annex B", provider, self._today),
        )

    def offer_to_sign(
        self, provider_id: int, provider: str, against: Sequence[LineEvidence] = ()
    ) -> None:
        """Say first why Annex B cannot be signed today, if it cannot (a lapsed provider, an
        old tick), rather than refuse once the password and reasons are typed; else ask."""
        svc, actor = self.ctx.services, self.ctx.actor
        self.ctx.run(
            lambda: provider_service.sign_refusal(svc, actor, provider_id),
            lambda refusal: (
                show_error(self.parent, InvalidInput(refusal))
                if refusal
                else self.ask_to_sign(provider_id, provider, against)
            ),
            parent=self.parent,
        )

    def ask_to_sign(
        self, provider_id: int, provider: str, against: Sequence[LineEvidence] = ()
    ) -> SignDialog:
        dialog = SignDialog(provider, self.ctx.actor.display_name, self.parent, against)
        dialog.accepted.connect(
            lambda: self.sign_annex_b(
                provider_id, provider, dialog.password.text(), dialog.given_reasons()
            )
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def sign_annex_b(
        self,
        provider_id: int,
        provider: str,
        password: str,
        reasons: Mapping[str, str] | None = None,
    ) -> None:
        svc, actor = self.ctx.services, self.ctx.actor
        open_document(
            self.ctx,
            self.parent,
            lambda: document_service.sign_annex_b(svc, actor, provider_id, password, reasons),
            f"Annex B - {provider} - signed",
            safe_filename("Annex B", provider, f"signed {self._today}"),
            label="Signing…",
        )
