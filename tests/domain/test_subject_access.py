"""Subject access rules: one calendar month, what is refused, and redaction of third parties."""

from __future__ import annotations

from datetime import date

import pytest

from apdesk.domain.errors import InvalidInput
from apdesk.domain.subject_access import (
    SubjectAccessRequest,
    check_completion,
    check_request,
    redact,
    redaction_names,
)
from tests.domain.factories import refusal


def _asked(on: date, who: str = "Joanna Kowalczyk") -> SubjectAccessRequest:
    return SubjectAccessRequest(1, who, "Mother", on)


@pytest.mark.parametrize(
    "received,due",
    [
        (date(2027, 1, 31), date(2027, 2, 28)),
        (date(2028, 1, 31), date(2028, 2, 29)),  # a leap year
        (date(2026, 11, 15), date(2026, 12, 15)),
        (date(2026, 12, 31), date(2027, 1, 31)),
    ],
)
def test_due_one_calendar_month_later(received: date, due: date) -> None:
    assert _asked(received).due_on == due
    assert not _asked(received).overdue(due)
    assert _asked(received).overdue(date.fromordinal(due.toordinal() + 1))


def test_a_future_date_a_blank_requester_and_the_same_request_twice_are_refused() -> None:
    today = date(2026, 11, 4)
    with pytest.raises(InvalidInput, match="in the future"):
        check_request(_asked(date(2026, 11, 5)), today, [])
    with pytest.raises(InvalidInput, match="who made the request"):
        check_request(_asked(today, " "), today, [])
    with pytest.raises(InvalidInput, match="already recorded and still open"):
        check_request(_asked(today, "joanna kowalczyk "), today, [_asked(today)])
    done = SubjectAccessRequest(1, "Joanna Kowalczyk", "Mother", today, completed_on=today)
    check_request(_asked(today), today, [done])  # a completed one may be asked again


def test_completion_is_dated_between_receipt_and_today_and_only_once() -> None:
    request = _asked(date(2026, 11, 4))
    check_completion(request, date(2026, 11, 20), date(2026, 11, 20))
    with pytest.raises(InvalidInput, match="Give a day from"):
        check_completion(request, date(2026, 11, 3), date(2026, 11, 20))
    with pytest.raises(InvalidInput, match="Give a day from"):
        check_completion(request, date(2026, 11, 21), date(2026, 11, 20))


def test_third_parties_are_redacted_whole_words_any_case_and_the_pupil_is_not() -> None:
    names = redaction_names(
        ["Ash Example", "Sam Patel (DSL)", "Jo", "A", "Robin Other"], ["Robin", "Testcase"]
    )
    assert "Robin" not in names and "DSL" not in names and "A" not in names
    text = "Robin was pushed by ASH; Sam Patel (DSL) saw. Ashley and Jo's friend Joe left."
    assert redact(text, names) == (
        "Robin was pushed by [redacted]; [redacted] saw. Ashley and [redacted]'s friend Joe left."
    )
    assert redact("nothing to hide", []) == "nothing to hide"


def test_each_refusal_says_what_to_enter() -> None:
    today = date(2026, 3, 4)
    assert refusal(check_request, _asked(today, who=" "), today, []) == (
        "Enter who made the request."
    )
    no_relationship = SubjectAccessRequest(1, "Joanna Kowalczyk", "", today)
    assert refusal(check_request, no_relationship, today, []) == (
        "Enter the requester's relationship to the pupil (for example Mother)."
    )
    assert refusal(check_request, _asked(today), today, [_asked(today)]) == (
        "Joanna Kowalczyk's request received on 4 Mar 2026 is already recorded and still open."
    )
    done = SubjectAccessRequest(1, "Joanna Kowalczyk", "Mother", today, completed_on=today)
    assert refusal(check_completion, done, today, today) == (
        "This request was completed on 4 Mar 2026."
    )


def test_a_request_may_be_completed_the_day_it_is_received() -> None:
    today = date(2026, 3, 4)
    check_completion(_asked(today), today, today)


def test_third_party_names_lose_the_punctuation_around_their_words_longest_first() -> None:
    assert redaction_names(["Sam Carter,", "Al Bo"], ["Robin"]) == [
        "Sam Carter,",
        "Carter",
        "Al Bo",
        "Sam",
        "Al",
        "Bo",
    ]


def test_a_longer_name_is_redacted_whole_even_when_a_shorter_one_begins_it() -> None:
    assert redact("Sam Carter rang.", ["sam", "Sam Carter"]) == "[redacted] rang."
    assert redact("Sam rang.", []) == "Sam rang."


def test_a_name_beginning_with_a_capital_x_keeps_it() -> None:
    assert redaction_names(["Xavier Fox"], []) == ["Xavier Fox", "Xavier", "Fox"]


def test_a_role_in_brackets_after_a_name_is_never_redacted_on_its_own() -> None:
    """Staff show as "Alex Morgan (Head)" and attendees as "Sam Patel (provider DSL)": their
    roles' words were redacted wherever the file said "head" or "provider"."""
    names = redaction_names(
        [
            "Alex Morgan (Head)",
            "Sam Patel (provider DSL)",
            "Kay Lee [social worker]",
            "Jo Hart (HT",
        ],
        [],
    )
    assert sorted(names) == sorted(
        [
            "Alex Morgan (Head)", "Sam Patel (provider DSL)", "Kay Lee [social worker]",
            "Jo Hart (HT", "Alex", "Morgan", "Sam", "Patel", "Kay", "Lee", "Jo", "Hart",
        ]
    )  # fmt: skip
    text = "The provider's head of year told Alex Morgan (Head); the social worker rang Sam."
    assert redact(text, names) == (
        "The provider's head of year told [redacted]; the social worker rang [redacted]."
    )
