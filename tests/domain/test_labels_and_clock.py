"""The wording shown for a value with no label of its own, and the clocks rules are given.

Written for the survivors of `make mutate MUTANTS='apdesk.domain.labels* apdesk.domain.clock*'`
(4 Dec 2026).
"""

from __future__ import annotations

from datetime import datetime

from apdesk.domain.clock import FixedClock, SystemClock
from apdesk.domain.enums import ActionSource, ActionStatus
from apdesk.domain.labels import label


def test_a_value_with_no_label_of_its_own_reads_as_words_with_a_capital() -> None:
    assert label(ActionSource.PLACEMENT_ENDING) == "Placement ending"
    assert label(ActionStatus.OPEN) == "Open"


def test_the_system_clock_says_now_to_the_second() -> None:
    before = datetime.now().replace(microsecond=0)
    clock = SystemClock()
    now = clock.now()
    assert now.microsecond == 0 and before <= now <= datetime.now()
    assert clock.today() in {before.date(), datetime.now().date()}


def test_a_fixed_clock_says_what_it_is_told() -> None:
    at = datetime(2026, 12, 4, 9, 30, 15, 500)
    clock = FixedClock(at)
    assert (clock.now(), clock.today()) == (at, at.date())
