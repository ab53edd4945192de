"""The pupil record's buttons for the file leaving the school: Transfer CP file… (the DSL)
and Subject access… (whoever may handle a request). Each is there only for a saved pupil
and a role the service would allow; for anyone else it is simply not shown."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from apdesk.domain.entities import Pupil
from apdesk.domain.permissions import Permission
from apdesk.ui.context import UiContext
from apdesk.ui.cp_transfer_dialog import open_transfer
from apdesk.ui.detail import DetailPanel


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

    def show_for(self, pupil: Pupil) -> None:
        self.pupil = pupil
        saved = pupil.id is not None
        self.transfer.setVisible(saved and self.ctx.may(Permission.TRANSFER_CP_FILE))

    def open_transfer(self) -> None:
        if self.pupil is not None:
            self.dialog = open_transfer(self.ctx, self.panel, self.pupil)
