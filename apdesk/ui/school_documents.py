"""The school-wide documents: the register of pupils in AP, the governors' termly report,
the school's signing certificates, and checking any signed PDF.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from apdesk.domain.entities import Term
from apdesk.domain.errors import InvalidInput
from apdesk.domain.formatting import format_date
from apdesk.services import documents as document_service
from apdesk.services import school as school_service
from apdesk.ui.context import UiContext
from apdesk.ui.document_dialogs import GovernorsReportDialog
from apdesk.ui.document_view import open_document, open_when_unlocked
from apdesk.ui.errors import show_error, show_message
from apdesk.ui.files import choose_open_path, choose_save_path, safe_filename, write_file
from apdesk.ui.verify_dialog import VerifyDialog

PEM_FILTER = "Certificates (*.pem)"


class SchoolDocuments:
    def __init__(self, ctx: UiContext, parent: QWidget) -> None:
        self.ctx, self.parent = ctx, parent

    @property
    def _today(self) -> str:
        return format_date(self.ctx.clock.today())

    def register(self) -> None:
        svc, actor = self.ctx.services, self.ctx.actor
        title = "Register of pupils in AP"
        open_document(
            self.ctx,
            self.parent,
            lambda: document_service.register(svc, actor),
            title,
            safe_filename(title, self._today),
        )

    def governors_report(self) -> None:
        """Choose the term (and write any plans), then the report."""
        svc, actor = self.ctx.services, self.ctx.actor

        def terms() -> list[Term]:
            school = school_service.get_school(svc, actor)
            return list(school.terms) if school is not None else []

        self.ctx.run(terms, self._ask_term, parent=self.parent)

    def _ask_term(self, terms: list[Term]) -> GovernorsReportDialog | None:
        if not terms:
            show_error(
                self.parent,
                InvalidInput("Enter the school's terms first: the report covers one term."),
            )
            return None
        dialog = GovernorsReportDialog(terms, self.ctx.clock.today(), self.parent)
        dialog.accepted.connect(lambda: self.governors_report_for(*dialog.chosen()))
        dialog.finished.connect(dialog.deleteLater)
        open_when_unlocked(self.parent, dialog)
        return dialog

    def governors_report_for(self, term: str, plans: str = "") -> None:
        svc, actor = self.ctx.services, self.ctx.actor
        open_document(
            self.ctx,
            self.parent,
            lambda: document_service.governors_report(svc, actor, term, plans),
            f"Governors' report - {term}",
            safe_filename("Governors' report", term),
        )

    def certificates(self) -> None:
        suggested = safe_filename("School signing certificates", suffix=".pem")
        path = choose_save_path(self.parent, "Save the signing certificates", suggested, PEM_FILTER)
        if path is not None:
            self.save_certificates(path)

    def save_certificates(self, path: Path) -> None:
        svc, actor = self.ctx.services, self.ctx.actor

        def saved(pem: bytes) -> None:
            if write_file(self.parent, path, pem):
                show_message(
                    self.parent,
                    f"The school's signing certificates are saved in {path.name}. Send this "
                    "file to anyone who needs to check a document the Headteacher signed.",
                )

        self.ctx.run(
            lambda: document_service.certificates_pem(svc, actor), saved, parent=self.parent
        )

    def verify(self) -> None:
        path = choose_open_path(self.parent, "Choose a signed document to check")
        if path is not None:
            self.verify_file(path)

    def verify_file(self, path: Path) -> None:
        svc = self.ctx.services

        def check() -> object:
            return document_service.verify(path.read_bytes(), document_service.trusted_roots(svc))

        self.ctx.run(
            check,
            lambda report: self._show_report(report, path.name),
            parent=self.parent,
            label="Checking the signature…",
        )

    def _show_report(self, report: object, filename: str) -> VerifyDialog:
        dialog = VerifyDialog(report, filename, self.parent)
        dialog.finished.connect(dialog.deleteLater)
        open_when_unlocked(self.parent, dialog)
        return dialog
