"""The Documents menu: every document the signed-in person may make, in one place.

An item appears only for roles the permission matrix allows (the service still refuses the
rest). Items about one record use the placement or provider chosen in its tab; with nothing
chosen they say so and show that tab. Verifying a signed document needs no permission: it
reads only the file the person picks.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.ui.context import UiContext
from apdesk.ui.errors import show_message

if TYPE_CHECKING:
    from apdesk.ui.record_documents import RecordDocuments
    from apdesk.ui.school_documents import SchoolDocuments

P = Permission
Item = tuple[Permission | None, str, Callable[[], None]]


class DocumentsMenu:
    def __init__(
        self,
        window: QMainWindow,
        ctx: UiContext,
        chosen: Callable[[RecordKind], Any],
        show_tab: Callable[[RecordKind], None],
    ) -> None:
        self.window, self.ctx = window, ctx
        self.chosen, self.show_tab = chosen, show_tab
        self.menu: QMenu = window.menuBar().addMenu("&Documents")
        self.actions: dict[str, QAction] = {}
        for group in self._groups():
            self._add_group(group)

    # The documents' modules (their dialogs, the viewer, Qt's PDF modules, the document
    # services) are imported when a document is first asked for, not before the window shows.
    @cached_property
    def records(self) -> RecordDocuments:
        from apdesk.ui.record_documents import RecordDocuments

        return RecordDocuments(self.ctx, self.window)

    @cached_property
    def school(self) -> SchoolDocuments:
        from apdesk.ui.school_documents import SchoolDocuments

        return SchoolDocuments(self.ctx, self.window)

    def _groups(self) -> tuple[tuple[Item, ...], ...]:
        return (
            (
                (P.PRINT_LETTERS, "Parent &letter…", self.parent_letter),
                (P.PRINT_LETTERS, "Letters for &chosen placements…", self.choose_letters),
                (P.VIEW_PLACEMENTS, "Annex &A…", self.annex_a),
            ),
            (
                (P.VIEW_PROVIDERS, "Annex &B…", self.annex_b),
                (P.SIGN_ANNEX_B, "&Sign Annex B…", self.sign_annex_b),
            ),
            (
                (P.VIEW_REGISTER, "&Register of pupils in AP", lambda: self.school.register()),
                (
                    P.VIEW_GOVERNORS_REPORT,
                    "&Governors' report…",
                    lambda: self.school.governors_report(),
                ),
            ),
            (
                (
                    P.VIEW_PROVIDERS,
                    "School signing c&ertificates…",
                    lambda: self.school.certificates(),
                ),
                (None, "&Verify a signed document…", lambda: self.school.verify()),
            ),
        )

    def _add_group(self, group: tuple[Item, ...]) -> None:
        allowed = [item for item in group if item[0] is None or self.ctx.may(item[0])]
        if allowed and self.actions:
            self.menu.addSeparator()
        for _, text, slot in allowed:
            action = QAction(text, self.window)
            action.triggered.connect(slot)
            self.menu.addAction(action)
            self.actions[text.replace("&", "")] = action

    def _need(self, kind: RecordKind, what: str) -> Any:
        """The row chosen in the tab for `kind`; else say how to choose one."""
        row = self.chosen(kind)
        if row is None:
            self.show_tab(kind)
            show_message(
                self.window,
                f"Choose a {kind} in the list first, then Documents ▸ {what} again.",
            )
        return row

    def parent_letter(self) -> None:
        row = self.chosen(RecordKind.PLACEMENT)
        if row is None:
            self.choose_letters()
        else:
            self.records.letter(row.id, row.pupil)

    def choose_letters(self) -> None:
        """The list with the chosen placement ticked; with none, the chosen pupil's current
        placements (found on the Pupils tab, a pupil's letter is what is wanted)."""
        row = self.chosen(RecordKind.PLACEMENT)
        if row is not None:
            self.records.choose_letters([row.id])
            return
        pupil = self.chosen(RecordKind.PUPIL)
        self.records.choose_letters(pupil_id=pupil.id if pupil is not None else None)

    def annex_a(self) -> None:
        row = self._need(RecordKind.PLACEMENT, "Annex A…")
        if row is not None:
            self.records.annex_a(row.id, row.pupil)

    def annex_b(self) -> None:
        row = self._need(RecordKind.PROVIDER, "Annex B…")
        if row is not None:
            self.records.annex_b(row.id, row.name)

    def sign_annex_b(self) -> None:
        row = self._need(RecordKind.PROVIDER, "Sign Annex B…")
        if row is not None:
            self.records.offer_to_sign(row.id, row.name)
