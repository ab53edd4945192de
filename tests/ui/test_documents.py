"""Documents from the window: each opens from memory in the viewer; who may make which."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton

from apdesk.domain import checklists
from apdesk.domain.annex_b_evidence import LineEvidence
from apdesk.domain.enums import PlacementReason, Role
from apdesk.domain.record_kinds import RecordKind
from apdesk.services import documents as document_service
from apdesk.services import placements as placement_service
from apdesk.services import providers as provider_service
from apdesk.services.annex_b_evidence import annex_b_evidence
from apdesk.ui.document_dialogs import GovernorsReportDialog, PlacementPicker, SignDialog
from apdesk.ui.verify_dialog import VerifyDialog
from apdesk.ui.viewer import DocumentViewer
from tests.documents.conftest import pdf_text
from tests.services import builders
from tests.ui.conftest import PASSWORDS, open_tab


def shown(qtbot, window, kind=DocumentViewer):
    """The dialog of `kind` the window opens next (and shows)."""
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(kind)), timeout=15000)
    return next(d for d in window.findChildren(kind) if d.isVisible())


def viewed_pdf(qtbot, window):
    viewer = shown(qtbot, window)
    assert viewer.data.startswith(b"%PDF")
    assert viewer.pdf is not None and viewer.pdf.pageCount() > 0
    return viewer


def complete_annex_b(services, actor, provider_id):
    for item in checklists.ANNEX_B_ITEMS:
        provider_service.set_annex_b_item(services, actor, provider_id, item.key, True)


def choose(qtbot, tab, key):
    tab.select_key(key)
    editor = tab.editor
    record = "placement" if hasattr(editor, "placement") else "provider"
    qtbot.waitUntil(lambda: getattr(editor, record) is not None, timeout=10000)
    qtbot.waitUntil(lambda: getattr(editor, record).id == key, timeout=10000)
    return editor


def test_placement_letter_and_annex_a_open_in_the_viewer(qtbot, make_window, world):
    window = make_window(Role.DSL)
    editor = choose(qtbot, open_tab(qtbot, window, "Placements"), world["placement"].id)
    editor.letter_button.click()
    letter = viewed_pdf(qtbot, window)
    assert letter.windowTitle() == "Letter to parents - Robin Testcase"
    assert letter.filename == "Letter to parents - Robin Testcase - 28 Nov 2026.pdf"
    letter.close()
    editor.annex_a_button.click()
    annex = viewed_pdf(qtbot, window)
    assert annex.windowTitle() == "Annex A - Robin Testcase"


def test_batch_letters_from_a_checkable_list(qtbot, make_window, world, services, actors):
    dsl = actors[Role.DSL]
    builders.proposed_placement(
        services, dsl, world["other"], world["provider"], world["placement"].start_date
    )
    window = make_window(Role.INCLUSION_LEAD)
    open_tab(qtbot, window, "Placements")
    window.documents.actions["Letters for chosen placements…"].trigger()
    picker = shown(qtbot, window, PlacementPicker)
    qtmodel = picker.model
    assert qtmodel.rowCount() == 2 and qtmodel.ticked_rows() == []
    picker.accept()
    assert picker.problem.text() == "Tick at least one placement."  # and it stays open
    next(b for b in picker.findChildren(QPushButton) if b.text() == "Tick &proposed").click()
    assert [r.pupil for r in qtmodel.ticked_rows()] == ["Ash Example"]
    picker.model.tick_where(lambda r: True)
    picker.accept()
    letters = viewed_pdf(qtbot, window)
    assert letters.windowTitle() == "Letters to parents - 2 placements"
    assert letters.pdf.pageCount() >= 2


def test_parent_letter_from_the_pupils_tab_ticks_that_pupils_placement(
    qtbot, make_window, world, services, actors
):
    later = world["placement"].start_date + timedelta(days=7)  # Ash's is first in the list
    other = builders.proposed_placement(
        services, actors[Role.DSL], world["other"], world["provider"], later
    )
    window = make_window(Role.INCLUSION_LEAD)
    pupils = open_tab(qtbot, window, "Pupils")
    pupils.select_key(world["pupil"].id)
    qtbot.waitUntil(lambda: window.chosen_row(RecordKind.PUPIL) is not None, timeout=10000)
    window.documents.actions["Parent letter…"].trigger()
    picker = shown(qtbot, window, PlacementPicker)
    assert picker.chosen_ids() == [world["placement"].id]  # not Ash's, and not none at all
    assert other.id not in picker.chosen_ids()
    assert picker.model.rows[0].id == other.id
    current = picker.view.currentIndex()  # Space acts on Robin's line, not the first one
    assert current.isValid() and picker.model.rows[current.row()].id == world["placement"].id


def test_one_ticked_placement_is_named_after_its_pupil_not_1_placements(qtbot, make_window, world):
    window = make_window(Role.INCLUSION_LEAD)
    window.documents.actions["Letters for chosen placements…"].trigger()
    picker = shown(qtbot, window, PlacementPicker)
    picker.model.tick_where(lambda r: True)
    picker.accept()
    letter = viewed_pdf(qtbot, window)
    assert letter.windowTitle() == "Letter to parents - Robin Testcase"
    assert letter.filename == "Letter to parents - Robin Testcase - 28 Nov 2026.pdf"


def test_save_a_copy_says_where_the_copy_went(qtbot, make_window, world, monkeypatch, tmp_path):
    from apdesk.ui import viewer as viewer_module
    from tests.ui.pupil_dialogs import save_as

    window = make_window(Role.DSL)
    editor = choose(qtbot, open_tab(qtbot, window, "Placements"), world["placement"].id)
    editor.letter_button.click()
    letter = viewed_pdf(qtbot, window)
    target = tmp_path / "letters" / "letter.pdf"
    save_as(monkeypatch, viewer_module, target)
    letter.save_copy()
    assert target.read_bytes() == letter.data
    assert letter.pages_note.text().endswith(f"Copy saved as letter.pdf in {target.parent}")
    assert letter.pages_note.text().startswith(("1 page.", f"{letter.pdf.pageCount()} pages."))


def test_checkable_list_passes_the_model_tester(qtbot, qtmodeltester, services, actors, world):
    rows = placement_service.list_placements(services, actors[Role.DSL])
    picker = PlacementPicker(rows)
    qtbot.addWidget(picker)
    picker.model.tick_where(lambda r: True)
    qtmodeltester.check(picker.model)
    assert picker.chosen_ids() == [world["placement"].id]


def test_a_late_off_site_direction_notice_warns_before_the_letter(
    qtbot, make_window, world, services, actors, clock
):
    dsl = actors[Role.DSL]
    start = clock.today() + timedelta(days=2)  # Monday; today is a Saturday
    proposed = builders.proposed_placement(services, dsl, world["other"], world["provider"], start)
    direction = dataclasses.replace(proposed, reason=PlacementReason.OFFSITE_DIRECTION)
    stored = placement_service.save_placement(services, dsl, direction)
    window = make_window(Role.DSL)
    window.documents.records.letters([stored.id], "Notice - Ash Example")
    box = shown(qtbot, window, QMessageBox)
    assert "less than two school days before the start" in box.text()
    next(b for b in box.buttons() if b.text() == "Make them &anyway").click()
    assert viewed_pdf(qtbot, window).windowTitle() == "Notice - Ash Example"


def test_headteacher_signs_annex_b_and_the_signature_verifies(
    qtbot, make_window, world, services, actors
):
    provider_id = world["provider"].id
    window = make_window(Role.HEADTEACHER)
    editor = choose(qtbot, open_tab(qtbot, window, "Providers"), provider_id)
    assert editor.sign_button.isVisibleTo(window) and not editor.sign_button.isEnabled()
    editor.annex_b_button.click()
    viewed_pdf(qtbot, window).close()
    complete_annex_b(services, actors[Role.DSL], provider_id)
    qtbot.waitUntil(editor.sign_button.isEnabled, timeout=10000)
    editor.sign_button.click()
    dialog = shown(qtbot, window, SignDialog)
    dialog.password.setText(PASSWORDS[Role.HEADTEACHER])
    assert "2.4" in dialog.reasons  # no register typed yet: APDesk's records say otherwise
    dialog.accept()
    assert dialog.isVisible()  # a reason for each contradicted line first, and it says so
    assert dialog.problem.isVisibleTo(dialog)
    assert dialog.problem.text().startswith("Write why line")
    assert "2.4" in dialog.problem.text()
    for key, box in dialog.reasons.items():
        box.setPlainText(f"Line {key}: the provider's register arrives on Friday.")
    dialog.accept()
    signed = viewed_pdf(qtbot, window)
    assert signed.filename == "Annex B - Bridgeway Learning - signed 28 Nov 2026.pdf"
    assert "the provider's register arrives on Friday." in pdf_text(signed.data)
    report = document_service.verify(signed.data, document_service.trusted_roots(services))
    assert report.valid and report.signer_name == "Alex Morgan (Head)"
    qtbot.waitUntil(lambda: editor.annex_b.sign_off.text().startswith("Last"), timeout=10000)
    assert editor.annex_b.sign_off.text() == (
        "Last signed off by Alex Morgan (Head), Headteacher, on 28 Nov 2026."
    )


def test_sign_without_a_password_says_to_type_it(qtbot):
    dialog = SignDialog("Bridgeway Learning", "Alex Morgan")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.problem.text() == "Type your password to sign."


def test_long_contradictions_are_shown_whole_with_sign_in_reach(qtbot):
    """Kestrel's 2.1 names seven lapsed checks: every word readable, the Sign button on screen."""
    lapsed = tuple(
        f"Kestrel Outdoor Learning is lapsed: Check number {n} with its long name expired on "
        "19 Nov 2026, so the school has no evidence for it."
        for n in range(1, 8)
    )
    against = [LineEvidence(key, (), lapsed) for key in ("2.1", "2.2", "2.5")]
    dialog = SignDialog("Kestrel Outdoor Learning", "Alex Morgan", against=against)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    screen = dialog.screen().availableGeometry()
    assert dialog.frameGeometry().height() <= screen.height()
    for label in dialog.findChildren(QLabel):
        if label.text().startswith("2."):
            assert label.height() >= label.heightForWidth(label.width()), label.text()[:20]
    sign = next(b for b in dialog.findChildren(QPushButton) if b.text() == "&Sign")
    assert screen.contains(QRect(sign.mapToGlobal(QPoint(0, 0)), sign.size()))


def test_signing_with_requirements_outstanding_is_refused_in_plain_english(
    qtbot, make_window, world
):
    window = make_window(Role.HEADTEACHER)
    open_tab(qtbot, window, "Providers").select_key(world["provider"].id)
    window.documents.actions["Sign Annex B…"].trigger()
    box = shown(qtbot, window, QMessageBox)  # before any password is typed, not after
    assert "still has 22 requirements not completed" in box.text()
    assert not any(d.isVisible() for d in window.findChildren(SignDialog))


@pytest.mark.parametrize(
    "role, expected",
    [
        (
            Role.HEADTEACHER,
            [
                "Parent letter…",
                "Letters for chosen placements…",
                "Annex A…",
                "Annex B…",
                "Sign Annex B…",
                "Register of pupils in AP",
                "Governors' report…",
                "School signing certificates…",
                "Verify a signed document…",
            ],
        ),
        (Role.DSL, ["Parent letter…", "Letters for chosen placements…", "Annex A…", "Annex B…"]),
        (Role.GOVERNOR, ["Register of pupils in AP", "Governors' report…"]),
        (Role.ADMINISTRATOR, []),
    ],
)
def test_documents_menu_offers_only_what_the_role_may_make(make_window, role, expected):
    window = make_window(role)
    offered = list(window.documents.actions)
    assert offered[: len(expected)] == expected
    assert "Verify a signed document…" in offered
    assert ("Sign Annex B…" in offered) == (role is Role.HEADTEACHER)


def test_dsl_has_no_sign_button(qtbot, make_window, world):
    window = make_window(Role.DSL)
    editor = choose(qtbot, open_tab(qtbot, window, "Providers"), world["provider"].id)
    assert editor.annex_b_button.isVisibleTo(window)
    assert not editor.sign_button.isVisibleTo(window)


def test_verify_reports_valid_and_altered_files(
    qtbot, make_window, world, services, actors, tmp_path
):
    head = actors[Role.HEADTEACHER]
    complete_annex_b(services, actors[Role.DSL], world["provider"].id)
    lines = annex_b_evidence(services, head, world["provider"].id)
    reasons = {k: "Checked with the provider." for k, line in lines.items() if line.contradicted}
    signed = document_service.sign_annex_b(
        services, head, world["provider"].id, PASSWORDS[Role.HEADTEACHER], reasons
    )
    good, bad = tmp_path / "signed.pdf", tmp_path / "tampered.pdf"
    good.write_bytes(signed)
    at = signed.index(b"stream") + 20  # a byte inside the first page's signed content
    bad.write_bytes(signed[:at] + bytes([signed[at] ^ 0x01]) + signed[at + 1 :])
    window = make_window(Role.GOVERNOR)
    window.documents.school.verify_file(good)
    dialog = shown(qtbot, window, VerifyDialog)
    assert dialog.valid and dialog.summary.text().startswith("VALID: signed by Alex Morgan")
    assert dialog.verdict.text() == "✔ Signature valid"
    dialog.close()
    window.documents.school.verify_file(bad)
    dialog = shown(qtbot, window, VerifyDialog)
    assert not dialog.valid and dialog.summary.text().startswith("ALTERED")
    assert dialog.verdict.text() == "✖ Do not rely on this copy"


def test_register_governors_report_and_certificates(qtbot, make_window, world, tmp_path):
    window = make_window(Role.HEADTEACHER)
    school = window.documents.school
    window.documents.actions["Register of pupils in AP"].trigger()
    register = viewed_pdf(qtbot, window)
    assert register.windowTitle() == "Register of pupils in AP"
    register.close()
    window.documents.actions["Governors' report…"].trigger()
    dialog = shown(qtbot, window, GovernorsReportDialog)
    assert dialog.chosen() == ("Autumn 2026", "")
    dialog.plans.setPlainText("Visit every provider in the spring.")
    dialog.accept()
    assert viewed_pdf(qtbot, window).windowTitle() == "Governors' report - Autumn 2026"
    school.save_certificates(tmp_path / "certificates.pem")
    qtbot.waitUntil((tmp_path / "certificates.pem").exists, timeout=10000)
    pem = (tmp_path / "certificates.pem").read_bytes()
    assert pem.startswith(b"-----BEGIN CERTIFICATE-----") and pem.count(b"BEGIN") >= 2


def test_a_document_finished_while_locked_waits_for_the_unlock(qtbot, make_window, world):
    window = make_window(Role.HEADTEACHER)
    window.documents.actions["Register of pupils in AP"].trigger()
    window.lock()
    qtbot.waitUntil(lambda: not window.ctx.worker.busy, timeout=15000)
    qtbot.wait(50)
    assert not any(v.isVisible() for v in window.findChildren(DocumentViewer))
    window.unlock()
    # At the unlock itself, not at the next poll of the lock.
    assert [v.isVisible() for v in window.findChildren(DocumentViewer)] == [True]
    viewed_pdf(qtbot, window)


def test_a_document_finished_while_locked_is_dropped_if_someone_signs_out(
    qtbot, make_window, world
):
    window = make_window(Role.HEADTEACHER)
    window.documents.actions["Register of pupils in AP"].trigger()
    window.lock()
    qtbot.waitUntil(lambda: not window.ctx.worker.busy, timeout=15000)
    with qtbot.waitSignal(window.signed_out):
        window.lock_page.sign_out_button.click()
    qtbot.wait(50)
    assert not any(v.isVisible() for v in window.findChildren(DocumentViewer))


def test_space_ticks_the_chosen_line_of_the_list(qtbot, services, actors, world):
    from PySide6.QtCore import Qt

    picker = PlacementPicker(placement_service.list_placements(services, actors[Role.DSL]))
    qtbot.addWidget(picker)
    picker.show()
    picker.view.setFocus()
    picker.view.setCurrentIndex(picker.model.index(0, 3))
    assert picker.view.currentIndex().column() == 0
    qtbot.keyClick(picker.view, Qt.Key_Space)
    assert picker.chosen_ids() == [world["placement"].id]
    qtbot.keyClick(picker.view, Qt.Key_Space)
    assert picker.chosen_ids() == []
