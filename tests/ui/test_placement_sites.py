"""The list of sites for a provider comes from the worker; an answer for a provider no longer
chosen (the placement before, when someone moves quickly down the list) is dropped. It used
to blank the site of the placement on show, which then counted as unsaved typing."""

from __future__ import annotations

from apdesk.domain.enums import Role
from tests.ui.conftest import open_tab
from tests.ui.test_documents import choose


def test_a_late_site_list_for_another_provider_leaves_the_site_alone(qtbot, make_window, world):
    window = make_window(Role.DSL)
    editor = choose(qtbot, open_tab(qtbot, window, "Placements"), world["placement"].id)
    site = editor.details.site.value()
    assert site is not None and site == world["placement"].site_id
    editor._provider_changed(None)  # as if the list for the placement before came back now
    qtbot.waitUntil(lambda: not window.ctx.worker.busy, timeout=10000)
    qtbot.wait(100)
    assert editor.details.site.value() == site
    assert not editor.has_changes()
