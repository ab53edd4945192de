"""The first-run wizard makes a working store, checks passwords plainly and guards the code."""

from __future__ import annotations

import keyring.backends.fail
import pytest
from PySide6.QtWidgets import QWizard

from apdesk.services import school as school_service
from apdesk.storage.keyring_store import SystemKeyring
from apdesk.storage.store import StorePaths
from apdesk.ui.first_run import FirstRunWizard, PassphrasePage
from apdesk.ui.recovery_page import RecoveryCodePage
from apdesk.ui.viewer import DocumentViewer


@pytest.fixture
def wizard(qtbot, tmp_path, clock, worker):
    w = FirstRunWizard(tmp_path / "data", clock, worker, SystemKeyring())
    qtbot.addWidget(w)
    w.show()
    yield w
    if w.first_run is not None:
        w.first_run.services.close()


def fill_school(w):
    page = w.school_page
    page.name.setText("Riverside Academy")
    page.address.setPlainText("1 River Road\nLeeds LS1 1AA")
    page.headteacher.setText("Alex Morgan")
    page.dsl.setText("Sam Patel")
    w.next()


def fill_account(w, password="correct horse battery", again=None, username="amorgan"):
    page = w.account_page
    page.username.setText(username)
    page.full_name.setText("Alex Morgan")
    page.secret.setText(password)
    page.again.setText(password if again is None else again)
    w.next()


def test_wizard_creates_the_store_school_and_headteacher(qtbot, wizard, tmp_path):
    fill_school(wizard)
    assert wizard.currentPage() is wizard.account_page
    fill_account(wizard)
    qtbot.waitUntil(lambda: isinstance(wizard.currentPage(), RecoveryCodePage), timeout=15000)
    run = wizard.first_run
    assert StorePaths(tmp_path / "data").exists()
    assert run.headteacher.username == "amorgan"
    assert school_service.get_school(run.services).name == "Riverside Academy"
    page = wizard.recovery_page
    assert page.code.text() == run.recovery_code and run.recovery_code
    finish = wizard.button(QWizard.FinishButton)
    assert not finish.isEnabled()  # not until the code is kept
    wizard.reject()
    assert wizard.isVisible() and page.problem.isVisible()
    page.kept.setChecked(True)
    assert finish.isEnabled()


def test_password_rules_are_explained_plainly(qtbot, wizard, tmp_path):
    fill_school(wizard)
    fill_account(wizard, "short")
    page = wizard.account_page
    assert wizard.currentPage() is page
    assert "at least 12 characters" in page.problem.text()
    fill_account(wizard, "correct horse battery", "correct horse battry")
    assert "different" in page.problem.text()
    assert not StorePaths(tmp_path / "data").exists()  # nothing written yet


def test_recovery_sheet_can_be_printed_but_not_saved(qtbot, wizard):
    fill_school(wizard)
    fill_account(wizard)
    qtbot.waitUntil(lambda: wizard.first_run is not None, timeout=15000)
    wizard.recovery_page.print_button.click()
    qtbot.waitUntil(lambda: bool(wizard.findChildren(DocumentViewer)), timeout=15000)
    viewer = wizard.findChildren(DocumentViewer)[0]
    assert viewer.pdf is not None and viewer.pdf.pageCount() >= 1
    assert viewer.print_button.isVisible()
    assert "Save a copy…" not in [
        b.text().replace("&", "") for b in viewer.findChildren(type(viewer.print_button))
    ]
    viewer.close()


def test_without_a_secure_keyring_the_wizard_asks_for_a_passphrase(qtbot, tmp_path, clock, worker):
    insecure = SystemKeyring(keyring.backends.fail.Keyring())
    w = FirstRunWizard(tmp_path / "data", clock, worker, insecure)
    qtbot.addWidget(w)
    w.show()
    fill_school(w)
    fill_account(w)
    page = w.currentPage()
    assert isinstance(page, PassphrasePage)
    assert "no secure keyring" in " ".join(
        lbl.text() for lbl in page.findChildren(type(page.problem))
    )
    page.secret.setText("river road passphrase")
    page.again.setText("river road passphrase")
    w.next()
    qtbot.waitUntil(lambda: w.first_run is not None, timeout=15000)
    slots = w.first_run.services.store.slots
    assert slots.has("passphrase") and not slots.has("keyring")
    w.first_run.services.close()


@pytest.mark.parametrize(
    ("urn", "moves_on"),
    [("12345", False), ("123456", True), ("1234567", True), ("12345678", False), ("12a456", False)],
)
def test_the_school_page_checks_its_urn_before_moving_on(wizard, urn, moves_on):
    page = wizard.school_page
    page.name.setText("Riverside Academy")
    page.urn.setText(urn)
    wizard.next()
    assert (wizard.currentPage() is wizard.account_page) == moves_on
    assert page.problem.isVisible() != moves_on
    if not moves_on:
        assert "6 or 7 digits" in page.problem.text()
    assert not StorePaths(wizard.folder).exists()


def test_a_username_with_spaces_is_refused_on_the_account_page(wizard, tmp_path):
    fill_school(wizard)
    fill_account(wizard, username="alex morgan")
    page = wizard.account_page
    assert wizard.currentPage() is page
    assert "no spaces" in page.problem.text()
    assert not StorePaths(tmp_path / "data").exists()


def test_going_back_keeps_what_was_typed(qtbot, tmp_path, clock, worker):
    fail = SystemKeyring(keyring.backends.fail.Keyring())
    w = FirstRunWizard(tmp_path / "data", clock, worker, fail)
    qtbot.addWidget(w)
    w.show()
    fill_school(w)
    fill_account(w)
    page = w.account_page
    assert w.currentPage() is w.passphrase_page
    w.passphrase_page.secret.setText("a passphrase for the office")
    w.back()
    w.back()
    assert w.currentPage() is w.school_page
    assert w.school_page.name.text() == "Riverside Academy"
    w.next()
    assert (page.secret.text(), page.again.text()) == ("correct horse battery",) * 2
    w.next()
    assert w.passphrase_page.secret.text() == "a passphrase for the office"
    assert w.button(QWizard.CommitButton).text().replace("&", "") == "Set up APDesk"
