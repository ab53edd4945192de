"""The AP policy's front page in School settings, and File > Load policy wording….

The Policy page of the school dialog shows the version, approval date, approving body and
next review date (the Headteacher changes them; everyone else reads them) and which
checklist wording is in force. Loading wording asks for the file, which the service checks
strictly; a wrong file is refused with its plain reason and changes nothing.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from apdesk.domain.entities import School
from apdesk.domain.errors import InvalidInput
from apdesk.domain.permissions import Permission
from apdesk.domain.policy_wording import PolicyWording
from apdesk.services import policy as policy_service
from apdesk.services.policy import PolicyDetails
from apdesk.ui.context import UiContext
from apdesk.ui.errors import show_message
from apdesk.ui.files import choose_open_path
from apdesk.ui.forms import DateEdit, section
from apdesk.ui.widgets import line_edit, note_label

WORDING_FILTER = "Policy wording (*.json)"
READ_ONLY = "Only the Headteacher can change the policy's details or load its wording."


def load_policy_wording(ctx: UiContext, parent: QWidget, done: object = None) -> None:
    """Ask for a wording file and load it on the worker; say what is now in force."""
    path = choose_open_path(parent, "Choose the policy wording file", WORDING_FILTER)
    if path is None:
        return
    svc, actor = ctx.services, ctx.actor

    def loaded(wording: PolicyWording) -> None:
        show_message(
            parent,
            f"{wording.label} is now in force: Annex A and Annex B are printed in its words.",
            "Policy wording loaded",
        )
        if callable(done):
            done(wording)

    ctx.run(
        lambda: policy_service.load_wording(svc, actor, path.read_bytes()),
        loaded,
        parent=parent,
        label="Checking the policy wording…",
    )


class PolicyPage(QWidget):
    """The policy's version, dates and approving body, and the wording in force."""

    def __init__(
        self, ctx: UiContext, wording: PolicyWording, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editable = ctx.may(Permission.MANAGE_POLICY)
        layout = QVBoxLayout(self)
        if not self.editable:
            layout.addWidget(note_label(READ_ONLY))
        box, form = section("Alternative Provision Policy (§19)")
        self.version = line_edit("Policy version", "such as 1.0")
        self.approved_on = DateEdit("Policy approved on")
        self.approving_body = line_edit("Approving body", "such as the SSC")
        self.review_on = DateEdit("Next review date")
        form.addRow("&Version", self.version)
        form.addRow("Appro&ved on", self.approved_on)
        form.addRow("Approving &body", self.approving_body)
        form.addRow("Ne&xt review", self.review_on)
        layout.addWidget(box)
        wording_box, wording_form = section("Annex A and Annex B wording")
        self.wording = QLabel()
        self.wording.setAccessibleName("Wording in force")
        self.wording.setWordWrap(True)
        wording_form.addRow(self.wording)
        self.load_button = QPushButton("&Load policy wording…")
        self.load_button.setAccessibleName("Load policy wording")
        self.load_button.clicked.connect(
            lambda: load_policy_wording(ctx, self, lambda w: self.show_wording(w))
        )
        self.load_button.setVisible(self.editable)
        wording_form.addRow(self.load_button)
        layout.addWidget(wording_box)
        layout.addWidget(
            note_label(
                "Today reminds the Headteacher 30 days before the review date, and once it "
                "has passed."
            )
        )
        layout.addStretch(1)
        lines = (self.version, self.approving_body, self.approved_on.line, self.review_on.line)
        for field in lines:
            field.setReadOnly(not self.editable)
        self.show_wording(wording)

    def show_wording(self, wording: PolicyWording) -> None:
        self.wording.setText(f"In force: {wording.label}.")

    def fill(self, school: School) -> None:
        self.version.setText(school.policy_version)
        self.approved_on.set_value(school.policy_approved_on)
        self.approving_body.setText(school.policy_approving_body)
        self.review_on.set_value(school.policy_review_on)

    def details(self) -> PolicyDetails:
        """What the page holds; InvalidInput if a date cannot be read."""
        return PolicyDetails(
            self.version.text().strip(),
            self.approved_on.value(),
            self.approving_body.text().strip(),
            self.review_on.value(),
        )

    def problem(self) -> str:
        if not self.editable:
            return ""
        try:
            policy_service.validate_details(self.details(), self.ctx.clock.today())
        except InvalidInput as exc:
            return str(exc)
        return ""
