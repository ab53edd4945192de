"""A provider's record: status and reasons, details, sites, contacts and vetting checks."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLineEdit, QTabWidget, QVBoxLayout, QWidget

from apdesk.domain import checklists
from apdesk.domain.annex_b_evidence import LineEvidence
from apdesk.domain.census import setting_type_text
from apdesk.domain.entities import Contact, Provider, Site
from apdesk.domain.enums import ProviderKind, SettingType, SiteKind
from apdesk.domain.labels import label
from apdesk.domain.permissions import Permission
from apdesk.domain.providers import ProviderStatus
from apdesk.services import providers as provider_service
from apdesk.services.annex_b_evidence import annex_b_evidence
from apdesk.ui import colours
from apdesk.ui.context import UiContext
from apdesk.ui.detail import DetailPanel, hold_height, status_label
from apdesk.ui.forms import ChoiceCombo, enum_choices, section
from apdesk.ui.models import Column
from apdesk.ui.record_documents import RecordDocuments
from apdesk.ui.tabs.common.children import ChildList, lines
from apdesk.ui.tabs.providers.annex_b_page import TOTAL as ANNEX_B_TOTAL
from apdesk.ui.tabs.providers.annex_b_page import AnnexBPage
from apdesk.ui.tabs.providers.checks import ChecksSection
from apdesk.ui.unsaved import ChangeTracker, Done, EditsRecord
from apdesk.ui.widgets import line_edit, one_line, text_edit

SITE_COLUMNS: tuple[Column[Site], ...] = (
    Column("Site", lambda s: s.name),
    Column("Kind", lambda s: label(s.kind)),
    # Last, so the address (the longest) takes the width the others leave.
    Column("Address", lambda s: one_line(s.address), tooltip=lambda s: s.address),
)
SITE_FIELDS = (
    ("name", "&Name", QLineEdit),
    ("address", "&Address", lines(3)),
    ("kind", "&Kind", lambda: ChoiceCombo("Kind", enum_choices(SiteKind))),
)
CONTACT_COLUMNS: tuple[Column[Contact], ...] = (
    Column("Name", lambda c: c.name),
    Column("Role", lambda c: c.role),
    Column("Phone", lambda c: c.phone),
    Column("Provider's DSL", lambda c: "Yes" if c.is_dsl else ""),
)
CONTACT_FIELDS = (
    ("name", "&Name", QLineEdit),
    ("role", "&Role", QLineEdit),
    ("phone", "&Phone", QLineEdit),
    ("email", "&Email", QLineEdit),
    ("is_dsl", "Provider's &DSL", lambda: QCheckBox("Named safeguarding lead")),
)
STATUS_STYLE = {
    "approved": f"background: {colours.css(colours.GOOD)}; color: #1e4620;",
    "lapsed": f"background: {colours.css(colours.BAD)}; color: #5c1419;",
    "not_vetted": f"background: {colours.css(colours.WARN)}; color: #4d3800;",
}


class ProviderEditor(QObject, EditsRecord):
    saved = Signal(object)

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.provider: Provider | None = None
        self.panel = DetailPanel("Choose a provider from the list, or press Ctrl+N to add one.")
        self.status = status_label()
        self.panel.add_section(self.status)
        self.sites = ChildList("site", SITE_COLUMNS, SITE_FIELDS, Site)
        self.contacts = ChildList("contact", CONTACT_COLUMNS, CONTACT_FIELDS, Contact)
        self.checks = ChecksSection(ctx, self.panel)
        self.annex_b = AnnexBPage(
            self.tick, ctx.may(Permission.VET_PROVIDERS), self.name_responsible
        )
        self.pages = QTabWidget()
        self.pages.setAccessibleName("Provider record")
        self.details_page = self._details_page()
        self.tracker = ChangeTracker([self.details_page])
        for title, page in (
            ("Details", self.details_page),
            ("Vetting checks", self._page(self.checks.box)),
            ("Annex B", self.annex_b),
        ):
            self.pages.addTab(page, title)
        self.panel.add_section(self.pages)
        self.panel.finish_sections()
        self.save_button = self.panel.add_button("&Save provider", self.save, default=True)
        self._document_buttons()
        editable = ctx.may(Permission.EDIT_PROVIDERS)
        self.save_button.setVisible(editable)
        for child in (self.sites, self.contacts):
            child.set_editable(editable)
        for widget in self.fields:
            widget.setEnabled(editable)

    def _document_buttons(self) -> None:
        self.documents = RecordDocuments(self.ctx, self.panel)
        self.annex_b_button = self.panel.add_title_button(
            "Annex B…", self.annex_b_document, "The Annex B checklist as it stands, unsigned"
        )
        self.sign_button = self.panel.add_title_button(
            "Sign Annex B…", self.sign_annex_b, "Sign the completed checklist as Headteacher"
        )
        self.may_sign = self.ctx.may(Permission.SIGN_ANNEX_B)

    def _show_documents(self, provider: Provider) -> None:
        saved = provider.id is not None
        self.annex_b_button.setVisible(saved)
        self.sign_button.setVisible(saved and self.may_sign)
        complete = checklists.annex_b_complete(provider.annex_b)
        self.sign_button.setEnabled(complete)
        self.sign_button.setToolTip(
            "Sign the completed checklist as Headteacher"
            if complete
            else "Every Annex B requirement must be ticked before you can sign."
        )

    def annex_b_document(self) -> None:
        if self.provider is not None and self.provider.id is not None:
            self.documents.annex_b(self.provider.id, self.provider.name)

    def sign_annex_b(self) -> None:
        if self.provider is not None and self.provider.id is not None and self.may_sign:
            ticked = {s.key for s in self.provider.annex_b if s.done}
            against = [
                line
                for key, line in self.annex_b.evidence.items()
                if line.contradicted and key in ticked
            ]
            self.documents.offer_to_sign(self.provider.id, self.provider.name, against)

    def _details_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self._build_details())
        for title, child in (
            ("Sites where pupils are taught", self.sites),
            ("Contacts", self.contacts),
        ):
            box, form = section(title)
            form.addRow(child)
            layout.addWidget(box)
        layout.addStretch(1)
        return page

    @staticmethod
    def _page(content: QWidget) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(content)
        layout.addStretch(1)
        return page

    def _build_details(self) -> QGroupBox:
        self.name = line_edit("Provider name")
        self.kind = ChoiceCombo("Kind of provider", enum_choices(ProviderKind))
        self.urn = line_edit("Ofsted URN", "if registered")
        self.ukprn = line_edit("UKPRN", "8 digits, if it has one")
        self.setting_type = ChoiceCombo(
            "Census setting type",
            [(code, setting_type_text(code)) for code in SettingType],
            blank="None: it has a URN or UKPRN",
        )
        self.setting_type.setToolTip(
            "The school census's type of setting, sent only for a provider with neither a URN "
            "nor a UKPRN (File > Export > Census AP placements)."
        )
        self.phone = line_edit("Phone")
        self.email = line_edit("Email")
        self.notes = text_edit("Notes", lines=2)
        box, form = section("Provider")
        for text, widget in (
            ("&Name", self.name),
            ("&Kind", self.kind),
            ("Ofsted &URN", self.urn),
            ("UK&PRN", self.ukprn),
            ("Census se&tting type", self.setting_type),
            ("P&hone", self.phone),
            ("&Email", self.email),
            ("N&otes", self.notes),
        ):
            form.addRow(text, widget)
        self.fields = [
            self.name,
            self.kind,
            self.urn,
            self.ukprn,
            self.setting_type,
            self.phone,
            self.email,
            self.notes,
        ]
        return box

    def load(self, provider_id: int) -> None:
        svc, actor = self.ctx.services, self.ctx.actor
        self.ctx.run(
            lambda: (
                *provider_service.get_provider(svc, actor, provider_id),
                annex_b_evidence(svc, actor, provider_id),
            ),
            lambda found: self._show(*found),
            parent=self.panel,
        )

    def start_new(self) -> None:
        self._show(Provider("", ProviderKind.OFSTED_REGISTERED_AP), None)
        self.name.setFocus()

    def _show(
        self,
        provider: Provider,
        status: ProviderStatus | None,
        evidence: Mapping[str, LineEvidence] | None = None,
    ) -> None:
        shown = self.provider.id if self.provider is not None else None
        same = provider.id is not None and provider.id == shown
        self.provider = provider
        self.panel.show_content(provider.name or "New provider", label(provider.kind))
        hold_height(self.status, same)
        self._show_status(status)
        self.name.setText(provider.name)
        self.kind.set_value(provider.kind)
        self.urn.setText(provider.ofsted_urn)
        self.ukprn.setText(provider.ukprn)
        self.setting_type.set_value(provider.setting_type)
        self.phone.setText(provider.phone)
        self.email.setText(provider.email)
        self.notes.setPlainText(provider.notes)
        self.sites.set_rows(provider.sites)
        self.contacts.set_rows(provider.contacts)
        self.checks.show_provider(provider)
        self.annex_b.evidence = dict(evidence or {})
        self.annex_b.fill(provider, self.ctx.clock.today())
        self.pages.setTabText(2, f"Annex B ({self.annex_b.done_count} of {ANNEX_B_TOTAL})")
        for page in (1, 2):
            self.pages.setTabEnabled(page, provider.id is not None)
        self._show_documents(provider)
        self.tracker.settle()
        self.panel.restore_anchor()

    def _show_status(self, status: ProviderStatus | None) -> None:
        self.status.setVisible(status is not None)
        if status is None:
            return
        lines = [label(status.state)] + [f"• {reason}" for reason in status.reasons]
        self.status.setText("\n".join(lines))
        self.status.setStyleSheet(STATUS_STYLE[status.state.value] + " padding: 8px;")

    def tick(self, key: str, done: bool) -> None:
        """Save one Annex B tick at once (today's date); the reload shows the date."""
        if self.provider is None or self.provider.id is None:
            return
        pid, svc, actor = self.provider.id, self.ctx.services, self.ctx.actor
        self.panel.anchor(self.annex_b.boxes[key])
        self.ctx.run(
            lambda: provider_service.set_annex_b_item(svc, actor, pid, key, done),
            parent=self.panel,
            on_failed=lambda _: self.load(pid),
        )

    def name_responsible(self, name: str) -> None:
        """Save the Annex B responsible staff member when the field is left."""
        if self.provider is None or self.provider.id is None:
            return
        if name == self.provider.annex_b_responsible:
            return
        pid, svc, actor = self.provider.id, self.ctx.services, self.ctx.actor
        self.provider.annex_b_responsible = name
        self.ctx.run(
            lambda: provider_service.set_annex_b_responsible(svc, actor, pid, name),
            parent=self.panel,
            on_failed=lambda _: self.load(pid),
        )

    def record(self) -> Provider:
        assert self.provider is not None
        return Provider(
            name=self.name.text().strip(),
            kind=self.kind.value(),
            ofsted_urn=self.urn.text().strip(),
            ukprn=self.ukprn.text().strip(),
            setting_type=self.setting_type.value(),
            phone=self.phone.text().strip(),
            email=self.email.text().strip(),
            notes=self.notes.toPlainText().strip(),
            sites=self.sites.rows(),
            contacts=self.contacts.rows(),
            annex_b_responsible=self.provider.annex_b_responsible,
            id=self.provider.id,
        )

    def save(self, done: Done | None = None) -> None:
        if (
            self.provider is None
            or not self.ctx.may(Permission.EDIT_PROVIDERS)
            or not self.ready_to_save()
        ):
            if done is not None:
                done(False)
            return
        provider = self.record()
        svc, actor = self.ctx.services, self.ctx.actor
        stored, failed = self.answers(self.saved.emit, done)
        self.ctx.run(
            lambda: provider_service.save_provider(svc, actor, provider),
            stored,
            parent=self.panel,
            label="Saving…",
            on_failed=failed,
        )
