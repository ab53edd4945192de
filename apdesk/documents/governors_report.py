"""The termly quality-assurance report to governors (policy §12).

Outcomes, attendance (a chart against the 90% line), safeguarding incidents as counts by
category, reviews held on time, provider compliance and the plans. Its input,
``GovernorsReportData``, cannot hold a pupil's name or an incident's narrative; the
placements are numbered "Placement 1..n" in order of starting.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from apdesk.documents.base import DocumentSpec, build_pdf
from apdesk.documents.charts import BARS_PER_DRAWING, THRESHOLD, attendance_charts
from apdesk.documents.governors_data import GovernorsReportData, PlacementLine
from apdesk.documents.governors_figures import INCIDENT_GROUPS
from apdesk.documents.parts import fill_in_table, letterhead_for
from apdesk.documents.styles import (
    ACCENT,
    ACCENT_TINT,
    esc,
    format_date,
    grid_table,
    key_value_table,
    styles,
)
from apdesk.domain.entities import School
from apdesk.domain.enums import APReferralDecision, PlacementStatus
from apdesk.domain.formatting import format_duration, format_percent
from apdesk.domain.labels import label

__all__ = ["GovernorsReportData", "render_governors_report"]

_TITLE = "Alternative provision: termly report to governors"
_STARTED = (PlacementStatus.ACTIVE, PlacementStatus.ENDED, PlacementStatus.TERMINATED)


def _numbered(data: GovernorsReportData) -> list[tuple[str, PlacementLine]]:
    lines = sorted(data.placements, key=lambda p: (p.started_on, p.provider))
    return [(f"Placement {n}", line) for n, line in enumerate(lines, start=1)]


def _status(line: PlacementLine) -> str:
    if line.status is PlacementStatus.ENDED:
        outcome = f": {label(line.outcome)}" if line.outcome else ""
        return f"Ended {format_date(line.ended_on)}{outcome}"
    if line.status is PlacementStatus.TERMINATED:
        return f"Terminated {format_date(line.ended_on)}"
    return label(line.status)


def _ending(line: PlacementLine) -> str:
    if line.status is PlacementStatus.TERMINATED:
        return "Terminated"
    return label(line.outcome) if line.outcome else "Ended"


def _tiles(data: GovernorsReportData, width: float) -> Table:
    s, lines = styles(), data.placements
    figures = [
        (sum(data.in_term(p.started_on) and p.status in _STARTED for p in lines), "started"),
        (sum(p.status is PlacementStatus.ACTIVE for p in lines), "active"),
        (sum(data.in_term(p.ended_on) for p in lines), "ended"),
        (sum(data.incidents.values()), "incidents logged"),
    ]
    big = ParagraphStyle(
        "tile",
        parent=s.centre,
        fontName=s.title.fontName,
        fontSize=20,
        leading=24,
        textColor=ACCENT,
    )
    cells = [[Paragraph(str(n), big), Paragraph(esc(t), s.centre)] for n, t in figures]
    table = Table([cells], colWidths=[width / 4] * 4)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), ACCENT_TINT),
                ("LINEAFTER", (0, 0), (-2, -1), 3, colors.white),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def _outcomes(data: GovernorsReportData, width: float) -> list[Flowable]:
    s, numbered = styles(), _numbered(data)
    if not numbered:
        return [Paragraph("No placements were live this term.", s.body)]
    rows = [
        [
            name,
            line.provider,
            format_date(line.started_on),
            _status(line),
            format_percent(line.attendance_rate),
        ]
        for name, line in numbered
    ]
    widths = [0.16 * width, 0.30 * width, 0.15 * width, 0.24 * width, 0.15 * width]
    ended = Counter(_ending(line) for _, line in numbered if data.in_term(line.ended_on))
    summary = ", ".join(f"{kind.lower()} {n}" for kind, n in sorted(ended.items()))
    o = data.objectives
    progress = (
        f"Progress against the placements' {o.met + o.partly + o.not_yet} objectives, by the "
        f"latest rating at a review: met {o.met}, partly met {o.partly}, not yet {o.not_yet}. "
        f"Pupils reintegrated into school this term: {data.reintegrated}."
    )
    flowables: list[Flowable] = [
        grid_table(["Placement", "Provider", "Started", "Status", "Attendance"], rows, widths),
        Paragraph(esc(progress), s.body),
    ]
    if summary:
        flowables.insert(0, Paragraph(esc(f"Placements ended this term: {summary}."), s.body))
    return flowables


def _ap_referrals(data: GovernorsReportData) -> Paragraph:
    """How many pupils were referred for AP this term and what became of the referrals."""
    counts = data.ap_referrals
    total = sum(counts.values())
    if not total:
        return Paragraph(
            "No pupil was referred for alternative provision this term.", styles().body
        )
    parts = [f"{label(d).lower()} {counts[d]}" for d in APReferralDecision if counts.get(d)]
    if counts.get(None):
        parts.append(f"still being considered {counts[None]}")
    text = (
        f"{total} AP referral{'' if total == 1 else 's'} made this term: {', '.join(parts)}. "
        "Declined, withdrawn and local-authority referrals are kept with their reasons "
        "(Annex B 1.3)."
    )
    return Paragraph(esc(text), styles().body)


def _complaints(data: GovernorsReportData) -> Paragraph:
    """How many complaints about providers came in this term, and where they stand (§15)."""
    counts = data.complaints
    total = sum(counts.values())
    if not total:
        return Paragraph("No complaint about a provider was received this term.", styles().body)
    parts = ", ".join(f"{what.lower()} {n}" for what, n in sorted(counts.items()))
    text = (
        f"{total} complaint{'' if total == 1 else 's'} about providers received this term: "
        f"{parts}. Each is kept with its complainant, stages and outcome (§15)."
    )
    return Paragraph(esc(text), styles().body)


def _attendance(data: GovernorsReportData, width: float) -> list[Flowable]:
    s = styles()
    measured = [
        (name, line.attendance_rate)
        for name, line in _numbered(data)
        if line.attendance_rate is not None
    ]
    if not measured:
        return [Paragraph("No attendance was recorded this term.", s.body)]
    figures, cohort = data.attendance, data.attendance.cohort
    below = sum(rate * 100 < THRESHOLD for _, rate in measured)
    text = (
        f"All placements together: {format_percent(cohort.rate)} attendance "
        f"({cohort.present} of {cohort.possible} possible sessions). Sessions missed: "
        f"{cohort.authorised} authorised, {cohort.unauthorised} unauthorised and "
        f"{cohort.unmarked} expected sessions not yet coded (counted as absent). "
        f"Persistent absence (10% or more missed): {figures.persistent} of {figures.measured} "
        f"placements; severe absence (50% or more): {figures.severe}."
    )
    chart_text = (
        f"Attendance over the term for each placement. The dashed line marks 90%: "
        f"{below} of {len(measured)} placements are below the line."
    )
    if len(measured) > BARS_PER_DRAWING:
        chart_text += (
            f" The chart shows {BARS_PER_DRAWING} placements at a time, in the order of the "
            "table of placements."
        )
    names, rates = [n for n, _ in measured], [r for _, r in measured]
    parts: list[Flowable] = [Paragraph(esc(text), s.body), Paragraph(esc(chart_text), s.body)]
    charts = attendance_charts(names, rates, width)
    for at, chart in enumerate(charts):
        if len(charts) > 1:
            first = at * BARS_PER_DRAWING
            shown = f"{names[first]} to {names[min(first + BARS_PER_DRAWING, len(names)) - 1]}"
            parts.append(KeepTogether([Paragraph(esc(shown), s.label), chart]))
        else:
            parts.append(chart)
    return parts


def _incidents(data: GovernorsReportData, width: float) -> list[Flowable]:
    s, figures = styles(), data.incident_figures
    rows = []
    for group, categories in INCIDENT_GROUPS:
        for category in categories:
            rows.append([group, label(category), str(data.incidents.get(category, 0))])
            group = ""
    rows.append(["Total", "", str(sum(data.incidents.values()))])
    note = (
        "Counts only, by category. Details of each incident are held by the Designated "
        "Safeguarding Lead and are not shared in this report."
    )
    table = grid_table(
        ["Group", "Category", "Number"], rows, [0.3 * width, 0.4 * width, 0.15 * width]
    )
    made = sum(figures.referrals.values())
    if made:
        agencies = ", ".join(f"{label(a)} {n}" for a, n in figures.referrals.items() if n)
        referrals = (
            f"Referrals made to other agencies: {made} ({agencies}). Of the incidents referred, "
            f"{figures.referred_closed} closed with a decision recorded and "
            f"{figures.referred_open} still open."
        )
    else:
        referrals = "No referrals were made to other agencies."
    if figures.median_notice is None:
        notice = "No provider told the school of an incident this term."
    else:
        notice = (
            f"Median time for a provider to tell the school of an incident: "
            f"{format_duration(figures.median_notice)} (over {figures.notified} incidents)."
        )
    return [Paragraph(esc(note), s.small), table, Spacer(1, 2 * mm),
            Paragraph(esc(referrals), s.body), Paragraph(esc(notice), s.body)]  # fmt: skip


def _reviews(data: GovernorsReportData) -> Paragraph:
    if not data.reviews_due:
        text = "No reviews fell due this term."
    else:
        rate = format_percent(data.reviews_on_time / data.reviews_due)
        text = (
            f"{data.reviews_on_time} of {data.reviews_due} reviews due were held on time ({rate})."
            " Only reviews the schedule asked for count: none after a placement ended or was"
            " terminated."
        )
    return Paragraph(esc(text), styles().body)


def _providers(data: GovernorsReportData, width: float) -> Flowable:
    rows = [
        [
            p.name,
            p.state,
            f"{p.annex_b_done} of {p.annex_b_total}",
            format_date(p.annex_b_signed_on, missing="Not signed"),
            p.note or "None",
        ]
        for p in data.providers
    ]
    widths = [0.22 * width, 0.12 * width, 0.12 * width, 0.14 * width, 0.40 * width]
    header = ["Provider", "Vetting", "Annex B", "Signed off", "Notes"]
    return grid_table(header, rows, widths)


def _plans(data: GovernorsReportData) -> list[Flowable]:
    s = styles()
    blocks = [b.strip() for b in data.plans.split("\n\n") if b.strip()]
    if not blocks:
        return [Paragraph("The Headteacher has not written plans for this term.", s.body)]
    written = (
        f"Written by the Headteacher on {format_date(data.plans_written_on)}."
        if data.plans_written_on
        else "Written by the Headteacher."
    )
    return [Paragraph(esc(written), s.small)] + [
        Paragraph(esc(b).replace("\n", "<br/>"), s.body) for b in blocks
    ]


def _sign_off(
    data: GovernorsReportData, school: School, prepared_by: str, as_of: date, width: float
) -> Flowable:
    """Who prepared it, the date it is signed off as of (a past term's end), and a line for
    the Headteacher's signature."""
    s = styles()
    ended = " (the end of the term)" if as_of == data.term_end else ""
    pairs = [
        ("Prepared by", prepared_by or "Not recorded"),
        ("Signed off as at", f"{format_date(as_of)}{ended}"),
        ("Headteacher", school.headteacher or "Not recorded in the school's details"),
    ]
    note = (
        f"The Headteacher signs below to confirm this report as the record of {data.term_name} "
        f"as it stood on {format_date(as_of)}."
    )
    return KeepTogether(
        [
            Paragraph("Sign-off", s.h1),
            key_value_table(pairs, [0.25 * width, 0.75 * width]),
            Spacer(1, 2 * mm),
            Paragraph(esc(note), s.small),
            fill_in_table(
                ["Headteacher's signature", "Date signed"], [0.7 * width, 0.3 * width], 16 * mm
            ),
        ]
    )


def render_governors_report(
    data: GovernorsReportData, school: School, generated_on: date, prepared_by: str = ""
) -> bytes:
    """The termly report as PDF bytes; `prepared_by` names who made it in the sign-off."""
    s = styles()
    spec = DocumentSpec(_TITLE, letterhead_for(school), generated_on)
    width = spec.frame_width
    period = f"{data.term_name}: {format_date(data.term_start)} to {format_date(data.term_end)}"
    as_of = data.as_of or generated_on
    when = "the end of the term" if as_of == data.term_end else "the date of this report"
    story: list[Flowable] = [
        Paragraph(_TITLE, s.title),
        Paragraph(esc(period), s.h2),
        Paragraph(esc(f"Figures as at {format_date(as_of)}, {when}."), s.small),
        Paragraph("Pupils are not named in this report (policy §12 and §13).", s.small),
        Spacer(1, 3 * mm),
        _tiles(data, width),
        Paragraph("Placements and outcomes", s.h1),
        *_outcomes(data, width),
        Paragraph("Referrals for alternative provision", s.h1),
        _ap_referrals(data),
        KeepTogether([Paragraph("Attendance", s.h1), *_attendance(data, width)]),
        KeepTogether([Paragraph("Safeguarding incidents", s.h1), *_incidents(data, width)]),
        Paragraph("Reviews", s.h1),
        _reviews(data),
        Paragraph("Complaints about providers", s.h1),
        _complaints(data),
        Paragraph("Provider compliance", s.h1),
        _providers(data, width),
        Paragraph("Plans", s.h1),
        *_plans(data),
        _sign_off(data, school, prepared_by, as_of, width),
    ]
    return build_pdf(spec, [story])
