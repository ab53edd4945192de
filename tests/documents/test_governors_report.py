"""The termly report to governors (§12): outcomes, attendance, incident counts, no names."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from apdesk.documents.charts import BARS_PER_DRAWING, attendance_chart, attendance_charts
from apdesk.documents.governors_data import GovernorsReportData, PlacementLine, build_report_data
from apdesk.documents.governors_report import render_governors_report
from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.enums import IncidentCategory, PlacementStatus
from tests.documents import fixtures as fx
from tests.documents.conftest import GENERATED_ON, pdf_text, render_png

PLANS = "Visit Hilltop Tutoring in January.\n\nRenew the Riverside insurance before it lapses."


@pytest.fixture(scope="module")
def data() -> GovernorsReportData:
    school = fx.school()
    placements, marks, reviews, incidents = fx.autumn_records()
    return build_report_data(
        school.terms[0],
        placements,
        [fx.riverside(), fx.hilltop()],
        marks,
        reviews,
        incidents,
        SchoolCalendar.for_school(school),
        today=GENERATED_ON,
        plans=PLANS,
    )


@pytest.fixture(scope="module")
def report(data) -> bytes:
    return render_governors_report(data, fx.school(), GENERATED_ON)


def test_data_is_aggregated_from_the_terms_records(data):
    # The rate counts expected sessions left unmarked (domain.attendance.summarise): Zoe's
    # 22 marked B plus 11 Tue/Fri mornings of her pattern with no mark give 22 of 33.
    assert [round(p.attendance_rate or 0, 3) for p in data.placements] == [0.356, 0.0, 0.667]
    assert data.incidents[IncidentCategory.BEHAVIOUR] == 2
    assert data.incidents[IncidentCategory.SAFEGUARDING_CONCERN] == 1
    assert sum(data.incidents.values()) == 3
    assert 0 < data.reviews_on_time < data.reviews_due
    assert [p.state for p in data.providers] == ["Approved", "Lapsed"]


def test_annex_b_ticks_over_twelve_months_old_are_not_counted_for_governors():
    school = fx.school()
    riverside = fx.riverside()  # all 22 ticked on 1 Sep 2026
    for state in riverside.annex_b[:3]:
        state.done_on = date(2025, 11, 27)  # a year and a day before the report
    data = build_report_data(
        school.terms[0], [], [riverside], [], [], [], SchoolCalendar.for_school(school),
        today=GENERATED_ON,
    )  # fmt: skip
    line = data.providers[0]
    assert (line.annex_b_done, line.annex_b_total) == (19, 22)
    assert line.note == "Annex B: 3 ticks more than twelve months old, not counted."


def test_no_pupil_name_reaches_the_report(report):
    text = pdf_text(report)
    for name in (*fx.PUPIL_NAMES, "Wisniewska", "Amelia", "Zoe"):
        assert name not in text
    assert "disclosed" not in text and "corridor" not in text  # no narrative either


def test_report_shows_outcomes_attendance_incidents_reviews_compliance_and_plans(report):
    text = pdf_text(report)
    for expected in (
        "Autumn 2026: 2 Sep 2026 to 18 Dec 2026",
        "Placement 1 Hilltop Tutoring 14 Sep 2026 Ended 20 Nov 2026: Reintegrated 66.7%",
        "Pupils reintegrated into school this term: 1.",
        "met 0, partly met 0, not yet 6",
        "All placements together: 48.7% attendance (38 of 78 possible sessions)",
        "0 authorised, 6 unauthorised and 34 expected sessions not yet coded",
        "Persistent absence (10% or more missed): 2 of 2 placements;",
        "severe absence (50% or more): 1.",
        "Safeguarding Safeguarding concern 1 Child-on-child abuse 0",
        "Accidents and absence Serious accident 0",
        "Behaviour Behaviour 2 Complaints Complaint 0",
        "No referrals were made to other agencies.",
        "Figures as at 28 Nov 2026, the date of this report.",
        "Placements ended this term: reintegrated 1.",
        "90%",
        "2 of 2 placements are below the line",
        "Safeguarding concern 1",
        "Behaviour 2",
        "Child-on-child abuse 0",
        "Total 3",
        "Written by the Headteacher.",
        "reviews due were held on time",
        "Riverside Learning Centre Approved 22 of 22 25 Sep 2026",
        "Hilltop Tutoring Lapsed 0 of 22 Not signed Insurance expired on 31 Oct 2026.",
        "Visit Hilltop Tutoring in January.",
        "Renew the Riverside insurance",
    ):
        assert expected in text, expected


def test_an_empty_term_still_reads_well():
    empty = GovernorsReportData("Summer 2027", date(2027, 4, 12), date(2027, 7, 21))
    text = pdf_text(render_governors_report(empty, fx.school(), GENERATED_ON))
    assert "No placements were live this term." in text
    assert "No attendance was recorded this term." in text
    assert (
        "No reviews fell due this term." in text
        and "The Headteacher has not written plans for this term." in text
    )


def test_placements_are_numbered_in_order_of_starting():
    lines = [
        PlacementLine("Later Ltd", PlacementStatus.ACTIVE, date(2026, 10, 1), attendance_rate=0.5),
        PlacementLine("Earlier Ltd", PlacementStatus.ACTIVE, date(2026, 9, 7), attendance_rate=1),
    ]
    report = GovernorsReportData("Autumn", date(2026, 9, 2), date(2026, 12, 18), lines)
    text = pdf_text(render_governors_report(report, fx.school(), GENERATED_ON))
    assert "Placement 1 Earlier Ltd" in text and "Placement 2 Later Ltd" in text


def test_chart_grows_with_the_placements():
    small = attendance_chart(["Placement 1"], [0.95], 400)
    large = attendance_chart([f"Placement {n}" for n in range(10)], [0.5] * 10, 400)
    assert large.height > small.height and small.width == 400


def _many(count: int) -> GovernorsReportData:
    lines = [
        PlacementLine(
            f"Provider {n % 7}",
            PlacementStatus.ACTIVE,
            date(2026, 9, 2) + timedelta(days=n % 60),
            attendance_rate=(n * 37 % 101) / 100,
        )
        for n in range(count)
    ]
    return GovernorsReportData("Autumn 2026", date(2026, 9, 2), date(2026, 12, 18), lines)


@pytest.mark.parametrize("count", [33, 60, 200])
def test_the_chart_continues_over_pages_for_any_number_of_placements(count):
    pdf = render_governors_report(_many(count), fx.school(), GENERATED_ON)
    text = pdf_text(pdf)
    pieces = -(-count // BARS_PER_DRAWING)
    assert f"{BARS_PER_DRAWING} placements at a time" in text
    for piece in range(pieces):
        last = min((piece + 1) * BARS_PER_DRAWING, count)
        assert f"Placement {piece * BARS_PER_DRAWING + 1} to Placement {last}" in text
    assert f"of {count} placements are below the line" in text


def test_a_chart_in_pieces_keeps_every_bar_in_order():
    names = [f"Placement {n}" for n in range(1, 61)]
    charts = attendance_charts(names, [0.5] * 60, 400)
    assert [len(c.contents[0].categoryAxis.categoryNames) for c in charts] == [25, 25, 10]
    assert charts[2].contents[0].categoryAxis.categoryNames[-1] == "Placement 60"
    assert max(c.height for c in charts) < 600  # fits an A4 frame with room for a caption


def test_report_renders(report, tmp_path):
    assert render_png(report, tmp_path)


def test_a_past_terms_report_is_as_the_term_stood_at_its_end():
    school = fx.school()
    placements, marks, reviews, incidents = fx.autumn_records()
    later = date(2027, 2, 1)
    data = build_report_data(
        school.terms[0],
        placements,
        [fx.riverside(), fx.hilltop()],
        marks,
        reviews,
        incidents,
        SchoolCalendar.for_school(school),
        today=later,
    )
    assert data.as_of == date(2026, 12, 18)
    pdf = render_governors_report(data, school, data.as_of, prepared_by="Sam Patel, DSL")
    text = pdf_text(pdf)
    assert "Figures as at 18 Dec 2026, the end of the term." in text
    assert "Generated 18 Dec 2026" in text and "1 Feb 2027" not in text
    assert "Prepared by Sam Patel, DSL" in text
    assert "Signed off as at 18 Dec 2026 (the end of the term)" in text
    assert f"Headteacher {school.headteacher}" in text
    assert "record of Autumn 2026 as it stood on 18 Dec 2026" in text
    assert "Headteacher's signature Date signed" in text


def test_a_current_terms_report_is_signed_off_as_at_its_date(report):
    text = pdf_text(report)
    assert "Signed off as at 28 Nov 2026 Headteacher" in text
    assert "(the end of the term)" not in text
    assert "Prepared by Not recorded" in text


def test_ap_referrals_of_the_term_are_counted_never_named():
    from apdesk.domain.entities import APReferral
    from apdesk.domain.enums import APReferralDecision

    school = fx.school()
    term = school.terms[0]
    made = term.start + timedelta(days=10)

    def referral(decision: APReferralDecision | None, on: date = made) -> APReferral:
        return APReferral(1, on, "Persistent disruption", "Head of Year", decision=decision)

    referrals = [
        referral(APReferralDecision.PLACED),
        referral(APReferralDecision.DECLINED),
        referral(APReferralDecision.DECLINED),
        referral(None),
        referral(APReferralDecision.WITHDRAWN, term.start - timedelta(days=1)),  # last term
    ]
    data = build_report_data(
        term, [], [], [], [], [], SchoolCalendar.for_school(school), today=GENERATED_ON,
        ap_referrals=referrals,
    )  # fmt: skip
    text = pdf_text(render_governors_report(data, school, GENERATED_ON))
    assert "4 AP referrals made this term: placed 1, declined 2, still being considered 1." in text
    assert "withdrawn" not in text.split("AP referrals made this term")[1].split(".")[0]
    empty = GovernorsReportData("Summer 2027", date(2027, 4, 12), date(2027, 7, 21))
    text = pdf_text(render_governors_report(empty, school, GENERATED_ON))
    assert "No pupil was referred for alternative provision this term." in text


def test_complaints_of_the_term_are_counted_as_they_stood_never_named():
    from apdesk.domain.entities import Complaint
    from apdesk.domain.enums import ComplaintOutcome, ComplaintStage

    school = fx.school()
    term = school.terms[0]
    made = term.start + timedelta(days=10)

    def complaint(on: date = made, **changes: object) -> Complaint:
        return Complaint("Sam Parent", on, provider_id=1, summary="Late pick-up", **changes)  # type: ignore[arg-type]

    complaints = [
        complaint(),
        complaint(stage=ComplaintStage.LOCAL_AUTHORITY),
        complaint(closed_on=made, outcome=ComplaintOutcome.UPHELD),
        complaint(closed_on=GENERATED_ON + timedelta(days=1), outcome=ComplaintOutcome.UPHELD),
        complaint(term.start - timedelta(days=1)),  # last term
        complaint(GENERATED_ON + timedelta(days=1)),  # after the figures' date
    ]
    data = build_report_data(
        term, [], [], [], [], [], SchoolCalendar.for_school(school), today=GENERATED_ON,
        complaints=complaints,
    )  # fmt: skip
    text = " ".join(pdf_text(render_governors_report(data, school, GENERATED_ON)).split())
    assert (
        "4 complaints about providers received this term: open at the headteacher stage 2, "
        "open at the local authority stage 1, upheld 1." in text
    )
    assert "Sam Parent" not in text and "Late pick-up" not in text
    empty = GovernorsReportData("Summer 2027", date(2027, 4, 12), date(2027, 7, 21))
    text = pdf_text(render_governors_report(empty, school, GENERATED_ON))
    assert "No complaint about a provider was received this term." in text
