"""A link to a record (a Today line, a chronology entry) opens the one tab that holds it.

The links and the tabs name kinds of record as `RecordKind`: Today's "Open the register"
once said "register" and staff training "training", names only the tabs knew.
"""

from __future__ import annotations

from collections import Counter

from apdesk.domain.record_kinds import RecordKind
from apdesk.ui.tabs.registry import TABS
from apdesk.ui.tabs.today import OPEN_TEXT


def test_every_open_button_on_today_has_a_tab_that_opens_it() -> None:
    opened = {kind for tab in TABS for kind in tab.kinds}
    assert set(OPEN_TEXT) - opened == set()


def test_each_kind_of_record_opens_in_one_tab_only() -> None:
    twice = [kind for kind, n in Counter(k for tab in TABS for k in tab.kinds).items() if n > 1]
    assert twice == []
    assert all(isinstance(k, RecordKind) for tab in TABS for k in tab.kinds)
