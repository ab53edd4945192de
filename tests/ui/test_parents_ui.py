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
