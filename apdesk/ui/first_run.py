"""The first-run wizard: the school's details, the Headteacher's account, the recovery code.

Nothing is written until the account page is done; then one service call makes the
encrypted store, the school and the account together (on the worker, with progress). With no
secure keyring on this computer, a passphrase page explains why and asks for one instead.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFormLayout, QVBoxLayout, QWidget, QWizard, QWizardPage

from apdesk.domain.clock import Clock
from apdesk.domain.entities import School
from apdesk.domain.errors import InvalidInput
from apdesk.domain.permissions import check_password_strength
from apdesk.services import school as school_service
from apdesk.services.setup import FirstRun, create_school_store
from apdesk.storage.keyring_store import SystemKeyring
from apdesk.storage.location import location_warning
from apdesk.ui.errors import user_message
from apdesk.ui.recovery_page import RecoveryCodePage
from apdesk.ui.widgets import line_edit, note_label, problem_label, say, text_edit
from apdesk.ui.worker import Worker

SET_UP = "&Set up APDesk"
NO_KEYRING = (
    "This computer has no secure keyring that APDesk can trust with the key to your records, "
    "so APDesk will ask for a passphrase each time it opens instead. Choose one of at least "
    "12 characters that the people who use APDesk on this computer can remember, and keep a "
    "copy with the recovery code in the school safe."
)


class SchoolPage(QWizardPage):
    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.setTitle("Your school")
        self.setSubTitle(
            "APDesk keeps your alternative provision records encrypted on this "
            "computer. These details head every letter; you can change them later."
        )
        self.name = line_edit("School name")
        self.address = text_edit("School address", lines=3)
        self.urn = line_edit("School URN", "6 or 7 digits, from Get Information About Schools")
        self.headteacher = line_edit("Headteacher")
        self.dsl = line_edit("Designated Safeguarding Lead")
        self.deputy_dsl = line_edit("Deputy DSL")
        self.complaint_route = text_edit("Complaint route", "How parents raise a complaint", 2)
        self.registerField("school_name*", self.name)
        form = QFormLayout()
        for text, widget in (
            ("School &name", self.name),
            ("&Address", self.address),
            ("&URN", self.urn),
            ("&Headteacher", self.headteacher),
            ("&DSL", self.dsl),
            ("D&eputy DSL", self.deputy_dsl),
            ("&Complaint route", self.complaint_route),
        ):
            form.addRow(text, widget)
        self.problem = problem_label()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        warning = location_warning(folder)
        if warning:
            note = problem_label()
            say(note, warning)
            layout.addWidget(note)
        layout.addStretch(1)

    def validatePage(self) -> bool:
        """The school's details are checked here, before the account page is shown."""
        try:
            school_service.validate_school(self.school())
        except InvalidInput as exc:
            say(self.problem, str(exc))
            return False
        say(self.problem, "")
        return True

    def school(self) -> School:
        return School(
            name=self.name.text().strip(),
            address=self.address.toPlainText().strip(),
            urn=self.urn.text().strip(),
            headteacher=self.headteacher.text().strip(),
            dsl=self.dsl.text().strip(),
            deputy_dsl=self.deputy_dsl.text().strip(),
            complaint_route=self.complaint_route.toPlainText().strip(),
        )


class SecretPage(QWizardPage):
    """Two password boxes that must match and be long enough; `finish` runs when they are."""

    def __init__(self, title: str, subtitle: str, what: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.what = what
        self.form = QFormLayout()
        self.secret = line_edit(what.capitalize(), "at least 12 characters", password=True)
        self.again = line_edit(f"{what.capitalize()} again", password=True)
        self.problem = problem_label()
        layout = self.column = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.finish: Callable[[], bool] = lambda: True

    def add_secret_rows(self) -> None:
        self.form.addRow(f"&{self.what.capitalize()}", self.secret)
        self.form.addRow("Type it a&gain", self.again)
        self.registerField(f"{self.objectName()}_secret*", self.secret)
        self.registerField(f"{self.objectName()}_again*", self.again)

    def validatePage(self) -> bool:
        wizard = self.wizard()
        if isinstance(wizard, FirstRunWizard) and wizard.first_run is not None:
            return True
        if self.secret.text() != self.again.text():
            say(self.problem, f"The two {self.what}s are different. Type the same one twice.")
            return False
        try:
            check_password_strength(self.secret.text())
        except InvalidInput as exc:
            say(self.problem, str(exc).replace("password", self.what))
            return False
        problem = self.other_problem()
        if problem:
            say(self.problem, problem)
            return False
        say(self.problem, "")
        return self.finish()

    def other_problem(self) -> str:
        """Anything else on this page that would be refused, in plain words ('' if none)."""
        return ""


class AccountPage(SecretPage):
    def __init__(self) -> None:
        super().__init__(
            "Your account",
            "You are the first Headteacher account. You can add "
            "staff accounts once APDesk is open.",
            "password",
        )
        self.setObjectName("account")
        self.username = line_edit("Username", "for example amorgan")
        self.full_name = line_edit("Your name", "as it should appear on records")
        self.registerField("username*", self.username)
        self.registerField("full_name*", self.full_name)
        self.form.addRow("User&name", self.username)
        self.form.addRow("Your na&me", self.full_name)
        self.add_secret_rows()

    def other_problem(self) -> str:
        username = self.username.text().strip()
        if not username or not self.full_name.text().strip():
            return "Type a username and your name."
        if any(ch.isspace() for ch in username):
            return "A username has no spaces: for example amorgan."
        return ""

    def initializePage(self) -> None:
        wizard = self.wizard()
        if isinstance(wizard, FirstRunWizard) and not self.full_name.text():
            self.full_name.setText(wizard.school_page.headteacher.text())


class PassphrasePage(SecretPage):
    def __init__(self) -> None:
        super().__init__("A passphrase for this computer", "", "passphrase")
        self.setObjectName("passphrase")
        self.column.insertWidget(0, note_label(NO_KEYRING))
        self.add_secret_rows()


class FirstRunWizard(QWizard):
    """Makes the store; `first_run` holds the open services and the signed-in Headteacher."""

    def __init__(
        self,
        folder: Path,
        clock: Clock,
        worker: Worker,
        keyring: SystemKeyring,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Set up APDesk")
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        # Back keeps what was typed (Qt would clear a page's fields on the way back).
        self.setOption(QWizard.WizardOption.IndependentPages)
        self.resize(680, 560)
        self.folder, self.clock, self.worker = folder, clock, worker
        self.keyring = keyring if keyring.is_secure() else None
        self.first_run: FirstRun | None = None
        self.school_page = SchoolPage(folder)
        self.account_page = AccountPage()
        self.passphrase_page = PassphrasePage() if self.keyring is None else None
        self.recovery_page = RecoveryCodePage(worker)
        maker = self.passphrase_page or self.account_page
        maker.finish = self._start_creating
        maker.setCommitPage(True)
        maker.setButtonText(QWizard.WizardButton.CommitButton, SET_UP)
        for page in (self.school_page, self.account_page, self.passphrase_page, self.recovery_page):
            if page is not None:
                self.addPage(page)

    def _start_creating(self) -> bool:
        """Start the work and stay on the page; the answer moves the wizard on."""
        self.setEnabled(False)
        school = self.school_page.school()
        page = self.account_page
        username, name, password = page.username.text(), page.full_name.text(), page.secret.text()
        passphrase = self.passphrase_page.secret.text() if self.passphrase_page else None
        self.worker.run(
            lambda: create_school_store(
                self.folder,
                school,
                username,
                name,
                password,
                self.clock,
                keyring=self.keyring,
                passphrase=passphrase,
            ),
            self._created,
            self._failed,
            label="Setting up APDesk: encrypting your records…",
            parent=self,
        )
        return False

    def _created(self, first_run: FirstRun) -> None:
        self.first_run = first_run
        self.setEnabled(True)
        self.recovery_page.show_code(first_run, self.school_page.school().name)
        self.next()

    def _failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        page = self.currentPage()
        if isinstance(page, SecretPage):
            say(page.problem, user_message(exc))

    def reject(self) -> None:
        """Once the store exists, the recovery code must be kept before the wizard closes."""
        if self.first_run is not None and not self.recovery_page.isComplete():
            self.recovery_page.insist()
            return
        super().reject()
