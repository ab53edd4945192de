"""Parent communications in the window: after printing a letter the window asks whether it
was sent, and records it; the Headteacher (who reads but does not record) is not asked."""

from __future__ import annotations

from pathlib import Path

from apdesk.domain.enums import Role, SentBy
from apdesk.services import parents
from apdesk.ui.sent_dialog import SentDialog
from tests.ui.conftest import open_tab
from tests.ui.test_documents import choose, shown, viewed_pdf

SHOTS = Path("build/screenshots-parents")


def test_after_printing_the_letter_is_recorded_as_sent(qtbot, make_window, world, services):
    window = make_window(Role.DSL)
    editor = choose(qtbot, open_tab(qtbot, window, "Placements"), world["placement"].id)
    editor.letter_button.click()
    viewed_pdf(qtbot, window).close()
    dialog = shown(qtbot, window, SentDialog)
    (row,) = dialog.rows
    assert row.to.currentText() == "Parent A"  # the pupil's carer, offered
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "sent-dialog.png"))
    dialog.record.click()  # nothing chosen yet: said, and the dialog stays
    assert "Choose how" in dialog.problem.text() and dialog.isVisible()
    row.how.set_value(SentBy.BY_HAND)
    dialog.record.click()
    qtbot.waitUntil(
        lambda: parents.unsent_for(services, window.ctx.actor, [world["placement"].id]) == [],
        timeout=10000,
    )
    (sent,) = parents.records_for(services, window.ctx.actor, world["placement"].id).contacts
    assert (sent.sent_by, sent.with_whom, sent.on) == (SentBy.BY_HAND, "Parent A", sent.printed_on)


def test_the_headteacher_is_not_asked(qtbot, make_window, world, services):
    window = make_window(Role.HEADTEACHER)
    editor = choose(qtbot, open_tab(qtbot, window, "Placements"), world["placement"].id)
    editor.letter_button.click()
    viewed_pdf(qtbot, window).close()
    qtbot.wait(300)
    assert not any(d.isVisible() for d in window.findChildren(SentDialog))
    (printed,) = parents.unsent_for(services, window.ctx.actor, [world["placement"].id])
    assert printed.pupil == "Robin Testcase"


def _parents_page(qtbot, window, world):
    from apdesk.ui.tabs.placements.parents_page import ParentsPage

    editor = choose(qtbot, open_tab(qtbot, window, "Placements"), world["placement"].id)
    page = editor.parents
    assert isinstance(page, ParentsPage)
    editor.pages.setCurrentIndex(editor.pages.indexOf(page))
    assert editor.pages.tabText(editor.pages.currentIndex()) == "Parents"
    qtbot.waitUntil(lambda: page.placement_id == world["placement"].id, timeout=10000)
    return editor, page


def test_the_parents_page_records_a_contact_and_feedback_and_lists_them(
    qtbot, make_window, world, services
):
    from apdesk.domain.enums import FeedbackAnswer, ParentContactKind
    from apdesk.ui.tabs.placements.parents_page import NONE_YET, ContactDialog, FeedbackDialog

    window = make_window(Role.DSL)
    editor, page = _parents_page(qtbot, window, world)
    qtbot.waitUntil(lambda: page.contacts.text() == NONE_YET, timeout=10000)
    page.contact_button.click()
    dialog = shown(qtbot, window, ContactDialog)
    dialog.with_whom.setText("Parent A")
    dialog.accept()  # a call with no summary: the service refuses, the dialog keeps the typing
    qtbot.waitUntil(lambda: "summary" in dialog.problem.text(), timeout=10000)
    assert dialog.isVisible() and dialog.with_whom.text() == "Parent A"
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "contact-dialog.png"))
    dialog.summary.setPlainText("Rang to say the first week went well.")
    dialog.accept()
    qtbot.waitUntil(lambda: "Phone call with Parent A on 28 Nov 2026" in page.contacts.text())
    assert "Rang to say the first week went well." in page.contacts.text()
    page.contact_button.click()
    update = shown(qtbot, window, ContactDialog)
    update.kind.set_value(ParentContactKind.PROGRESS_UPDATE)
    update.accept()  # sent, but not said how: the form says so before asking the service
    assert "Choose how it was sent" in update.problem.text() and update.isVisible()
    update.reject()
    page.feedback_button.click()
    form = shown(qtbot, window, FeedbackDialog)
    form.from_whom.setText("Parent A")
    form.answers["safe_and_happy"].set_value(FeedbackAnswer.YES)
    form.answers["helping"].set_value(FeedbackAnswer.PARTLY)
    form.comments.setPlainText("Happier going in.")
    SHOTS.mkdir(parents=True, exist_ok=True)
    form.grab().save(str(SHOTS / "feedback-dialog.png"))
    form.accept()
    qtbot.waitUntil(lambda: "during the placement, from Parent A" in page.feedback.text())
    text = page.feedback.text()
    assert "My child is safe and happy at the placement. Yes." in text
    assert "The placement is helping my child. Partly." in text
    assert "I know who to contact at the school if I am worried or unhappy. Not answered." in text
    (saved,) = parents.records_for(services, window.ctx.actor, world["placement"].id).feedback
    assert saved.comments == "Happier going in." and saved.kept_informed is None
    SHOTS.mkdir(parents=True, exist_ok=True)
    editor.panel.window().resize(1200, 900)
    page.grab().save(str(SHOTS / "parents-page.png"))
    page.form_button.click()
    viewed_pdf(qtbot, window).close()  # the blank form to send home opens in the viewer


def test_the_headteacher_reads_the_parents_page_but_records_nothing(qtbot, make_window, world):
    _, page = _parents_page(qtbot, make_window(Role.HEADTEACHER), world)
    assert page.contact_button.isHidden() and page.feedback_button.isHidden()
    assert not page.form_button.isHidden()


def test_the_inclusion_lead_records_parent_contacts_too(qtbot, make_window, world):
    _, page = _parents_page(qtbot, make_window(Role.INCLUSION_LEAD), world)
    assert not page.contact_button.isHidden() and not page.feedback_button.isHidden()
