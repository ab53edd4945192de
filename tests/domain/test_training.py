"""Staff training rules: the last valid day, 30 days' warning, the policy version read."""

from __future__ import annotations

from datetime import date

import pytest

from apdesk.domain.errors import InvalidInput
from apdesk.domain.training import (
    StaffTraining,
    Standing,
    TrainingKind,
    TrainingState,
    attention,
    states,
    summary,
    validate_training,
)

TODAY = date(2026, 11, 28)


def trained(last_day: date) -> StaffTraining:
    return StaffTraining(
        "Jo Bloggs",
        policy_read_on=date(2026, 9, 1),
        policy_read_version="1.0",
        ap_trained_on=date(2025, 12, 1),
        ap_expires_on=last_day,
        safeguarding_on=date(2025, 12, 1),
        safeguarding_expires_on=date(2028, 1, 1),
    )


@pytest.mark.parametrize(
    ("last_day", "standing"),
    [
        (date(2026, 11, 27), Standing.LAPSED),  # the day after the last valid day
        (date(2026, 11, 28), Standing.LAPSING),  # still valid today
        (date(2026, 12, 28), Standing.LAPSING),  # 30 days ahead
        (date(2026, 12, 29), Standing.IN_DATE),  # 31 days ahead
    ],
)
def test_training_lapses_the_day_after_its_last_valid_day(last_day, standing):
    ap = states(trained(last_day), TODAY, "1.0")[1]
    assert (ap.kind, ap.standing) == (TrainingKind.AP_PROCEDURES, standing)


def test_a_newer_policy_version_lapses_the_reading():
    record = trained(date(2027, 6, 1))
    assert states(record, TODAY, "1.0")[0].standing is Standing.IN_DATE
    read = states(record, TODAY, "1.1")[0]
    assert read.standing is Standing.LAPSED and "v1.1 is in force" in read.text


def test_nothing_recorded_is_said_but_is_not_a_lapse_and_leavers_raise_nothing():
    blank = StaffTraining("New Starter")
    assert {s.standing for s in states(blank, TODAY, "1.0")} == {Standing.NOT_RECORDED}
    assert attention(blank, TODAY, "1.0") == []
    gone = trained(date(2026, 1, 1))
    assert [s.kind for s in attention(gone, TODAY, "1.0")] == [TrainingKind.AP_PROCEDURES]
    gone.active = False
    assert attention(gone, TODAY, "1.0") == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"ap_trained_on": date(2026, 11, 29)}, "in the future"),
        ({"policy_read_on": date(2026, 11, 29)}, "in the future"),
        ({"ap_expires_on": date(2025, 12, 1)}, "must expire after"),
        ({"safeguarding_expires_on": None}, "both the date taken and the date it expires"),
        ({"policy_read_version": ""}, "which version"),
        ({"name": "  "}, "name"),
        ({"name": "A\u202eB"}, "text-direction"),
    ],
)
def test_impossible_training_is_refused(change, message):
    record = trained(date(2027, 6, 1))
    for key, value in change.items():
        setattr(record, key, value)
    with pytest.raises(InvalidInput, match=message):
        validate_training(record, TODAY)


def test_today_itself_is_not_the_future():
    record = trained(date(2027, 6, 1))
    record.ap_trained_on = TODAY
    validate_training(record, TODAY)


def test_summary_for_annex_b():
    records = [trained(date(2027, 6, 1)), trained(date(2026, 1, 1)), StaffTraining("Nobody")]
    records[1].name = "Sam Late"
    in_date, lapsed, missing = summary(records, TrainingKind.AP_PROCEDURES, TODAY, "1.0")
    assert in_date == ["Jo Bloggs"] and missing == 1
    assert lapsed == ["Sam Late (lapsed 1 Jan 2026)"]


POLICY, AP, SG = TrainingKind.POLICY_READ, TrainingKind.AP_PROCEDURES, TrainingKind.SAFEGUARDING


def test_each_standing_says_its_words_and_its_day():
    behind = StaffTraining(
        "Jo Bloggs",
        policy_read_on=date(2026, 9, 1),
        policy_read_version="0.9",
        ap_trained_on=date(2025, 12, 1),
        ap_expires_on=date(2026, 12, 10),
        safeguarding_on=date(2025, 12, 1),
        safeguarding_expires_on=date(2026, 11, 27),
    )
    assert states(behind, TODAY, "1.0") == [
        TrainingState(
            POLICY, Standing.LAPSED, "read v0.9 on 1 Sep 2026; v1.0 is in force", date(2026, 9, 1)
        ),
        TrainingState(AP, Standing.LAPSING, "lapses 10 Dec 2026", date(2026, 12, 10)),
        TrainingState(SG, Standing.LAPSED, "lapsed 27 Nov 2026", date(2026, 11, 27)),
    ]
    assert states(trained(date(2027, 6, 1)), TODAY, "1.0") == [
        TrainingState(POLICY, Standing.IN_DATE, "read v1.0 on 1 Sep 2026", date(2026, 9, 1)),
        TrainingState(AP, Standing.IN_DATE, "until 1 Jun 2027", date(2027, 6, 1)),
        TrainingState(SG, Standing.IN_DATE, "until 1 Jan 2028", date(2028, 1, 1)),
    ]
    # Nothing, or a training date with no expiry: not recorded.
    blank = StaffTraining("Sam New", ap_trained_on=date(2025, 12, 1))
    assert states(blank, TODAY, "1.0") == [
        TrainingState(kind, Standing.NOT_RECORDED, "not recorded") for kind in (POLICY, AP, SG)
    ]


def _refused(record: StaffTraining) -> str:
    with pytest.raises(InvalidInput) as refused:
        validate_training(record, TODAY)
    return str(refused.value)


def test_impossible_training_is_refused_in_words_naming_what_is_wrong():
    tomorrow = date(2026, 11, 29)
    record = trained(date(2027, 6, 1))
    assert _refused(StaffTraining(" ")) == "Enter the member of staff's name."
    assert _refused(StaffTraining("Jo", policy_read_on=TODAY)) == (
        "Say which version of the policy was read."
    )
    read_tomorrow = StaffTraining("Jo", policy_read_on=tomorrow, policy_read_version="1.0")
    assert _refused(read_tomorrow) == (
        "The policy cannot have been read on 29 Nov 2026: that is in the future."
    )
    record.ap_trained_on = tomorrow
    assert _refused(record) == (
        "AP-procedures training cannot have been taken on 29 Nov 2026: that is in the future."
    )
    # No AP training at all is fine; the safeguarding line after it is still checked.
    half = StaffTraining("Jo", safeguarding_on=date(2025, 12, 1))
    assert _refused(half) == (
        "Safeguarding training needs both the date taken and the date it expires."
    )
    validate_training(StaffTraining("Jo"), TODAY)


def test_a_name_or_job_title_longer_than_a_line_is_refused_naming_the_field():
    assert _refused(StaffTraining("J" * 201)).startswith("The name is 201 characters long")
    long_title = StaffTraining("Jo", job_title="T" * 201)
    assert _refused(long_title).startswith("The job title is 201 characters long")
