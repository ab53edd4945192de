"""Typing is never lost without asking: another record, another tab, New, sign-out, closing
and the lock each either keep the typing or ask "Save changes?" (Save, Discard, Cancel)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from apdesk.domain.enums import Role
from apdesk.services import providers as provider_service
from apdesk.services import pupils as pupil_service
from tests.ui.conftest import PASSWORDS, open_tab

Button = QMessageBox.StandardButton


class Answerer:
    """Answers the next "Save changes?" question with a button, noting what it asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.done = False  # the test is over: a question still awaited is not another's

    def will_press(self, button: Button, tries: int = 500) -> None:
        def look(left: int = tries) -> None:
            if self.done:
                return
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox) and box.button(button) is not None:
                self.asked.append(box.text())
                box.button(button).click()
            elif left:
                QTimer.singleShot(10, lambda: look(left - 1))

        QTimer.singleShot(0, look)


@pytest.fixture
def answer() -> Iterator[Answerer]:
    answerer = Answerer()
    yield answerer
    answerer.done = True  # it would otherwise answer a later test's question (Cancel, say)


def robin_open(qtbot, window, world):
    tab = open_tab(qtbot, window, "Pupils")
    tab.select_key(world["pupil"].id)
    qtbot.waitUntil(lambda: tab.editor.pupil is not None and tab.editor.first.text() == "Robin")
    return tab


def stored_first_name(services, actors, pupil_id):
    return pupil_service.get_pupil(services, actors[Role.DSL], pupil_id).legal_first_name


def test_choosing_another_pupil_without_changes_asks_nothing(qtbot, make_window, world, answer):
    window = make_window(Role.DSL)
    tab = robin_open(qtbot, window, world)
    tab.editor.first.setText("Robyn")
    tab.editor.first.setText("Robin")  # typed and put back: nothing changed
    assert not tab.has_changes()
    answer.will_press(Button.Cancel)
    tab.select_key(world["other"].id)
    qtbot.waitUntil(lambda: tab.editor.first.text() == "Ash")
    assert answer.asked == []


def test_cancel_keeps_the_typing_and_the_choice_in_the_list(
    qtbot, make_window, world, answer, services, actors
):
    window = make_window(Role.DSL)
    tab = robin_open(qtbot, window, world)
    qtbot.keyClicks(tab.editor.preferred, "Rob")
    answer.will_press(Button.Cancel)
    tab.select_key(world["other"].id)
    assert answer.asked == ["Save the changes to Robin Testcase?"]
    assert tab.editor.preferred.text() == "Rob" and tab.has_changes()
    assert tab.selected_row().id == world["pupil"].id  # the list points at Robin again
    qtbot.wait(50)
    assert tab.editor.first.text() == "Robin"


def test_discard_moves_on_and_leaves_the_record_as_it_was(
    qtbot, make_window, world, answer, services, actors
):
    window = make_window(Role.DSL)
    tab = robin_open(qtbot, window, world)
    tab.editor.first.setText("Wrong")
    answer.will_press(Button.Discard)
    tab.select_key(world["other"].id)
    qtbot.waitUntil(lambda: tab.editor.first.text() == "Ash")
    assert stored_first_name(services, actors, world["pupil"].id) == "Robin"


def test_save_stores_the_typing_then_shows_the_chosen_pupil(
    qtbot, make_window, world, answer, services, actors
):
    window = make_window(Role.DSL)
    tab = robin_open(qtbot, window, world)
    tab.editor.first.setText("Robyn")
    answer.will_press(Button.Save)
    tab.select_key(world["other"].id)
    assert stored_first_name(services, actors, world["pupil"].id) == "Robyn"
    qtbot.waitUntil(lambda: tab.editor.first.text() == "Ash")
    qtbot.waitUntil(lambda: not window.ctx.worker.busy)
    qtbot.wait(50)  # the list reloads after the save: Ash stays chosen
    assert tab.selected_row().id == world["other"].id and tab.editor.first.text() == "Ash"


def test_a_save_the_store_refuses_keeps_the_person_on_the_record(qtbot, make_window, world, answer):
    window = make_window(Role.DSL)
    tab = robin_open(qtbot, window, world)
    tab.editor.upn.setText("not a upn")
    answer.will_press(Button.Save)
    tab.select_key(world["other"].id)
    qtbot.waitUntil(lambda: any(b.isVisible() for b in tab.findChildren(QMessageBox)))
    assert tab.editor.upn.text() == "not a upn" and tab.has_changes()
    assert tab.selected_row().id == world["pupil"].id


def test_a_reload_of_the_list_keeps_what_is_being_typed(
    qtbot, make_window, world, services, actors, answer
):
    window = make_window(Role.DSL)
    tab = robin_open(qtbot, window, world)
    tab.editor.preferred.setText("Rob")
    other = pupil_service.get_pupil(services, actors[Role.DSL], world["other"].id)
    other.preferred_name = "Ashy"
    pupil_service.save_pupil(services, actors[Role.DSL], other)  # the list reloads
    qtbot.waitUntil(lambda: any(r.name == "Ashy Example" for r in tab.model.rows), timeout=5000)
    qtbot.waitUntil(lambda: not window.ctx.worker.busy)
    assert tab.editor.preferred.text() == "Rob" and answer.asked == []


def test_searching_does_not_throw_the_typing_away(qtbot, make_window, world, answer):
    window = make_window(Role.DSL)
    tab = robin_open(qtbot, window, world)
    tab.editor.preferred.setText("Rob")
    qtbot.keyClicks(tab.search, "ash")  # Robin is filtered out of the list
    assert tab.editor.preferred.text() == "Rob" and tab.has_changes()
    assert answer.asked == []


def test_new_pupil_asks_about_the_one_being_edited(qtbot, make_window, world, answer):
    window = make_window(Role.DSL)
    tab = robin_open(qtbot, window, world)
    tab.editor.preferred.setText("Rob")
    answer.will_press(Button.Cancel)
    tab.new_record()
    assert answer.asked == ["Save the changes to Robin Testcase?"]
    assert tab.editor.preferred.text() == "Rob"
    answer.will_press(Button.Discard)
    tab.new_record()
    assert tab.editor.panel.title.text() == "New pupil" and tab.editor.first.text() == ""


def test_a_new_record_half_typed_is_asked_about_too(qtbot, make_window, world, answer):
    window = make_window(Role.DSL)
    tab = open_tab(qtbot, window, "Pupils")
    tab.new_record()
    tab.editor.first.setText("Casey")
    answer.will_press(Button.Cancel)
    tab.select_key(world["other"].id)
    assert answer.asked == ["Save the changes to the new pupil?"]
    assert tab.editor.first.text() == "Casey"


def test_switching_tab_asks_and_cancel_stays(qtbot, make_window, world, answer, services, actors):
    window = make_window(Role.DSL)
    tab = open_tab(qtbot, window, "Providers")
    tab.select_key(world["provider"].id)
    qtbot.waitUntil(lambda: tab.editor.provider is not None and tab.editor.name.text() != "")
    tab.editor.phone.setText("01632 960000")
    answer.will_press(Button.Cancel)
    window.show_tab("pupil")
    assert window.current_tab() is tab and tab.editor.phone.text() == "01632 960000"
    answer.will_press(Button.Save)
    window.show_tab("pupil")
    assert window.current_tab().title == "Pupils"
    stored, _ = provider_service.get_provider(services, actors[Role.DSL], world["provider"].id)
    assert stored.phone == "01632 960000"
    assert len(answer.asked) == 2 and answer.asked[0] == f"Save the changes to {stored.name}?"


def test_discarding_on_a_tab_switch_shows_the_stored_record_on_return(
    qtbot, make_window, world, answer
):
    window = make_window(Role.DSL)
    tab = robin_open(qtbot, window, world)
    tab.editor.first.setText("Wrong")
    answer.will_press(Button.Discard)
    window.show_tab("provider")
    window.show_tab("pupil")
    qtbot.waitUntil(lambda: tab.editor.first.text() == "Robin")
    assert not tab.has_changes()


def test_sign_out_asks_and_cancel_keeps_the_window(qtbot, make_window, world, answer):
    window = make_window(Role.DSL)
    tab = robin_open(qtbot, window, world)
    tab.editor.preferred.setText("Rob")
    with qtbot.assertNotEmitted(window.signed_out):
        answer.will_press(Button.Cancel)
        window.sign_out()
    assert window.isVisible() and tab.editor.preferred.text() == "Rob"
    answer.will_press(Button.Discard)
    with qtbot.waitSignal(window.signed_out):
        window.sign_out()
    assert not window.isVisible()


def test_closing_asks_and_save_stores_before_the_window_goes(
    qtbot, make_window, world, answer, services, actors
):
    window = make_window(Role.DSL)
    tab = robin_open(qtbot, window, world)
    tab.editor.first.setText("Robyn")
    answer.will_press(Button.Cancel)
    assert not window.close()
    assert window.isVisible()
    answer.will_press(Button.Save)
    assert window.close()
    assert stored_first_name(services, actors, world["pupil"].id) == "Robyn"
    assert answer.asked == ["Save the changes to Robin Testcase?"] * 2


def test_the_lock_keeps_the_typing_for_the_same_person(qtbot, make_window, world, answer):
    window = make_window(Role.DSL)
    tab = robin_open(qtbot, window, world)
    tab.editor.preferred.setText("Rob")
    window.lock()
    assert not tab.editor.preferred.isVisible()
    window.lock_page.password.setText(PASSWORDS[Role.DSL])
    window.lock_page.unlock_button.click()
    qtbot.waitUntil(lambda: not window.locked)
    assert tab.editor.preferred.text() == "Rob" and tab.has_changes()
    assert answer.asked == []


def test_someone_else_signing_out_at_the_lock_drops_the_typing_unseen(
    qtbot, make_window, world, answer, services, actors
):
    window = make_window(Role.DSL)
    tab = robin_open(qtbot, window, world)
    tab.editor.first.setText("Robyn")
    window.lock()
    answer.will_press(Button.Discard)
    with qtbot.waitSignal(window.signed_out):
        window.lock_page.sign_out_button.click()
    assert len(answer.asked) == 1  # a warning that names no pupil over the lock page
    assert "not saved" in answer.asked[0] and "Robin" not in answer.asked[0]
    assert stored_first_name(services, actors, world["pupil"].id) == "Robin"


def test_closing_while_locked_names_no_record(qtbot, make_window, world, answer):
    window = make_window(Role.DSL)
    tab = robin_open(qtbot, window, world)
    tab.editor.first.setText("Robyn")
    window.lock()
    answer.will_press(Button.Cancel)
    assert not window.close()
    assert "Robin" not in answer.asked[0] and "not saved" in answer.asked[0]


def test_a_long_field_shows_the_start_of_its_text_when_a_record_is_loaded(
    qtbot, make_window, world, answer
):
    long = "Testcase-Fenwick-Rowe-Marlowe-Finch-Brackenridge-Castellane-Ormerod"
    window = make_window(Role.DSL)
    tab = robin_open(qtbot, window, world)
    tab.editor.last.setText(long)
    answer.will_press(Button.Save)
    tab.select_key(world["other"].id)  # saved, then Ash is on show
    qtbot.waitUntil(lambda: tab.editor.first.text() == "Ash")
    tab.select_key(world["pupil"].id)
    qtbot.waitUntil(lambda: tab.editor.last.text() == long)
    assert tab.editor.last.cursorPosition() == 0  # "Testcase-..." on show, not "...-Ormerod"
