"""The Annex B page: what APDesk holds beside every line, contradicted ticks in red, and the
responsible staff member as a field."""

from __future__ import annotations

import os
from pathlib import Path

from apdesk.domain.enums import Role
from apdesk.services import providers as provider_service
from apdesk.ui.tabs.providers.annex_b_page import AGAINST_STYLE
from tests.ui.conftest import open_tab


def _page(qtbot, make_window, world, role):
    tab = open_tab(qtbot, make_window(role), "Providers")
    tab.select_key(world["provider"].id)
    qtbot.waitUntil(lambda: tab.editor.provider is not None, timeout=10000)
    tab.editor.pages.setCurrentWidget(tab.editor.annex_b)
    return tab.editor, tab.editor.annex_b


def test_every_line_shows_its_evidence_and_a_contradicted_tick_says_so(
    qtbot, make_window, world, services, actors
):
    editor, page = _page(qtbot, make_window, world, Role.DSL)
    assert len(page.notes) == 22 and all(n.text() for n in page.notes.values())
    assert page.notes["2.1"].text().startswith("APDesk holds: Bridgeway Learning:")
    assert "vetted and approved" in page.notes["2.1"].text()
    uncoded = page.notes["2.4"].text()
    assert "Against this line:" in uncoded and "not yet coded" in uncoded  # nothing typed yet
    assert page.notes["2.4"].styleSheet() == AGAINST_STYLE
    assert page.against.text() == ""  # nothing contradicted is ticked yet
    page.boxes["2.4"].click()
    qtbot.waitUntil(lambda: "2.4" in page.against.text(), timeout=10000)
    assert "Against this line:" in page.notes["2.4"].text()  # the same words: no rewrapping
    assert "2.4" in page.against.text() and "written reason" in page.against.text()
    page.responsible.setText("Sam Patel (DSL)")
    page.responsible.editingFinished.emit()
    qtbot.waitUntil(
        lambda: (
            provider_service.get_provider(services, actors[Role.DSL], world["provider"].id)[
                0
            ].annex_b_responsible
            == "Sam Patel (DSL)"
        ),
        timeout=10000,
    )
    shots = os.environ.get("APDESK_SHOTS")
    if shots:
        editor.panel.window().resize(1200, 1400)
        page.grab().save(str(Path(shots) / "annex-b-evidence.png"))


def test_without_the_right_to_vet_the_page_is_read_only_and_incidents_are_withheld(
    qtbot, make_window, world
):
    _, page = _page(qtbot, make_window, world, Role.INCLUSION_LEAD)
    assert not page.responsible.isEnabled()
    assert not any(box.isEnabled() for box in page.boxes.values())
    assert "only to the Headteacher" in page.notes["4.2"].text()


def test_a_tick_over_twelve_months_old_shows_red_and_is_not_counted(qtbot):
    from datetime import date

    from apdesk.ui.tabs.common.ticks import DATE_STYLE
    from apdesk.ui.tabs.providers.annex_b_page import AnnexBPage
    from tests.documents import fixtures as fx

    page = AnnexBPage(lambda _key, _done: None, editable=True)
    qtbot.addWidget(page)
    provider = fx.riverside()  # all 22 ticked on 1 Sep 2026
    provider.annex_b[0].done_on = date(2025, 11, 27)
    page.fill(provider, date(2026, 11, 28))
    assert page.count.text() == (
        "21 of 22 requirements completed; 1 expired (ticked over a year ago, dates in red)"
    )
    assert page.done_count == 21
    assert page.count.wordWrap()  # a long count wraps, never widening the record past its panel
    assert page.dates["1.1"].text() == "27 Nov 2025"
    assert page.dates["1.1"].styleSheet() == AGAINST_STYLE and page.dates["1.1"].toolTip()
    assert page.dates["1.2"].styleSheet() == DATE_STYLE and not page.dates["1.2"].toolTip()
    page.fill(provider, date(2026, 11, 27))  # twelve months to the day still counts
    assert page.count.text() == "22 of 22 requirements completed" and page.done_count == 22
