"""Annex A and Annex B: counts and exact wording, checked against the policy text itself.

The policy is copied into tests/domain/data so the suite does not depend on /work/shared.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from apdesk.domain.checklists import (
    ANNEX_A,
    ANNEX_B,
    ANNEX_B_ITEMS,
    ANNEX_B_SIGN_OFF,
    annex_a_outstanding,
    annex_b_complete,
    annex_b_expired,
    annex_b_lapsed_since,
    annex_b_lapsing,
    annex_b_outstanding,
    blank_annex_a,
    blank_annex_b,
    tick_expired,
    tick_lapses_on,
)
from apdesk.domain.entities import AnnexBSignOff

POLICY = (Path(__file__).parent / "data" / "alternative-provision-policy.txt").read_text(
    encoding="utf-8"
)


def _lines_between(start: str, stop: str) -> list[str]:
    body = POLICY.split(start, 1)[1].split(stop, 1)[0]
    return [re.sub(r"<[^>]+>", "", ln).strip() for ln in body.splitlines() if ln.strip()]


def policy_annex_a() -> list[str]:
    lines = _lines_between("## Annex A", "## Annex B")[1:]  # skip the title line remainder
    return [ln for ln in lines if not ln.startswith("Required Documents")]


def policy_annex_b() -> list[tuple[str, list[str]]]:
    sections: list[tuple[str, list[str]]] = []
    for line in _lines_between("## Annex B", "### Sign-Off"):
        heading = re.match(r"(Section \d+: .+?) Requirement\s+Completed", line)
        if heading:
            sections.append((heading.group(1), []))
        elif sections:
            sections[-1][1].append(line)
    return sections


def test_annex_a_has_ten_items_worded_as_the_policy() -> None:
    assert len(ANNEX_A) == 10
    assert [item.text for item in ANNEX_A] == policy_annex_a()


def test_annex_b_has_six_sections_and_22_requirements() -> None:
    assert len(ANNEX_B) == 6
    assert len(ANNEX_B_ITEMS) == 22
    assert [len(s.items) for s in ANNEX_B] == [4, 5, 3, 4, 3, 3]


def test_annex_b_headings_and_texts_match_the_policy_verbatim() -> None:
    expected = policy_annex_b()
    assert [s.heading for s in ANNEX_B] == [h for h, _ in expected]
    assert [[i.text for i in s.items] for s in ANNEX_B] == [items for _, items in expected]


@pytest.mark.parametrize(
    "text",
    [
        "School aware of Section 19 Education Act 1996 duty for AP",
        "Mid-point reviews for each placement with pupil, school, provider",
        "Provider follows KCSiE 2025 safeguarding requirements",
        "Staff understand reporting, safeguarding, communication processes",
    ],
)
def test_sample_texts_written_out_by_hand(text: str) -> None:
    assert text in [i.text for i in ANNEX_B_ITEMS]


def test_sign_off_statement_matches_policy() -> None:
    policy_line = _lines_between("### Sign-Off", "<b>Name:")[0]
    assert policy_line.replace("*", "") == ANNEX_B_SIGN_OFF


def test_item_keys_are_unique_and_stable() -> None:
    assert [i.key for i in ANNEX_B_ITEMS][:5] == ["1.1", "1.2", "1.3", "1.4", "2.1"]
    assert len({i.key for i in ANNEX_A}) == 10
    assert ANNEX_A[8].key == "parental_consent"


def test_annex_a_complete_only_when_every_item_ticked() -> None:
    states = blank_annex_a(placement_id=7)
    assert len(annex_a_outstanding(states)) == 10
    for state in states:
        state.done, state.done_on = True, date(2026, 2, 20)
    assert annex_a_outstanding(states) == []
    states[9].done = False
    assert [i.key for i in annex_a_outstanding(states)] == ["reviews"]
    assert all(s.placement_id == 7 for s in states)


def test_annex_b_complete() -> None:
    states = blank_annex_b(provider_id=1)
    assert len(states) == 22 and not annex_b_complete(states)
    for state in states:
        state.done = True
    assert annex_b_complete(states)
    states.pop()
    assert [i.key for i in annex_b_outstanding(states)] == ["6.3"]


def test_a_tick_counts_for_twelve_months_to_the_day_and_not_a_day_more() -> None:
    ticked = date(2025, 11, 18)
    assert not tick_expired(ticked, date(2026, 11, 18))
    assert tick_expired(ticked, date(2026, 11, 19))
    assert not tick_expired(date(2026, 2, 28), date(2027, 2, 28))
    assert tick_expired(None, date(2026, 11, 18))  # a tick with no date cannot be relied on


def test_annex_b_expired_lists_old_ticks_only_in_policy_order() -> None:
    states = blank_annex_b(provider_id=1)
    for state in states:
        state.done, state.done_on = True, date(2026, 9, 1)
    states[21].done_on = date(2025, 11, 18)  # 6.3
    states[0].done_on = date(2025, 12, 2)  # 1.1, twelve months and a day ago
    states[1].done = False  # 1.2: not ticked is outstanding, not expired
    states[1].done_on = date(2020, 1, 1)
    assert [i.key for i in annex_b_expired(states, date(2026, 12, 3))] == ["1.1", "6.3"]
    assert annex_b_expired(states, date(2026, 11, 18)) == []


def test_a_tick_lapses_the_day_after_twelve_months_on() -> None:
    assert tick_lapses_on(date(2025, 11, 18)) == date(2026, 11, 19)
    assert tick_lapses_on(date(2024, 2, 29)) == date(2025, 3, 1)  # no 29 Feb: the 28th counts


def test_annex_b_lapsing_warns_within_the_days_given_and_not_of_ticks_already_lapsed() -> None:
    states = blank_annex_b(provider_id=1)
    for state in states:
        state.done, state.done_on = True, date(2026, 9, 1)
    states[0].done_on = date(2025, 12, 2)  # 1.1: lapses on 3 Dec 2026
    states[2].done_on = date(2026, 1, 1)  # 1.3: lapses on 2 Jan 2027, 31 days on
    states[3].done_on = date(2026, 1, 2)  # 1.4: lapses on 3 Jan 2027, 32 days on
    states[4].done = False  # 1.5: not ticked is outstanding, not lapsing
    states[4].done_on = date(2025, 12, 20)
    today = date(2026, 12, 2)
    lapsing = annex_b_lapsing(states, today, days=31)
    assert [(i.key, on) for i, on in lapsing] == [
        ("1.1", date(2026, 12, 3)),
        ("1.3", date(2027, 1, 2)),
    ]
    assert [i.key for i, _ in annex_b_lapsing(states, today, days=30)] == ["1.1"]
    # on 3 Dec 1.1 has lapsed: expired now, no longer "lapsing"
    later = annex_b_lapsing(states, date(2026, 12, 3), days=30)
    assert [i.key for i, _ in later] == ["1.3"]
    assert [i.key for i in annex_b_expired(states, date(2026, 12, 3))] == ["1.1"]
    assert annex_b_lapsed_since(states, today) is None
    assert annex_b_lapsed_since(states, date(2027, 1, 5)) == date(2026, 12, 3)
    states[5].done_on = None  # 1.6: ticked with no date, which cannot be relied on
    assert annex_b_lapsed_since(states, today) == today


def test_sign_off_record() -> None:
    sign_off = AnnexBSignOff("Jo Head", "Headteacher", date(2026, 3, 20), provider_id=1)
    assert (sign_off.name, sign_off.position, sign_off.signed_on) == (
        "Jo Head",
        "Headteacher",
        date(2026, 3, 20),
    )


def test_a_blank_annex_b_belongs_to_its_provider() -> None:
    # A survivor of `make mutate MUTANTS='apdesk.domain.checklists*'` on 4 Dec 2026.
    assert {state.provider_id for state in blank_annex_b(provider_id=4)} == {4}
