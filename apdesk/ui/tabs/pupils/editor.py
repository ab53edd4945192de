"""A pupil's record: names, date of birth, UPN, year, SEN, flags, carers and chronology."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from apdesk.domain.chronology import ChronologyEntry
from apdesk.domain.entities import Carer, Pupil
from apdesk.domain.enums import SenStatus
from apdesk.domain.formatting import format_date
from apdesk.domain.identifiers import upn_warning
from apdesk.domain.permissions import Permission
from apdesk.domain.text import NAME_MAX
from apdesk.services import corrections
from apdesk.services import documents as document_service
from apdesk.services import pupils as pupil_service
from apdesk.ui import corrections as correcting
from apdesk.ui.context import UiContext
from apdesk.ui.detail import DetailPanel
from apdesk.ui.document_view import open_document
from apdesk.ui.files import safe_filename
from apdesk.ui.forms import ChoiceCombo, DateEdit, enum_choices, section
from apdesk.ui.models import ROW_ROLE, Column, RowTableModel, uk_date
from apdesk.ui.tabs.common.base import fit_columns, make_table
from apdesk.ui.tabs.common.children import ChildList, lines
from apdesk.ui.tabs.pupils import concern_dialog
from apdesk.ui.tabs.pupils.agencies import MultiAgencyPage
from apdesk.ui.tabs.pupils.leaving_buttons import LeavingButtons
from apdesk.ui.unsaved import ChangeTracker, Done, EditsRecord
from apdesk.ui.widgets import hidden_unless, line_edit, note_label, say

YEARS = [(0, "Reception")] + [(n, f"Year {n}") for n in range(1, 15)]
CARER_COLUMNS: tuple[Column[Carer], ...] = (
    Column("Name", lambda c: c.name),
    Column("Relationship", lambda c: c.relationship),
    Column("Phone", lambda c: c.phone),
    Column("Parental responsibility", lambda c: "Yes" if c.parental_responsibility else "No"),
)
CARER_FIELDS = (
    ("name", "&Name", QLineEdit),
    ("relationship", "&Relationship", QLineEdit),
    ("phone", "&Phone", QLineEdit),
    ("email", "&Email", QLineEdit),
    ("address", "&Address", lines(3)),
    ("parental_responsibility", "Has parental &responsibility", lambda: QCheckBox("Yes")),
)
CHRONOLOGY_COLUMNS: tuple[Column[ChronologyEntry], ...] = (
    Column(
        "When",
        lambda e: uk_date(e.when.date()) if e.all_day else uk_date(e.when),
        sort_key=lambda e: e.when,
    ),
    Column("Kind", lambda e: e.kind.capitalize()),
    Column("What happened", lambda e: e.summary),
)


class PupilEditor(QObject, EditsRecord):
    saved = Signal(object)
    open_record = Signal(object, object)  # a RecordKind and an id

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.pupil: Pupil | None = None
        self.panel = DetailPanel("Choose a pupil from the list, or press Ctrl+N to add one.")
        self.details = QWidget()
        self.details_layout = QVBoxLayout(self.details)
        self._build_details()
        self.carers = ChildList("carer", CARER_COLUMNS, CARER_FIELDS, Carer)
        box, form = section("Parents and carers")
        form.addRow(self.carers)
        self.details_layout.addWidget(box)
        self.details_layout.addStretch(1)
        self.tracker = ChangeTracker([self.details])
        self.chronology: RowTableModel[ChronologyEntry] = RowTableModel(CHRONOLOGY_COLUMNS)
        self.pages = QTabWidget()
        self.pages.setAccessibleName("Pupil record")
        self.pages.addTab(self.details, "Details")
        self.chronology_box = self._chronology_page()
        self.pages.addTab(self.chronology_box, "Chronology")
        self.agencies = MultiAgencyPage(ctx)  # saved with the pupil; only for those allowed
        self.pages.addTab(self.agencies, "Multi-agency")
        self.panel.add_section(self.pages)
        self.remove_button = self.panel.add_button("Remo&ve…", self.ask_remove)
        self.merge_button = self.panel.add_button("&Merge into…", self.ask_merge)
        self.save_button = self.panel.add_button("&Save pupil", self.save, default=True)
        self.concern_button = self.panel.add_button("Raise a &concern…", self.raise_concern)
        self.concern_button.setVisible(False)
        self.leaving = LeavingButtons(ctx, self.panel)  # CP-file transfer, subject access
        editable = ctx.may(Permission.EDIT_PUPILS)
        self.save_button.setVisible(editable)
        self.carers.set_editable(editable)
        for widget in self.fields:
            widget.setEnabled(editable)

    def _build_details(self) -> None:
        self.first = line_edit("Legal first name", limit=NAME_MAX)
        self.last = line_edit("Legal surname", limit=NAME_MAX)
        self.preferred = line_edit("Preferred name", "if different", limit=NAME_MAX)
        self.born = DateEdit("Date of birth")
        self.upn = line_edit("UPN", "13 characters, from the school's MIS")
        # An LA number not on the DfE list is saved, with a note to check it (not a refusal).
        self.upn_warning = note_label("")
        self.upn_warning.setAccessibleName("UPN warning")
        self.upn_warning.hide()
        self.upn.textChanged.connect(lambda text: say(self.upn_warning, upn_warning(text)))
        self.year = ChoiceCombo("Year group", YEARS, blank="Not set")
        self.sen = ChoiceCombo("SEN status", enum_choices(SenStatus))
        box, form = section("Pupil")
        for text, widget in (
            ("Legal &first name", self.first),
            ("Legal &surname", self.last),
            ("&Preferred name", self.preferred),
            ("Date of &birth", self.born),
            ("&UPN", self.upn),
            ("&Year group", self.year),
            ("SE&N", self.sen),
        ):
            form.addRow(text, widget)
            if widget is self.upn:
                form.addRow("", self.upn_warning)
        self.details_layout.addWidget(box)
        self.cp_plan = QCheckBox("Child-protection plan")
        self.child_in_need = QCheckBox("Child in need")
        self.looked_after = QCheckBox("Looked after")
        self.cp_box, cp_form = section("Safeguarding flags (DSL and Headteacher only)")
        for box_widget in (self.cp_plan, self.child_in_need, self.looked_after):
            cp_form.addRow(box_widget)
        hidden_unless(self.cp_box, self.ctx.may(Permission.VIEW_CP_FLAGS))
        self.details_layout.addWidget(self.cp_box)
        self.fields: list[QWidget] = [
            self.first,
            self.last,
            self.preferred,
            self.born,
            self.upn,
            self.year,
            self.sen,
            self.cp_plan,
            self.child_in_need,
            self.looked_after,
        ]

    def _chronology_page(self) -> QWidget:
        page = QWidget()
        view = make_table("Chronology")
        view.setModel(self.chronology)
        view.setSortingEnabled(False)
        view.setWordWrap(True)
        view.activated.connect(self._open_entry)
        layout = QVBoxLayout(page)
        top = QHBoxLayout()
        top.addWidget(
            note_label(
                "Everything that has happened, by the date it happened. "
                "Press Enter on a line to open the record."
            ),
            1,
        )
        self.print_chronology_button = QPushButton("&Print / Save…")
        self.print_chronology_button.setAccessibleName("Print or save the chronology")
        self.print_chronology_button.clicked.connect(self.print_chronology)
        top.addWidget(self.print_chronology_button)
        layout.addLayout(top)
        layout.addWidget(view, 1)
        page.setMinimumHeight(420)
        self.chronology_view = view
        return page

    def _show_chronology(self, entries: list[ChronologyEntry]) -> None:
        self.chronology.set_rows(entries)
        fit_columns(self.chronology_view, 200)
        self.chronology_view.resizeRowsToContents()
        index = self.pages.indexOf(self.chronology_box)
        self.pages.setTabText(index, f"Chronology ({len(entries)})")

    def load(self, pupil_id: int) -> None:
        svc, actor = self.ctx.services, self.ctx.actor
        self.ctx.run(
            lambda: pupil_service.get_pupil(svc, actor, pupil_id), self._show, parent=self.panel
        )
        if self.ctx.may(Permission.VIEW_CHRONOLOGY):
            self.ctx.run(
                lambda: pupil_service.chronology(svc, actor, pupil_id),
                self._show_chronology,
                parent=self.panel,
            )

    def reload_chronology(self) -> None:
        pupil = self.pupil
        if pupil is None or pupil.id is None or not self.ctx.may(Permission.VIEW_CHRONOLOGY):
            return
        svc, actor, pupil_id = self.ctx.services, self.ctx.actor, pupil.id
        self.ctx.run(
            lambda: pupil_service.chronology(svc, actor, pupil_id),
            self._show_chronology,
            parent=self.panel,
        )

    def print_chronology(self) -> None:
        """The chronology as an OFFICIAL-SENSITIVE PDF in the preview (Print, Save as)."""
        pupil = self.pupil
        if pupil is None or pupil.id is None:
            return
        svc, actor, pupil_id = self.ctx.services, self.ctx.actor, pupil.id
        title = f"Chronology - {pupil.display_name}"
        open_document(
            self.ctx,
            self.panel,
            lambda: document_service.chronology(svc, actor, pupil_id),
            title,
            safe_filename(title, format_date(self.ctx.clock.today())),
        )

    def start_new(self) -> None:
        """A blank pupil: the date of birth too is blank until typed (never a guess)."""
        self._show(Pupil("", "", self.ctx.clock.today()))
        self.born.set_value(None)
        self.tracker.settle()
        self.chronology.set_rows([])
        self.first.setFocus()

    def _show(self, pupil: Pupil) -> None:
        self.pupil = pupil
        title = pupil.display_name if pupil.id else "New pupil"
        # The legal name under the heading only when the heading is another (preferred) name.
        legal = pupil.legal_name if pupil.id and pupil.legal_name != title else ""
        self.panel.show_content(title, f"Legal name: {legal}" if legal else "")
        self.first.setText(pupil.legal_first_name)
        self.last.setText(pupil.legal_last_name)
        self.preferred.setText(pupil.preferred_name)
        self.born.set_value(pupil.date_of_birth)
        self.upn.setText(pupil.upn)
        self.year.set_value(pupil.year_group)
        self.sen.set_value(pupil.sen_status)
        self.cp_plan.setChecked(pupil.cp_plan)
        self.child_in_need.setChecked(pupil.child_in_need)
        self.looked_after.setChecked(pupil.looked_after)
        self.carers.set_rows(pupil.carers)
        self.concern_button.setVisible(bool(pupil.id) and self.ctx.may(Permission.RAISE_CONCERN))
        self.leaving.show_for(pupil)
        self.agencies.show_for(pupil)
        agencies = self.pages.indexOf(self.agencies)
        self.pages.setTabVisible(agencies, bool(pupil.id) and self.agencies.shown)
        if not self.pages.isTabVisible(agencies) and self.pages.currentIndex() == agencies:
            self.pages.setCurrentWidget(self.details)
        merging = bool(pupil.id) and self.ctx.may(Permission.MERGE_PUPILS)
        self.merge_button.setVisible(merging)
        self.remove_button.setVisible(merging)
        shown = bool(pupil.id) and self.ctx.may(Permission.VIEW_CHRONOLOGY)
        self.pages.setTabVisible(self.pages.indexOf(self.chronology_box), shown)
        if not shown:
            self.pages.setCurrentWidget(self.details)
        self.tracker.settle()

    def record(self) -> Pupil:
        assert self.pupil is not None
        born = self.born.value()
        assert born is not None
        return Pupil(
            legal_first_name=self.first.text().strip(),
            legal_last_name=self.last.text().strip(),
            date_of_birth=born,
            upn=self.upn.text().strip(),
            preferred_name=self.preferred.text().strip(),
            year_group=self.year.value(),
            sen_status=self.sen.value(),
            cp_plan=self.cp_plan.isChecked(),
            child_in_need=self.child_in_need.isChecked(),
            looked_after=self.looked_after.isChecked(),
            carers=self.carers.rows(),
            id=self.pupil.id,
        )

    def raise_concern(self) -> None:
        if self.pupil is not None and self.ctx.may(Permission.RAISE_CONCERN):
            concern_dialog.raise_concern(self.ctx, self.panel, self.pupil)

    def has_changes(self) -> bool:
        return EditsRecord.has_changes(self) or self.agencies.has_changes()

    def save(self, done: Done | None = None) -> None:
        if self.agencies.has_changes():
            done = self.agencies.then_save(done)
        if (
            self.pupil is None
            or not self.ctx.may(Permission.EDIT_PUPILS)
            or not self.ready_to_save()
        ):
            if done is not None:
                done(False)
            return
        pupil = self.record()
        svc, actor = self.ctx.services, self.ctx.actor
        stored, failed = self.answers(self.saved.emit, done)
        self.ctx.run(
            lambda: pupil_service.save_pupil(svc, actor, pupil),
            stored,
            parent=self.panel,
            label="Saving…",
            on_failed=failed,
        )

    def ask_merge(self) -> None:
        """This pupil was entered twice: move everything onto the right record."""
        twin = self.pupil
        if twin is None or twin.id is None or self.has_changes():
            return
        svc, actor, twin_id = self.ctx.services, self.ctx.actor, twin.id

        def others() -> list[tuple[int, str]]:
            rows = pupil_service.list_pupils(svc, actor)
            return [(r.id, f"{r.name} ({r.upn or 'no UPN'})") for r in rows if r.id != twin_id]

        def chosen(choices: list[tuple[int, str]]) -> None:
            keep = correcting.choose(
                self.panel,
                "Merge a pupil entered twice",
                f"{twin.display_name} is the same child as:",
                choices,
            )
            if keep is None:
                return
            correcting.correct(
                self.ctx,
                self.panel,
                "Merge a pupil entered twice",
                f"Why are these one child? Everything of {twin.display_name} moves across.",
                lambda why: corrections.merge_pupils(svc, actor, keep, twin_id, why),
                lambda kept: self.saved.emit(kept.id),
            )

        self.ctx.run(others, chosen, parent=self.panel)

    def ask_remove(self) -> None:
        pupil = self.pupil
        if pupil is None or pupil.id is None:
            return
        svc, actor, pupil_id = self.ctx.services, self.ctx.actor, pupil.id
        correcting.correct(
            self.ctx,
            self.panel,
            "Remove a pupil entered by mistake",
            f"Why should {pupil.display_name} be removed? (Only a record with nothing "
            "recorded for it can go; otherwise merge it.)",
            lambda why: corrections.remove_pupil(svc, actor, pupil_id, why),
        )

    def _open_entry(self, index: object) -> None:
        entry = index.data(ROW_ROLE)  # type: ignore[attr-defined]
        kind, record_id = entry.ref
        if record_id is not None:
            self.open_record.emit(kind, record_id)
