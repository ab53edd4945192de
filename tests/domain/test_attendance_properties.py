"""Properties of the attendance arithmetic, for any mix of codes and unmarked sessions."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from apdesk.domain.attendance import counted_sessions, summarise, summarise_counted
from apdesk.domain.codes import CODES, CodeCategory
from apdesk.domain.entities import AttendanceMark
from apdesk.domain.enums import Session

MON = date(2026, 3, 2)
SESSIONS = [(MON + timedelta(days=d), s) for d in range(40) for s in Session]
AFTER = datetime(2026, 6, 1, 9, 0)
# Modest and without a deadline: fast on a quiet machine, never flaky on a busy one.
FEW = settings(max_examples=60, deadline=None)

# Each session: a code, or None for "expected but no mark".
codes_or_none = st.lists(st.one_of(st.none(), st.sampled_from(sorted(CODES))), max_size=80)


def build(choices: list[str | None]) -> tuple[list[AttendanceMark], list[tuple[date, Session]]]:
    keys = SESSIONS[: len(choices)]
    marks = [AttendanceMark(3, d, s, code=c) for (d, s), c in zip(keys, choices, strict=True) if c]
    return marks, keys


@FEW
@given(codes_or_none)
def test_rate_never_exceeds_100_percent(choices: list[str | None]) -> None:
    marks, expected = build(choices)
    summary = summarise(marks, expected, AFTER)
    assert summary.rate is None or 0 <= summary.rate <= 1
    assert summary.present <= summary.possible


@FEW
@given(codes_or_none)
def test_each_unmarked_expected_session_is_possible_and_absent(choices: list[str | None]) -> None:
    marks, expected = build(choices)
    summary = summarise(marks, expected, AFTER)
    assert summary.unmarked == choices.count(None)
    coded = summarise(marks, (), AFTER)
    assert summary.possible == coded.possible + summary.unmarked
    assert summary.present == coded.present


@FEW
@given(codes_or_none)
def test_codes_partition_the_counted_sessions(choices: list[str | None]) -> None:
    marks, expected = build(choices)
    summary = summarise_counted(counted_sessions(marks, expected, AFTER))
    parts = (
        summary.present,
        summary.authorised,
        summary.unauthorised,
        summary.unmarked,
        summary.not_possible,
    )
    assert sum(parts) == len(choices)
    assert summary.possible == len(choices) - summary.not_possible
    categories = [CODES[c].category for c in choices if c]
    assert summary.not_possible == categories.count(CodeCategory.NOT_POSSIBLE)
    assert summary.authorised == categories.count(CodeCategory.AUTHORISED)
    assert summary.unauthorised == categories.count(CodeCategory.UNAUTHORISED)


@FEW
@given(codes_or_none, st.sampled_from(sorted(CODES)))
def test_coding_an_unmarked_session_never_adds_a_possible_session(
    choices: list[str | None], code: str
) -> None:
    if None not in choices:
        return
    marks, expected = build(choices)
    before = summarise(marks, expected, AFTER)
    index = choices.index(None)
    day, session = SESSIONS[index]
    after = summarise([*marks, AttendanceMark(3, day, session, code=code)], expected, AFTER)
    assert after.possible <= before.possible
    assert after.present >= before.present


PRESENT_CODES = sorted(c for c, entry in CODES.items() if entry.counts_present)


@FEW
@given(codes_or_none, st.sampled_from(PRESENT_CODES), st.data())
def test_a_present_mark_never_lowers_the_rate(
    choices: list[str | None], code: str, data: st.DataObject
) -> None:
    """Marking a session present, whether it was unmarked, coded otherwise or a session
    beyond those counted so far, never lowers the rate; it counts one more present session."""
    index = data.draw(st.integers(0, min(len(choices), len(SESSIONS) - 1)), label="session")
    marks, expected = build(choices)
    before = summarise(marks, expected, AFTER)
    changed = [*choices[:index], code, *choices[index + 1 :]]
    after_marks, after_expected = build(changed)
    after = summarise(after_marks, after_expected, AFTER)
    assert after.rate is not None
    assert before.rate is None or after.rate >= before.rate
    was_present = index < len(choices) and choices[index] in PRESENT_CODES
    assert after.present == before.present + (0 if was_present else 1)
