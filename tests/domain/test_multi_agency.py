"""Multi-agency rules: the gap allowed between meetings, impossible dates, what is overdue."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from apdesk.domain import multi_agency as rules
from apdesk.domain.entities import EhcpDetails, Pupil, SocialCare
from apdesk.domain.enums import SenStatus

TODAY = date(2026, 11, 25)
BORN = date(2012, 3, 4)


def _problems(meeting, last, upcoming):
    return rules.meeting_problems(meeting, last, upcoming, TODAY, BORN)


@pytest.mark.parametrize(
    ("meeting", "latest", "too_late"),
    [
        (rules.PEP, date(2027, 3, 10), date(2027, 3, 11)),
        (rules.CP_CONFERENCE, date(2027, 3, 10), date(2027, 3, 11)),
        (rules.CIN_REVIEW, date(2027, 3, 10), date(2027, 3, 11)),
        (rules.CLA_REVIEW, date(2027, 3, 10), date(2027, 3, 11)),
        (rules.ANNUAL_REVIEW, date(2027, 9, 10), date(2027, 9, 11)),
    ],
)
def test_the_next_meeting_falls_within_its_gap_of_the_last(meeting, latest, too_late):
    last = date(2026, 9, 10)
    assert _problems(meeting, last, latest) == []
    (problem,) = _problems(meeting, last, too_late)
    assert f"within {meeting.months} months of the last one (10 Sep 2026)" in problem
    assert format(latest.day) in problem and "at the latest" in problem


def test_a_pep_every_term_fits_and_the_month_end_is_kept():
    assert _problems(rules.PEP, date(2026, 8, 31), date(2027, 2, 28)) == []  # 31 Aug + 6 = 28 Feb
    assert _problems(rules.PEP, date(2026, 8, 31), date(2027, 3, 1)) != []


def test_the_next_meeting_must_come_after_the_last():
    last = date(2026, 9, 10)
    assert _problems(rules.PEP, last, date(2026, 9, 11)) == []
    (problem,) = _problems(rules.PEP, last, last)
    assert problem == "The next PEP (10 Sep 2026) must be after the last one (10 Sep 2026)."


def test_a_meeting_held_is_not_in_the_future():
    assert _problems(rules.CLA_REVIEW, TODAY, None) == []
    (problem,) = _problems(rules.CLA_REVIEW, date(2026, 11, 26), None)
    assert "26 Nov 2026, which is in the future" in problem


def test_no_date_before_the_child_was_born():
    assert _problems(rules.CIN_REVIEW, BORN, None) == []
    (problem,) = _problems(rules.CIN_REVIEW, date(2012, 3, 3), None)
    assert "before the pupil was born (4 Mar 2012)" in problem


def test_with_no_last_meeting_the_next_is_within_the_gap_of_today():
    assert _problems(rules.ANNUAL_REVIEW, None, date(2027, 11, 25)) == []
    (problem,) = _problems(rules.ANNUAL_REVIEW, None, date(2027, 11, 26))
    assert "within 12 months of today: 25 Nov 2027 at the latest" in problem


def test_a_next_date_in_the_past_is_allowed_it_is_overdue():
    assert _problems(rules.PEP, date(2026, 3, 1), date(2026, 9, 1)) == []


def test_due_on_is_the_next_date_else_one_gap_after_the_last():
    assert rules.due_on(rules.PEP, date(2026, 3, 1), date(2026, 6, 1)) == date(2026, 6, 1)
    assert rules.due_on(rules.PEP, date(2026, 3, 1), None) == date(2026, 9, 1)
    assert rules.due_on(rules.ANNUAL_REVIEW, date(2026, 3, 1), None) == date(2027, 3, 1)
    assert rules.due_on(rules.PEP, None, None) is None


def test_overdue_from_the_day_after_it_was_due():
    assert not rules.is_overdue(TODAY, TODAY)
    assert rules.is_overdue(date(2026, 11, 24), TODAY)
    assert not rules.is_overdue(None, TODAY)


def test_record_problems_collect_every_meeting_and_long_text():
    record = SocialCare(
        1,
        social_worker="x" * 201,
        last_pep_on=date(2026, 12, 1),
        next_cla_review_on=date(2028, 1, 1),
    )
    problems = rules.record_problems(record, TODAY, BORN)
    assert len(problems) == 3
    assert "Social worker is 201 characters long" in problems[0]
    assert len(rules.record_problems(replace(record, social_worker="x" * 200), TODAY, BORN)) == 2
    ehcp = EhcpDetails(1, last_annual_review_on=date(2026, 1, 5), next_annual_review_on=TODAY)
    assert rules.record_problems(ehcp, TODAY, BORN) == []


def _pupil(**flags) -> Pupil:
    return Pupil("Robin", "Testcase", BORN, id=7, **flags)


def test_a_looked_after_child_needs_a_virtual_school_head_and_a_pep():
    kinds = [i.kind for i in rules.social_care_items(_pupil(looked_after=True), None, TODAY)]
    assert kinds == ["No virtual school head", "No PEP recorded"]
    held = SocialCare(7, virtual_school_head="Ann Lee", next_pep_on=TODAY)
    assert rules.social_care_items(_pupil(looked_after=True), held, TODAY) == []
    assert rules.social_care_items(_pupil(), None, TODAY) == []  # not looked after: nothing


def test_a_pep_overdue_the_day_after_it_was_due():
    held = SocialCare(7, virtual_school_head="Ann Lee", last_pep_on=date(2026, 5, 25))
    assert rules.social_care_items(_pupil(looked_after=True), held, TODAY) == []  # due today
    held.last_pep_on = date(2026, 5, 24)
    (item,) = rules.social_care_items(_pupil(looked_after=True), held, TODAY)
    assert item.kind == "PEP overdue" and item.when == date(2026, 11, 24)
    assert item.text == "Robin Testcase: PEP was due 24 Nov 2026 (last held 24 May 2026)"


@pytest.mark.parametrize(
    ("flag", "field", "kind"),
    [
        ("cp_plan", "next_cp_conference_on", "Child-protection conference overdue"),
        ("child_in_need", "next_cin_review_on", "Child-in-need review overdue"),
        ("looked_after", "next_cla_review_on", "Looked-after (CLA) review overdue"),
    ],
)
def test_each_meeting_overdue_only_while_its_flag_applies(flag, field, kind):
    held = SocialCare(7, virtual_school_head="Ann Lee", next_pep_on=TODAY)
    setattr(held, field, date(2026, 11, 24))
    items = rules.social_care_items(_pupil(**{flag: True}), held, TODAY)
    assert [i.kind for i in items] == [kind]
    assert "no earlier one recorded" in items[0].text
    assert rules.social_care_items(_pupil(), held, TODAY) == []
    setattr(held, field, TODAY)
    assert rules.social_care_items(_pupil(**{flag: True}), held, TODAY) == []


def test_an_ehcp_annual_review_overdue_for_a_pupil_with_an_ehcp():
    held = EhcpDetails(7, last_annual_review_on=date(2025, 11, 24))
    (item,) = rules.ehcp_items(_pupil(sen_status=SenStatus.EHCP), held, TODAY)
    assert item.kind == "EHCP annual review overdue" and item.when == date(2026, 11, 24)
    assert rules.ehcp_items(_pupil(sen_status=SenStatus.SEN_SUPPORT), held, TODAY) == []
    held.last_annual_review_on = date(2025, 11, 25)
    assert rules.ehcp_items(_pupil(sen_status=SenStatus.EHCP), held, TODAY) == []
    assert rules.ehcp_items(_pupil(sen_status=SenStatus.EHCP), None, TODAY) == []


def test_meetings_held_for_the_chronology_are_the_last_dates():
    social = SocialCare(7, last_pep_on=date(2026, 10, 1), next_pep_on=date(2027, 1, 20))
    ehcp = EhcpDetails(7, last_annual_review_on=date(2026, 3, 2))
    assert rules.meetings_held([social, ehcp, None]) == [
        (date(2026, 10, 1), "PEP held"),
        (date(2026, 3, 2), "EHCP annual review held"),
    ]


def test_a_meeting_held_slots_into_the_chronology_at_its_date():
    from apdesk.domain.chronology import build_chronology

    entries = build_chronology(7, meetings=[(date(2026, 10, 1), "PEP held")])
    assert [(e.kind, e.summary, e.ref) for e in entries] == [
        ("multi-agency", "PEP held", ("pupil", 7))
    ]


def test_today_watches_a_pupil_while_a_placement_is_open():
    from apdesk.domain.entities import Placement
    from apdesk.domain.enums import PlacementStatus

    def placement(status):
        return Placement(7, 1, date(2026, 9, 1), status=PlacementStatus(status))

    assert not rules.in_ap_now([])
    assert not rules.in_ap_now([placement(PlacementStatus.ENDED), placement("terminated")])
    for status in ("proposed", "authorised", "active"):
        assert rules.in_ap_now([placement(PlacementStatus.ENDED), placement(status)])


def test_a_looked_after_child_with_nothing_recorded_shows_the_dsl_both_gaps_by_name():
    child = Pupil("Robin", "Testcase", BORN, id=3, looked_after=True)
    assert rules.social_care_items(child, None, TODAY) == [
        rules.AgencyItem(
            "No virtual school head",
            "Robin Testcase is looked after but no virtual school head is recorded",
            TODAY,
        ),
        rules.AgencyItem(
            "No PEP recorded", "Robin Testcase is looked after but has no PEP date", TODAY
        ),
    ]


def test_an_overdue_annual_review_names_the_pupil_and_the_last_one_or_none():
    child = Pupil("Robin", "Testcase", BORN, id=3, sen_status=SenStatus.EHCP)
    planned = EhcpDetails(3, next_annual_review_on=date(2026, 11, 1))
    assert rules.ehcp_items(child, planned, TODAY) == [
        rules.AgencyItem(
            "EHCP annual review overdue",
            "Robin Testcase: EHCP annual review was due 1 Nov 2026 (no earlier one recorded)",
            date(2026, 11, 1),
        )
    ]


def test_meeting_dates_in_the_future_or_before_birth_are_refused_in_words():
    assert rules.meeting_problems(rules.PEP, date(2026, 12, 1), None, TODAY, BORN) == [
        "The last PEP is dated 1 Dec 2026, which is in the future: record a meeting once it "
        "has been held, and put a planned one as the next."
    ]
    assert rules.meeting_problems(rules.PEP, date(2011, 1, 1), date(2011, 2, 1), TODAY, BORN) == [
        "The last PEP (1 Jan 2011) is before the pupil was born (4 Mar 2012).",
        "The next PEP (1 Feb 2011) is before the pupil was born (4 Mar 2012).",
    ]


def test_a_pupil_with_no_record_does_not_stop_the_next_pupils_meetings_reaching_the_chronology():
    held = rules.meetings_held([None, SocialCare(3, last_pep_on=date(2026, 10, 1))])
    assert held == [(date(2026, 10, 1), "PEP held")]
