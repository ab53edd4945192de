"""A record's heading never widens the window, and name fields take no more than is kept."""

from __future__ import annotations

from apdesk.domain.enums import Role
from apdesk.domain.text import NAME_MAX
from tests.ui.conftest import open_tab


def settled_minimum_width(qtbot, window) -> int:
    """The window's minimum width once its pages have finished laying out (they load on the
    worker, so a single reading can catch a page half-built)."""
    widths = [window.minimumSizeHint().width()]
    for _ in range(40):
        qtbot.wait(50)
        widths.append(window.minimumSizeHint().width())
        if len(widths) >= 3 and len(set(widths[-3:])) == 1:  # three readings alike
            break
    return widths[-1]


def test_a_very_long_name_does_not_widen_the_window(qtbot, make_window, world):
    window = make_window(Role.DSL)
    window.resize(1280, 700)
    tab = open_tab(qtbot, window, "Pupils")
    tab.select_key(world["pupil"].id)
    qtbot.waitUntil(lambda: tab.editor.first.text() == "Robin")
    before = settled_minimum_width(qtbot, window)
    long_name = "Wolfeschlegelsteinhausenbergerdorff " * 8
    tab.editor.panel.show_content(long_name.strip(), long_name.strip())
    assert settled_minimum_width(qtbot, window) <= before
    assert window.width() == 1280
    assert tab.editor.panel.title.toolTip() == long_name.strip()


def test_name_fields_show_and_keep_their_limit(qtbot, make_window, world):
    tab = open_tab(qtbot, make_window(Role.DSL), "Pupils")
    tab.new_record()
    editor = tab.editor
    assert editor.first.maxLength() == NAME_MAX == editor.last.maxLength()
    editor.first.setText("R" * (NAME_MAX + 20))
    assert len(editor.first.text()) == NAME_MAX
