"""Annex A (per placement) and Annex B (per provider) checklists, worded exactly as the policy.

Item keys are stable identifiers stored in `ChecklistItemState.key`. The texts are data,
``resources/data/policy-wording-1.0.json`` (the Alternative Provision Policy v1.0, March
2026, verbatim), read by `policy_wording`; the names here are that shipped wording. A school
that loads a newer version gets it from `services.policy.wording_in_force`; its line ids
are these.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from apdesk.domain.calendar import add_months
from apdesk.domain.entities.checklist_state import (
    AnnexAItemState,
    AnnexBItemState,
    ChecklistItemState,
)
from apdesk.domain.policy_wording import AnnexBSection, ChecklistItem, shipped_wording

__all__ = [
    "ANNEX_A",
    "ANNEX_A_TITLE",
    "ANNEX_B",
    "ANNEX_B_ITEMS",
    "ANNEX_B_SIGN_OFF",
    "ANNEX_B_TICK_MONTHS",
    "ANNEX_B_TITLE",
    "AnnexBSection",
    "ChecklistItem",
    "annex_a_outstanding",
    "annex_b_complete",
    "annex_b_expired",
    "annex_b_lapsed_since",
    "annex_b_lapsing",
    "annex_b_outstanding",
    "blank_annex_a",
    "blank_annex_b",
    "tick_expired",
    "tick_lapses_on",
]


_SHIPPED = shipped_wording()
ANNEX_A_TITLE = _SHIPPED.annex_a_title
ANNEX_B_TITLE = _SHIPPED.annex_b_title
ANNEX_B_SIGN_OFF = _SHIPPED.annex_b_sign_off
ANNEX_A: tuple[ChecklistItem, ...] = _SHIPPED.annex_a
ANNEX_B: tuple[AnnexBSection, ...] = _SHIPPED.annex_b
ANNEX_B_ITEMS: tuple[ChecklistItem, ...] = _SHIPPED.annex_b_items
#: An Annex B tick counts for this many months from its date; then it must be checked again.
ANNEX_B_TICK_MONTHS = 12


def _outstanding(
    items: Iterable[ChecklistItem], states: Iterable[ChecklistItemState]
) -> list[ChecklistItem]:
    done = {s.key for s in states if s.done}
    return [item for item in items if item.key not in done]


def annex_a_outstanding(states: Iterable[ChecklistItemState]) -> list[ChecklistItem]:
    """Annex A items not yet ticked, in policy order."""
    return _outstanding(ANNEX_A, states)


def annex_b_outstanding(states: Iterable[ChecklistItemState]) -> list[ChecklistItem]:
    """Annex B requirements not yet ticked, in policy order."""
    return _outstanding(ANNEX_B_ITEMS, states)


def tick_lapses_on(done_on: date) -> date:
    """The first day an Annex B tick no longer counts: the day after twelve months on."""
    return add_months(done_on, ANNEX_B_TICK_MONTHS) + timedelta(days=1)


def tick_expired(done_on: date | None, today: date) -> bool:
    """An Annex B tick with no date, or more than twelve months old today, no longer counts:
    the line must be checked and ticked again (the day twelve months on still counts)."""
    return done_on is None or tick_lapses_on(done_on) <= today


def annex_b_expired(states: Iterable[ChecklistItemState], today: date) -> list[ChecklistItem]:
    """Annex B requirements ticked, but more than twelve months ago, in policy order."""
    expired = {s.key for s in states if s.done and tick_expired(s.done_on, today)}
    return [item for item in ANNEX_B_ITEMS if item.key in expired]


def annex_b_lapsed_since(states: Iterable[ChecklistItemState], today: date) -> date | None:
    """The day the first of the expired ticks lapsed (today, for a tick with no date); None
    when none has."""
    return min(
        (
            tick_lapses_on(s.done_on) if s.done_on is not None else today
            for s in states
            if s.done and tick_expired(s.done_on, today)
        ),
        default=None,
    )


def annex_b_lapsing(
    states: Iterable[ChecklistItemState], today: date, days: int
) -> list[tuple[ChecklistItem, date]]:
    """Annex B requirements whose tick counts today but lapses within `days` days, each with
    the day it lapses (`tick_lapses_on`), in policy order: time to check them again."""
    lapses = {
        s.key: tick_lapses_on(s.done_on)
        for s in states
        if s.done and s.done_on is not None and not tick_expired(s.done_on, today)
    }
    horizon = today + timedelta(days=days)
    return [
        (item, lapses[item.key])
        for item in ANNEX_B_ITEMS
        if item.key in lapses and lapses[item.key] <= horizon
    ]


def annex_b_complete(states: Iterable[ChecklistItemState]) -> bool:
    return not annex_b_outstanding(states)


def blank_annex_a(placement_id: int | None = None) -> list[AnnexAItemState]:
    """One unticked state per Annex A item, for a new placement."""
    return [AnnexAItemState(key=i.key, placement_id=placement_id) for i in ANNEX_A]


def blank_annex_b(provider_id: int | None = None) -> list[AnnexBItemState]:
    """One unticked state per Annex B requirement, for a new provider."""
    return [AnnexBItemState(key=i.key, provider_id=provider_id) for i in ANNEX_B_ITEMS]
