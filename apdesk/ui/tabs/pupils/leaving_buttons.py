"""The pupil record's buttons for the file leaving the school: Transfer CP file… (the DSL)
and Subject access… (whoever may handle a request); and History… (who changed the pupil's
records and why, for whoever may read the audit log). Each is there only for a saved pupil
and a role the service would allow; for anyone else it is simply not shown."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from apdesk.domain.entities import Pupil
from apdesk.domain.permissions import Permission
from apdesk.ui.context import UiContext
from apdesk.ui.cp_transfer_dialog import open_transfer
from apdesk.ui.detail import DetailPanel
from apdesk.ui.pupil_history_dialog import open_history
from apdesk.ui.subject_access_dialog import open_subject_access


class LeavingButtons:
    def __init__(self, ctx: UiContext, panel: DetailPanel) -> None:
        self.ctx, self.panel = ctx, panel
        self.pupil: Pupil | None = None
        self.dialog: QDialog | None = None
        self.transfer = panel.add_button("&Transfer CP file…", self.open_transfer)
        self.transfer.setToolTip(
            "Send this pupil's child-protection file to their next school, encrypted"
        )
        self.transfer.setVisible(False)
        self.access = panel.add_button("Subject &access…", self.open_access)
        self.access.setToolTip("Record a subject access request and make the pupil's data")
        self.access.setVisible(False)
        self.history = panel.add_button("Histor&y…", self.open_history)
        self.history.setToolTip("Who changed this pupil's records, when, and why")
        self.history.setVisible(False)

    def show_for(self, pupil: Pupil) -> None:
        self.pupil = pupil
        saved = pupil.id is not None
        self.transfer.setVisible(saved and self.ctx.may(Permission.TRANSFER_CP_FILE))
        self.access.setVisible(saved and self.ctx.may(Permission.SUBJECT_ACCESS))
        self.history.setVisible(saved and self.ctx.may(Permission.VIEW_AUDIT))

    def open_transfer(self) -> None:
        if self.pupil is not None:
            self.dialog = open_transfer(self.ctx, self.panel, self.pupil)

    def open_access(self) -> None:
        if self.pupil is not None:
            self.dialog = open_subject_access(self.ctx, self.panel, self.pupil)

    def open_history(self) -> None:
        if self.pupil is not None:
            self.dialog = open_history(self.ctx, self.panel, self.pupil)
