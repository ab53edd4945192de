"""Annex A: the AP checklist for one placement, completed before the placement starts.

The ten items are the policy's own words, in the wording in force (its version printed under
the title, and on an authorised placement the version it was authorised under); each
row shows whether it is done (✔), when, and any note. The summary line above the table
says plainly whether the placement may start as far as Annex A is concerned.
"""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from apdesk.documents.base import DocumentSpec, build_pdf
from apdesk.documents.parts import letterhead_for, site_for, site_text, when
from apdesk.documents.styles import esc, format_date, grid_table, key_value_table, styles, tick
from apdesk.domain.checklists import annex_a_outstanding
from apdesk.domain.entities import AnnexAItemState, Placement, Provider, Pupil, School
from apdesk.domain.labels import label
from apdesk.domain.policy_wording import ChecklistItem, PolicyWording, shipped_wording

__all__ = ["render_annex_a"]


def _details(placement: Placement, pupil: Pupil, provider: Provider, width: float) -> Flowable:
    year = f" (Year {pupil.year_group})" if pupil.year_group is not None else ""
    pairs = [
        ("Pupil", pupil.legal_name + year),
        ("Provider", provider.name),
        ("Ofsted URN", provider.ofsted_urn or "Not registered"),
        ("Where", site_text(site_for(placement, provider))),
        ("Reason", label(placement.reason)),
        ("Dates", f"{when(placement.start_date)} to {when(placement.planned_end_date)}"),
        ("School lead", placement.school_lead or "Not recorded"),
    ]
    return key_value_table(pairs, [0.22 * width, 0.78 * width])


def _summary(states: list[AnnexAItemState], total: int) -> Paragraph:
    outstanding = annex_a_outstanding(states)
    if not outstanding:
        text = f"<b>Complete:</b> all {total} items are in place."
    else:
        text = (
            f"<b>Not complete:</b> {total - len(outstanding)} of {total} items are in place. "
            "The placement cannot start until every item is ticked."
        )
    return Paragraph(text, styles().body)


def _tick_header() -> Paragraph:
    return Paragraph(tick(), styles().cell_header_centre)


def _rows(items: tuple[ChecklistItem, ...], states: list[AnnexAItemState]) -> list[list[object]]:
    s = styles()
    by_key = {state.key: state for state in states}
    rows: list[list[object]] = []
    for number, item in enumerate(items, start=1):
        state = by_key.get(item.key)
        done = state is not None and state.done
        mark = Paragraph(tick(), s.centre) if done else ""
        day = format_date(state.done_on, missing="") if done and state else "Outstanding"
        rows.append([str(number), item.text, mark, day, state.note if state else ""])
    return rows


def _version(wording: PolicyWording, placement: Placement) -> Paragraph:
    text = wording.label
    if placement.annex_a_version:
        text += f"; authorised under version {placement.annex_a_version}"
    return Paragraph(esc(text), styles().small)


def render_annex_a(
    placement: Placement,
    pupil: Pupil,
    provider: Provider,
    school: School,
    generated_on: date,
    wording: PolicyWording | None = None,
) -> bytes:
    """The Annex A checklist for one placement, as PDF bytes, in `wording` (else the shipped)."""
    wording = wording or shipped_wording()
    s = styles()
    spec = DocumentSpec("Annex A: AP checklist", letterhead_for(school), generated_on)
    width = spec.frame_width
    states = list(placement.annex_a)
    widths = [0.06 * width, 0.50 * width, 0.08 * width, 0.14 * width, 0.22 * width]
    story: list[Flowable] = [
        Paragraph(esc(wording.annex_a_title), s.title),
        _version(wording, placement),
        Spacer(1, 2 * mm),
        _details(placement, pupil, provider, width),
        Spacer(1, 5 * mm),
        _summary(states, len(wording.annex_a)),
        grid_table(
            ["No.", "Required documents", _tick_header(), "Date", "Note"],
            _rows(wording.annex_a, states),
            widths,
        ),
    ]
    return build_pdf(spec, [story])
