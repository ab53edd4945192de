"""Annex B: the provider compliance checklist, with its sign-off and a PAdES signature field.

Six sections and 22 requirements in the policy's words (the wording in force, whose version
is printed under the title and, on a signed copy, in the sign-off),
each completed ✔ with its date (a tick more than twelve months old is marked Expired and
not counted) and, under its wording, what APDesk holds for it and what in
APDesk's own records contradicts it (``domain.annex_b_evidence``); a signed copy prints the
Headteacher's written reason for each contradicted tick. Then the sign-off block: name,
position, signature, date.
The signature cell holds an empty PDF signature field, ``HeadteacherSignature``, placed
exactly over the drawn box, so ``signing.sign_pdf`` puts the Headteacher's digital
signature where a handwritten one would go. The footer carries the audit chain head.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from apdesk.documents.base import DocumentSpec, build_pdf
from apdesk.documents.parts import letterhead_for
from apdesk.documents.signing import HEADTEACHER_FIELD, SignatureBox, add_signature_field
from apdesk.documents.styles import (
    GRID,
    MUTED,
    esc,
    format_date,
    grid_table,
    key_value_table,
    styles,
    tick,
)
from apdesk.domain.annex_b_evidence import LineEvidence
from apdesk.domain.checklists import annex_b_expired, annex_b_outstanding, tick_expired
from apdesk.domain.entities import AnnexBItemState, AnnexBSignOff, Provider, School
from apdesk.domain.formatting import counted as count_of
from apdesk.domain.policy_wording import AnnexBSection, PolicyWording, shipped_wording

__all__ = ["ANNEX_B_SIGNING_REASON", "render_annex_b"]

ANNEX_B_SIGNING_REASON = "Annex B compliance checklist signed off"
AGAINST = colors.HexColor("#A4262C")
Evidence = Mapping[str, LineEvidence]


class SignatureArea(Flowable):  # type: ignore[misc]  # ReportLab has no type hints
    """A dashed box that remembers where it was drawn, for the signature field."""

    def __init__(self, width: float, height: float, placed: list[SignatureBox]) -> None:
        super().__init__()
        self.width, self.height, self.placed = width, height, placed

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(GRID)
        canv.setDash(2, 2)
        canv.rect(0, 0, self.width, self.height)
        canv.restoreState()
        x, y = canv.absolutePosition(0, 0)
        self.placed.append(SignatureBox(canv.page_index, x, y, x + self.width, y + self.height))


def _evidence(line: LineEvidence | None) -> str:
    """Markup under a line's words: what APDesk holds (muted) and what contradicts it (red)."""
    if line is None:
        return ""
    muted, red = MUTED.hexval()[2:], AGAINST.hexval()[2:]
    parts = [
        f'<font size="8" color="#{muted}"><i>APDesk holds:</i> {esc(t)}</font>' for t in line.held
    ]
    parts += [
        f'<font size="8" color="#{red}"><b>Contradicts:</b> {esc(t)}</font>'
        for t in line.contradictions
    ]
    return "".join(f"<br/>{part}" for part in parts)


def _section(
    section: AnnexBSection,
    by_key: dict[str, AnnexBItemState],
    width: float,
    evidence: Evidence,
    today: date,
) -> Table:
    s = styles()
    rows: list[list[object]] = []
    for item in section.items:
        state = by_key.get(item.key)
        done = state is not None and state.done
        mark: object = Paragraph(tick(), s.centre) if done else ""
        if done and state and tick_expired(state.done_on, today):
            mark = Paragraph(
                f'<font color="#{AGAINST.hexval()[2:]}"><b>Expired</b></font>', s.centre
            )
        day = format_date(state.done_on, missing="") if done and state else "Outstanding"
        words = f"{esc(item.key)}  {esc(item.text)}{_evidence(evidence.get(item.key))}"
        rows.append([Paragraph(words, s.cell), mark, day])
    header = [
        Paragraph(f"{esc(section.heading)}<br/>Requirement", s.cell_header),
        Paragraph(f"Completed {tick()}", s.cell_header_centre),
        "Date",
    ]
    return grid_table(header, rows, [0.66 * width, 0.16 * width, 0.18 * width])


def _reasons(evidence: Evidence, reasons: Mapping[str, str], width: float) -> list[Flowable]:
    """The Headteacher's written reason for each ticked line APDesk's records contradict."""
    s = styles()
    rows: list[list[object]] = [
        [
            Paragraph(esc(key), s.cell),
            Paragraph(
                f'<font size="8" color="#{AGAINST.hexval()[2:]}"><i>APDesk\'s records:</i> '
                f"{esc(' '.join(line.contradictions))}</font><br/>"
                f"<b>Reason given:</b> {esc(reasons[key])}",
                s.cell,
            ),
        ]
        for key, line in evidence.items()
        if key in reasons
    ]
    if not rows:
        return []
    return [
        Paragraph("Reasons for ticks APDesk's records contradict", s.h1),
        grid_table(
            ["Line", "What APDesk holds against it, and the reason for the tick"],
            rows,
            [0.1 * width, 0.9 * width],
        ),
        Spacer(1, 3 * mm),
    ]


def _summary(
    states: list[AnnexBItemState], total: int, today: date, evidence: Evidence
) -> list[Flowable]:
    """How many lines are ticked and in date, and, in red, the ticks that no longer count
    (over twelve months old) and those APDesk's own records contradict."""
    left = len(annex_b_outstanding(states))
    expired = len(annex_b_expired(states, today))
    counted = total - left - expired
    if counted == total:
        text = f"<b>All {total} requirements are completed.</b>"
    else:
        parts = [f"{left} outstanding"] if left else []
        if expired:
            parts.append(
                f"{expired} ticked more than twelve months ago (marked Expired), "
                "to be checked and ticked again"
            )
        text = f"<b>{counted} of {total} requirements are completed;</b> {'; '.join(parts)}."
    story: list[Flowable] = [Paragraph(text, styles().body)]
    ticked = {s.key for s in states if s.done}
    against = [key for key, line in evidence.items() if line.contradicted and key in ticked]
    if against:
        story.append(
            Paragraph(
                f'<font color="#{AGAINST.hexval()[2:]}"><b>APDesk\'s own records contradict '
                f"{count_of(len(against), 'ticked line')}: {', '.join(against)}.</b> "
                "What they hold is printed under each line.</font>",
                styles().body,
            )
        )
    return story


def _sign_off(sign_off: AnnexBSignOff | None, width: float, placed: list[SignatureBox]) -> Table:
    s = styles()
    half = width / 2

    def cell(caption: str, value: str) -> Paragraph:
        return Paragraph(f"<b>{caption}</b> {esc(value)}", s.body)

    name, position = (sign_off.name, sign_off.position) if sign_off else ("", "")
    signed = format_date(sign_off.signed_on) if sign_off else ""
    box = SignatureArea(half - 12, 20 * mm, placed)
    table = Table(
        [
            [cell("Name:", name), cell("Position:", position)],
            [[Paragraph("<b>Signature:</b>", s.body), box], cell("Date:", signed)],
        ],
        colWidths=[half, half],
    )
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, GRID),
                ("INNERGRID", (0, 0), (-1, -1), 0.4, GRID),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def _story(
    wording: PolicyWording,
    provider: Provider,
    sign_off: AnnexBSignOff | None,
    width: float,
    placed: list[SignatureBox],
    evidence: Evidence,
    reasons: Mapping[str, str],
    today: date,
) -> list[Flowable]:
    s = styles()
    by_key = {state.key: state for state in provider.annex_b}
    names = [
        ("Alternative Provision Name:", provider.name),
        ("Responsible Staff Member:", provider.annex_b_responsible or "Not recorded"),
    ]
    story: list[Flowable] = [
        Paragraph(esc(wording.annex_b_title), s.title),
        Paragraph(esc(wording.label), s.small),
        Spacer(1, 2 * mm),
        key_value_table(names, [0.34 * width, 0.66 * width]),
        Spacer(1, 4 * mm),
        *_summary(list(provider.annex_b), len(wording.annex_b_items), today, evidence),
    ]
    for section in wording.annex_b:
        table = _section(section, by_key, width, evidence, today)
        story += [Spacer(1, 3 * mm), KeepTogether(table)]
    story += _reasons(evidence, reasons, width)
    sign_block = [
        Paragraph("Sign-Off", s.h1),
        Paragraph(esc(wording.annex_b_sign_off), s.body),
        _sign_off(sign_off, width, placed),
        Spacer(1, 2 * mm),
        Paragraph(
            "The signature is a digital signature. APDesk checks it, and any change to this "
            "document after signing shows as altered."
            + (
                f" Signed under policy wording version {esc(sign_off.policy_version)}."
                if sign_off and sign_off.policy_version
                else ""
            ),
            s.small,
        ),
    ]
    return [*story, KeepTogether(sign_block)]


def render_annex_b(
    provider: Provider,
    school: School,
    generated_on: date,
    *,
    sign_off: AnnexBSignOff | None = None,
    audit_chain_head: str | None = None,
    evidence: Evidence | None = None,
    reasons: Mapping[str, str] | None = None,
    wording: PolicyWording | None = None,
) -> bytes:
    """Annex B for one provider, with an empty ``HeadteacherSignature`` field to sign.

    ``sign_off`` fills in name, position and date (blank if None); ``audit_chain_head``
    is printed in the footer of every page. ``evidence`` (by line key) is printed under
    each line; ``reasons`` (by line key) are the signer's reasons for contradicted ticks;
    ``wording`` is the policy wording in force (the shipped one if None).
    """
    footer = f"Audit chain head: {audit_chain_head}" if audit_chain_head else None
    spec = DocumentSpec(
        "Annex B: compliance checklist",
        letterhead_for(school),
        generated_on,  # marked (the default): the lines' evidence names pupils
        footer_text=footer,
    )
    placed: list[SignatureBox] = []
    story = _story(
        wording or shipped_wording(),
        provider,
        sign_off,
        spec.frame_width,
        placed,
        evidence or {},
        reasons or {},
        generated_on,
    )
    pdf = build_pdf(spec, [story])
    return add_signature_field(pdf, placed[-1], HEADTEACHER_FIELD)
